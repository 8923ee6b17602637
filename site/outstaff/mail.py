"""One mail service. Messages queue on the database session and go out after its commit.

A message is written in its recipient's language: the `locale` given, else the language of
the account with that address, else the language of the page being served.

Backends: smtp (MAIL_SERVER set), console (development), file (a directory of JSON files,
read by browser tests) and memory (unit tests).
"""

import json
import logging
import re
import smtplib
import threading
import time
import uuid
from dataclasses import asdict, dataclass
from email.message import EmailMessage
from pathlib import Path

from flask import Flask, current_app, render_template
from flask_babel import force_locale
from sqlalchemy import event, select
from sqlalchemy.orm import Session

from outstaff.core.input_rules import has_control_characters

log = logging.getLogger(__name__)
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
SMTP_ATTEMPTS = (0, 2, 10)  # seconds to wait before each attempt


@dataclass
class Message:
    to: str
    subject: str
    body: str


def init_app(app: Flask) -> None:
    backend = app.config.get("MAIL_BACKEND") or (
        "smtp" if app.config.get("MAIL_SERVER") else "console"
    )
    app.config["MAIL_BACKEND"] = backend
    app.extensions["mail_outbox"] = []  # the memory backend's list


def send_mail(
    to: str, subject: str, template: str, *, locale: str | None = None, **context
) -> None:
    """Render `templates/mail/<template>.txt` and send it once the transaction commits.

    `subject` is best a lazy string, so that it is translated with the body.
    """
    from outstaff.core.extensions import db

    if not usable_address(to):
        # Never a header injection, never a silent drop: the address is refused, loudly.
        log.error("mail %r not sent: the recipient address is not usable", template)
        return
    with force_locale(recipient_locale(to, locale)):
        body = render_template(f"mail/{template}.txt", **context)
        message = Message(to=to, subject=header_value(str(subject)), body=body)
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


@event.listens_for(Session, "after_commit")
def _deliver_queued(session: Session) -> None:
    for app, message in session.info.pop("outbox", []):
        deliver(app, message)


@event.listens_for(Session, "after_rollback")
def _drop_queued(session: Session) -> None:
    session.info.pop("outbox", None)


def deliver(app: Flask, message: Message) -> None:
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
        config = dict(app.config)
        threading.Thread(target=_send_smtp, args=(config, message), daemon=True).start()


def _send_smtp(config: dict, message: Message) -> bool:
    """Send with retries; an outage is logged (never the content), never raised."""
    try:
        email = build_email(config, message)
    except (ValueError, TypeError) as exc:  # a message no retry can fix
        log.error(
            "mail not built, so not sent (subject %r): %s", message.subject, type(exc).__name__
        )
        return False
    for attempt, delay in enumerate(SMTP_ATTEMPTS, start=1):
        time.sleep(delay)
        try:
            _smtp_once(config, email)
            return True
        except Exception as exc:  # whatever fails is an outage to log, never to raise
            log.warning("SMTP attempt %d failed: %s", attempt, type(exc).__name__)
    log.error("mail not sent after %d attempts (subject %r)", len(SMTP_ATTEMPTS), message.subject)
    return False


def build_email(config: dict, message: Message) -> EmailMessage:
    email = EmailMessage()
    email["From"] = header_value(config["MAIL_DEFAULT_SENDER"])
    email["To"] = message.to
    email["Subject"] = header_value(message.subject)
    email.set_content(message.body)
    return email


def _smtp_once(config: dict, email: EmailMessage) -> None:
    smtp_class = smtplib.SMTP_SSL if config["MAIL_USE_SSL"] else smtplib.SMTP
    with smtp_class(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=15) as smtp:
        if config["MAIL_USE_TLS"] and not config["MAIL_USE_SSL"]:
            smtp.starttls()
        if config.get("MAIL_USERNAME"):
            smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"] or "")
        smtp.send_message(email)
