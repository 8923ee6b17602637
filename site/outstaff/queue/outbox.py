"""Delivering the outbox: claim a row, send it, record the outcome.

A row is claimed by one atomic UPDATE (state queued, due, not held by another worker), which
holds it for MAIL_SEND_LEASE_SECONDS; a worker killed mid-send leaves the hold to expire and
the sweeper hands the row to another. A retry after an uncertain send carries the same
Message-ID, so the recipient's client shows the mail once.
"""

import json
import logging
import smtplib
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.orm import Session

from outstaff import mail
from outstaff.core import database
from outstaff.core.extensions import db
from outstaff.models import MailOutbox, utcnow

log = logging.getLogger(__name__)
# Failures no retry can fix: a header that cannot be written, an address the server refuses.
PERMANENT = (ValueError, TypeError, smtplib.SMTPRecipientsRefused)


def backoff(attempts: int) -> int:
    """Seconds before the next attempt: 30, 60, 120 ... doubling, at most an hour."""
    config = current_app.config
    return min(
        config["MAIL_RETRY_BASE_SECONDS"] * 2 ** (attempts - 1), config["MAIL_RETRY_MAX_SECONDS"]
    )


def describe(exc: BaseException) -> str:
    """What failed, without the addresses or text an exception's message may quote."""
    name = type(exc).__name__
    code = getattr(exc, "smtp_code", None) or getattr(exc, "errno", None)
    return f"{name} {code}" if code else name


def available(now: datetime):
    return (
        MailOutbox.state == "queued",
        MailOutbox.next_attempt_at <= now,
        or_(MailOutbox.locked_until.is_(None), MailOutbox.locked_until < now),
    )


def claim(session: Session, outbox_id: int, now: datetime) -> MailOutbox | None:
    lease = timedelta(seconds=current_app.config["MAIL_SEND_LEASE_SECONDS"])
    claimed = session.execute(
        update(MailOutbox)
        .where(MailOutbox.id == outbox_id, *available(now))
        .values(locked_until=now + lease, attempts=MailOutbox.attempts + 1)
    ).rowcount
    session.commit()
    return session.get(MailOutbox, outbox_id) if claimed else None


def deliver(outbox_id: int) -> int | None:
    """Send one outbox row if it is due and free. Returns seconds until a retry, or None."""
    app = current_app._get_current_object()
    with database.own_session(expire_on_commit=False) as session:
        row = claim(session, outbox_id, utcnow())
        if row is None:
            return None
        message = mail.Message(row.recipient, row.subject, row.body, row.message_id)
        message.headers = json.loads(row.headers) if row.headers else {}
        try:
            mail.deliver(app, message)
        except PERMANENT as exc:
            return _failed(session, row, exc, permanent=True)
        except Exception as exc:  # an outage: retried later, never raised
            return _failed(session, row, exc, permanent=False)
        _sent(session, row)
    return None


def _set(session: Session, row: MailOutbox, **values) -> None:
    """Record an outcome by id: the row may have gone meanwhile (its account deleted)."""
    session.execute(update(MailOutbox).where(MailOutbox.id == row.id).values(**values))
    session.commit()


def _sent(session: Session, row: MailOutbox) -> None:
    log.info("mail %d sent (attempt %d)", row.id, row.attempts)
    if row.user_id is None:
        # To no account (a deleted account's receipt, a team address): nothing to keep.
        session.execute(delete(MailOutbox).where(MailOutbox.id == row.id))
        session.commit()
        database.truncate_wal(db.engine)
        return
    _set(session, row, state="sent", sent_at=utcnow(), locked_until=None, last_error=None)


def _failed(session: Session, row: MailOutbox, exc: BaseException, permanent: bool):
    error = describe(exc)
    if permanent or row.attempts >= current_app.config["MAIL_MAX_ATTEMPTS"]:
        _set(session, row, state="dead", last_error=error, locked_until=None)
        log.error("mail %d dead after %d attempts: %s", row.id, row.attempts, error)
        return None
    delay = backoff(row.attempts)
    _set(
        session,
        row,
        last_error=error,
        locked_until=None,
        next_attempt_at=utcnow() + timedelta(seconds=delay),
    )
    log.warning("mail %d attempt %d failed (%s); next in %d s", row.id, row.attempts, error, delay)
    return delay


def due(now: datetime | None = None, limit: int = 500) -> list[int]:
    """Rows waiting for a worker: their task was lost, or their retry time has come."""
    now = now or utcnow()
    return list(
        db.session.scalars(
            select(MailOutbox.id)
            .where(*available(now))
            .order_by(MailOutbox.next_attempt_at)
            .limit(limit)
        )
    )


def retry_now(state: str = "queued") -> int:
    """Make waiting rows (or dead ones, for an admin) due now; the caller commits."""
    now = utcnow()
    values = {"next_attempt_at": now}
    if state == "dead":
        values |= {"state": "queued", "attempts": 0}
    return db.session.execute(
        update(MailOutbox)
        .where(
            MailOutbox.state == state,
            or_(MailOutbox.locked_until.is_(None), MailOutbox.locked_until < now),
        )
        .values(**values)
    ).rowcount


def counts() -> dict[str, int]:
    rows = db.session.execute(
        select(MailOutbox.state, func.count()).group_by(MailOutbox.state)
    ).all()
    return {"queued": 0, "sent": 0, "dead": 0, **dict(rows)}


def last_error() -> MailOutbox | None:
    """The most recent failure still waiting or dead."""
    return db.session.scalar(
        select(MailOutbox)
        .where(MailOutbox.state != "sent", MailOutbox.last_error.is_not(None))
        .order_by(MailOutbox.next_attempt_at.desc())
        .limit(1)
    )


def revive_dead() -> list[int]:
    """Dead rows queued again with fresh attempts (an admin's "retry now"); caller commits."""
    ids = list(db.session.scalars(select(MailOutbox.id).where(MailOutbox.state == "dead")))
    if ids:
        db.session.execute(
            update(MailOutbox)
            .where(MailOutbox.id.in_(ids), MailOutbox.state == "dead")
            .values(state="queued", attempts=0, next_attempt_at=utcnow(), locked_until=None)
        )
    return ids
