"""The factories every folder uses (loaded by the root conftest.py): users, employers,
questionnaires, offers. Each commits what it makes, in the test's app context."""

from collections.abc import Callable
from datetime import timedelta

import pyotp
import pytest

from outstaff import visibility
from outstaff.accounts import service as accounts
from outstaff.core.extensions import db
from outstaff.listing.search import search_text
from outstaff.models import (
    BlockedCompany,
    DeveloperLanguage,
    DeveloperProfile,
    DeveloperSkill,
    EmployerProfile,
    Offer,
    User,
    utcnow,
)
from outstaff.search import index as search_index
from tests.helpers import PASSWORD


@pytest.fixture
def make_user(app_ctx) -> Callable[..., User]:
    """Factory: make_user(role="developer", email=None, **columns) -> a committed User."""
    counter = iter(range(1, 10_000))

    def factory(
        role: str = "developer",
        email: str | None = None,
        password: str = PASSWORD,
        confirmed: bool = True,
        **columns,
    ) -> User:
        email = email or f"{role}{next(counter)}@example.com"
        user = accounts.create_user(email, password, role)
        if role == "employer":
            user.approval = columns.pop("approval", "approved")
        if confirmed:
            user.email_confirmed_at = utcnow()
        if role == "admin":  # the console needs two-factor sign-in; pass totp_enabled_at=None
            columns.setdefault("totp_secret", pyotp.random_base32())
            columns.setdefault("totp_enabled_at", utcnow())
        for key, value in columns.items():
            setattr(user, key, value)
        db.session.commit()
        return user

    return factory


@pytest.fixture
def make_employer(make_user) -> Callable[..., User]:
    """Factory: make_employer(company=None, **user columns) -> an employer with a company
    profile ("Company <n> LLC" unless named)."""
    counter = iter(range(1, 10_000))

    def factory(company: str | None = None, **columns) -> User:
        company = company or f"Company {next(counter)} LLC"
        user = make_user("employer", **columns)
        db.session.add(
            EmployerProfile(
                user_id=user.id,
                first_name="Erin",
                last_name="Employer",
                company_name=company,
                company_name_norm=visibility.normalize_company(company),
                country="GB",
            )
        )
        db.session.commit()
        return user

    return factory


# --- Questionnaires (listing, employer) and offers -------------------------------------


@pytest.fixture
def make_profile(make_user) -> Callable[..., DeveloperProfile]:
    """make_profile(first_name=..., languages=[...], skills=[...], blocked=[(kind, value)],
    age=timedelta, **columns) -> a committed, published questionnaire of a new developer."""
    counter = iter(range(1, 100_000))

    def factory(
        languages=("en",), skills=("Python",), blocked=(), age=None, user=None, **columns
    ) -> DeveloperProfile:
        n = next(counter)
        owner = user or make_user("developer", email=columns.pop("email", None))
        values = {
            "first_name": f"Dev{n}",
            "last_name": "Tester",
            "country": "DE",
            "english_level": "B2",
            "profession": "backend",
            "years_experience": 5,
            "availability": "open",
            "bio": "",
            "is_published": True,
            "contact_visibility": "after_accept",
            "updated_at": utcnow() - (age if age is not None else timedelta(minutes=n)),
            **columns,
        }
        values.setdefault("english_rank", _rank(values["english_level"]))
        profile = DeveloperProfile(user_id=owner.id, **values)
        profile.languages = [DeveloperLanguage(code=code) for code in languages]
        profile.skills = [
            DeveloperSkill(name=name, name_norm=name.casefold(), position=i)
            for i, name in enumerate(skills)
        ]
        profile.search_text = search_text(
            profile.first_name,
            profile.last_name,
            profile.profession,
            profile.profession_other,
            skills,
            profile.bio,
        )
        db.session.add(profile)
        db.session.flush()
        for kind, value in blocked:
            norm = (
                visibility.normalize_company(value)
                if kind == "company"
                else visibility.normalize_domain(value)
            )
            db.session.add(
                BlockedCompany(
                    profile_id=profile.id, user_id=owner.id, kind=kind, value=value, value_norm=norm
                )
            )
        search_index.sync(profile)
        db.session.commit()
        return profile

    return factory


def _rank(level):
    from outstaff.choices import ENGLISH_RANK

    return ENGLISH_RANK.get(level)


@pytest.fixture
def employer(make_employer) -> User:
    return make_employer(company="ACME, Inc.", email="hr@acme.example.com")


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
            "first_name": "Ann",
            "last_name": f"Lee{n}",
            "is_published": True,
            "published_at": utcnow(),
            "phone": "+77011234567",
            "telegram": f"ann_dev{n}",
            "contact_visibility": "after_accept",
            **columns,
        }
        profile = DeveloperProfile(user_id=user.id, **values)
        db.session.add(profile)
        db.session.commit()
        return profile

    return factory


@pytest.fixture
def make_offer(app_ctx) -> Callable[..., Offer]:
    """make_offer(employer, profile, state="sent", **columns) -> an Offer row, committed."""

    def factory(employer: User, profile: DeveloperProfile, state: str = "sent", **columns) -> Offer:
        values = {
            "role_title": "Backend developer",
            "engagement": "full_time",
            "message": "A message long enough to be a real offer.",
            **columns,
        }
        if state != "sent":
            values.setdefault("viewed_at", utcnow())
        if state in ("accepted", "declined", "withdrawn"):
            values.setdefault("answered_at", utcnow())
        offer = Offer(employer_id=employer.id, developer_id=profile.user_id, state=state, **values)
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
