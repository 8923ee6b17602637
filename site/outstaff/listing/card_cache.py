"""Cards the listing has printed before, kept as HTML per worker.

A card is a function of its row in the page query and of the locale: the row holds every
column the card shows, `updated_at` among them, and every save of a questionnaire sets
`updated_at` (questionnaire.service.refresh_derived) together with the languages and skills
the card lists. So a row seen before, in the same locale, prints the same card; the local
time, the one part that changes by itself, is kept as a mark and put in as the page is
printed. A page of cards printed before costs no languages-and-skills query, no Card and no
HTML building. Which cards a page holds — who may see whom — is still decided by the page
query, on every request: a hidden profile, a suspension or a block leaves the page at once.
"""

import threading
from dataclasses import dataclass
from functools import lru_cache

from cachetools import LRUCache
from flask import current_app
from markupsafe import Markup, escape

from outstaff.core import zones

# Where the local time goes. Everything a developer typed is escaped on a card, so "<"
# never reaches the HTML from them: no input can forge the mark.
LOCAL_TIME = Markup("<!--local time-->")
CARDS_CACHED = 2048  # cards a worker keeps (about 1.5 kB each)
_lock = threading.Lock()  # cachetools caches are not thread-safe (`flask run` is threaded)


@dataclass(frozen=True, slots=True)
class Printed:
    """A card's HTML, split where the local time goes (one part: no local time)."""

    parts: tuple[str, ...]
    zone: str | None


def _cards() -> LRUCache:
    cache = current_app.extensions.get("listing_cards")
    if cache is None:
        cache = current_app.extensions["listing_cards"] = LRUCache(CARDS_CACHED)
    return cache


def printed(card_keys: list[tuple]) -> list[Printed | None]:
    """The cards of a page as printed before, or None for each one not printed yet."""
    cache = _cards()
    with _lock:
        return [cache.get(card_key) for card_key in card_keys]


def key(row, locale: str) -> tuple:
    return (locale, *row)


def remember(card_key: tuple | None, html: str, zone: str | None) -> Printed:
    """The card's HTML as printed; kept when the card has a key (a row of the page query)."""
    found = Printed(tuple(html.split(LOCAL_TIME)), zone)
    if card_key is not None:
        cache = _cards()
        with _lock:
            cache[card_key] = found
    return found


def html(card: Printed, minute: str) -> str:
    """The card with the local time of `minute` ("202612011405") put in."""
    if len(card.parts) == 1:
        return card.parts[0]
    return str(escape(_local_time(card.zone, minute))).join(card.parts)  # the parts are HTML


@lru_cache(maxsize=512)
def _local_time(zone: str, minute: str) -> str:
    return zones.local_time(zone)
