"""What the notices above every page ask: whether to show the cookie banner, and a policy
version the signed-in user has not acknowledged (registered for templates by main/layout)."""

from flask import request
from flask_login import current_user
from sqlalchemy.exc import SQLAlchemyError

from outstaff.core.extensions import db
from outstaff.models import PolicyVersion
from outstaff.privacy import consent
from outstaff.privacy.policy import current_version, current_version_number, localized


def cookie_banner_needed() -> bool:
    """Before a choice, on every page but the cookie settings page (which asks itself)."""
    return consent.choice() is None and request.endpoint != "privacy.cookies"


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


def policy_summary(version: PolicyVersion) -> str | None:
    """What changed in a version, in the reader's language where the admin gave it."""
    return localized(version)[1]
