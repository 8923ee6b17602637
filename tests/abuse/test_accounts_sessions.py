"""Sessions as records (issue 12, finding 16) and the mails that say how to secure an account."""

import hashlib
from datetime import timedelta

import pytest
import time_machine
from sqlalchemy import select

from outstaff import personal_data
from outstaff.core.extensions import db
from outstaff.models import User, UserSession, utcnow
from tests import helpers
from tests.helpers import (
    FIREFOX,
    IPHONE,
    PASSWORD,
    link_in,
    mails_to,
    main_text,
    sign_in,
    signed_in_email,
    write_mmdb,
)

pytestmark = pytest.mark.usefixtures("app_ctx")  # the tests read the database

NEW = "marble kettle horizon"


def signed_in(app, user, agent=FIREFOX, remember=False, ip="198.51.100.7"):
    """A browser (`agent`, from `ip`) signed in as `user`."""
    return helpers.signed_in(
        app,
        user,
        headers={"User-Agent": agent},
        environ_base={"REMOTE_ADDR": ip},
        **({"remember": "y"} if remember else {}),
    )


def records(user) -> list[UserSession]:
    user_id = getattr(user, "id", user)  # a User, or the id of a deleted one
    return db.session.scalars(
        select(UserSession).where(UserSession.user_id == user_id).order_by(UserSession.id)
    ).all()


def cookie_id(client) -> str:
    with client.session_transaction() as session:
        return session["_user_id"]


def test_each_sign_in_gets_its_own_record_with_a_hashed_token(app, make_user):
    user = make_user("developer")
    laptop, phone = signed_in(app, user), signed_in(app, user, IPHONE)
    first, second = records(user)
    assert (first.browser, first.os, first.device) == ("Firefox", "Windows", "desktop")
    assert (second.browser, second.os, second.device) == ("Mobile Safari", "iOS", "mobile")
    token = cookie_id(laptop)
    assert len(token) >= 43 and token != cookie_id(phone)  # 256 random bits each
    assert first.token_hash == hashlib.sha256(token.encode()).hexdigest()
    stored = " ".join(
        str(getattr(r, c.key)) for r in records(user) for c in UserSession.__table__.columns
    )
    assert token not in stored


def test_the_account_page_lists_devices_and_signs_out_one(app, make_user):
    user = make_user("developer")
    laptop, phone = signed_in(app, user), signed_in(app, user, IPHONE)
    page = main_text(laptop.get("/account/"))
    assert "Firefox on Windows" in page and "Mobile Safari on iOS" in page
    assert page.count("This device") == 1 and page.count("Sign out this one") == 1
    _, theirs = records(user)
    response = laptop.post(f"/account/sessions/{theirs.id}/end")
    assert response.headers["Location"] == "/account/"
    assert "That device is signed out" in main_text(laptop.get("/account/"))
    assert signed_in_email(phone) is None
    assert signed_in_email(laptop) == user.email
    assert "Mobile Safari on iOS" not in main_text(laptop.get("/account/"))


def test_ending_this_devices_own_record_signs_it_out(app, make_user):
    user = make_user("developer")
    client = signed_in(app, user)
    [mine] = records(user)
    assert client.post(f"/account/sessions/{mine.id}/end").headers["Location"] == (
        "/account/signin"
    )
    assert signed_in_email(client) is None


@pytest.mark.parametrize("app_overrides", [{"WTF_CSRF_ENABLED": True}])
def test_signing_out_a_device_needs_the_csrf_token(app, make_user):
    user = make_user("developer")
    laptop, phone = signed_in(app, user), signed_in(app, user, IPHONE)
    _, theirs = records(user)
    assert laptop.post(f"/account/sessions/{theirs.id}/end").status_code == 400
    assert laptop.get(f"/account/sessions/{theirs.id}/end").status_code == 405
    assert signed_in_email(phone) == user.email


def test_the_place_is_the_ip_country_when_geoip_is_configured(app, make_user, tmp_path):
    path = tmp_path / "country.mmdb"
    write_mmdb(path, "203.0.113.0/24", "KZ")
    user = make_user("developer")
    signed_in(app, user, ip="203.0.113.9")
    app.config["GEOIP_DATABASE"] = str(path)
    client = signed_in(app, user, ip="203.0.113.9")
    assert [r.country for r in records(user)] == [None, "KZ"]
    page = main_text(client.get("/account/"))
    assert "Kazakhstan" in page and "203.0.113" not in page.split("Signed-in devices")[1][:400]


def test_last_seen_is_written_at_most_every_few_minutes(app, make_user):
    user = make_user("developer")
    client = signed_in(app, user)
    [record] = records(user)
    signed_at = record.last_seen_at
    with time_machine.travel(utcnow() + timedelta(minutes=2)):
        client.get("/account/")
    db.session.refresh(record)
    assert record.last_seen_at == signed_at
    later = utcnow() + timedelta(minutes=6)
    with time_machine.travel(later):
        client.get("/account/")
    db.session.refresh(record)
    assert abs((record.last_seen_at - later).total_seconds()) < 5


def test_a_copied_remember_cookie_stops_after_30_days_however_busy(app, make_user):
    user = make_user("developer")
    client = signed_in(app, user, remember=True)
    copied = client.get_cookie("remember_token").value
    for days in (10, 20, 29):
        with time_machine.travel(utcnow() + timedelta(days=days)):
            assert signed_in_email(client) == user.email
    with time_machine.travel(utcnow() + timedelta(days=31)):
        thief = app.test_client()
        thief.set_cookie("remember_token", copied)
        assert signed_in_email(thief) is None
        assert signed_in_email(client) is None


def test_a_password_change_ends_every_other_record_and_keeps_this_one(app, make_user, outbox):
    user = make_user("developer", email="me@example.com")
    here, there = signed_in(app, user), signed_in(app, user, IPHONE)
    here.post(
        "/account/password", data={"current_password": PASSWORD, "password": NEW, "confirm": NEW}
    )
    assert [r.ended_at is None for r in records(user)] == [True, False]
    assert signed_in_email(here) == user.email and signed_in_email(there) is None
    [mail] = mails_to(outbox, "me@example.com")
    assert mail.subject == "Your password was changed"
    assert "If it was not you" in mail.body and "/account/password/forgot" in mail.body
    assert "ak@crypton.studio" in mail.body


def test_a_password_reset_mails_the_account_how_to_secure_it(client, make_user, outbox):
    user = make_user("developer", email="me@example.com")
    client.post("/account/password/forgot", data={"email": user.email})
    client.post(
        link_in(outbox[-1], "/account/password/reset/"), data={"password": NEW, "confirm": NEW}
    )
    mail = mails_to(outbox, "me@example.com")[-1]
    assert mail.subject == "Your password was changed"
    assert "reset with a link" in mail.body and "/account/password/forgot" in mail.body


def test_the_old_address_is_told_of_an_email_change_and_how_to_get_the_account_back(
    client, make_user, outbox
):
    user = make_user("developer", email="old@example.com")
    sign_in(client, user.email)
    client.post("/account/email", data={"email": "new@example.com", "current_password": PASSWORD})
    client.get(link_in(mails_to(outbox, "new@example.com")[-1], "/account/email/confirm/"))
    [notice] = mails_to(outbox, "old@example.com")
    assert notice.subject == "Your email address was changed"
    assert "from old@example.com (this address) to new@example.com" in notice.body
    assert "If you did not do this" in notice.body and "ak@crypton.studio" in notice.body


@pytest.mark.parametrize("action", ["suspend", "role", "reset-2fa", "delete"])
def test_admin_actions_end_every_session_record(app, client, make_user, action):
    admin = make_user("admin")
    user = make_user("developer", totp_secret="JBSWY3DPEHPK3PXP", totp_enabled_at=utcnow())
    db.session.add(UserSession(user_id=user.id, token_hash="a" * 64))
    db.session.commit()
    sign_in(client, admin.email)
    data = {"role": "employer", "note": "test", "confirm": "y", "understood": "y"}
    user_id = user.id
    assert client.post(f"/admin/users/{user_id}/{action}", data=data).status_code == 302
    assert all(r.ended_at is not None for r in records(user_id))


def test_records_are_personal_data_exported_without_the_token_and_purged(app, runner, make_user):
    user = make_user("developer")
    signed_in(app, user)
    signed_in(app, user).post("/account/signout")
    exported = personal_data.export_user(user)["user_session"]
    assert len(exported) == 2 and "token_hash" not in exported[0]
    assert exported[0]["browser"] == "Firefox"
    assert "Signed-in devices" in main_text(app.test_client().get("/privacy"))
    result = runner.invoke(args=["privacy", "purge"])
    assert "ended sessions deleted: 1" in result.output
    assert len(records(user)) == 1
    personal_data.erase_user(db.session.get(User, user.id))
    db.session.commit()
    assert db.session.scalars(select(UserSession)).all() == []


def test_a_sign_in_waiting_for_its_second_factor_dies_with_a_password_reset(
    app, client, make_user, outbox
):
    import pyotp

    user = make_user("developer", totp_secret=pyotp.random_base32(), totp_enabled_at=utcnow())
    response = client.post("/account/signin", data={"email": user.email, "password": PASSWORD})
    assert response.headers["Location"].startswith("/account/2fa/challenge")
    owner = app.test_client()
    owner.post("/account/password/forgot", data={"email": user.email})
    owner.post(
        link_in(outbox[-1], "/account/password/reset/"), data={"password": NEW, "confirm": NEW}
    )
    code = pyotp.TOTP(user.totp_secret).now()
    answer = client.post("/account/2fa/challenge", data={"code": code})
    assert answer.headers["Location"] == "/account/signin"
    assert signed_in_email(client) is None
    assert records(user) == []  # no session was ever opened for the half-done sign-in
