"""What the notices above every page ask: whether to show the cookie banner, and a policy
version the signed-in user has not acknowledged (registered for templates by main/layout)."""

from datetime import datetime
from functools import lru_cache
from typing import NamedTuple

from flask import current_app, request
from flask_babel import get_locale
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from outstaff.core.extensions import db
from outstaff.models import PolicyVersion
from outstaff.privacy import consent
from outstaff.privacy.policy import current_version, current_version_number, localized


def cookie_banner_needed() -> bool:
    """Before a choice, on every page but the cookie settings page (which asks itself)."""
    return consent.choice() is None and request.endpoint != "privacy.cookies"


class PolicyNotice(NamedTuple):
    """What the notice shows of a version: published versions never change, so this is
    read once per version number and language."""

    version: int
    published_at: datetime
    summary: str | None


def policy_notice() -> PolicyNotice | None:
    """The policy version a signed-in user has not acknowledged yet, if any."""
    if not current_user.is_authenticated:
        return None
    try:
        number = current_version_number()
        if current_user.policy_acknowledged >= number:
            return None
        return _notice(current_app.config["SQLALCHEMY_DATABASE_URI"], number, str(get_locale()))
    except SQLAlchemyError:  # an error page while the database is down still renders
        db.session.rollback()
        return None


@lru_cache(maxsize=32)
def _notice(database: str, number: int, locale: str) -> PolicyNotice:
    version = db.session.scalar(select(PolicyVersion).where(PolicyVersion.version == number))
    version = version or current_version()
    return PolicyNotice(version.version, version.published_at, localized(version)[1])
