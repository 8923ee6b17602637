"""What a card shows of the hiring terms: rate, where, local time, unconfirmed availability.

Built from the page query's columns, with no query of its own, as ready HTML: the words come
from the per-locale labels (outstaff.listing.labels), numbers are grouped without a Babel
call, and the only text a developer typed (the city) is escaped here. A page carries up to
30 cards, so this stays out of the template engine's per-value costs. The local time is a
mark (listing.card_cache.LOCAL_TIME) that printing the card fills in, so a printed card
stays true from one minute to the next.
"""

from dataclasses import dataclass
from datetime import datetime

from markupsafe import Markup, escape
from sqlalchemy import bindparam

from outstaff.core import zones
from outstaff.listing.card_cache import LOCAL_TIME
from outstaff.models import DeveloperProfile
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
    # Confirmed in the last 30 days, as the database's 0/1: no date to parse per card.
    (P.availability_confirmed_at >= bindparam("confirmed_since")).label("confirmed_recently"),
)
EMPTY = Markup("")


@dataclass
class CardTerms:
    availability_note: Markup  # after the availability: "· from 2027-01-10 (not confirmed)"
    facts: Markup  # <dt>/<dd> pairs: rate, where, local time


def _number(value: int, group: str) -> str:
    return f"{value:,}".replace(",", group)


def rate_text(row, names) -> str:
    if row.rate_min is None:
        return ""
    rate = _number(row.rate_min, names.group)
    if row.rate_max is not None and row.rate_max != row.rate_min:
        rate += "–" + _number(row.rate_max, names.group)
    return f"{rate} {row.rate_currency} {names.rate_periods.get(row.rate_period, '')}".rstrip()


def card_terms(row, names) -> CardTerms:
    facts = []
    if rate := rate_text(row, names):
        facts.append((names.card["rate"], rate))
    where = [names.where[key] for key in ("remote", "onsite", "relocation") if getattr(row, key)]
    if row.onsite and row.onsite_city:
        where[where.index(names.where["onsite"])] += f" ({row.onsite_city})"
    if where:
        facts.append((names.card["works"], ", ".join(where)))
    if zones.zone(row.time_zone) is not None:
        facts.append((names.card["local_time"], LOCAL_TIME))
    note = ""
    if row.available_from:
        note = f" · {names.card['from']} {row.available_from.isoformat()}"
    if (row.availability or row.available_from) and not row.confirmed_recently:
        note += f' <span class="muted">({names.card["unconfirmed"]})</span>'
    html = "".join(f"<dt>{term}</dt><dd>{escape(value)}</dd>\n" for term, value in facts)
    return CardTerms(
        availability_note=Markup(note.replace("&", "&amp;")) if note else EMPTY,
        facts=Markup(html) if html else EMPTY,
    )


def confirmed_since(now: datetime) -> datetime:
    """Since when a confirmation of availability counts, to the minute: the parameter then
    stays the same for a minute, and so does a page's query (core.data_version keeps its
    rows while nothing is written)."""
    return (now - CONFIRM_EVERY).replace(second=0, microsecond=0)


def bind(values: dict, now: datetime) -> None:
    """The card columns' parameter: since when a confirmation counts."""
    values.setdefault("confirmed_since", confirmed_since(now))
