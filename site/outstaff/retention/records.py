"""Retention steps for records that are not accounts: security log, analytics, feedback."""

from collections import Counter

from sqlalchemy import delete, func, select

from outstaff.accounts.security_log import truncate_ip
from outstaff.accounts.sessions import ended_or_expired
from outstaff.core.extensions import db
from outstaff.models import (
    DailyPageViews,
    Feedback,
    MailOutbox,
    PageView,
    SecurityEvent,
    UserSession,
)
from outstaff.models.analytics import DIMENSIONS


def security_log(run) -> None:
    """Shorten IP addresses to their network after a while; delete old rows."""
    ip_cutoff = run.now - run.days("RETENTION_SECURITY_IP_DAYS")
    old_cutoff = run.now - run.days("RETENTION_SECURITY_LOG_DAYS")
    events = db.session.scalars(
        select(SecurityEvent).where(
            SecurityEvent.created_at < ip_cutoff,
            SecurityEvent.created_at >= old_cutoff,
            SecurityEvent.ip.is_not(None),
            SecurityEvent.ip.not_like("%/%"),
        )
    ).all()
    run.say(
        "security-log IP addresses shortened",
        "security-log IP addresses to shorten",
        [e.id for e in events],
    )
    old = db.session.scalars(
        select(SecurityEvent.id).where(SecurityEvent.created_at < old_cutoff)
    ).all()
    run.say("security-log entries deleted", "security-log entries to delete", list(old))
    if run.dry_run:
        return
    for event in events:
        try:
            event.ip = truncate_ip(event.ip)
        except ValueError:
            event.ip = None
    db.session.execute(delete(SecurityEvent).where(SecurityEvent.created_at < old_cutoff))
    db.session.commit()


def sessions(run) -> None:
    """Delete the records of signed-out and expired sessions: no cookie can use them."""
    gone = ended_or_expired(run.now)
    ids = db.session.scalars(select(UserSession.id).where(gone)).all()
    run.say("ended sessions deleted", "ended sessions to delete", list(ids))
    if not run.dry_run and ids:
        db.session.execute(delete(UserSession).where(gone))
        db.session.commit()


def analytics(run) -> None:
    """Roll page views older than the raw period into daily counts."""
    before = (run.now - run.days("RETENTION_ANALYTICS_RAW_DAYS")).date()
    columns = [PageView.day] + [getattr(PageView, d) for d in DIMENSIONS]
    groups = db.session.execute(
        select(*columns, func.count()).where(PageView.day < before).group_by(*columns)
    ).all()
    total = sum(row[-1] for row in groups)
    days = sorted({row[0] for row in groups})
    run.echo(
        ("would roll" if run.dry_run else "rolled")
        + f" {total} raw page views of {len(days)} days into daily counts"
    )
    if run.dry_run or not groups:
        return
    existing = {
        (row.day, *(getattr(row, d) for d in DIMENSIONS)): row
        for row in db.session.scalars(select(DailyPageViews).where(DailyPageViews.day.in_(days)))
    }
    counts = Counter({tuple(row[:-1]): row[-1] for row in groups})
    for key, views in counts.items():
        if key in existing:
            existing[key].views += views
        else:
            db.session.add(
                DailyPageViews(
                    day=key[0], views=views, **dict(zip(DIMENSIONS, key[1:], strict=True))
                )
            )
    db.session.execute(delete(PageView).where(PageView.day < before))
    db.session.commit()


def feedback(run) -> None:
    """Delete feedback that was handled longer ago than the period."""
    cutoff = run.now - run.days("RETENTION_FEEDBACK_DAYS")
    where = [Feedback.handled_at.is_not(None), Feedback.handled_at < cutoff]
    ids = db.session.scalars(select(Feedback.id).where(*where)).all()
    run.say("handled feedback messages deleted", "handled feedback messages to delete", list(ids))
    if not run.dry_run and ids:
        db.session.execute(delete(Feedback).where(Feedback.id.in_(ids)))
        db.session.commit()


def harvest_counters(run) -> None:
    """Employers' daily counts of opened profiles and listing pages: kept for their day."""
    from outstaff.listing import service as tracking

    removed = tracking.forget_before(run.now.date())
    run.echo(
        f"{'would delete' if run.dry_run else 'deleted'} {removed} daily view counts "
        "of earlier days"
    )
    if not run.dry_run:
        db.session.commit()


def mail_outbox(run) -> None:
    """Sent mail is kept a few days (for questions about it), undelivered mail a month."""
    sent = run.now - run.days("RETENTION_MAIL_SENT_DAYS")
    dead = run.now - run.days("RETENTION_MAIL_DEAD_DAYS")
    where = ((MailOutbox.state == "sent") & (MailOutbox.sent_at < sent)) | (
        (MailOutbox.state == "dead") & (MailOutbox.created_at < dead)
    )
    ids = db.session.scalars(select(MailOutbox.id).where(where)).all()
    run.say("sent or undelivered mails deleted", "sent or undelivered mails to delete", list(ids))
    if not run.dry_run and ids:
        db.session.execute(delete(MailOutbox).where(MailOutbox.id.in_(ids)))
        db.session.commit()
