"""The account page: changing the email address, and deleting the account."""

from datetime import timedelta

import pytest
import time_machine
from sqlalchemy import select

from outstaff.core.extensions import db
from outstaff.models import User, utcnow
from tests.helpers import (
    PASSWORD,
    field_error,
    link_in,
    mails_to,
    main_text,
    sign_in,
    signed_in_email,
)

pytestmark = pytest.mark.usefixtures("app_ctx")  # the tests read the database


@pytest.fixture
def signed_in(app, make_user):
    """signed_in(role, **columns) -> (user, client signed in as that user)."""

    def factory(role="developer", **columns):
        user = make_user(role, **columns)
        client = app.test_client()
        sign_in(client, user.email)
        assert signed_in_email(client) == user.email
        return user, client

    return factory


def change_email(client, email, password=PASSWORD):
    return client.post("/account/email", data={"email": email, "current_password": password})


def test_the_new_address_confirms_the_change_and_the_old_one_is_told(signed_in, outbox, auth):
    user, client = signed_in("developer", email="old@example.com")
    response = change_email(client, "New@Example.com")
    assert response.headers["Location"] == "/account/"
    assert "We have sent a confirmation link to new@example.com" in main_text(
        client.get("/account/")
    )
    db.session.refresh(user)
    assert user.email == "old@example.com"  # nothing changes until the link is opened

    [mail] = mails_to(outbox, "new@example.com")
    assert mail.subject == "Confirm your new email address"
    link = link_in(mail, "/account/email/confirm/")
    assert "Your email address is now new@example.com" in main_text(
        client.get(link, follow_redirects=True)
    )
    db.session.refresh(user)
    assert user.email == "new@example.com"
    [notice] = mails_to(outbox, "old@example.com")
    assert notice.subject == "Your email address was changed"
    assert "new@example.com" in notice.body

    assert "invalid, expired or already used" in main_text(client.get(link, follow_redirects=True))
    assert field_error(auth.login("old@example.com"), "password")
    assert auth.login("new@example.com").status_code == 302


@pytest.mark.parametrize(
    ("email", "password", "field", "message"),
    [
        # Its own id: the password form on the account page has a current_password too.
        (
            "new@example.com",
            "wrong password here",
            "email-current-password",
            "That is not your current password.",
        ),
        (
            "not an address",
            PASSWORD,
            "email",
            "Enter a valid email address, like name@example.com.",
        ),
        ("OLD@example.com", PASSWORD, "email", "That is already your email address."),
    ],
    ids=["wrong-password", "bad-address", "same-address"],
)
def test_an_email_change_is_checked(signed_in, outbox, email, password, field, message):
    user, client = signed_in("developer", email="old@example.com")
    response = change_email(client, email, password)
    assert response.status_code == 400
    assert field_error(response, field) == message
    assert outbox == []


def test_a_taken_address_is_not_revealed_and_its_owner_is_told(signed_in, make_user, outbox):
    make_user("employer", email="taken@example.com")
    user, client = signed_in("developer", email="old@example.com")
    response = change_email(client, "taken@example.com")
    assert response.headers["Location"] == "/account/"
    assert "We have sent a confirmation link to taken@example.com" in main_text(
        client.get("/account/")
    )
    [mail] = outbox
    assert (mail.to, mail.subject) == ("taken@example.com", "Someone tried to use your address")
    assert "/account/" not in mail.body  # no link that could move the account


def test_a_link_to_an_address_taken_meanwhile_changes_nothing(signed_in, make_user, outbox):
    user, client = signed_in("developer", email="old@example.com")
    change_email(client, "new@example.com")
    make_user("employer", email="new@example.com")
    client.get(link_in(outbox[-1], "/account/email/confirm/"))
    db.session.refresh(user)
    assert user.email == "old@example.com"


def test_email_change_links_expire_after_a_day(signed_in, outbox):
    user, client = signed_in("developer", email="old@example.com")
    change_email(client, "new@example.com")
    with time_machine.travel(utcnow() + timedelta(hours=25)):
        client.get(link_in(outbox[-1], "/account/email/confirm/"))
    db.session.refresh(user)
    assert user.email == "old@example.com"


@pytest.mark.parametrize(
    ("role", "listed"),
    [("developer", "your questionnaire, photo"), ("employer", "your company profile")],
)
def test_the_delete_page_says_what_goes(signed_in, role, listed):
    user, client = signed_in(role)
    page = main_text(client.get("/account/delete"))
    assert listed in page and f"a short receipt to {user.email}" in page


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"password": PASSWORD}, "understood", "Tick the box to confirm."),
        (
            {"password": "not my password", "understood": "y"},
            "password",
            "That is not your password.",
        ),
        ({"understood": "y"}, "password", "Enter your password to confirm."),
    ],
    ids=["no-box", "wrong-password", "no-password"],
)
def test_deleting_needs_the_password_and_the_box(signed_in, outbox, data, field, message):
    user, client = signed_in("developer")
    response = client.post("/account/delete", data=data)
    assert response.status_code == 200
    assert field_error(response, field) == message
    assert db.session.get(User, user.id) is not None
    assert signed_in_email(client) == user.email and outbox == []


def test_deleting_the_account_erases_it_ends_sessions_and_sends_a_receipt(
    app, signed_in, outbox, auth
):
    user, client = signed_in("employer", email="leaving@example.com")
    elsewhere = app.test_client()
    sign_in(elsewhere, user, remember="y")
    remembered = elsewhere.get_cookie("remember_token").value
    user_id = user.id

    response = client.post("/account/delete", data={"password": PASSWORD, "understood": "y"})
    assert response.headers["Location"] == "/"
    assert "Your account and all your data have been deleted" in main_text(client.get("/"))
    db.session.expire_all()
    assert db.session.get(User, user_id) is None
    assert signed_in_email(client) is None
    assert signed_in_email(elsewhere) is None
    reopened = app.test_client()
    reopened.set_cookie("remember_token", remembered)
    assert signed_in_email(reopened) is None

    [receipt] = mails_to(outbox, "leaving@example.com")
    assert receipt.subject == "Your account has been deleted"
    assert "As you asked" in receipt.body
    assert field_error(auth.login("leaving@example.com"), "password")


def test_the_last_active_admin_cannot_delete_themselves(signed_in, make_user):
    admin, client = signed_in("admin")
    make_user("admin", status="suspended")  # cannot run the site, so does not count
    data = {"password": PASSWORD, "understood": "y"}
    response = client.post("/account/delete", data=data)
    assert response.status_code == 200
    assert "You are the last administrator" in main_text(response)
    assert db.session.get(User, admin.id) is not None

    make_user("admin")
    admin_id = admin.id
    assert client.post("/account/delete", data=data).headers["Location"] == "/"
    assert db.session.scalar(select(User).where(User.id == admin_id)) is None


def test_the_address_of_a_deleted_account_can_sign_up_again(signed_in, client, outbox):
    user, own = signed_in("developer", email="again@example.com")
    own.post("/account/delete", data={"password": PASSWORD, "understood": "y"})
    client.post(
        "/account/signup",
        data={
            "role": "employer",
            "email": "again@example.com",
            "password": "violet tractor umbrella",
            "confirm": "violet tractor umbrella",
            "age_ok": "y",
            "accept_policy": "y",
        },
    )
    assert db.session.scalars(select(User.role)).all() == ["employer"]
    assert outbox[-1].subject == "Confirm your email address"
