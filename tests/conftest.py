"""Fixtures shaped like flaskr's: app, client, runner, plus factories and an auth helper.

The schema is built once per run by the migrations (SQLite file, or TEST_DATABASE_URL for
PostgreSQL); every test gets a fresh app and finds every table empty.
"""

import os
import re
from collections.abc import Callable, Iterator

import pyotp
import pytest
from account_helpers import PASSWORD, restore_clock, sign_in
from flask import Flask, g, request_started
from flask.testing import FlaskClient
from mail_support import smtp  # noqa: F401  (a fixture for every test)
from sqlalchemy import delete

import config
from outstaff import create_app, visibility
from outstaff.accounts import service as accounts
from outstaff.core.extensions import db, limiter
from outstaff.models import EmployerProfile, User, utcnow


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
    overrides = {"SQLALCHEMY_DATABASE_URI": migrated, **app_overrides}
    if url := os.environ.get("TEST_RATELIMIT_STORAGE_URI"):
        overrides.setdefault("RATELIMIT_STORAGE_URI", url)
    app = create_app(config.TestingConfig, **overrides)
    request_started.connect(_fresh_g, app)
    with app.app_context():
        yield app
        db.session.remove()
        _empty_all_tables()
        if app.config["RATELIMIT_ENABLED"]:
            limiter.reset()
        db.engine.dispose()


def _fresh_g(sender: Flask, **_extra) -> None:
    """Give each request an empty `g`, as a server does.

    Test-client requests reuse the test's app context, so without this `g` (Flask-Login's
    signed-in user, Babel's locale, the CSRF token) leaks from one request, and one client,
    to the next: a fresh anonymous client would see the last user's account page.
    """
    g.__dict__.clear()


def _empty_all_tables() -> None:
    with db.engine.begin() as connection:
        for table in reversed(db.metadata.sorted_tables):
            connection.execute(delete(table))


@pytest.fixture(autouse=True)
def _real_clock_after_each_test() -> Iterator[None]:
    """Sign-in helpers move the clock past a used TOTP step (account_helpers); undo it."""
    yield
    restore_clock()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def runner(app: Flask):
    return app.test_cli_runner()


@pytest.fixture
def outbox(app: Flask) -> list:
    """Mail the app has sent (the memory backend)."""
    return app.extensions["mail_outbox"]


def link_in(message, path_prefix: str) -> str:
    """The path of the first link in a mail that starts with `path_prefix`."""
    match = re.search(r"https?://[^/\s]+(" + re.escape(path_prefix) + r"\S*)", message.body)
    assert match, f"no {path_prefix} link in: {message.body}"
    return match.group(1)


@pytest.fixture
def make_user(app: Flask) -> Callable[..., User]:
    """Factory: make_user(role="developer", email=None, **columns) -> a committed User."""
    counter = iter(range(1, 10_000))

    def factory(role: str = "developer", email: str | None = None, password: str = PASSWORD,
                confirmed: bool = True, **columns) -> User:
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
        db.session.add(EmployerProfile(
            user_id=user.id, first_name="Erin", last_name="Employer", company_name=company,
            company_name_norm=visibility.normalize_company(company), country="GB"))
        db.session.commit()
        return user

    return factory


class Auth:
    def __init__(self, client: FlaskClient):
        self.client = client

    def login(self, user_or_email, password: str = PASSWORD, **extra):
        """Sign in through the form, answering the two-factor step when there is one."""
        return sign_in(self.client, getattr(user_or_email, "email", user_or_email), password,
                       **extra)

    def logout(self):
        return self.client.post("/account/signout")


@pytest.fixture
def auth(client: FlaskClient) -> Auth:
    return Auth(client)
