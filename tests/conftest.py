"""Fixtures shaped like flaskr's: app, client, runner, plus the factories every folder uses
(users, employers, questionnaires, offers) and an auth helper. A folder's own fixtures are in
its conftest.py; what is not a fixture is in helpers.py.

The schema is built once per run by the migrations (SQLite file, or TEST_DATABASE_URL for
PostgreSQL); every test gets a fresh app and finds every table empty. No app context is
pushed for the test: a test that uses the database asks for `app_ctx` (the factories do), and
each request of the test client runs in a context of its own.
"""

import contextvars
import os
import smtplib
from collections.abc import Callable, Iterator
from datetime import timedelta

import pyotp
import pytest
from flask import Flask, has_app_context
from flask.testing import FlaskClient
from sqlalchemy import delete

import config
from outstaff import create_app, visibility
from outstaff.accounts import service as accounts
from outstaff.core.extensions import db, limiter
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
from tests.helpers import PASSWORD, FakeSMTP, restore_clock, sign_in


@pytest.fixture(scope="session")
def database_url(tmp_path_factory) -> str:
    url = os.environ.get("TEST_DATABASE_URL")
    if url:
        return config.database_url(url)
    return f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}"


@pytest.fixture(scope="session")
def migrated(database_url: str) -> str:
    """Build the schema with the migrations, once per test run."""
    from flask_migrate import downgrade, upgrade

    app = create_app(config.TestingConfig, SQLALCHEMY_DATABASE_URI=database_url)
    with app.app_context():
        if database_url.startswith("postgresql"):
            downgrade(revision="base")  # a clean slate on a shared server
        upgrade()
        db.engine.dispose()
    return database_url


@pytest.fixture
def app_overrides() -> dict:
    """Tests override configuration by parametrizing or redefining this fixture."""
    return {}


@pytest.fixture
def app(migrated: str, app_overrides: dict) -> Iterator[Flask]:
    """A fresh app; no context is pushed (see `app_ctx`). Afterwards every table is emptied."""
    overrides = {"SQLALCHEMY_DATABASE_URI": migrated, **app_overrides}
    if url := os.environ.get("TEST_RATELIMIT_STORAGE_URI"):
        overrides.setdefault("RATELIMIT_STORAGE_URI", url)
    app = create_app(config.TestingConfig, **overrides)
    app.test_client_class = OwnContextClient
    yield app
    with app.app_context():
        _empty_all_tables()
        if app.config["RATELIMIT_ENABLED"]:
            limiter.reset()
        db.engine.dispose()


@pytest.fixture
def app_ctx(app: Flask) -> Iterator[None]:
    """An app context for a test that reads or writes the database itself (the factories
    ask for it). Requests do not share it: see OwnContextClient."""
    with app.app_context():
        yield
        db.session.remove()


class OwnContextClient(FlaskClient):
    """Each request runs in a context of its own, as on a server: a fresh `g` (Flask-Login's
    user, Babel's locale, the CSRF token) and its own database session, whatever context the
    test holds. The test is then a second client of the database: what its session wrote is
    committed before the request, and what it holds is read again after it."""

    def open(self, *args, **kwargs):
        _end_test_transaction()
        response = contextvars.Context().run(super().open, *args, **kwargs)
        _end_test_transaction()
        return response


def _end_test_transaction() -> None:
    if has_app_context():
        db.session.commit()


def _empty_all_tables() -> None:
    with db.engine.begin() as connection:
        for table in reversed(db.metadata.sorted_tables):
            connection.execute(delete(table))


@pytest.fixture(autouse=True)
def _real_clock_after_each_test() -> Iterator[None]:
    """Sign-in helpers move the clock past a used TOTP step (helpers.py); undo it."""
    yield
    restore_clock()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def runner(app: Flask):
    return app.test_cli_runner()


@pytest.fixture
def smtp(monkeypatch):
    """SMTP goes to FakeSMTP (helpers.py): what is sent, and failures on demand."""
    FakeSMTP.sent, FakeSMTP.fail = [], None
    monkeypatch.setattr(smtplib, "SMTP", FakeSMTP)
    return FakeSMTP


@pytest.fixture
def outbox(app: Flask) -> list:
    """Mail the app has sent (the memory backend)."""
    return app.extensions["mail_outbox"]


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


class Auth:
    def __init__(self, client: FlaskClient):
        self.client = client

    def login(self, user_or_email, password: str = PASSWORD, **extra):
        """Sign in through the form, answering the two-factor step when there is one."""
        return sign_in(self.client, user_or_email, password, **extra)

    def logout(self):
        return self.client.post("/account/signout")


@pytest.fixture
def auth(client: FlaskClient) -> Auth:
    return Auth(client)
