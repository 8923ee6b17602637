"""The dashboard's numbers: a few counts, and per-day series for the charts."""

from datetime import UTC, date, datetime, time, timedelta

from flask_babel import format_date
from sqlalchemy import func, select

from outstaff.core.charts import Point
from outstaff.core.extensions import db
from outstaff.models import AuditEntry, DeveloperProfile, Feedback, MailOutbox, Offer, User, utcnow
from outstaff.visibility import listed_clause

CHART_DAYS = 30


def _count(model, *where) -> int:
    return db.session.scalar(select(func.count()).select_from(model).where(*where)) or 0


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)


def counts() -> dict[str, int]:
    now = utcnow()
    employers = dict(
        db.session.execute(
            select(User.approval, func.count())
            .where(User.role == "employer")
            .group_by(User.approval)
        ).all()
    )
    return {
        "developers": _count(User, User.role == "developer"),
        "published": _count(DeveloperProfile, listed_clause()),
        "pending": employers.get("pending", 0),
        "approved": employers.get("approved", 0),
        "new_feedback": _count(Feedback, Feedback.status == "new"),
        "offers_week": _count(Offer, Offer.created_at >= now - timedelta(days=7)),
        "viewcap_today": _count(
            AuditEntry,
            AuditEntry.action == "viewcap.reached",
            AuditEntry.created_at >= _midnight(now.date()),
        ),
        "dead_mail": _count(MailOutbox, MailOutbox.state == "dead"),
    }


def per_day(column, days: int = CHART_DAYS) -> list[tuple[date, int]]:
    """(day, rows created that day) for the last `days` days (UTC), zeros included.

    One grouped query; `date()` is the same function in SQLite and PostgreSQL (it returns
    text in one and a date in the other, so the key is read back as ISO text).
    """
    today = utcnow().date()
    first = today - timedelta(days=days - 1)
    day = func.date(column)
    rows = db.session.execute(
        select(day, func.count()).where(column >= _midnight(first)).group_by(day)
    ).all()
    by_day = {str(key)[:10]: n for key, n in rows}
    series = [first + timedelta(days=i) for i in range(days)]
    return [(d, by_day.get(d.isoformat(), 0)) for d in series]


def points(series: list[tuple[date, int]]) -> list[Point]:
    return [Point(format_date(d, "d MMM"), n) for d, n in series]


def signups_per_day() -> list[tuple[date, int]]:
    return per_day(User.created_at)


def offers_per_day() -> list[tuple[date, int]]:
    return per_day(Offer.created_at)


def hires_per_month(months: int = 12) -> list[tuple[date, int]]:
    """(first day of the month, hires recorded that month) for the last `months` months.

    Hires are few: read their dates and count them here, the same on every database.
    """
    today = utcnow().date()
    firsts = [today.replace(day=1)]
    while len(firsts) < months:
        firsts.append((firsts[-1] - timedelta(days=1)).replace(day=1))
    firsts.reverse()
    hired = db.session.scalars(
        select(Offer.hired_at).where(Offer.hired_at >= _midnight(firsts[0]))
    ).all()
    counts = {first: 0 for first in firsts}
    for moment in hired:
        counts[moment.date().replace(day=1)] += 1
    return list(counts.items())
