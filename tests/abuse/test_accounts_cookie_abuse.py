"""A copied cookie dies with "Sign out", and no one ends another user's session."""

import pytest
from sqlalchemy import select

from outstaff.core.extensions import db
from tests.helpers import sign_in, signed_in_email

pytestmark = pytest.mark.usefixtures("app_ctx")  # the tests read the database


# Finding 16: a copied cookie outlives "Sign out".


def _copy(client, app, name):
    thief = app.test_client()
    thief.set_cookie(name, client.get_cookie(name).value)
    return thief


def test_copied_session_cookie_dies_with_sign_out(app, client, make_user):
    user = make_user("developer")
    sign_in(client, user.email)
    thief = _copy(client, app, "session")
    assert signed_in_email(thief) == user.email
    client.post("/account/signout")
    assert signed_in_email(thief) is None


def test_copied_remember_cookie_dies_with_sign_out(app, client, make_user):
    user = make_user("developer")
    sign_in(client, user.email, remember="y")
    copied = client.get_cookie("remember_token").value
    thief = _copy(client, app, "remember_token")
    assert signed_in_email(thief) == user.email
    client.post("/account/signout")
    assert signed_in_email(thief) is None
    later = app.test_client()  # a browser holding only the copied cookie
    later.set_cookie("remember_token", copied)
    assert signed_in_email(later) is None


def test_user_cannot_end_another_users_session(app, make_user):
    from outstaff.models import UserSession

    alice, bob = make_user("developer"), make_user("employer")
    alice_client, bob_client = app.test_client(), app.test_client()
    sign_in(alice_client, alice.email)
    sign_in(bob_client, bob.email)
    bobs = db.session.scalars(select(UserSession.id).where(UserSession.user_id == bob.id)).one()
    assert alice_client.post(f"/account/sessions/{bobs}/end").status_code == 404
    assert signed_in_email(bob_client) == bob.email
    assert signed_in_email(alice_client) == alice.email
