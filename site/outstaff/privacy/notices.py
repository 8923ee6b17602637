"""What `_notices.html` asks on every page: the cookie banner and the policy notice."""

from datetime import timedelta

from flask import request
from flask_login import current_user
from sqlalchemy.exc import SQLAlchemyError

from outstaff.core.extensions import db
from outstaff.models import PolicyVersion, utcnow
from outstaff.privacy import bp, consent
from outstaff.privacy.policy import current_version, current_version_number, localized

SEEN_EVERY = timedelta(hours=12)


@bp.app_template_global()
def cookie_banner_needed() -> bool:
    """Before a choice, on every page but the cookie settings page (which asks itself)."""
    return consent.choice() is None and request.endpoint != "privacy.cookies"


@bp.app_template_global()
def here() -> str:
    """This page's path, for a form's `next` that brings the visitor back to it."""
    return request.full_path.rstrip("?") if request.query_string else request.path


@bp.app_template_global()
def policy_notice() -> PolicyVersion | None:
    """The policy version a signed-in user has not acknowledged yet, if any."""
    if not current_user.is_authenticated:
        return None
    try:
        if current_user.policy_acknowledged >= current_version_number():
            return None
        return current_version()
    except SQLAlchemyError:  # an error page while the database is down still renders
        db.session.rollback()
        return None


@bp.app_template_global()
def policy_summary(version: PolicyVersion) -> str | None:
    """What changed in a version, in the reader's language where the admin gave it."""
    return localized(version)[1]


@bp.before_app_request
def _note_activity() -> None:
    """Using the site counts as activity for retention: it resets an inactivity warning."""
    if not current_user.is_authenticated or request.endpoint == "static":
        return
    user = current_user._get_current_object()
    now = utcnow()
    stale = user.last_seen_at is None or now - user.last_seen_at > SEEN_EVERY
    if stale or user.inactivity_warned_at is not None:
        user.last_seen_at, user.inactivity_warned_at = now, None
        db.session.commit()
