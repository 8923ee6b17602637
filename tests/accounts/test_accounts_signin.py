"""Signing in and out: remember me, safe `next`, suspended accounts, rate limits and CSRF."""

from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

import pytest
import time_machine
from sqlalchemy import select

from outstaff.core.extensions import db
from outstaff.models import User, utcnow
from tests.helpers import PASSWORD, csrf_token, field_error, main_text, sign_in, signed_in_email

WRONG = "not the password at all"


def test_sign_in_and_out(client, auth, make_user):
    user = make_user("developer")
    response = auth.login(user)
    assert response.status_code == 302
    assert not response.headers["Location"].startswith("/account/signin")
    assert signed_in_email(client) == user.email
    assert client.get("/account/signout").status_code == 405  # never a GET
    response = auth.logout()
    assert response.status_code == 302
    assert signed_in_email(client) is None


def test_the_address_may_be_typed_in_any_case(client, auth, make_user):
    user = make_user("developer", email="ann@example.com")
    auth.login("  ANN@Example.com ")
    assert signed_in_email(client) == user.email


def test_remember_me_keeps_the_browser_signed_in_for_30_days(app, client, auth, make_user):
    user = make_user("developer")
    auth.login(user, remember="y")
    cookie = client.get_cookie("remember_token")
    assert cookie is not None and cookie.http_only
    expected = datetime.now(UTC) + timedelta(days=30)
    assert abs((cookie.expires - expected).total_seconds()) < 60

    reopened = app.test_client()  # the browser restarted: only the lasting cookie is left
    reopened.set_cookie("remember_token", cookie.value)
    assert signed_in_email(reopened) == user.email


def test_without_remember_me_no_lasting_cookie_is_set(client, auth, make_user):
    auth.login(make_user("developer"))
    assert client.get_cookie("remember_token") is None


def test_member_pages_send_visitors_to_sign_in_and_back(client, auth, make_user):
    response = client.get("/account/delete")
    assert response.status_code == 302
    location = response.headers["Location"]
    assert location.startswith("/account/signin?next=")
    response = client.post(
        location, data={"email": make_user("employer").email, "password": PASSWORD}
    )
    assert response.headers["Location"] == "/account/delete"


@pytest.mark.parametrize(
    "target",
    [
        "//evil.example",
        "https://evil.example",
        "/\\evil.example",
        "javascript:alert(1)",
        "\\\\evil.example",
        "/\t/evil.example",
        "https:/evil.example",
        " //evil.example",
    ],
)
def test_next_never_leaves_the_site(client, auth, make_user, target):
    user = make_user("developer")
    response = client.post(
        "/account/signin",
        query_string={"next": target},
        data={"email": user.email, "password": PASSWORD},
    )
    assert response.status_code == 302
    location = response.headers["Location"]
    assert "evil" not in location and "javascript" not in location
    parts = urlsplit(location)
    assert not parts.scheme and not parts.netloc and location.startswith("/")
    assert signed_in_email(client) == user.email


def test_failures_look_the_same_for_an_unknown_address_and_a_wrong_password(client, make_user):
    make_user("developer", email="known@example.com")
    wrong = client.post("/account/signin", data={"email": "known@example.com", "password": WRONG})
    unknown = client.post(
        "/account/signin", data={"email": "nobody@example.com", "password": WRONG}
    )
    assert wrong.status_code == unknown.status_code == 200
    assert main_text(wrong) == main_text(unknown)
    assert field_error(wrong, "password") == "The email or password is not correct."
    assert signed_in_email(client) is None


def test_suspended_users_cannot_sign_in_and_their_sessions_end(app, client, auth, make_user):
    user = make_user("developer")
    other = app.test_client()
    sign_in(other, user)
    user.status = "suspended"
    db.session.commit()

    response = auth.login(user)
    assert response.status_code == 200
    assert "This account is suspended" in main_text(response)
    assert signed_in_email(client) is None
    assert signed_in_email(other) is None
    # A wrong password gets the usual answer: suspension is told only to the owner.
    assert "suspended" not in main_text(auth.login(user, WRONG))


def test_signed_in_users_are_sent_on_from_the_sign_in_page(client, auth, make_user):
    auth.login(make_user("developer"))
    response = client.get("/account/signin")
    assert response.status_code == 302
    assert response.headers["Location"] not in ("/account/signin", "/")


def test_a_pending_employer_is_not_sent_to_the_listing_it_cannot_open(app, client, auth, make_user):
    auth.login(make_user("employer", approval="approved"))
    assert client.get("/account/signin").headers["Location"] == "/developers"
    auth.logout()
    auth.login(make_user("employer", approval="pending"))
    assert client.get("/account/signin").headers["Location"] != "/developers"


@pytest.mark.parametrize("app_overrides", [{"RATELIMIT_ENABLED": True}])
def test_sign_in_attempts_are_rate_limited(client, make_user):
    user = make_user("developer")
    for _ in range(10):
        response = client.post("/account/signin", data={"email": user.email, "password": WRONG})
        assert response.status_code == 200
    response = client.post("/account/signin", data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 429
    page = main_text(response)
    assert "Too many attempts" in page and "Please wait a little" in page
    assert "per 1 minute" not in page
    assert signed_in_email(client) is None
    assert client.get("/account/signin").status_code == 200  # reading the form is not limited


@pytest.mark.parametrize("app_overrides", [{"WTF_CSRF_ENABLED": True}])
def test_a_post_without_a_csrf_token_is_refused_and_changes_nothing(client, make_user):
    user = make_user("developer")
    response = client.post("/account/signin", data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 400
    assert "The form had expired" in main_text(response)
    assert signed_in_email(client) is None

    token = csrf_token(client.get("/account/signin"))
    response = client.post(
        "/account/signin", data={"email": user.email, "password": PASSWORD, "csrf_token": token}
    )
    assert response.status_code == 302
    assert signed_in_email(client) == user.email

    delete = {"password": PASSWORD, "understood": "y"}
    assert client.post("/account/delete", data=delete).status_code == 400
    assert client.post("/account/signout").status_code == 400
    assert db.session.get(User, user.id) is not None
    assert signed_in_email(client) == user.email


@pytest.mark.parametrize("app_overrides", [{"WTF_CSRF_ENABLED": True}])
def test_a_form_filled_slowly_is_not_lost(client, make_user):
    """CSRF tokens live as long as the session, not a fixed hour."""
    user = make_user("developer")
    token = csrf_token(client.get("/account/signin"))
    with time_machine.travel(utcnow() + timedelta(days=2)):
        response = client.post(
            "/account/signin", data={"email": user.email, "password": PASSWORD, "csrf_token": token}
        )
    assert response.status_code == 302
    assert db.session.scalar(select(User.last_seen_at)) is not None


@pytest.mark.parametrize("app_overrides", [{"RATELIMIT_ENABLED": True}])
@pytest.mark.parametrize(
    ("path", "allowed", "signed_in"),
    [
        ("/account/signup", 10, False),
        ("/account/password/forgot", 5, False),
        ("/account/password/reset/x", 10, False),
        ("/account/email", 5, True),
        ("/account/confirm/resend", 5, True),
        ("/account/password", 10, True),
        ("/account/delete", 10, True),
    ],
)
def test_forms_that_send_mail_or_check_a_password_are_rate_limited(
    client, auth, make_user, path, allowed, signed_in
):
    if signed_in:
        auth.login(make_user("developer", confirmed=False))
    statuses = [
        client.post(path, data={"email": "x@example.com"}).status_code for _ in range(allowed + 1)
    ]
    assert 429 not in statuses[:allowed]
    assert statuses[allowed] == 429
