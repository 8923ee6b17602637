"""Rates and currencies: developers' rate expectations, the admins' exchange-rate table, and
how an offer compares.

Amounts are compared in one base, US dollars per month (an hour counts as 1/160 of a month),
at the rate in force: the latest row of the admins' table dated today or earlier (no outside
service). A developer's expectation is stored as typed and, in the base, in
`rate_min_base`/`rate_max_base`, recomputed on every save and whenever an admin adds a rate.
"""

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from flask_babel import format_decimal
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from outstaff import audit
from outstaff.core.extensions import db
from outstaff.models import DeveloperProfile, ExchangeRate, User, utcnow
from outstaff.offers.forms import CURRENCIES

BASE = "USD"
HOURS_PER_MONTH = 160
EXPECTATION_PERIODS = [("month", _l("per month")), ("hour", _l("per hour"))]
EXPECTATION_PERIOD_CODES = {code for code, _label in EXPECTATION_PERIODS}
COMPARISONS = {
    "below": _l("below the developer’s expectation"),
    "within": _l("within the developer’s expectation"),
    "above": _l("above the developer’s expectation"),
}


def rate_in_force(currency: str | None, on: date | None = None) -> Decimal | None:
    """Units of `currency` one US dollar buys today (None: no rate for it yet)."""
    if not currency:
        return None
    if currency == BASE:
        return Decimal(1)
    on = on or utcnow().date()
    return db.session.scalar(
        select(ExchangeRate.per_usd)
        .where(ExchangeRate.currency == currency, ExchangeRate.valid_from <= on)
        .order_by(ExchangeRate.valid_from.desc())
        .limit(1)
    )


def rates_in_force() -> dict[str, Decimal]:
    """{currency: units per US dollar} for every currency with a rate today."""
    found = {BASE: Decimal(1)}
    for currency in CURRENCIES:
        if currency != BASE and (rate := rate_in_force(currency)) is not None:
            found[currency] = rate
    return found


def to_base(amount, currency: str | None, period: str | None, rate=None) -> int | None:
    """`amount` of `currency` per `period` as whole US dollars per month, or None."""
    if amount is None or period not in EXPECTATION_PERIOD_CODES:
        return None
    rate = rate if rate is not None else rate_in_force(currency)
    if not rate:
        return None
    monthly = Decimal(amount) * (HOURS_PER_MONTH if period == "hour" else 1)
    return int((monthly / rate).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def refresh_profile(profile: DeveloperProfile, rate=None) -> None:
    """Keep the base-currency columns in step with the typed expectation."""
    rate = rate if rate is not None else rate_in_force(profile.rate_currency)
    profile.rate_min_base = to_base(
        profile.rate_min, profile.rate_currency, profile.rate_period, rate
    )
    profile.rate_max_base = to_base(
        profile.rate_max, profile.rate_currency, profile.rate_period, rate
    )


def refresh_currency(currency: str) -> int:
    """Recompute every expectation in `currency` at today's rate; returns how many."""
    rate = rate_in_force(currency)
    profiles = db.session.scalars(
        select(DeveloperProfile).where(DeveloperProfile.rate_currency == currency)
    ).all()
    for profile in profiles:
        refresh_profile(profile, rate)
    return len(profiles)


def add_rate(admin: User, currency: str, per_usd: Decimal, valid_from: date) -> ExchangeRate:
    """Record a rate (replacing one of the same currency and date); caller commits."""
    row = db.session.scalar(
        select(ExchangeRate).where(
            ExchangeRate.currency == currency, ExchangeRate.valid_from == valid_from
        )
    )
    if row is None:
        row = ExchangeRate(currency=currency, valid_from=valid_from)
        db.session.add(row)
    row.per_usd = per_usd
    db.session.flush()
    refresh_currency(currency)
    audit.record(admin, "exchange_rate", target=f"rate:{currency}", note=f"{per_usd} {valid_from}")
    return row


def latest_rates(limit: int = 100) -> list[ExchangeRate]:
    return list(
        db.session.scalars(
            select(ExchangeRate)
            .order_by(ExchangeRate.valid_from.desc(), ExchangeRate.currency)
            .limit(limit)
        )
    )


def compare_offer(offer, profile: DeveloperProfile | None) -> str | None:
    """ "below", "within" or "above" the developer's expectation, or None when either side
    names no amount, the offer is for a project, or a currency has no rate."""
    if profile is None or profile.rate_min_base is None:
        return None
    offered = to_base(offer.rate_amount, offer.currency, offer.rate_period)
    if offered is None:
        return None
    high = profile.rate_max_base if profile.rate_max_base is not None else profile.rate_min_base
    if offered < profile.rate_min_base:
        return "below"
    return "above" if offered > high else "within"


def expectation_text(profile) -> str:
    """ "4,000–5,000 EUR per month", in the reader's language ("" when none)."""
    if profile.rate_min is None:
        return ""
    amount = format_decimal(profile.rate_min)
    if profile.rate_max is not None and profile.rate_max != profile.rate_min:
        amount = f"{amount}–{format_decimal(profile.rate_max)}"
    period = dict(EXPECTATION_PERIODS).get(profile.rate_period, "")
    return f"{amount} {profile.rate_currency} {period}".strip()


def comparison_text(offer, profile) -> str:
    """ "This offer is below the developer's expectation (4,000–5,000 EUR per month)", or ""."""
    found = compare_offer(offer, profile)
    if found is None:
        return ""
    return str(
        _l(
            "This offer is %(comparison)s (%(expectation)s).",
            comparison=COMPARISONS[found],
            expectation=expectation_text(profile),
        )
    )
