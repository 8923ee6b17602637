"""Storing the terms page's sections, availability confirmation and its reminder."""

from datetime import timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, insert, or_, select

from outstaff import rates
from outstaff.core import tokens, zones
from outstaff.core.extensions import db
from outstaff.core.links import external_url
from outstaff.mail import send_mail
from outstaff.models import DeveloperHour, DeveloperProfile, User, utcnow

CONFIRM_EVERY = timedelta(days=30)
REMIND_AGAIN_AFTER = timedelta(days=30)
CONFIRM_PURPOSE = "availability"
# What employers filter by on the terms page: {name: (label, fragment of the terms page)}.
TERMS_FILTERED = {
    "rate": (_l("Rate expectation"), "section-rate"),
    "where": (_l("Where you work"), "section-where"),
    "hours": (_l("Time zone and working hours"), "section-hours"),
    "confirmed": (_l("Availability confirmed in the last 30 days"), "section-availability"),
}
TERMS_RECOMMENDED = {
    "links": _l("Links (GitHub, LinkedIn, a portfolio)"),
    "history": _l("Work history"),
}


def missing_terms(profile: DeveloperProfile | None) -> dict[str, tuple]:
    """The terms employers filter by that the questionnaire does not give yet."""
    if profile is None:
        return dict(TERMS_FILTERED)
    given = {
        "rate": profile.rate_min is not None,
        "where": profile.remote or profile.onsite or profile.relocation,
        "hours": bool(profile.work_hours),
        "confirmed": is_confirmed(profile),
    }
    return {name: value for name, value in TERMS_FILTERED.items() if not given[name]}


def missing_terms_recommended(profile: DeveloperProfile | None) -> dict[str, object]:
    if profile is None:
        return dict(TERMS_RECOMMENDED)
    links = any(
        getattr(profile, n) for n in ("link_github", "link_gitlab", "link_linkedin", "link_website")
    )
    given = {"links": links, "history": bool(profile.history)}
    return {name: label for name, label in TERMS_RECOMMENDED.items() if not given[name]}


def form_values(profile: DeveloperProfile | None) -> dict:
    if profile is None:
        return {"rate_currency": "USD", "rate_period": "month"}
    values = {
        name: getattr(profile, name)
        for name in (
            "rate_min",
            "rate_max",
            "rate_period",
            "remote",
            "relocation",
            "onsite",
            "onsite_city",
            "link_github",
            "link_gitlab",
            "link_linkedin",
            "link_website",
            "time_zone",
            "available_from",
        )
    }
    values["rate_currency"] = profile.rate_currency or "USD"
    values["rate_period"] = profile.rate_period or "month"
    values["relocation_countries"] = countries_of(profile)
    for name in ("work_start", "work_end"):
        value = getattr(profile, name)
        values[name] = "" if value is None else str(value)
    return values


def countries_of(profile: DeveloperProfile) -> list[str]:
    return [code for code in (profile.relocation_countries or "").split(",") if code]


def save_sections(profile: DeveloperProfile, form, sections: list[str]) -> None:
    """Store the named sections of a validated TermsForm (caller commits)."""
    if "rate" in sections:
        profile.rate_min = form.rate_min.data
        profile.rate_max = form.rate_max.data if form.rate_max.data is not None else None
        has_rate = profile.rate_min is not None
        profile.rate_currency = form.rate_currency.data if has_rate else None
        profile.rate_period = form.rate_period.data if has_rate else None
        rates.refresh_profile(profile)
    if "where" in sections:
        profile.remote = bool(form.remote.data)
        profile.relocation = bool(form.relocation.data)
        codes = form.relocation_countries.data if profile.relocation else []
        profile.relocation_countries = f",{','.join(codes)}," if codes else None
        profile.onsite = bool(form.onsite.data)
        profile.onsite_city = form.onsite_city.data or None if profile.onsite else None
    if "links" in sections:
        for name in ("link_github", "link_gitlab", "link_linkedin", "link_website"):
            setattr(profile, name, form[name].data or None)
    if "hours" in sections:
        profile.time_zone = form.time_zone.data or None
        profile.work_start = zones.parse_hour(form.work_start.data, 0, 23)
        profile.work_end = zones.parse_hour(form.work_end.data, 1, 24)
        refresh_hours(profile)
    if "availability" in sections:
        if form.available_from.data != profile.available_from:
            profile.available_from = form.available_from.data
        confirm(profile)
    profile.updated_at = utcnow()


def refresh_hours(profile: DeveloperProfile) -> None:
    """The UTC hours the listing's overlap filter counts, from the zone and hours today."""
    hours = zones.utc_hours(profile.time_zone, profile.work_start, profile.work_end)
    current = {row.utc_hour: row for row in profile.work_hours}
    profile.work_hours = [current.get(h) or DeveloperHour(utc_hour=h) for h in sorted(hours)]


def refresh_all_hours(now=None) -> int:
    """Recompute every developer's UTC hours for today (daylight saving moves them twice a
    year); one statement pair per distinct zone and hours. Returns the groups changed."""
    P = DeveloperProfile
    groups = db.session.execute(
        select(P.time_zone, P.work_start, P.work_end)
        .where(P.time_zone.is_not(None), P.work_start.is_not(None), P.work_end.is_not(None))
        .distinct()
    ).all()
    changed = 0
    for zone, start, end in groups:
        hours = sorted(zones.utc_hours(zone, start, end, now))
        ids = select(P.id).where(P.time_zone == zone, P.work_start == start, P.work_end == end)
        stored = db.session.scalars(
            select(DeveloperHour.utc_hour).where(DeveloperHour.profile_id.in_(ids)).distinct()
        ).all()
        if sorted(stored) == hours:
            continue
        db.session.execute(delete(DeveloperHour).where(DeveloperHour.profile_id.in_(ids)))
        profile_ids = db.session.scalars(ids).all()
        rows = [{"profile_id": pid, "utc_hour": h} for pid in profile_ids for h in hours]
        if rows:
            db.session.execute(insert(DeveloperHour), rows)
        changed += 1
    db.session.commit()
    return changed


def confirm(profile: DeveloperProfile) -> None:
    profile.availability_confirmed_at = utcnow()


def is_confirmed(profile, now=None) -> bool:
    confirmed = getattr(profile, "availability_confirmed_at", None)
    return confirmed is not None and (now or utcnow()) - confirmed < CONFIRM_EVERY


def confirm_token(profile: DeveloperProfile) -> str:
    """A one-click link's token: good until the next confirmation (it names the last one)."""
    last = (
        profile.availability_confirmed_at.isoformat() if profile.availability_confirmed_at else ""
    )
    return tokens.make_token(CONFIRM_PURPOSE, {"p": profile.id, "c": tokens.fingerprint(last)})


def profile_for_token(token: str) -> DeveloperProfile | None:
    payload = tokens.read_token(CONFIRM_PURPOSE, token)
    if payload is None or not isinstance(payload.get("p"), int):
        return None
    profile = db.session.get(DeveloperProfile, payload["p"])
    if profile is None:
        return None
    last = (
        profile.availability_confirmed_at.isoformat() if profile.availability_confirmed_at else ""
    )
    return profile if payload.get("c") == tokens.fingerprint(last) else None


def due_for_reminder(now=None) -> list[DeveloperProfile]:
    """Published profiles unconfirmed for 30 days, not reminded in the last 30 days."""
    now = now or utcnow()
    P = DeveloperProfile
    return list(
        db.session.scalars(
            select(P)
            .join(User, User.id == P.user_id)
            .where(
                P.is_published,
                User.status == "active",
                or_(
                    P.availability_confirmed_at.is_(None),
                    P.availability_confirmed_at < now - CONFIRM_EVERY,
                ),
                or_(
                    P.availability_reminded_at.is_(None),
                    P.availability_reminded_at < now - REMIND_AGAIN_AFTER,
                ),
            )
            .order_by(P.id)
        )
    )


def remind_availability(now=None, echo=print) -> int:
    """Mail each developer whose availability is due a one-click confirmation link; the
    scheduled jobs run this daily (`flask privacy remind-availability`)."""
    sent = 0
    for profile in due_for_reminder(now):
        link = external_url("questionnaire.confirm_availability", token=confirm_token(profile))
        send_mail(
            profile.user.email,
            _l("Are you still available?"),
            "availability_reminder",
            link=link,
            available_from=profile.available_from,
            availability=profile.availability,
        )
        profile.availability_reminded_at = now or utcnow()
        db.session.commit()
        sent += 1
    echo(f"Availability reminders sent: {sent}")
    return sent


def daily_availability(echo=print) -> None:
    """The daily job (scheduled on the queue, or `flask privacy remind-availability`):
    reminders to confirm availability, and working hours moved across daylight saving."""
    remind_availability(echo=echo)
    echo(f"Working hours moved for daylight saving: {refresh_all_hours()} groups")
