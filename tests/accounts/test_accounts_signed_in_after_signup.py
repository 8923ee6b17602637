"""After sign-up, the confirmation link opened in the same browser signs the new account in,
and a banner asks to confirm until then; a taken address still gets the same answer, and a
link opened in another browser signs nobody in."""

from flask.testing import FlaskClient
from sqlalchemy import select

from outstaff.core.extensions import db
from outstaff.models import User
from tests.helpers import link_in, mails_to, main_text

GOOD = {
    "role": "developer",
    "email": "ann.smith@example.com",
    "password": "violet tractor umbrella",
    "confirm": "violet tractor umbrella",
    "age_ok": "y",
    "accept_policy": "y",
}


def signup(client, **changes):
    return client.post("/account/signup", data={**GOOD, **changes})


def test_the_link_opened_where_you_signed_up_signs_you_in(client, outbox):
    signup(client)
    [mail] = mails_to(outbox, GOOD["email"])
    response = client.get(link_in(mail, "/account/confirm/"))
    assert response.status_code == 302 and response.headers["Location"] != "/account/signin"
    page = client.get(response.headers["Location"])
    assert page.status_code == 200
    assert "your email address is confirmed" in main_text(page)
    assert "Sign out" in page.get_data(as_text=True)


def test_an_attacker_who_opens_a_stolen_link_elsewhere_is_not_signed_in(app, client, outbox):
    signup(client)
    [mail] = mails_to(outbox, GOOD["email"])
    other_browser = FlaskClient(app, app.response_class, use_cookies=True)
    response = other_browser.get(link_in(mail, "/account/confirm/"))
    assert response.headers["Location"] == "/account/signin"
    assert "Sign out" not in other_browser.get("/").get_data(as_text=True)


def test_an_attacker_cannot_tell_a_taken_address_by_being_signed_in(client, make_user):
    make_user("developer", email="taken@example.com")
    known, unknown = (
        signup(client, email="taken@example.com"),
        signup(client, email="free@example.com"),
    )
    assert known.headers["Location"] == unknown.headers["Location"] == "/account/signup/check-inbox"
    assert "Sign out" not in client.get("/").get_data(as_text=True)


def test_signed_in_but_unconfirmed_the_banner_says_what_waits(client, auth, make_user):
    user = make_user("developer", confirmed=False)
    auth.login(user)
    page = client.get("/questionnaire/").get_data(as_text=True)
    assert "Please confirm your email address" in page
    assert "your questionnaire cannot be published" in page
    user.email_confirmed_at = db.session.scalar(select(User.created_at).where(User.id == user.id))
    db.session.commit()
    assert "Please confirm your email address" not in client.get("/").get_data(as_text=True)
