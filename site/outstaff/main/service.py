"""The home page's live numbers: one cheap count each, kept for a minute per app."""

import time
from dataclasses import dataclass
from datetime import datetime

from flask import current_app
from sqlalchemy import func, select

from outstaff.core.extensions import db
from outstaff.models import DeveloperProfile, Offer, User
from outstaff.models.base import utcnow


@dataclass(frozen=True)
class HomeNumbers:
    developers_published: int
    employers_approved: int
    offers_this_month: int


def home_numbers() -> HomeNumbers:
    """Published developers (not hidden), approved active employers, offers since the 1st."""
    now = time.monotonic()
    cached = current_app.extensions.get("home_numbers")
    if cached and now - cached[0] < current_app.config["HOME_NUMBERS_SECONDS"]:
        return cached[1]
    numbers = HomeNumbers(
        developers_published=_count(
            select(func.count())
            .select_from(DeveloperProfile)
            .where(DeveloperProfile.is_published, DeveloperProfile.hidden_at.is_(None))
        ),
        employers_approved=_count(
            select(func.count())
            .select_from(User)
            .where(User.role == "employer", User.status == "active", User.approval == "approved")
        ),
        offers_this_month=_count(
            select(func.count()).select_from(Offer).where(Offer.created_at >= _month_start())
        ),
    )
    current_app.extensions["home_numbers"] = (now, numbers)
    return numbers


def _count(query) -> int:
    return db.session.scalar(query) or 0


def _month_start() -> datetime:
    return utcnow().replace(day=1, hour=0, minute=0, second=0, microsecond=0)
