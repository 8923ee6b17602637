"""One mail service. A message is written to the outbox table in the transaction that causes
it, and the task queue (outstaff/queue) delivers it once that transaction has committed: a
rolled-back change sends nothing, a crash after the commit loses nothing.

A message is written in its recipient's language: the `locale` given, else the language of
the account with that address, else the language of the page being served.

Backends: smtp (MAIL_SERVER set; Flask-Mailman), console (development), file (a directory
of JSON files, read by browser tests) and memory (unit tests).
"""

import json
import logging
import re
import time
import uuid
from dataclasses import asdict, dataclass, field
from email.utils import make_msgid, parseaddr
from pathlib import Path

from flask import Flask, current_app, render_template
from flask_babel import force_locale
from flask_mailman import EmailMessage, Mail
from sqlalchemy import event, inspect, select
from sqlalchemy.orm import Session

from outstaff.core.input_rules import has_control_characters

log = logging.getLogger(__name__)
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
SMTP_TIMEOUT_SECONDS = 15


@dataclass
class Message:
    to: str
    subject: str
    body: str
    message_id: str = ""
    headers: dict[str, str] = field(default_factory=dict)


def init_app(app: Flask) -> None:
    backend = app.config.get("MAIL_BACKEND") or (
        "smtp" if app.config.get("MAIL_SERVER") else "console"
    )
    app.config["MAIL_BACKEND"] = backend
    app.config.setdefault("MAIL_TIMEOUT", SMTP_TIMEOUT_SECONDS)
    Mail().init_app(app)  # the SMTP connection (Flask-Mailman); asked for "smtp" by name
    app.extensions["mail_outbox"] = []  # the memory backend's list


def send_mail(
    to: str,
    subject: str,
    template: str,
    *,
    locale: str | None = None,
    kind: str | None = None,
    headers: dict[str, str] | None = None,
    **context,
) -> None:
    """Render `templates/mail/<template>.txt` and send it once the transaction commits.

    `subject` is best a lazy string, so that it is translated with the body. `kind` (offers,
    messages, alerts, reminders) is a mail its recipient can turn off in the notification
    settings; without one (security, legal, account) it always goes. `headers` are extra
    mail headers (List-Unsubscribe).
    """
    from outstaff.core.extensions import db
    from outstaff.notifications.service import wants

    if kind is not None and usable_address(to) and not wants(to, kind):
        return

    if not usable_address(to):
        # Never a header injection, never a silent drop: the address is refused, loudly.
        log.error("mail %r not sent: the recipient address is not usable", template)
        return
    with force_locale(recipient_locale(to, locale)):
        body = render_template(f"mail/{template}.txt", **context)
        message = Message(to=to, subject=header_value(str(subject)), body=body)
    if headers:
        message.headers = {name: header_value(value) for name, value in headers.items()}
    session = db.session()
    if not session.in_transaction():
        # Tie the message to a transaction even when no row has changed yet: a rollback
        # with no transaction begun fires no event and would leave it for the next commit.
        session.begin()
    app = current_app._get_current_object()
    session.info.setdefault("outbox", []).append((app, message))


def header_value(text: str) -> str:
    """One line for a mail header: line breaks and other control characters become spaces.

    A subject may quote what someone typed (a company name, an admin's reply subject).
    """
    return " ".join(_CONTROL.sub(" ", text).split())


def usable_address(address: str) -> bool:
    """An address with nothing that could end its header and start another."""
    return bool(address) and not has_control_characters(address)


def recipient_locale(to: str, locale: str | None = None) -> str:
    """The language to write to `to` in (see the module's docstring)."""
    from flask_babel import get_locale

    from outstaff.core.extensions import db
    from outstaff.models import User

    languages = current_app.config["LANGUAGES"]
    if locale not in languages:
        with db.session.no_autoflush:
            locale = db.session.scalar(select(User.locale).where(User.email == to.lower()))
    if locale not in languages:
        locale = str(get_locale() or languages[0])
    return locale


def new_message_id() -> str:
    """A Message-ID on the sender's domain, fixed for the mail's every attempt."""
    domain = parseaddr(current_app.config["MAIL_DEFAULT_SENDER"])[1].rpartition("@")[2]
    return make_msgid(domain=domain or "localhost")


@event.listens_for(Session, "before_commit")
def _write_to_outbox(session: Session) -> None:
    """The queued messages become outbox rows, committed with the change that caused them."""
    from outstaff.models import MailOutbox, User

    rows = session.info.setdefault("outbox_rows", [])
    for app, message in session.info.pop("outbox", []):
        user_id = session.scalar(select(User.id).where(User.email == message.to.lower()))
        row = MailOutbox(
            message_id=message.message_id or new_message_id(),
            user_id=user_id,
            recipient=message.to,
            subject=message.subject,
            body=message.body,
            headers=json.dumps(message.headers) if message.headers else None,
        )
        session.add(row)
        rows.append((app, row))


@event.listens_for(Session, "after_commit")
def _committed(session: Session) -> None:
    rows = session.info.pop("outbox_rows", [])
    session.info.setdefault("outbox_committed", []).extend(
        inspect(row).identity[0] for _app, row in rows
    )


@event.listens_for(Session, "after_transaction_end")
def _enqueue_committed(session: Session, transaction) -> None:
    """Hand the committed rows to the queue once the transaction has given back its
    connection (an immediate-mode delivery then needs no second one)."""
    if transaction.parent is not None:
        return
    from outstaff.queue import tasks

    for outbox_id in session.info.pop("outbox_committed", []):
        tasks.enqueue_delivery(outbox_id)


@event.listens_for(Session, "after_rollback")
def _drop_queued(session: Session) -> None:
    session.info.pop("outbox", None)
    session.info.pop("outbox_rows", None)


def deliver(app: Flask, message: Message) -> None:
    """Hand one message to the configured backend; raises whatever the backend raises."""
    backend = app.config["MAIL_BACKEND"]
    if backend == "memory":
        app.extensions["mail_outbox"].append(message)
    elif backend == "file":
        outbox = Path(app.config["MAIL_OUTBOX_DIR"])
        outbox.mkdir(parents=True, exist_ok=True)
        name = f"{time.time_ns()}-{uuid.uuid4().hex[:8]}.json"
        (outbox / name).write_text(json.dumps(asdict(message)), encoding="utf-8")
    elif backend == "console":
        print(f"\n--- mail to {message.to}: {message.subject}\n{message.body}\n---", flush=True)
    else:
        send_smtp(app, message)


def build_email(app: Flask, message: Message) -> EmailMessage:
    """The mail as Flask-Mailman sends it; a line break in a header raises BadHeaderError."""
    return EmailMessage(
        subject=header_value(message.subject),
        body=message.body,
        from_email=header_value(app.config["MAIL_DEFAULT_SENDER"]),
        to=[message.to],
        headers={
            **({"Message-ID": message.message_id} if message.message_id else {}),
            **{name: header_value(value) for name, value in message.headers.items()},
        }
        or None,
    )


def send_smtp(app: Flask, message: Message) -> None:
    email = build_email(app, message)
    mailman = app.extensions["mailman"]
    with mailman.get_connection(backend="smtp", timeout=app.config["MAIL_TIMEOUT"]) as smtp:
        email.connection = smtp
        email.send()
