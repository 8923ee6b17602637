"""Forgotten passwords, single-use reset links, password changes and ending sessions."""

from datetime import timedelta

import pytest
import time_machine

from outstaff.core.extensions import db
from outstaff.models import utcnow
from tests.helpers import (
    PASSWORD,
    field_error,
    link_in,
    mails_to,
    main_text,
    signed_in,
    signed_in_email,
)

NEW = "marble kettle horizon"


def forgot(client, email):
    return client.post("/account/password/forgot", data={"email": email})


def browser_restarted(app, client):
    """A new client holding only the remember-me cookie of `client`."""
    reopened = app.test_client()
    cookie = client.get_cookie("remember_token")
    if cookie is not None:
        reopened.set_cookie("remember_token", cookie.value)
    return reopened


def test_forgot_password_answers_the_same_either_way(client, make_user, outbox):
    make_user("developer", email="known@example.com")
    make_user("developer", email="gone@example.com", status="suspended")
    answers = {}
    for email in ("known@example.com", "nobody@example.com", "gone@example.com"):
        response = forgot(client, email)
        assert response.status_code == 302
        assert response.headers["Location"] == "/account/signin"
        page = main_text(client.get("/account/signin"))
        answers[email] = page.replace(email, "EMAIL")
    assert len(set(answers.values())) == 1
    assert "If an account uses EMAIL" in answers["known@example.com"]
    assert [m.to for m in outbox] == ["known@example.com"]
    assert outbox[0].subject == "Reset your password"


def test_a_reset_link_sets_a_new_password_once(app, client, auth, make_user, outbox):
    user = make_user("developer", confirmed=False)
    elsewhere = signed_in(app, user, remember="y")
    forgot(client, user.email)
    link = link_in(outbox[-1], "/account/password/reset/")
    assert client.get(link).status_code == 200

    weak = client.post(link, data={"password": "short", "confirm": "short"})
    assert field_error(weak, "password") == "Use at least 12 characters."
    response = client.post(link, data={"password": NEW, "confirm": NEW})
    assert response.headers["Location"] == "/account/signin"
    assert "every device is signed out" in main_text(client.get("/account/signin"))

    assert signed_in_email(elsewhere) is None
    assert signed_in_email(browser_restarted(app, elsewhere)) is None
    db.session.refresh(user)
    assert user.is_confirmed  # the link proved the address

    assert field_error(auth.login(user), "password") == "The email or password is not correct."
    assert auth.login(user, NEW).status_code == 302
    auth.logout()

    again = client.post(
        link, data={"password": "another fine phrase", "confirm": "another fine phrase"}
    )
    assert again.headers["Location"] == "/account/password/forgot"
    assert "invalid, expired or already used" in main_text(client.get(again.headers["Location"]))
    assert auth.login(user, NEW).status_code == 302


def test_every_older_reset_link_dies_with_the_password(client, make_user, outbox):
    user = make_user("developer")
    forgot(client, user.email)
    forgot(client, user.email)
    first, second = (link_in(m, "/account/password/reset/") for m in outbox)
    assert client.post(second, data={"password": NEW, "confirm": NEW}).status_code == 302
    assert client.get(first).headers["Location"] == "/account/password/forgot"


@pytest.mark.parametrize(("minutes", "works"), [(59, True), (61, False)])
def test_reset_links_expire_after_an_hour(client, make_user, outbox, minutes, works):
    user = make_user("developer")
    forgot(client, user.email)
    link = link_in(outbox[-1], "/account/password/reset/")
    with time_machine.travel(utcnow() + timedelta(minutes=minutes)):
        response = client.get(link)
    assert (response.status_code == 200) is works


def test_a_forged_reset_link_is_refused(client):
    response = client.post("/account/password/reset/forged", data={"password": NEW, "confirm": NEW})
    assert response.headers["Location"] == "/account/password/forgot"


def test_changing_the_password_signs_out_every_other_device(app, make_user):
    user = make_user("employer")
    here = signed_in(app, user, remember="y")
    there = signed_in(app, user, remember="y")

    wrong = here.post(
        "/account/password",
        data={"current_password": "not my password", "password": NEW, "confirm": NEW},
    )
    assert wrong.status_code == 400
    assert field_error(wrong, "current_password") == "That is not your current password."
    assert signed_in_email(there) == user.email

    response = here.post(
        "/account/password", data={"current_password": PASSWORD, "password": NEW, "confirm": NEW}
    )
    assert response.status_code == 302
    assert "Other devices have been signed out" in main_text(here.get("/account/"))
    assert signed_in_email(here) == user.email
    assert signed_in_email(browser_restarted(app, here)) == user.email  # remember me kept
    assert signed_in_email(there) is None
    assert signed_in_email(browser_restarted(app, there)) is None


def test_a_new_password_is_checked_like_at_sign_up(app, make_user):
    user = make_user("developer")
    client = signed_in(app, user)
    response = client.post(
        "/account/password",
        data={
            "current_password": PASSWORD,
            "password": "password12345",
            "confirm": "password12345",
        },
    )
    assert response.status_code == 400
    assert "too common" in field_error(response, "password")
    assert signed_in_email(client) == user.email


def test_sign_out_everywhere_ends_every_session(app, make_user, outbox):
    user = make_user("developer")
    here = signed_in(app, user, remember="y")
    there = signed_in(app, user, remember="y")
    response = here.post("/account/signout-everywhere")
    assert response.headers["Location"] == "/account/signin"
    for client in (here, there):
        assert signed_in_email(client) is None
        assert signed_in_email(browser_restarted(app, client)) is None
    assert signed_in(app, user) is not None  # the password still works


def test_mails_go_only_to_the_account_owner(client, make_user, outbox):
    user = make_user("developer")
    forgot(client, user.email.upper())
    assert [m.to for m in mails_to(outbox, user.email)] == [user.email]
