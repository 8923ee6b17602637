"""Small readers of pages and mail, shared by the account tests."""

import html
import re
import time

import pyotp
import time_machine
from flask.testing import FlaskClient

PASSWORD = "correct horse battery staple"  # what make_user (tests/conftest.py) sets


def field_error(response, field_id: str) -> str | None:
    """The error message shown beside a form field (the `_forms.html` macro's markup)."""
    match = re.search(
        rf'<p class="error" id="{re.escape(field_id)}-error">(.*?)</p>',
        response.get_data(as_text=True),
        re.S,
    )
    return html.unescape(match.group(1)).strip() if match else None


def input_value(response, name: str) -> str | None:
    """The value an <input name=...> is filled with."""
    page = response.get_data(as_text=True)
    for tag in re.findall(r"<input[^>]*>", page):
        if re.search(rf'\bname="{re.escape(name)}"', tag):
            value = re.search(r'\bvalue="([^"]*)"', tag)
            return html.unescape(value.group(1)) if value else None
    return None


def csrf_token(response) -> str:
    value = input_value(response, "csrf_token")
    assert value, "the page has no CSRF token"
    return value


def main_text(response) -> str:
    """The text of <main>, tags and whitespace dropped: what a reader sees of the page."""
    page = response.get_data(as_text=True)
    main = re.search(r"<main\b.*?</main>", page, re.S)
    text = re.sub(r"<[^>]+>", " ", main.group(0) if main else page)
    return " ".join(html.unescape(text).split())


def signed_in_email(client: FlaskClient) -> str | None:
    """Whose account page this client sees, or None when it is sent to sign in."""
    response = client.get("/account/")
    if response.status_code == 302:
        assert response.headers["Location"].startswith("/account/signin")
        return None
    assert response.status_code == 200
    match = re.search(r"<dt>Email</dt><dd>([^<]*)</dd>", response.get_data(as_text=True))
    return html.unescape(match.group(1)) if match else None


def mails_to(outbox: list, address: str) -> list:
    return [message for message in outbox if message.to == address]


def link_to(message, path_prefix: str) -> str:
    """The path of the first link in a mail that starts with `path_prefix`."""
    match = re.search(r"https?://[^/\s]+(" + re.escape(path_prefix) + r"\S*)", message.body)
    assert match, f"no {path_prefix} link in: {message.body}"
    return match.group(1)


_CLOCK_MOVES: list = []


def move_past_last_totp_step(user) -> None:
    """Move the app's clock past the account's last used TOTP step, for the rest of the test.

    The site takes each code once (and no older one), so a test that signs one account in
    twice within 30 seconds moves time on, as a person would wait for the next code. The
    clock stays moved (cookies signed "in the future" would not be read after a jump back);
    conftest puts it back after each test. Nothing moves while a code of now is unused.
    """
    from outstaff.core.extensions import db
    from outstaff.models import User

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


def answer_challenge(client: FlaskClient, user, path: str = "/account/2fa/challenge"):
    """Post the code the account's authenticator app shows (after the last used one)."""
    return client.post(path, data={"code": totp_code(user)})


def sign_in(client: FlaskClient, email: str, password: str = PASSWORD, **extra):
    """Sign in through the form, answering the two-factor step if the account has one."""
    response = client.post("/account/signin",
                           data={"email": email, "password": password, **extra})
    location = response.headers.get("Location", "")
    if location.startswith("/account/2fa/challenge"):
        from outstaff.accounts import service as accounts

        response = answer_challenge(client, accounts.find_by_email(email), location)
    return response


def reaches_admin_console(client: FlaskClient) -> bool:
    """The console opens; or the account is an admin whose session has not passed two-factor
    sign-in yet (the console is 404 to it, as to anyone) and the site steers it there."""
    response = client.get("/admin/")
    if response.status_code == 200:
        return True
    steered = client.get("/account/signin")  # a signed-in user is sent to their start page
    return response.status_code == 404 and steered.status_code == 302 and steered.headers[
        "Location"].startswith("/account/2fa")
