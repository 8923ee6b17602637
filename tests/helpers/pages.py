"""Reading what the app answers: pages, mail (the memory backend, and SMTP replaced),
the SQL statements a request sends."""

import html
import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from email import message_from_bytes
from email.policy import default

from sqlalchemy import event

from outstaff.core.extensions import db

# --- Pages and mail -------------------------------------------------------------------


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


def card_names(page: str) -> list[str]:
    """The names on the listing's cards, in page order (HTML entities decoded)."""
    return [
        html.unescape(name)
        for name in re.findall(r'<h3 id="dev-\d+"><a href="[^"]+">([^<]*)</a></h3>', page)
    ]


def next_link(page: str, rel: str = "next") -> str | None:
    match = re.search(rf'<a rel="{rel}"[^>]*href="([^"]+)"', page)
    return html.unescape(match[1]) if match else None


def mails_to(outbox: list, address: str) -> list:
    return [message for message in outbox if message.to == address]


def link_in(message, path_prefix: str) -> str:
    """The path of the first link in a mail that starts with `path_prefix`."""
    match = re.search(r"https?://[^/\s]+(" + re.escape(path_prefix) + r"\S*)", message.body)
    assert match, f"no {path_prefix} link in: {message.body}"
    return match.group(1)


# --- Mail through SMTP (Flask-Mailman's backend, smtplib.SMTP replaced) ---------------

SMTP_CONFIG = {
    "MAIL_BACKEND": "smtp",
    "MAIL_SERVER": "smtp.example.com",
    "MAIL_PORT": 2525,
    "MAIL_USERNAME": "relay-user",
    "MAIL_PASSWORD": "relay-secret",
}


class FakeSMTP:
    """Records what would be sent as (calls, parsed message); `fail` makes connecting raise."""

    sent: list = []
    fail: BaseException | None = None

    def __init__(self, host, port, local_hostname=None, timeout=None, **_):
        if FakeSMTP.fail is not None:
            raise FakeSMTP.fail
        self.calls = [("connect", host, port)]

    def starttls(self, context=None):
        self.calls.append(("starttls",))

    def login(self, user, password):
        self.calls.append(("login", user))

    def sendmail(self, sender, recipients, data, mail_options=(), rcpt_options=()):
        FakeSMTP.sent.append((self.calls, message_from_bytes(data, policy=default)))
        return {}

    def quit(self):
        pass

    def close(self):
        pass


# --- SQL --------------------------------------------------------------------------


ISOLATION = re.compile(r"(RELEASE |ROLLBACK TO )?SAVEPOINT ")


@contextmanager
def counted_statements() -> Iterator[list[str]]:
    """Collects every SQL statement the app sends to the database inside the block (not
    the savepoints that keep a test's writes in its outer transaction: harness.py)."""
    statements: list[str] = []

    def listener(conn, cursor, statement, parameters, context, executemany):
        if not ISOLATION.match(statement):
            statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", listener)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", listener)


@contextmanager
def texts_bound() -> Iterator[list[str]]:
    """Collects every text value the app binds to a statement inside the block (the
    search's MATCH and to_tsquery expressions among them)."""
    texts: list[str] = []

    def listener(conn, cursor, statement, parameters, context, executemany):
        values = parameters.values() if isinstance(parameters, dict) else parameters
        texts.extend(v for v in values if isinstance(v, str))

    event.listen(db.engine, "before_cursor_execute", listener)
    try:
        yield texts
    finally:
        event.remove(db.engine, "before_cursor_execute", listener)


# --- The signed-in user's "Download my data" ------------------------------------


def export_of(client) -> str:
    response = client.get("/privacy/export")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def tables_of(client) -> dict:
    return json.loads(export_of(client))["tables"]
