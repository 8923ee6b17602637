"""The listing with a search: relevance pages, and the totals and facet counts.

Relevance has two tiers: every word found in the name, profession or skills (tier 2), then
the rest, found only with the bio's help (tier 1); within a tier the newest write first
(`seq`). A page reads tier 2 and, when it runs out, tier 1, each an index query that LIMIT
stops early; the cursor holds the tier and seq of a card.

Totals count at most TOTAL_CAP matches ("more than 2,000" beyond): that keeps a search for
a common skill as cheap at 1M profiles as at 1k, where an exact count would read them all.
They read the matches without the visibility rule and leave out the few unseen ones
(listing.counts), exact up to the cap.
"""

from collections import Counter
from dataclasses import dataclass, field, replace

from cachetools import TTLCache
from flask import current_app
from flask_babel import lazy_gettext as _l

from outstaff import choices
from outstaff.listing import counts, queries
from outstaff.listing.forms import Cursor, Filters
from outstaff.models import DeveloperProfile
from outstaff.search import match

TOTAL_CAP = 2000
TOTALS_CACHED = 4096  # (employer, filters) pairs a worker remembers totals for
DROP_CAP = 100
TIER = 10**19  # a relevance cursor's key: tier * TIER + seq (seq < 2**63 < TIER)
P = DeveloperProfile


@dataclass
class Totals:
    count: int  # matches, at most TOTAL_CAP + 1
    professions: dict = field(default_factory=dict)
    countries: dict = field(default_factory=dict)
    english: dict = field(default_factory=dict)  # level -> matches at that level or above

    @property
    def capped(self) -> bool:
        return self.count > TOTAL_CAP


def search_of(f: Filters) -> tuple[match.Query | None, dict | None]:
    """The parsed search box and the index's expressions, or (None, None) without one."""
    if not f.q:
        return None, None
    query = match.parse(f.q)
    if query.empty and not query.nothing:
        return None, None
    if query.nothing:
        return query, None
    every, strong = match.expression(query, False), match.expression(query, True)
    return query, {"all": every, "strong": strong}


def results(viewer, f: Filters) -> tuple[queries.Page, Totals]:
    """The page of cards and the totals, with or without a search."""
    query, expressions = search_of(f)
    if query is not None and query.nothing:
        return queries.Page([], None, None), Totals(0)
    if expressions:
        found = recent_totals(viewer, f, expressions)  # first: how many tells how to read
        return load_page(viewer, f, expressions, many=found.capped), found
    return queries.load_page(viewer, f), recent_totals(viewer, f, None)


def recent_totals(viewer, f: Filters, expressions: dict | None) -> Totals:
    """The totals, remembered for LISTING_TOTALS_SECONDS per employer and filters: paging
    through results, or coming back to them, does not count every match again. The cards
    are never remembered: a suspension, a hidden profile or a new block leaves the page at
    once; a count may lag by those seconds."""
    seconds = current_app.config["LISTING_TOTALS_SECONDS"]
    if seconds <= 0:
        return totals(viewer, f, expressions)
    cache = current_app.extensions.get("listing_totals")
    if cache is None:
        cache = current_app.extensions["listing_totals"] = TTLCache(TOTALS_CACHED, seconds)
    same_counts = [pair for pair in f.link_args(None) if pair[0] not in ("sort", "per_page")]
    # The address as well as the id: an id SQLite hands out again is another employer.
    key = (viewer.id, viewer.email, *same_counts)
    found = cache.get(key)
    if found is None:
        found = cache[key] = totals(viewer, f, expressions)
    return found


def _tiers(f: Filters) -> list[tuple[int, str | None, int | None]]:
    """(tier, direction, key) of the index queries a page reads, in order."""
    cursor = f.cursor
    if cursor is None:
        return [(2, None, None), (1, None, None)]
    tier, seq = divmod(cursor.key, TIER)
    if not cursor.before:
        return [(2, "after", seq), (1, None, None)] if tier == 2 else [(1, "after", seq)]
    return [(1, "before", seq), (2, "up", None)] if tier == 1 else [(2, "before", seq)]


def _part(tier: int, expressions: dict) -> dict:
    if tier == 2:
        return {"part": "strong", "match": expressions["strong"]}
    return {"part": "rest", **_rest(expressions)}


def _rest(expressions: dict) -> dict:
    if queries.search_sql.sqlite():
        return {"match": f"({expressions['all']}) NOT ({expressions['strong']})"}
    return {"match": expressions["all"], "strong": expressions["strong"]}


def load_page(viewer, f: Filters, expressions: dict, many: bool = False) -> queries.Page:
    """`many`: more matches than TOTAL_CAP, so a sort by experience walks its own index."""
    if f.sort != "relevance":
        part = "among" if many and f.sort == "experience" else "all"
        return queries.load_page(viewer, f, {"part": part, "match": expressions["all"]})
    need, found = f.per_page + 1, []
    for tier, direction, key in _tiers(f):
        statement, values = queries.page_statement(viewer, f, _part(tier, expressions), direction)
        values.update(limit=need - len(found), key=key, cursor_id=0)
        found += [(tier, row) for row in queries.run(statement, values)]
        if len(found) >= need:
            break
    more, found = len(found) > f.per_page, found[: f.per_page]
    backwards = f.cursor is not None and f.cursor.before
    if backwards:
        found.reverse()
    cards = queries.cards_of([row for _tier, row in found])
    if not found:
        return queries.Page(cards, None, None)

    def at(item, before: bool) -> Cursor:
        tier, row = item
        return Cursor("relevance", tier * TIER + row.seq, row.id, before)

    has_next = more if not backwards else True
    has_previous = (f.cursor is not None) if not backwards else more
    return queries.Page(
        cards,
        next=at(found[-1], False) if has_next else None,
        previous=at(found[0], True) if has_previous else None,
    )


def _facet_rows(viewer, f: Filters, expressions: dict | None, cap: int | None = None) -> list:
    cap = TOTAL_CAP if cap is None else cap
    search = {"part": "all", "match": expressions["all"]} if expressions else None
    return counts.rows(viewer, f, search, cap)


def totals(viewer, f: Filters, expressions: dict | None) -> Totals:
    """How many developers match, and how many for each profession, country and English
    level: in one read of at most TOTAL_CAP + 1 rows. A facet whose own filter is set gets
    no counts (they would all be 0 but one; another read per facet would double the cost)."""
    rows = _facet_rows(viewer, f, expressions)
    result = Totals(len(rows))
    if result.capped:
        return result
    if not f.profession:
        result.professions = dict(Counter(r[0] for r in rows))
    if not f.country:
        result.countries = dict(Counter(r[1] for r in rows))
    if not f.english:
        by_rank = Counter(r[2] for r in rows)
        result.english = {
            level: sum(n for r, n in by_rank.items() if r is not None and r >= rank)
            for level, rank in choices.ENGLISH_RANK.items()
        }
    return result


DROPPABLE = (
    ("q", "", _l("the search words")),
    ("profession", None, _l("the profession")),
    ("country", None, _l("the country")),
    ("english", None, _l("the English level")),
    ("languages", (), _l("the languages")),
    ("skills", (), _l("the skills")),
    ("min_years", None, _l("the years of experience")),
    ("availability", None, _l("the availability")),
)


def droppable(viewer, f: Filters) -> list[tuple[str, list, int]]:
    """For an empty page: each filter in force whose removal alone finds developers, as
    (what to drop, the link's query pairs, how many it finds: at most DROP_CAP + 1, so
    each look stops early)."""
    found = []
    for name, empty, label in DROPPABLE:
        if not getattr(f, name):
            continue
        wider = replace(f, cursor=None, **{name: empty})
        if name == "q" and wider.sort == "relevance":
            wider.sort = "updated"
        query, expressions = search_of(wider)
        if query is not None and query.nothing:
            continue
        if count := len(_facet_rows(viewer, wider, expressions, DROP_CAP)):
            found.append((str(label), wider.link_args(), count))
    return found
