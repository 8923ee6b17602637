"""Messages from the contact form: storing them, telling the company, and the inbox's work."""

from datetime import timedelta

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from outstaff import audit
from outstaff.accounts import service as accounts
from outstaff.choices import label
from outstaff.core import database
from outstaff.core.extensions import db
from outstaff.mail import send_mail
from outstaff.models import AuditEntry, Feedback, User, utcnow

ACK_EVERY = timedelta(days=1)  # at most one acknowledgement a day to one address


def submit(name: str, email: str, topic: str, message: str, user: User | None) -> Feedback:
    """Store a message and queue the notice to FEEDBACK_NOTIFY_EMAIL (sent on commit)."""
    feedback = Feedback(
        user_id=user.id if user is not None else None,
        name=name,
        email=email,
        topic=topic,
        message=message,
    )
    earlier_today = db.session.scalar(
        select(func.count())
        .select_from(Feedback)
        .where(Feedback.email == email, Feedback.created_at >= utcnow() - ACK_EVERY)
    )
    db.session.add(feedback)
    db.session.flush()
    if not earlier_today:
        acknowledge(feedback)
    if notify_to := current_app.config.get("FEEDBACK_NOTIFY_EMAIL"):
        # Only the topic and a link: the message itself stays in the console, not in mailboxes.
        send_mail(
            notify_to,
            _l(
                "New message through the contact form: %(topic)s",
                topic=label("feedback_topic", topic),
            ),
            "feedback_notify",
            topic=label("feedback_topic", topic),
            link=accounts.external_url("admin.feedback_message", feedback_id=feedback.id),
        )
    return feedback


def acknowledge(feedback: Feedback) -> None:
    """Tell the sender the message arrived and what happens next. The mail repeats none of
    what was typed (not even the name): the form takes any address, so its words must be
    ours only, and one address gets at most one a day (ACK_EVERY)."""
    send_mail(
        feedback.email,
        _l("We received your message"),
        "feedback_ack",
        topic=label("feedback_topic", feedback.topic),
        days=current_app.config["RETENTION_FEEDBACK_DAYS"],
    )


def account_for(feedback: Feedback) -> User | None:
    """The account the message is from: by user id, else the account that confirmed the
    address (an unconfirmed sign-up with the same address is not the sender)."""
    if feedback.user_id is not None:
        return db.session.get(User, feedback.user_id)
    return accounts.find_by_confirmed_email(feedback.email)


def _target(feedback: Feedback) -> dict:
    return {"target": f"feedback:{feedback.id}", "target_user_id": feedback.user_id}


def mark(feedback: Feedback, admin: User, handled: bool) -> None:
    feedback.status = "handled" if handled else "new"
    feedback.handled_at = utcnow() if handled else None
    feedback.handled_by_id = admin.id if handled else None
    action = "feedback.handled" if handled else "feedback.reopen"
    audit.record(admin, action, None, **_target(feedback))


def reply(feedback: Feedback, admin: User, subject: str, body: str) -> None:
    """Mail the reply to the sender, keep it with the message, and mark the message handled."""
    send_mail(
        feedback.email,
        subject,
        "feedback_reply",
        body=body,
        original=feedback.message,
        name=feedback.name,
    )
    feedback.reply = body
    feedback.replied_at = utcnow()
    feedback.replied_by_id = admin.id
    if feedback.is_new:
        mark(feedback, admin, handled=True)
    audit.record(admin, "feedback.reply", None, **_target(feedback))


def delete(feedback: Feedback, admin: User, note: str | None) -> None:
    audit.record(admin, "feedback.delete", None, note=note, **_target(feedback))
    db.session.delete(feedback)
    database.scrub_after_commit(db.session)  # often a privacy request: gone from every file


def audit_rows(feedback: Feedback) -> list[AuditEntry]:
    return list(
        db.session.scalars(
            db.select(AuditEntry)
            .where(AuditEntry.target == f"feedback:{feedback.id}")
            .order_by(AuditEntry.created_at.desc())
        )
    )
