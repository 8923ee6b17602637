"""Two-factor sign-in: setting it up, signing in with it, recovery codes, turning it off."""

import re

import pyotp
import pytest
from sqlalchemy import select

from outstaff.core import signals
from outstaff.core.extensions import db
from outstaff.models import AuditEntry, RecoveryCode, User, utcnow
from outstaff.twofactor import service as tf
from tests.helpers import PASSWORD, move_past_last_totp_step

pytestmark = pytest.mark.usefixtures("app_ctx")  # the tests read the database


def code_for(user: User, offset: int = 0) -> str:
    """The app's code `offset` steps from now, once the clock has passed the last code used
    (each code works once: the next one comes 30 seconds later)."""
    move_past_last_totp_step(user)
    totp = pyotp.TOTP(user.totp_secret)
    return totp.at(totp.timecode(utcnow()) * totp.interval + offset * totp.interval)


def enrol(client, user: User) -> list[str]:
    """Go through the set-up pages; returns the recovery codes shown."""
    assert client.post("/account/2fa/start").status_code == 302
    db.session.refresh(user)
    response = client.post("/account/2fa/setup", data={"code": code_for(user)})
    assert response.status_code == 200
    return re.findall(
        r"<code>([a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4})</code>", response.get_data(as_text=True)
    )


def password_step(client, user, **extra):
    return client.post("/account/signin", data={"email": user.email, "password": PASSWORD, **extra})


@pytest.fixture
def developer(make_user):
    return make_user("developer", email="dev@example.com")


@pytest.fixture
def events(app):
    received = []

    def listener(sender, **kwargs):
        received.append({**kwargs, "user": kwargs["user"].id})  # the request's row

    signals.two_factor_changed.connect(listener)
    yield received
    signals.two_factor_changed.disconnect(listener)


def test_setup_shows_a_qr_code_drawn_here_and_the_secret(client, auth, developer):
    auth.login(developer)
    assert "is off" in client.get("/account/2fa/").get_data(as_text=True)
    client.post("/account/2fa/start")
    page = client.get("/account/2fa/setup").get_data(as_text=True)
    db.session.refresh(developer)
    assert developer.totp_secret and developer.totp_enabled_at is None
    assert re.search(r'<img class="qr" src="data:image/svg\+xml', page)  # no outside service
    assert tf.grouped(developer.totp_secret) in page


def test_a_wrong_code_does_not_turn_it_on(client, auth, developer):
    auth.login(developer)
    client.post("/account/2fa/start")
    response = client.post("/account/2fa/setup", data={"code": "000000"})
    assert response.status_code == 400
    assert "That code is not right" in response.get_data(as_text=True)
    db.session.refresh(developer)
    assert developer.totp_enabled_at is None


def test_enrolment_shows_ten_recovery_codes_once_and_stores_only_hashes(
    client, auth, developer, events
):
    auth.login(developer)
    codes = enrol(client, developer)
    assert len(codes) == len(set(codes)) == 10
    db.session.refresh(developer)
    assert developer.totp_enabled_at is not None
    hashes = db.session.scalars(select(RecoveryCode.code_hash)).all()
    assert len(hashes) == 10 and not set(codes) & set(hashes)
    assert events[-1]["user"] == developer.id and events[-1]["enabled"] is True
    page = client.get("/account/2fa/").get_data(as_text=True)
    assert "is on" in page and not any(code in page for code in codes)


def test_sign_in_asks_for_the_code_after_the_password(client, auth, developer):
    auth.login(developer)
    enrol(client, developer)
    auth.logout()
    response = password_step(client, developer, remember="y")
    assert response.headers["Location"].endswith("/account/2fa/challenge")
    assert client.get("/account/").status_code == 302  # not signed in yet
    assert client.post("/account/2fa/challenge", data={"code": "123456"}).status_code == 400
    response = client.post("/account/2fa/challenge", data={"code": code_for(developer)})
    assert response.status_code == 302
    assert client.get("/account/").status_code == 200
    assert "remember_token" in response.headers.get("Set-Cookie", "")


def test_a_code_from_the_previous_step_is_accepted_for_clock_drift(client, developer):
    developer.totp_secret, developer.totp_enabled_at = pyotp.random_base32(), utcnow()
    db.session.commit()
    password_step(client, developer)
    response = client.post("/account/2fa/challenge", data={"code": code_for(developer, -1)})
    assert response.status_code == 302


def test_recovery_codes_work_once_each(client, auth, developer, events):
    auth.login(developer)
    codes = enrol(client, developer)
    auth.logout()
    password_step(client, developer)
    response = client.post("/account/2fa/challenge", data={"code": codes[0].upper()})
    assert response.status_code == 302
    assert "9 are left" in client.get("/account/").get_data(as_text=True)
    assert events[-1]["event"] == "recovery_code_used"
    auth.logout()
    password_step(client, developer)
    assert client.post("/account/2fa/challenge", data={"code": codes[0]}).status_code == 400
    assert (
        client.post("/account/2fa/challenge", data={"code": codes[1].replace("-", " ")}).status_code
        == 302
    )


def test_challenge_without_a_password_step_sends_to_sign_in(client):
    response = client.get("/account/2fa/challenge")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/account/signin")
    assert client.post("/account/2fa/challenge", data={"code": "123456"}).status_code == 302


def test_a_suspended_account_cannot_finish_the_challenge(client, developer):
    developer.totp_secret, developer.totp_enabled_at = pyotp.random_base32(), utcnow()
    db.session.commit()
    password_step(client, developer)
    developer.status = "suspended"
    db.session.commit()
    response = client.post("/account/2fa/challenge", data={"code": code_for(developer)})
    assert response.headers["Location"].startswith("/account/signin")
    assert client.get("/account/").status_code == 302


class TestChallengeRateLimit:
    @pytest.fixture
    def app_overrides(self):
        return {"RATELIMIT_ENABLED": True}

    def test_guessing_codes_is_stopped(self, client, developer):
        developer.totp_secret, developer.totp_enabled_at = pyotp.random_base32(), utcnow()
        db.session.commit()
        password_step(client, developer)
        statuses = [
            client.post("/account/2fa/challenge", data={"code": "000000"}).status_code
            for _ in range(6)
        ]
        assert statuses == [400] * 5 + [429]


def test_turning_off_needs_the_password_and_a_code(client, auth, developer, events):
    auth.login(developer)
    enrol(client, developer)
    response = client.post("/account/2fa/disable", data={"password": "wrong", "code": "1"})
    assert response.status_code == 400 and "That is not your password" in response.get_data(
        as_text=True
    )
    response = client.post("/account/2fa/disable", data={"password": PASSWORD, "code": "000000"})
    assert response.status_code == 400
    response = client.post(
        "/account/2fa/disable", data={"password": PASSWORD, "code": code_for(developer)}
    )
    assert response.status_code == 302
    db.session.refresh(developer)
    assert developer.totp_enabled_at is None and developer.totp_secret is None
    assert db.session.scalars(select(RecoveryCode)).all() == []
    assert events[-1]["event"] == "disable" and events[-1]["enabled"] is False
    auth.logout()
    assert password_step(client, developer).headers["Location"] != "/account/2fa/challenge"


def test_new_recovery_codes_replace_the_old(client, auth, developer):
    auth.login(developer)
    old = enrol(client, developer)
    response = client.post(
        "/account/2fa/recovery-codes", data={"password": PASSWORD, "code": code_for(developer)}
    )
    new = re.findall(r"<code>([a-z0-9-]{14})</code>", response.get_data(as_text=True))
    assert response.status_code == 200 and len(new) == 10 and not set(old) & set(new)
    auth.logout()
    password_step(client, developer)
    assert client.post("/account/2fa/challenge", data={"code": old[2]}).status_code == 400
    assert client.post("/account/2fa/challenge", data={"code": new[2]}).status_code == 302


def test_account_page_links_to_two_factor(client, auth, developer):
    auth.login(developer)
    page = client.get("/account/").get_data(as_text=True)
    assert 'href="/account/2fa/"' in page


class TestRequiredForAdmins:
    def test_an_admin_without_it_is_sent_to_set_it_up(self, client, make_user, auth):
        admin = make_user("admin", totp_enabled_at=None, totp_secret=None)
        response = auth.login(admin)
        assert response.headers["Location"] == "/account/2fa/"
        page = client.get("/account/2fa/").get_data(as_text=True)
        assert "Administrators must" in page
        # Without it the console does not exist for this session, as for anyone else.
        assert client.get("/admin/").status_code == 404
        assert client.get("/admin/users").status_code == 404

    def test_after_setting_it_up_the_console_opens_and_the_audit_log_says_so(
        self, client, make_user, auth
    ):
        admin = make_user("admin", totp_enabled_at=None, totp_secret=None)
        auth.login(admin)
        enrol(client, admin)
        assert client.get("/admin/").status_code == 200
        actions = db.session.scalars(select(AuditEntry.action)).all()
        assert actions == ["twofactor.enable"]

    def test_an_enrolled_admin_signs_in_with_a_code(self, client, make_user):
        admin = make_user("admin")
        response = password_step(client, admin)
        assert response.headers["Location"].endswith("/account/2fa/challenge")
        assert client.get("/admin/").status_code == 404
        client.post("/account/2fa/challenge", data={"code": code_for(admin)})
        assert client.get("/admin/").status_code == 200

    @pytest.mark.parametrize("role", ["developer", "employer"])
    def test_others_still_get_404(self, client, make_user, auth, role):
        auth.login(make_user(role))
        assert client.get("/admin/").status_code == 404
