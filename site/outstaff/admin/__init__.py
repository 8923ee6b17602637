"""The admin console. Every view here is wrapped in `admin_required` (404 for others)."""

from flask import Blueprint

from outstaff.auth import admin_required

bp = Blueprint("admin", __name__)


@bp.before_request
@admin_required
def _only_admins():
    """Runs before every admin view: non-admins get 404 whatever the route."""


# Console pages: approvals (listing), analytics and policy (privacy), the rest (admin).
from outstaff.admin import (  # noqa: E402,F401
    analytics,
    approvals,
    audit,
    inbox,
    policy,
    user_actions,
    users,
    views,
)
