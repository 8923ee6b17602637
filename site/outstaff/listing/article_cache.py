"""Questionnaires the profile page has printed before, kept as HTML per worker.

The article (listing.profile_html.article) is a function of the questionnaire's row, its
owner's address, its photo, whether the contacts are shown, whether the availability counts
as confirmed now, the locale and the mount point. The row holds `updated_at`, which every
save of a questionnaire sets, its work history, languages and skills included. So a key
seen before prints the same article, and the page skips the query of the history, the
languages and the skills and the HTML building. The local time is a mark filled in as the
page is printed (listing.card_cache). Whether the viewer may see the profile at all, the
contacts rule and the buttons are still read on every request, in the page's own statement.
"""

import threading

from cachetools import LRUCache
from flask import current_app, request
from flask_babel import get_locale

from outstaff.listing import card_cache

ARTICLES_CACHED = 256  # articles a worker keeps (about 6 kB each, with their keys)
_lock = threading.Lock()  # cachetools caches are not thread-safe (`flask run` is threaded)


def _articles() -> LRUCache:
    cache = current_app.extensions.get("profile_articles")
    if cache is None:
        cache = current_app.extensions["profile_articles"] = LRUCache(ARTICLES_CACHED)
    return cache


def key(row: tuple, owner_email: str, photo_sha: str | None, contacts: bool, confirmed: bool):
    """What the article prints from: `row` is every column of the questionnaire."""
    page = (str(get_locale() or "en"), request.script_root, contacts, confirmed)
    return (*page, owner_email, photo_sha, *row)


def printed(article_key: tuple) -> card_cache.Printed | None:
    cache = _articles()
    with _lock:
        return cache.get(article_key)


def remember(article_key: tuple, html: str, zone: str | None) -> card_cache.Printed:
    """The article as printed (its local time left as card_cache.LOCAL_TIME), kept."""
    found = card_cache.Printed(tuple(html.split(card_cache.LOCAL_TIME)), zone)
    cache = _articles()
    with _lock:
        cache[article_key] = found
    return found
