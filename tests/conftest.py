"""Fixtures shaped like flaskr's: app, client, runner (the app and the database in
harness.py), the factories every folder uses (factories.py) and an auth helper. A folder's
own fixtures are in its conftest.py; what is not a fixture is in the helpers package.

No app context is pushed for the test: a test that uses the database asks for `app_ctx`
(the factories do), and each request of the test client runs in a context of its own.
"""

import smtplib
from collections.abc import Iterator

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.helpers import PASSWORD, FakeSMTP, restore_clock, sign_in

pytest_plugins = ["tests.harness", "tests.factories"]


@pytest.fixture(autouse=True)
def _real_clock_after_each_test() -> Iterator[None]:
    """Sign-in helpers move the clock past a used TOTP step (helpers); undo it."""
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
    """SMTP goes to FakeSMTP (helpers): what is sent, and failures on demand."""
    FakeSMTP.sent, FakeSMTP.fail = [], None
    monkeypatch.setattr(smtplib, "SMTP", FakeSMTP)
    return FakeSMTP


@pytest.fixture
def outbox(app: Flask) -> list:
    """Mail the app has sent (the memory backend)."""
    return app.extensions["mail_outbox"]


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
