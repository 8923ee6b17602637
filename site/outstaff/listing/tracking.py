"""Who opened which questionnaire, and the daily cap that stops harvesting.

A ProfileView row is kept at most once per employer, profile owner and day (developers see
them in "who viewed me"). An employer may open PROFILE_VIEW_DAILY_CAP different profiles a
day (0 turns the cap off); past it, the page says so and admins are alerted once per
employer and day by an AuditEntry with action CAP_ALERT, which `recent_cap_alerts()` lists
for the console (templates/admin/_viewcap_alerts.html).
"""

from datetime import UTC, date, datetime, time, timedelta

from flask import current_app
from sqlalchemy import func, select
from sqlalchemy.dialects import postgresql, sqlite

from outstaff.extensions import db
from outstaff.models import AuditEntry, EmployerProfile, ProfileView, User, utcnow
from outstaff.services import accounts

CAP_ALERT = "viewcap.reached"


def today() -> date:
    return utcnow().date()


def seconds_until_tomorrow() -> int:
    now = utcnow()
    tomorrow = datetime.combine(now.date() + timedelta(days=1), time(), tzinfo=UTC)
    return max(1, int((tomorrow - now).total_seconds()))


def daily_cap() -> int:
    return int(current_app.config.get("PROFILE_VIEW_DAILY_CAP") or 0)


def views_today(employer: User, day: date | None = None) -> int:
    """How many different developers' profiles the employer opened today."""
    return db.session.scalar(
        select(func.count()).select_from(ProfileView).where(
            ProfileView.employer_id == employer.id, ProfileView.day == (day or today())
        )
    )


def record_view(viewer: User, owner_id: int) -> bool:
    """Note that `viewer` opened the profile of user `owner_id`; commits.

    Returns False when the daily cap forbids opening another profile today. Admins and the
    owner are neither counted nor recorded.
    """
    if not viewer.is_employer or viewer.id == owner_id:
        return True
    day = today()
    seen = select(ProfileView.id).where(
        ProfileView.employer_id == viewer.id,
        ProfileView.developer_id == owner_id,
        ProfileView.day == day,
    )
    if db.session.scalar(seen.limit(1)) is not None:
        return True  # already counted today: opening it again is free
    cap = daily_cap()
    if cap and views_today(viewer, day) >= cap:
        _alert_admins(viewer, day, cap)
        db.session.commit()
        return False
    _insert_once(viewer.id, owner_id, day)
    db.session.commit()
    return True


def _insert_once(employer_id: int, owner_id: int, day: date) -> None:
    """Insert the view; a concurrent request that inserted it first is not an error."""
    dialect = db.session.get_bind().dialect.name
    values = {"employer_id": employer_id, "developer_id": owner_id, "day": day,
              "viewed_at": utcnow()}
    if dialect in ("sqlite", "postgresql"):
        insert = sqlite.insert if dialect == "sqlite" else postgresql.insert
        db.session.execute(insert(ProfileView).values(values).on_conflict_do_nothing(
            index_elements=["developer_id", "employer_id", "day"]))
    else:
        db.session.add(ProfileView(**values))


def _alert_admins(employer: User, day: date, cap: int) -> None:
    start = datetime.combine(day, time(), tzinfo=UTC)
    already = select(AuditEntry.id).where(
        AuditEntry.action == CAP_ALERT,
        AuditEntry.target_user_id == employer.id,
        AuditEntry.created_at >= start,
    )
    if db.session.scalar(already.limit(1)) is None:
        accounts.audit(None, CAP_ALERT, employer, note=f"daily cap {cap} reached on {day}")


def recent_cap_alerts(days: int = 7, limit: int = 50) -> list:
    """Rows (created_at, user_id, email, company_name) of recent cap alerts, newest first."""
    since = utcnow() - timedelta(days=days)
    stmt = (
        select(AuditEntry.created_at, AuditEntry.target_user_id.label("user_id"), User.email,
               EmployerProfile.company_name)
        .outerjoin(User, User.id == AuditEntry.target_user_id)
        .outerjoin(EmployerProfile, EmployerProfile.user_id == User.id)
        .where(AuditEntry.action == CAP_ALERT, AuditEntry.created_at >= since)
        .order_by(AuditEntry.created_at.desc())
        .limit(limit)
    )
    return db.session.execute(stmt).all()
