"""The mail outbox and the scheduled jobs' last runs (outstaff/queue)."""

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from outstaff.core.extensions import db
from outstaff.models.base import PersonalData, UTCDateTime, utcnow

MAIL_STATES = ("queued", "sent", "dead")


class MailOutbox(db.Model):
    """A mail, written in the transaction of the change that causes it, delivered later.

    `message_id` is fixed per row: a retry after an uncertain send carries the same
    Message-ID header, so the recipient's client shows the mail once.
    """

    __tablename__ = "mail_outbox"
    __table_args__ = (Index("ix_mail_outbox_state_due", "state", "next_attempt_at"),)
    __personal_data__ = PersonalData(
        subject=("user_id",),
        fields={
            "recipient": _l("Your email address, as the recipient of a mail from the site"),
            "subject": _l("The mail's subject"),
            "body": _l("The mail's text"),
        },
        purpose=_l(
            "Delivering the site's mail to you, and retrying while the mail server is down; "
            "deleted a few days after it is sent"
        ),
        category=_l("Mail sent to you"),
        export_exclude=("body", "headers", "message_id", "last_error", "locked_until"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    message_id: Mapped[str] = mapped_column(String(255), unique=True)
    # The account the address belonged to when the mail was written (none: a visitor, a
    # team address, a deleted account's receipt).
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("user.id", ondelete="SET NULL"), index=True
    )
    recipient: Mapped[str] = mapped_column(String(320))
    subject: Mapped[str] = mapped_column(String(998))
    body: Mapped[str] = mapped_column(Text)
    # Extra headers as JSON (List-Unsubscribe on alerts), or NULL.
    headers: Mapped[str | None] = mapped_column(Text)
    state: Mapped[str] = mapped_column(String(8), default="queued")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(String(500))
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # Held by a worker while it sends: nobody else takes the row until then.
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)


class JobRun(db.Model):
    """Each scheduled job's last run: when, whether it failed, what it did."""

    __tablename__ = "job_run"

    job: Mapped[str] = mapped_column(String(64), primary_key=True)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    succeeded: Mapped[bool | None] = mapped_column(Boolean)
    summary: Mapped[str | None] = mapped_column(Text)
    error: Mapped[str | None] = mapped_column(String(500))
    last_success_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
