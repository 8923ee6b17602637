"""The listing's filters on the hiring terms: rate range in the employer's currency, where
(remote, relocation, on-site), hours of overlap with the employer's, confirmed availability.

Read from the query string into `Filters` by `parse_terms` (called by `forms.parse`), made
concrete for one employer by `resolve` (exchange rate, the employer's hours), and turned
into SQL by `where_clauses` for the statement `queries` caches by shape. Unused, they add
nothing to the query.
"""

from flask_babel import gettext as _
from sqlalchemy import and_, bindparam, func, or_, select
from werkzeug.datastructures import MultiDict

from outstaff import choices, rates
from outstaff.core import zones
from outstaff.listing import profile_cards
from outstaff.models import DeveloperHour, DeveloperProfile, utcnow
from outstaff.offers.forms import CURRENCIES

P = DeveloperProfile
WHERE = ("remote", "relocation", "onsite")
RATE_MAX = 10_000_000


def _clean(value: str | None, limit: int = 16) -> str:
    return "".join(c for c in (value or "")[: limit * 4] if c.isprintable()).strip()[:limit]


def _amount(args: MultiDict, name: str, notices: list) -> int | None:
    value = _clean(args.get(name)).replace(",", "").replace(" ", "")
    if not value:
        return None
    if value.isdigit() and 0 < int(value) <= RATE_MAX:
        return int(value)
    notices.append(_("A rate must be a whole number from 1 to 10,000,000; it was ignored."))
    return None


def parse_terms(args: MultiDict, f) -> None:
    """Fill the terms filters of `f` from the query string (bad values: a notice)."""
    n = f.notices
    f.rate_from, f.rate_to = _amount(args, "rate_from", n), _amount(args, "rate_to", n)
    if f.rate_from and f.rate_to and f.rate_to < f.rate_from:
        f.rate_from, f.rate_to = f.rate_to, f.rate_from
    currency = _clean(args.get("rate_currency"), 3).upper()
    f.rate_currency = currency if currency in CURRENCIES else "USD"
    if currency and currency not in CURRENCIES:
        n.append(
            _("Currency “%(value)s” is not one we know; US dollars were used.", value=currency)
        )
    period = _clean(args.get("rate_period"), 8)
    f.rate_period = period if period in rates.EXPECTATION_PERIOD_CODES else "month"
    f.where = tuple(w for w in WHERE if w in args.getlist("where")[:5])
    country = _clean(args.get("relocate_to"), 2).upper()
    f.relocate_to = country if country in choices.COUNTRY_CODES else None
    hours = _clean(args.get("overlap"), 2)
    f.overlap = int(hours) if hours.isdigit() and 1 <= int(hours) <= 24 else None
    if hours and f.overlap is None:
        n.append(_("Hours of overlap must be a number from 1 to 24; it was ignored."))
    f.confirmed_only = args.get("confirmed") == "1"


def link_pairs(f) -> list[tuple[str, str]]:
    pairs = []
    if f.rate_from or f.rate_to:
        pairs += [("rate_from", str(f.rate_from or "")), ("rate_to", str(f.rate_to or ""))]
        pairs += [("rate_currency", f.rate_currency), ("rate_period", f.rate_period)]
    pairs += [("where", w) for w in f.where]
    if f.relocate_to:
        pairs.append(("relocate_to", f.relocate_to))
    if f.overlap:
        pairs.append(("overlap", str(f.overlap)))
    if f.confirmed_only:
        pairs.append(("confirmed", "1"))
    return pairs


def narrowed(f) -> bool:
    return bool(f.rate_from or f.rate_to or f.where or f.relocate_to or f.overlap) or bool(
        f.confirmed_only
    )


def resolve(f, viewer) -> None:
    """Turn the employer's terms into the base currency and UTC hours (notices on failure)."""
    if f.rate_from or f.rate_to:
        rate = rates.rate_in_force(f.rate_currency)
        if rate is None:
            f.notices.append(
                _(
                    "No exchange rate for %(currency)s yet, so the rate filter was ignored.",
                    currency=f.rate_currency,
                )
            )
            f.rate_from = f.rate_to = None
        else:
            f.rate_low = rates.to_base(f.rate_from, f.rate_currency, f.rate_period, rate)
            f.rate_high = rates.to_base(f.rate_to, f.rate_currency, f.rate_period, rate)
    if f.overlap:
        profile = getattr(viewer, "employer_profile", None)
        hours = zones.utc_hours(
            *(getattr(profile, n, None) for n in ("time_zone", "work_start", "work_end"))
        )
        if not hours:
            f.notices.append(
                _(
                    "Add your time zone and working hours to your company profile to filter by "
                    "overlap; the filter was ignored."
                )
            )
            f.overlap = None
        else:
            f.employer_hours = tuple(sorted(hours))
            f.overlap = min(f.overlap, len(hours))


def bind(f, values: dict) -> tuple:
    """Fill `values` for the terms filters in force; returns their part of the shape."""
    if f.rate_low is not None:
        values["rate_low"] = f.rate_low
    if f.rate_high is not None:
        values["rate_high"] = f.rate_high
    if f.relocate_to:
        values["relocate_to"] = f"%,{f.relocate_to},%"
    if f.overlap:
        values.update(overlap=f.overlap, employer_hours=list(f.employer_hours))
    if f.confirmed_only:
        values["confirmed_since"] = profile_cards.confirmed_since(utcnow())
    return (
        f.rate_low is not None,
        f.rate_high is not None,
        f.where,
        bool(f.relocate_to),
        bool(f.overlap),
        f.confirmed_only,
    )


def where_clauses(shape: tuple) -> list:
    rate_low, rate_high, where, relocate_to, overlap, confirmed = shape
    clauses = []
    if rate_low:  # the developer's range reaches the employer's lower figure
        clauses.append(func.coalesce(P.rate_max_base, P.rate_min_base) >= bindparam("rate_low"))
    if rate_high:
        clauses.append(P.rate_min_base <= bindparam("rate_high"))
    if where:
        clauses.append(or_(*(getattr(P, w).is_(True) for w in where)))
    if relocate_to:
        clauses.append(
            and_(
                P.relocation.is_(True),
                or_(
                    P.relocation_countries.is_(None),
                    P.relocation_countries.like(bindparam("relocate_to")),
                ),
            )
        )
    if overlap:
        shared = (
            select(func.count())
            .where(
                DeveloperHour.profile_id == P.id,
                DeveloperHour.utc_hour.in_(bindparam("employer_hours", expanding=True)),
            )
            .scalar_subquery()
        )
        clauses.append(shared >= bindparam("overlap"))
    if confirmed:
        clauses.append(P.availability_confirmed_at >= bindparam("confirmed_since"))
    return clauses
