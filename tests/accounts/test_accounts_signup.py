"""Signing up, confirming the address, and what a taken address reveals (nothing)."""

from datetime import timedelta

import pytest
import time_machine
from sqlalchemy import func, select

from outstaff.core.extensions import db
from outstaff.models import ConsentRecord, User, utcnow
from tests.helpers import field_error, input_value, link_in, mails_to, main_text

pytestmark = pytest.mark.usefixtures("app_ctx")  # the tests read the database

GOOD = {
    "role": "developer",
    "email": "ann.smith@example.com",
    "password": "violet tractor umbrella",
    "confirm": "violet tractor umbrella",
    "age_ok": "y",
    "accept_policy": "y",
}


def signup(client, **changes):
    data = {k: v for k, v in {**GOOD, **changes}.items() if v is not None}
    return client.post("/account/signup", data=data)


def user_count() -> int:
    return db.session.scalar(select(func.count()).select_from(User))


def test_a_developer_signs_up_and_confirms_the_address(client, outbox):
    response = signup(client)
    assert response.status_code == 302
    assert response.headers["Location"] == "/account/signup/check-inbox"
    assert "Check your inbox" in main_text(client.get(response.headers["Location"]))

    user = db.session.scalar(select(User))
    assert (user.email, user.role, user.approval, user.is_confirmed) == (
        "ann.smith@example.com",
        "developer",
        None,
        False,
    )
    consent = db.session.scalar(select(ConsentRecord))
    assert (consent.user_id, consent.purpose, consent.granted) == (user.id, "privacy_policy", True)

    [mail] = mails_to(outbox, "ann.smith@example.com")
    assert mail.subject == "Confirm your email address"
    response = client.get(link_in(mail, "/account/confirm/"))
    assert response.status_code == 302
    db.session.refresh(user)
    assert user.is_confirmed
    assert "your email address is confirmed" in main_text(client.get(response.headers["Location"]))


def test_an_employer_starts_pending_approval(client):
    signup(client, role="employer", email="hr@acme.example.com")
    user = db.session.scalar(select(User))
    assert (user.role, user.approval) == ("employer", "pending")


def test_the_address_is_normalized_and_unique_without_regard_to_case(client, outbox):
    signup(client, email="  Ann.Smith@EXAMPLE.com ")
    signup(client, email="ANN.SMITH@example.com")
    assert db.session.scalars(select(User.email)).all() == ["ann.smith@example.com"]
    assert [m.subject for m in outbox] == [
        "Confirm your email address",
        "Someone tried to sign up with your address",
    ]


def test_a_taken_address_gets_the_same_answer_and_the_owner_a_mail(client, make_user, outbox):
    owner = make_user("employer", email="taken@example.com")
    old_hash = owner.password_hash
    known = signup(client, email="taken@example.com")
    unknown = signup(client, email="free@example.com")
    assert known.status_code == unknown.status_code == 302
    assert known.headers["Location"] == unknown.headers["Location"]
    assert main_text(client.get(known.headers["Location"])) == main_text(
        client.get(unknown.headers["Location"])
    )

    [mail] = mails_to(outbox, "taken@example.com")
    assert mail.subject == "Someone tried to sign up with your address"
    assert "/account/signin" in mail.body and "/account/password/forgot" in mail.body
    assert user_count() == 2  # the owner and free@example.com
    db.session.refresh(owner)
    assert (owner.role, owner.password_hash) == ("employer", old_hash)


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"email": "not-an-email"}, "email", "Enter a valid email address, like name@example.com."),
        ({"password": "short1!", "confirm": "short1!"}, "password", "Use at least 12 characters."),
        (
            {"password": "password12345", "confirm": "password12345"},
            "password",
            "This password is too common or too easy to guess. Try a longer phrase.",
        ),
        ({"confirm": "violet tractor umbrellas"}, "confirm", "The two passwords do not match."),
        ({"age_ok": None}, "age_ok", "You must be old enough to use the site."),
        ({"accept_policy": None}, "accept_policy", "Please read and accept the privacy policy."),
        ({"role": None}, "role", "Choose whether you are a developer or an employer."),
        ({"role": "admin"}, "role", "Not a valid choice."),
    ],
    ids=[
        "bad-email",
        "short-password",
        "common-password",
        "mismatch",
        "no-age-box",
        "no-policy-box",
        "no-role",
        "admin-role",
    ],
)
def test_sign_up_validation(client, outbox, changes, field, message):
    response = signup(client, **changes)
    assert response.status_code == 200
    assert field_error(response, field) == message
    assert input_value(response, "email") == changes.get("email", GOOD["email"])
    assert "Please correct the following" in response.get_data(as_text=True)
    assert user_count() == 0 and outbox == []


def test_the_age_box_names_the_configured_minimum_age(app, client):
    app.config["MIN_AGE"] = 16
    assert "I am at least 16 years old" in client.get("/account/signup").get_data(as_text=True)


def test_unconfirmed_accounts_can_sign_in_and_see_they_are_unconfirmed(client, auth):
    signup(client)
    response = auth.login(GOOD["email"], GOOD["password"])
    assert response.status_code == 302
    page = main_text(client.get("/account/"))
    assert "Email confirmed Not yet" in page and "Send the link again" in page


def test_an_unconfirmed_user_can_ask_for_the_link_again(client, auth, make_user, outbox):
    user = make_user("developer", confirmed=False)
    auth.login(user)
    response = client.post("/account/confirm/resend")
    assert response.status_code == 302
    [mail] = mails_to(outbox, user.email)
    client.get(link_in(mail, "/account/confirm/"))
    db.session.refresh(user)
    assert user.is_confirmed


@pytest.mark.parametrize("days", [2, 4])
def test_confirmation_links_expire_after_three_days(client, outbox, days):
    signup(client)
    link = link_in(outbox[-1], "/account/confirm/")
    with time_machine.travel(utcnow() + timedelta(days=days)):
        response = client.get(link, follow_redirects=True)
    user = db.session.scalar(select(User))
    assert user.is_confirmed is (days < 3)
    expected = "invalid or has expired" if days > 3 else "your email address is confirmed"
    assert expected in main_text(response)


def test_a_forged_confirmation_link_confirms_nothing(client, make_user):
    user = make_user("developer", confirmed=False)
    response = client.get("/account/confirm/not-a-real-token", follow_redirects=True)
    assert "invalid or has expired" in main_text(response)
    db.session.refresh(user)
    assert not user.is_confirmed


def test_signed_in_users_are_sent_on_from_the_sign_up_page(client, auth, make_user):
    auth.login(make_user("developer"))
    response = client.get("/account/signup")
    assert response.status_code == 302
    assert not response.headers["Location"].startswith("/account/signup")
