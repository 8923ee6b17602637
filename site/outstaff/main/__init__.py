from flask import Blueprint

bp = Blueprint("main", __name__)

from outstaff.main import layout, page_parts, views  # noqa: E402,F401
