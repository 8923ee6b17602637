"""The admin console: every URL under /admin answers 404 to anyone but an admin who passed
two-factor in this session, matched or not, with or without a trailing slash."""

from flask import Blueprint, abort, request

from outstaff.access import admin_required, is_admin

PREFIX = "/admin"


class AdminBlueprint(Blueprint):
    """Every view added here is wrapped in `admin_required` (so declares access "admin"), and
    answers with or without a trailing slash: werkzeug's redirect (308) to the canonical
    form would show strangers that the page exists."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._guarded = {}  # one wrapper per view, so a view may have several rules

    def add_url_rule(self, rule, endpoint=None, view_func=None, **options):
        options.setdefault("strict_slashes", False)
        if view_func is not None:
            view_func = self._guarded.setdefault(view_func, admin_required(view_func))
        super().add_url_rule(rule, endpoint, view_func, **options)


bp = AdminBlueprint("admin", __name__, url_prefix=PREFIX)


@bp.before_app_request
def _hide_unrouted_admin_urls():
    """A URL under /admin that matched no view (a wrong method: 405; a stray slash) is
    answered by werkzeug before any admin view runs: it too is 404 to everyone else."""
    path = request.path
    under_admin = path == PREFIX or path.startswith(PREFIX + "/")
    if under_admin and request.routing_exception is not None and not is_admin():
        abort(404)


# Console pages: approvals (listing), analytics and policy (privacy), the rest (admin).
from outstaff.admin import (  # noqa: E402,F401
    analytics,
    approvals,
    audit,
    inbox,
    policy,
    queue,
    rates,
    user_actions,
    users,
    views,
)
