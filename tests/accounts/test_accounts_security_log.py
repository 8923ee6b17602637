"""The security log: sign-ins and account changes, each user sees their own."""

from datetime import timedelta

from flask import current_app

from outstaff.accounts import service as accounts
from outstaff.accounts.links import token_for
from outstaff.core import signals
from outstaff.core.extensions import db
from outstaff.models import SecurityEvent, utcnow
from tests.helpers import FIREFOX, PASSWORD, sign_in

ADDRESS = {"REMOTE_ADDR": "198.51.100.23"}


def events(user) -> list[tuple[str, str | None, str | None, str | None]]:
    rows = db.session.scalars(
        db.select(SecurityEvent).filter_by(user_id=user.id).order_by(SecurityEvent.id)
    ).all()
    return [(e.kind, e.ip, e.browser, e.os) for e in rows]


def test_promise_security_log_records_signins_with_time_ip_browser_os(client, make_user):
    user = make_user("developer")
    before = utcnow()
    sign_in(client, user, headers={"User-Agent": FIREFOX}, environ_base=ADDRESS)
    assert events(user) == [("signin", "198.51.100.23", "Firefox", "Windows")]
    event = db.session.scalars(db.select(SecurityEvent)).one()
    assert before - timedelta(seconds=1) <= event.created_at <= utcnow()


def test_failed_signins_are_logged_only_for_known_accounts(client, make_user):
    user = make_user("employer")
    client.post(
        "/account/signin",
        data={"email": user.email, "password": "wrong password!"},
        environ_base=ADDRESS,
    )
    client.post("/account/signin", data={"email": "nobody@example.com", "password": "x" * 12})
    assert events(user) == [("signin_failed", "198.51.100.23", "Other", "Other")]
    assert db.session.scalar(db.select(db.func.count()).select_from(SecurityEvent)) == 1


def test_password_email_and_reset_changes_are_logged(client, auth, make_user):
    user = make_user("developer")
    auth.login(user)
    new_password = "another horse battery staple"
    client.post(
        "/account/password",
        data={"current_password": PASSWORD, "password": new_password, "confirm": new_password},
    )
    token = token_for("email_change", user, new="renamed@example.com")
    client.get(f"/account/email/confirm/{token}")
    db.session.refresh(user)
    reset = token_for("reset", user)
    third = "a third horse battery staple"
    client.post(f"/account/password/reset/{reset}", data={"password": third, "confirm": third})
    assert [e[0] for e in events(user)] == [
        "signin",
        "password_changed",
        "email_changed",
        "password_reset",
    ]


def test_two_factor_changes_are_logged(app, make_user):
    user = make_user("admin")
    with app.test_request_context("/", environ_base=ADDRESS):
        signals.two_factor_changed.send(current_app._get_current_object(), user=user)
        db.session.commit()
    assert events(user) == [("two_factor_changed", "198.51.100.23", "Other", "Other")]


def test_each_user_sees_their_own_recent_events_on_the_account_page(client, auth, make_user):
    user, other = make_user("developer"), make_user("developer")
    old = utcnow() - timedelta(days=3)
    db.session.add_all(
        [
            SecurityEvent(
                user_id=user.id,
                kind="password_changed",
                ip="192.0.2.1",
                browser="Firefox",
                os="Windows",
                created_at=old - timedelta(minutes=i),
            )
            for i in range(25)
        ]
        + [
            SecurityEvent(
                user_id=other.id, kind="signin", ip="192.0.2.99", browser="Vivaldi", os="Linux"
            )
        ]
    )
    db.session.commit()
    auth.login(user)
    page = client.get("/account/").get_data(as_text=True)
    assert "Recent sign-ins and account changes" in page
    assert "192.0.2.99" not in page and "Vivaldi" not in page
    # 20 rows: this sign-in and the 19 newest of the older events.
    assert page.count("<td>192.0.2.1</td>") == 19
    assert page.count("<td>Signed in</td>") == 1
    assert page.count("<td>Password changed</td>") == 19


def test_security_log_goes_with_the_account(client, auth, make_user):
    user = make_user("developer")
    auth.login(user)
    assert events(user)
    accounts.delete_account(user)
    assert db.session.scalar(db.select(db.func.count()).select_from(SecurityEvent)) == 0
