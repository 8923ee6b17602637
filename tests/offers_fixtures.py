"""Factories for the offers tests: employers with a company, developers with a profile,
offers in any state. Test modules load it with `pytest_plugins`."""

from collections.abc import Callable

import pytest

from outstaff.core.extensions import db
from outstaff.models import DeveloperProfile, Offer, User, utcnow

OFFER_FORM = {
    "role_title": "Senior Python developer",
    "engagement": "contract",
    "rate_amount": "4500",
    "currency": "EUR",
    "rate_period": "month",
    "start_date": "2099-03-01",
    "duration": "6 months",
    "message": "We build a payments platform and would love you on the team.",
}


@pytest.fixture
def make_developer(make_user) -> Callable[..., DeveloperProfile]:
    """make_developer(**profile columns) -> a published profile with contacts."""
    counter = iter(range(1, 10_000))

    def factory(email: str | None = None, **columns) -> DeveloperProfile:
        n = next(counter)
        user = make_user("developer", email=email)
        values = {
            "first_name": "Ann", "last_name": f"Lee{n}", "is_published": True,
            "published_at": utcnow(), "phone": "+77011234567", "telegram": f"ann_dev{n}",
            "contact_visibility": "after_accept", **columns,
        }
        profile = DeveloperProfile(user_id=user.id, **values)
        db.session.add(profile)
        db.session.commit()
        return profile

    return factory


@pytest.fixture
def make_offer() -> Callable[..., Offer]:
    """make_offer(employer, profile, state="sent", **columns) -> an Offer row, committed."""

    def factory(employer: User, profile: DeveloperProfile, state: str = "sent",
                **columns) -> Offer:
        values = {"role_title": "Backend developer", "engagement": "full_time",
                  "message": "A message long enough to be a real offer.", **columns}
        if state != "sent":
            values.setdefault("viewed_at", utcnow())
        if state in ("accepted", "declined", "withdrawn"):
            values.setdefault("answered_at", utcnow())
        offer = Offer(employer_id=employer.id, developer_id=profile.user_id, state=state,
                      **values)
        db.session.add(offer)
        db.session.commit()
        return offer

    return factory


@pytest.fixture
def pair(make_employer, make_developer):
    """An approved employer (ACME) and a published developer (Ann)."""
    return make_employer("ACME Inc."), make_developer()


@pytest.fixture
def offer_form() -> dict:
    """Valid form data for /offers/new/<profile_id>."""
    return dict(OFFER_FORM)
