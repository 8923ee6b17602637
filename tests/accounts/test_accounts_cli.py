"""The operator's commands: `flask create-admin EMAIL` and `flask seed-demo`."""

import re

import pytest
from sqlalchemy import func, select

import config
from outstaff import create_app
from outstaff.core.extensions import db
from outstaff.models import DeveloperProfile, EmployerProfile, User
from tests.helpers import reaches_admin_console, sign_in, signed_in_email

pytestmark = pytest.mark.usefixtures("app_ctx")  # the tests read the database

ADMIN_PASSWORD = "quiet harbour lantern"


def create_admin(runner, email, password=ADMIN_PASSWORD, repeat=None):
    return runner.invoke(args=["create-admin", email], input=f"{password}\n{repeat or password}\n")


def users() -> dict[str, str]:
    return dict(db.session.execute(select(User.email, User.role)).all())


def test_create_admin_makes_an_admin_who_can_sign_in(client, runner):
    result = create_admin(runner, "Boss@Example.com")
    assert result.exit_code == 0, result.output
    assert "Password for the new admin" in result.output
    assert ADMIN_PASSWORD not in result.output  # the prompt hides what is typed
    assert "boss@example.com is an admin." in result.output
    admin = db.session.scalar(select(User))
    assert (admin.email, admin.role, admin.is_confirmed) == ("boss@example.com", "admin", True)

    sign_in(client, "boss@example.com", ADMIN_PASSWORD)
    assert signed_in_email(client) == "boss@example.com"
    assert reaches_admin_console(client)


def test_create_admin_promotes_an_existing_account(app, runner, make_user):
    employer = make_user("employer", email="hr@example.com", approval="pending")
    elsewhere = app.test_client()
    sign_in(elsewhere, employer)
    assert create_admin(runner, "hr@example.com").exit_code == 0
    db.session.refresh(employer)
    assert (employer.role, employer.approval) == ("admin", None)
    assert users() == {"hr@example.com": "admin"}
    assert signed_in_email(elsewhere) is None  # the new password ended the old sessions


@pytest.mark.parametrize(
    ("email", "password", "repeat", "message"),
    [
        ("not-an-email", ADMIN_PASSWORD, None, "Invalid value for EMAIL"),
        ("boss@example.com", "short", None, "Use at least 12 characters."),
        ("boss@example.com", "password12345", None, "too common"),
        ("boss@example.com", ADMIN_PASSWORD, "something else entirely", "do not match"),
    ],
    ids=["bad-email", "short-password", "common-password", "mismatch"],
)
def test_create_admin_refuses_bad_input(runner, email, password, repeat, message):
    result = create_admin(runner, email, password, repeat)
    assert result.exit_code != 0
    assert message in result.output
    assert users() == {}


@pytest.fixture
def instance(app, tmp_path, monkeypatch):
    """Keep the demo-logins file out of the real instance/ folder."""
    monkeypatch.setattr(app, "instance_path", str(tmp_path))
    return tmp_path


def demo_logins(output: str) -> dict[str, tuple[str, str]]:
    rows = re.findall(r"^(developer|employer|admin)\s+(\S+@\S+)\s+(\S+)$", output, re.M)
    return {role: (email, password) for role, email, password in rows}


def test_seed_demo_creates_accounts_and_prints_working_logins(app, runner, instance):
    result = runner.invoke(args=["seed-demo", "--developers", "3", "--employers", "2"])
    assert result.exit_code == 0, result.output
    assert "Added 3 developers and 2 employers." in result.output
    logins = demo_logins(result.output)
    assert set(logins) == {"developer", "employer", "admin"}
    count = db.session.scalar(select(func.count()).select_from(User))
    assert count == 3 + 2 + 3  # and the three demo logins
    assert db.session.scalar(select(func.count()).select_from(DeveloperProfile)) == 4
    assert db.session.scalar(select(func.count()).select_from(EmployerProfile)) == 3

    for role, (email, password) in logins.items():
        client = app.test_client()
        sign_in(client, email, password)
        assert signed_in_email(client) == email, role
        assert reaches_admin_console(client) is (role == "admin")


def test_seed_demo_if_empty_adds_nothing_the_second_time(runner, instance):
    first = runner.invoke(args=["seed-demo", "--developers", "2", "--employers", "1", "--if-empty"])
    assert first.exit_code == 0, first.output
    before = users()
    second = runner.invoke(
        args=["seed-demo", "--developers", "2", "--employers", "1", "--if-empty"]
    )
    assert second.exit_code == 0, second.output
    assert "already has users; no demo data added" in second.output
    assert users() == before
    assert demo_logins(second.output) == demo_logins(first.output)  # still printed


def test_seed_demo_is_refused_in_production(migrated, monkeypatch, tmp_path):
    app = create_app(
        config.ProductionConfig,
        SECRET_KEY="p" * 40,
        SITE_URL="https://localhost",
        SQLALCHEMY_DATABASE_URI=migrated,
    )
    monkeypatch.setattr(app, "instance_path", str(tmp_path))
    assert app.config["DEMO_DATA_ALLOWED"] is False
    with app.app_context():  # this app's, not the test app's
        result = app.test_cli_runner().invoke(args=["seed-demo", "--developers", "1"])
        assert result.exit_code == 1
        assert "seed-demo is refused in production" in result.output
        assert db.session.scalar(select(func.count()).select_from(User)) == 0
        db.session.remove()
        db.engine.dispose()
    assert list(tmp_path.iterdir()) == []
