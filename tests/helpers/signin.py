"""Signing in: through the form, with the two-factor step, and the clock past a used
TOTP step."""

import html
import re
import time
from contextlib import nullcontext

import pyotp
import time_machine
from flask import Flask, has_app_context
from flask.testing import FlaskClient

from outstaff.core.extensions import db
from outstaff.models import (
    User,
)
from tests.helpers.pages import csrf_token

PASSWORD = "correct horse battery staple"  # what make_user (factories.py) sets


# --- Signing in -------------------------------------------------------------------

_CLOCK_MOVES: list = []


def move_past_last_totp_step(user) -> None:
    """Move the app's clock past the account's last used TOTP step, for the rest of the test.

    The site takes each code once (and no older one), so a test that signs one account in
    twice within 30 seconds moves time on, as a person would wait for the next code. The
    clock stays moved (cookies signed "in the future" would not be read after a jump back);
    conftest puts it back after each test. Nothing moves while a code of now is unused.
    """

    last = db.session.scalar(db.select(User.totp_last_step).where(User.id == user.id))
    interval = pyotp.TOTP(user.totp_secret).interval
    if last is not None and last >= int(time.time()) // interval:
        traveller = time_machine.travel((last + 1) * interval + 1, tick=True)
        traveller.start()
        _CLOCK_MOVES.append(traveller)


def restore_clock() -> None:
    while _CLOCK_MOVES:
        _CLOCK_MOVES.pop().stop()


def totp_code(user) -> str:
    """The code the account's authenticator app shows, one the site has not taken yet."""
    move_past_last_totp_step(user)
    return pyotp.TOTP(user.totp_secret).now()


def answer_challenge(client: FlaskClient, user, path: str = "/account/2fa/challenge", **request):
    """Post the code the account's authenticator app shows (after the last used one)."""
    data = {"code": totp_code(user), **_csrf_field(client, path, **request)}
    return client.post(path, data=data, **request)


def sign_in(
    client: FlaskClient,
    user,
    password: str = PASSWORD,
    *,
    headers=None,
    environ_base=None,
    **fields,
):
    """Sign in as `user` (a User or an email address) through the form, as a browser does:
    with the form's CSRF token when the app checks it, answering the two-factor step if the
    account has one. `headers` and `environ_base` go with every request; `fields` (such as
    remember="y") into the form."""
    email = getattr(user, "email", user)
    request = {
        key: value
        for key, value in (("headers", headers), ("environ_base", environ_base))
        if value is not None
    }
    data = {
        "email": email,
        "password": password,
        **_csrf_field(client, "/account/signin", **request),
        **fields,
    }
    response = client.post("/account/signin", data=data, **request)
    location = response.headers.get("Location", "")
    if location.startswith("/account/2fa/challenge"):
        from outstaff.accounts import service as accounts

        with app_context_of(client.application):
            user = accounts.find_by_email(email)
            response = answer_challenge(client, user, location, **request)
    return response


def app_context_of(app: Flask):
    """The test's app context when it holds one, else a new one for the block."""
    return nullcontext() if has_app_context() else app.app_context()


def signed_in(app: Flask, user, **options) -> FlaskClient:
    """A separate browser, signed in as `user` (options as for `sign_in`)."""
    client = app.test_client()
    response = sign_in(client, user, **options)
    assert response.status_code == 302, response.get_data(as_text=True)
    return client


def _csrf_field(client: FlaskClient, path: str, **request) -> dict:
    if not client.application.config["WTF_CSRF_ENABLED"]:
        return {}
    return {"csrf_token": csrf_token(client.get(path, **request))}


def reaches_admin_console(client: FlaskClient) -> bool:
    """The console opens; or the account is an admin whose session has not passed two-factor
    sign-in yet (the console is 404 to it, as to anyone) and the site steers it there."""
    response = client.get("/admin/")
    if response.status_code == 200:
        return True
    steered = client.get("/account/signin")  # a signed-in user is sent to their start page
    return (
        response.status_code == 404
        and steered.status_code == 302
        and steered.headers["Location"].startswith("/account/2fa")
    )


def signed_in_email(client: FlaskClient) -> str | None:
    """Whose account page this client sees, or None when it is sent to sign in."""
    response = client.get("/account/")
    if response.status_code == 302:
        assert response.headers["Location"].startswith("/account/signin")
        return None
    assert response.status_code == 200
    match = re.search(r"<dt>Email</dt><dd>([^<]*)</dd>", response.get_data(as_text=True))
    return html.unescape(match.group(1)) if match else None
