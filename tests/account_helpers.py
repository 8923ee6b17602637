"""Small readers of pages and mail, shared by the account tests."""

import html
import re

import pyotp
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


def sign_in(client: FlaskClient, email: str, password: str = PASSWORD, **extra):
    """Sign in through the form, answering the two-factor step if the account has one."""
    response = client.post("/account/signin",
                           data={"email": email, "password": password, **extra})
    location = response.headers.get("Location", "")
    if location.startswith("/account/2fa/challenge"):
        from outstaff.services import accounts

        code = pyotp.TOTP(accounts.find_by_email(email).totp_secret).now()
        response = client.post(location, data={"code": code})
    return response


def reaches_admin_console(client: FlaskClient) -> bool:
    """The console opens, or first asks to set up the second factor admins must have."""
    response = client.get("/admin/")
    return response.status_code == 200 or (
        response.status_code == 302 and response.headers["Location"].startswith("/account/2fa"))
