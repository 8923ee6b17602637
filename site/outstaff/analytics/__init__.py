"""First-party page-view counts, recorded only after the visitor accepts analytics cookies."""

from flask import Blueprint

bp = Blueprint("analytics", __name__)

from outstaff.analytics import service  # noqa: E402,F401  (the after-request hook)

bp.record_once(lambda state: service.init_app(state.app))
