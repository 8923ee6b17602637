"""Who opened which questionnaire, and the one daily rule that stops harvesting.

A ProfileView row is kept at most once per employer, profile owner and day (developers see
them in "who viewed me"). One rule covers every way of reading developers in bulk: an
employer may open PROFILE_VIEW_DAILY_CAP different profiles a day (a profile page, or its
large photo fetched on its own, which counts as opening the profile) and
LISTING_PAGE_DAILY_CAP listing pages (up to 30 cards each); 0 turns a limit off. Past either
limit, for the rest of the day (UTC) the employer gets no listing page, no profile it has not
opened today and no large photo of one (429), and admins are alerted once per employer and
day by an AuditEntry with action CAP_ALERT, which `recent_cap_alerts()` lists for the console
(templates/admin/_viewcap_alerts.html). Profiles opened earlier that day stay open. The
counts are an EmployerDailyUsage row per employer and day.
"""

from datetime import UTC, date, datetime, time, timedelta

from flask import current_app, make_response, render_template
from sqlalchemy import delete, select

from outstaff import audit
from outstaff.core import database
from outstaff.core.extensions import db
from outstaff.core.sql import insert_unless_present, upsert
from outstaff.models import (
    AuditEntry,
    EmployerDailyUsage,
    EmployerProfile,
    ProfileView,
    User,
    utcnow,
)

CAP_ALERT = "viewcap.reached"


def today() -> date:
    return utcnow().date()


def seconds_until_tomorrow() -> int:
    now = utcnow()
    tomorrow = datetime.combine(now.date() + timedelta(days=1), time(), tzinfo=UTC)
    return max(1, int((tomorrow - now).total_seconds()))


def daily_cap() -> int:
    """Different profiles one employer may open a day (0: no limit)."""
    return int(current_app.config.get("PROFILE_VIEW_DAILY_CAP") or 0)


def listing_cap() -> int:
    """Listing pages one employer may open a day (0: no limit)."""
    return int(current_app.config.get("LISTING_PAGE_DAILY_CAP") or 0)


def _over(profiles: int, listing_pages: int) -> bool:
    cap, pages = daily_cap(), listing_cap()
    return bool((cap and profiles > cap) or (pages and listing_pages > pages))


def _count(employer_id: int, day: date, profiles: int = 0, listing_pages: int = 0):
    """Add to the employer's counts of the day; returns the new (profiles, listing_pages).

    One statement, so concurrent requests each see their own total, in a transaction of its
    own: the count holds whatever the request does next, and committing it does not expire
    what the request's session has loaded (the page would reload the user to render).
    """
    usage = EmployerDailyUsage
    statement = (
        upsert(usage)
        .values(
            employer_id=employer_id,
            day=day,
            profiles=profiles,
            listing_pages=listing_pages,
        )
        .on_conflict_do_update(
            index_elements=["employer_id", "day"],
            set_={
                "profiles": usage.profiles + profiles,
                "listing_pages": usage.listing_pages + listing_pages,
            },
        )
        .returning(usage.profiles, usage.listing_pages)
    )
    with database.own_transaction() as connection:
        return connection.execute(statement).one()


def _limited() -> bool:
    return bool(daily_cap() or listing_cap())


def record_view(viewer: User, owner_id: int, seen_today: bool | None = None) -> bool:
    """Note that `viewer` opened the profile of user `owner_id` (its page or its large
    photo); commits.

    Returns False when the daily rule forbids opening another profile today. Admins and the
    owner are neither counted nor recorded. `seen_today`: whether a view of today exists,
    when the caller read it already (the profile page reads it with the profile).
    """
    if not viewer.is_employer or viewer.id == owner_id:
        return True
    day = today()
    if seen_today is None:
        seen_today = _seen(viewer.id, owner_id, day)
    if seen_today:
        return True  # already counted today: opening it again is free
    if _limited() and _over(*_count(viewer.id, day, profiles=1)):
        _alert_admins(viewer, day)
        db.session.commit()
        return False
    _insert_once(viewer.id, owner_id, day)
    db.session.commit()
    return True


def _seen(employer_id: int, owner_id: int, day: date) -> bool:
    seen = select(ProfileView.id).where(
        ProfileView.employer_id == employer_id,
        ProfileView.developer_id == owner_id,
        ProfileView.day == day,
    )
    return db.session.scalar(seen.limit(1)) is not None


def record_listing_page(viewer: User) -> bool:
    """Count a listing page the employer opens. False past the daily rule."""
    if not viewer.is_employer or not _limited():
        return True
    day = today()
    if not _over(*_count(viewer.id, day, listing_pages=1)):
        return True
    _alert_admins(viewer, day)
    db.session.commit()
    return False


def refusal():
    """The 429 page of the daily rule, with when to come back."""
    response = make_response(
        render_template("listing/cap_reached.html", cap=daily_cap(), pages=listing_cap()), 429
    )
    response.headers["Retry-After"] = str(seconds_until_tomorrow())
    return response


def forget_before(day: date) -> int:
    """Drop the counts of days before `day` (they limit nothing any more); the caller
    commits. Returns how many rows went."""
    stale = delete(EmployerDailyUsage).where(EmployerDailyUsage.day < day)
    return db.session.execute(stale).rowcount


def _insert_once(employer_id: int, owner_id: int, day: date) -> None:
    """Insert the view; a concurrent request that inserted it first is not an error."""
    values = {
        "employer_id": employer_id,
        "developer_id": owner_id,
        "day": day,
        "viewed_at": utcnow(),
    }
    insert_unless_present(ProfileView, values, ["developer_id", "employer_id", "day"])


def _alert_admins(employer: User, day: date) -> None:
    start = datetime.combine(day, time(), tzinfo=UTC)
    already = select(AuditEntry.id).where(
        AuditEntry.action == CAP_ALERT,
        AuditEntry.target_user_id == employer.id,
        AuditEntry.created_at >= start,
    )
    if db.session.scalar(already.limit(1)) is None:
        note = (
            f"daily limit reached on {day}: {daily_cap()} profiles, {listing_cap()} listing pages"
        )
        audit.record(None, CAP_ALERT, employer, note=note)


def recent_cap_alerts(days: int = 7, limit: int = 50) -> list:
    """Rows (created_at, user_id, email, company_name) of recent cap alerts, newest first."""
    since = utcnow() - timedelta(days=days)
    stmt = (
        select(
            AuditEntry.created_at,
            AuditEntry.target_user_id.label("user_id"),
            User.email,
            EmployerProfile.company_name,
        )
        .outerjoin(User, User.id == AuditEntry.target_user_id)
        .outerjoin(EmployerProfile, EmployerProfile.user_id == User.id)
        .where(AuditEntry.action == CAP_ALERT, AuditEntry.created_at >= since)
        .order_by(AuditEntry.created_at.desc())
        .limit(limit)
    )
    return db.session.execute(stmt).all()
