"""What a card shows of the hiring terms: rate, where, local time, unconfirmed availability.

Built from the page query's columns, with no query of its own; the words come from the
per-locale labels (outstaff.listing.labels), numbers are grouped without a Babel call per
card (a page carries up to 30 cards).
"""

from dataclasses import dataclass
from datetime import UTC, datetime

from outstaff.core import zones
from outstaff.models import DeveloperProfile, utcnow
from outstaff.questionnaire.terms_service import CONFIRM_EVERY

P = DeveloperProfile
CARD_COLUMNS = (
    P.rate_min,
    P.rate_max,
    P.rate_currency,
    P.rate_period,
    P.remote,
    P.relocation,
    P.onsite,
    P.onsite_city,
    P.time_zone,
    P.available_from,
    P.availability_confirmed_at,
)


@dataclass
class CardTerms:
    rate: str
    where: str
    local_time: str
    unconfirmed: bool
    available_from: object = None


def _number(value: int, group: str) -> str:
    return f"{value:,}".replace(",", group)


def card_terms(row, names) -> CardTerms:
    rate = ""
    if row.rate_min is not None:
        rate = _number(row.rate_min, names.group)
        if row.rate_max is not None and row.rate_max != row.rate_min:
            rate += "–" + _number(row.rate_max, names.group)
        rate += f" {row.rate_currency} {names.rate_periods.get(row.rate_period, '')}".rstrip()
    where = [names.where[key] for key in ("remote", "onsite", "relocation") if getattr(row, key)]
    if row.onsite and row.onsite_city:
        where[where.index(names.where["onsite"])] = f"{names.where['onsite']} ({row.onsite_city})"
    confirmed = row.availability_confirmed_at
    return CardTerms(
        rate=rate,
        where=", ".join(where),
        available_from=row.available_from,
        local_time=zones.local_time(row.time_zone, datetime.now(UTC)) if row.time_zone else "",
        unconfirmed=bool(row.availability or row.available_from)
        and (confirmed is None or utcnow() - confirmed >= CONFIRM_EVERY),
    )
