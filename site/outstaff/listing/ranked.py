"""The listing with a search: relevance pages, and the totals and facet counts.

Relevance has two tiers: every word found in the name, profession or skills (tier 2), then
the rest, found only with the bio's help (tier 1); within a tier the newest write first
(`seq`). A page reads tier 2 and, when it runs out, tier 1, each an index query that LIMIT
stops early; the cursor holds the tier and seq of a card.

The filters the index holds (search.facets) are looked up there too, with or without
search words: a filtered listing is read in the index's order (seq, newest first, for the
"recently updated" sort; its cursor holds the update's second and the id, which give seq
back), so LIMIT stops it after a page. Without search words or such filters the listing's
own indexes serve (listing.queries).

Totals count at most TOTAL_CAP matches ("more than 2,000" beyond): that keeps a search for
a common skill as cheap at 1M profiles as at 1k, where an exact count would read them all.
They read the matches without the visibility rule and leave out the few unseen ones
(listing.counts), exact up to the cap.

A page's rows, as the listing's own, are kept per worker while the data version stays the
same (core.data_version: search_document moves it too), so a repeated search costs what a
repeated listing page costs, and a hidden profile still leaves it on the next request.
"""

from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import timedelta
from functools import lru_cache

from cachetools import TTLCache
from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import bindparam, select

from outstaff import choices
from outstaff.core import data_version
from outstaff.listing import counts, queries
from outstaff.listing.forms import Cursor, Filters
from outstaff.models import DeveloperProfile, SearchDocument
from outstaff.search import facets, match
from outstaff.search import index as search_index
from outstaff.search import sql as search_sql

TOTAL_CAP = 2000
TOTALS_CACHED = 4096  # (employer, filters) pairs a worker remembers totals for
DROP_CAP = 100
TIER = 10**19  # a relevance cursor's key: tier * TIER + seq (seq < 2**63 < TIER)
WINDOW = 20_000  # PostgreSQL: the newest documents a first page looks among (window_floor)
P = DeveloperProfile


@dataclass
class Totals:
    count: int  # matches, at most TOTAL_CAP + 1
    professions: dict = field(default_factory=dict)
    countries: dict = field(default_factory=dict)
    english: dict = field(default_factory=dict)  # level -> matches at that level or above
    fresh: bool = True  # counted for this request, not remembered from an earlier one

    @property
    def capped(self) -> bool:
        return self.count > TOTAL_CAP


def search_of(f: Filters) -> tuple[match.Query | None, dict | None]:
    """The parsed search box and the index's expressions (search.sql.expressions), or
    (None, None) when the index has nothing to look up: no search words and no filter it
    holds (search.facets)."""
    query = match.parse(f.q) if f.q else None
    if query is not None and query.nothing:
        return query, None
    facets.statistics()  # remembered: read by a listing request every few minutes at most
    tokens = facets.of_filters(f)
    if (query is None or query.empty) and not tokens:
        return None, None
    found = {**search_sql.expressions(query, tokens), "tokens": tokens}
    # A phrase in no name, profession or skills (search_neighbour): no relevance tier 2.
    return query, {**found, "strong_none": query is not None and query.strong_none}


def results(viewer, f: Filters) -> tuple[queries.Page, Totals]:
    """The page of cards and the totals, with or without a search."""
    query, expressions = search_of(f)
    if query is not None and query.nothing:
        return queries.Page([], None, None), Totals(0)
    if expressions:
        found = recent_totals(viewer, f, expressions)  # first: how many tells how to read
        if found.fresh and not found.count:  # nothing to read a page of
            return queries.Page([], None, None), found
        if _walk_by_update(f, expressions):
            return queries.load_page(viewer, f), found
        return load_page(viewer, f, expressions, matches=found.count), found
    return queries.load_page(viewer, f), recent_totals(viewer, f, None)


def _walk_by_update(f: Filters, expressions: dict) -> bool:
    """Filters without search words, newest first, that most questionnaires meet: the page
    walks the listing's update index and checks the rows (LIMIT stops it within a few
    thousand), where the index would read each common word's whole list."""
    words = expressions["flags"][0]
    return not words and f.sort == "updated" and facets.dense(expressions["tokens"])


def recent_totals(viewer, f: Filters, expressions: dict | None) -> Totals:
    """The totals, remembered for LISTING_TOTALS_SECONDS per employer and filters: paging
    through results, or coming back to them, does not count every match again. The cards
    are never remembered: a suspension, a hidden profile or a new block leaves the page at
    once; a count may lag by those seconds."""
    return _remembered(viewer, f, "totals", lambda: totals(viewer, f, expressions))


def recent_droppable(viewer, f: Filters) -> list[tuple[str, list, int]]:
    """An empty page's drop hints (`droppable`), counts like the totals: remembered for
    the same seconds per employer and filters."""
    return _remembered(viewer, f, "drop", lambda: droppable(viewer, f))


def _remembered(viewer, f: Filters, kind: str, count):
    """What `count()` gave for this employer, filters and kind within the last
    LISTING_TOTALS_SECONDS (Totals from before marked not fresh), else `count()` now."""
    seconds = current_app.config["LISTING_TOTALS_SECONDS"]
    if seconds <= 0:
        return count()
    cache = current_app.extensions.get("listing_totals")
    if cache is None:
        cache = current_app.extensions["listing_totals"] = TTLCache(TOTALS_CACHED, seconds)
    # A hint's link keeps the sort and page size; the totals do not depend on them.
    ignored = ("sort", "per_page") if kind == "totals" else ()
    same_counts = [pair for pair in f.link_args(None) if pair[0] not in ignored]
    # The address as well as the id: an id SQLite hands out again is another employer.
    key = (kind, viewer.id, viewer.email, *same_counts)
    found = cache.get(key)
    if found is None:
        found = cache[key] = count()
        return found
    return replace(found, fresh=False) if isinstance(found, Totals) else found


def _tiers(f: Filters) -> list[tuple[int, str | None, int | None]]:
    """(tier, direction, seq) of the index queries a page reads, in order: by relevance,
    tier 2 then tier 1; by the last update, the one tier 0 (every match)."""
    cursor = f.cursor
    if f.sort == "updated":
        direction = None if cursor is None else "before" if cursor.before else "after"
        return [(0, direction, None if cursor is None else _seq_of(cursor))]
    if cursor is None:
        return [(2, None, None), (1, None, None)]
    tier, seq = divmod(cursor.key, TIER)
    if not cursor.before:
        return [(2, "after", seq), (1, None, None)] if tier == 2 else [(1, "after", seq)]
    return [(1, "before", seq), (2, "up", None)] if tier == 1 else [(2, "before", seq)]


def _seq_of(cursor: Cursor) -> int:
    """The index's seq at a card of the "updated" order (the cursor holds its second)."""
    return search_index.seq_of(cursor.key_value, cursor.id)


def _cursor(tier: int, row, before: bool) -> Cursor:
    if tier == 0:  # the update's second as seq holds it, so the cursor gives seq back
        updated = search_index.SINCE + timedelta(seconds=row.seq >> 31)
        key = Cursor.key_of("updated", updated)
        return Cursor("updated", key, row.seq & search_sql.ID_BITS, before)
    return Cursor("relevance", tier * TIER + row.seq, row.id, before)


PARTS = {0: "all", 1: "rest", 2: "strong"}
# SQLite: a match read and sorted costs about what this many entries of the listing's
# experience index walked cost (a row with its visibility checked, against an entry
# looked up in a list of ids).
WALKED_PER_SORTED = 10


def _walk_listed(f: Filters, matches: int) -> bool:
    """Whether a page sorted by experience walks the listing's experience index, each
    profile looked up in the list of the matches, rather than sorting them (SQLite): when
    the walk, some (page + 1) * documents / matches entries, costs less. At 10k profiles
    "python" (1,625 matches) 5.9 ms sorted, 1.0 ms walked; a name of 54 matches 0.1 ms
    sorted, 0.8 ms walked. A plan, never a result: the counts may be some seconds old."""
    if not search_sql.sqlite() or not matches:
        return False
    walked = (f.per_page + 1) * facets.statistics().get("", 0) / matches
    return walked <= WALKED_PER_SORTED * matches


def load_page(viewer, f: Filters, expressions: dict, matches: int = 0) -> queries.Page:
    """A page read from the index. By relevance or the last update, in the index's order
    (LIMIT stops it after a page); by experience (`matches`: the total, at most TOTAL_CAP
    + 1), the experience order walked, each profile looked up among the matches (more
    than TOTAL_CAP) or in a list of them (`_walk_listed`), else the matches read and
    sorted."""
    if f.sort == "experience":
        part = "all"
        if matches > TOTAL_CAP:
            part = "among"
        elif _walk_listed(f, matches):
            part = "listed"
        return queries.load_page(viewer, f, search_sql.part(part, expressions))
    need, found = f.per_page + 1, []
    tiers = _tiers(f)
    if expressions["strong_none"]:  # tier 2 finds nobody, so tier 1 is every match
        tiers = [(tier, direction, key) for tier, direction, key in tiers if tier != 2]
    floor = window_floor(matches, expressions["flags"])
    for tier, direction, key in tiers:
        name = "all" if expressions["strong_none"] else PARTS[tier]
        search = search_sql.part(name, expressions)
        within = floor if direction is None else None
        rows = _tier_rows(viewer, f, search, (direction, key), need - len(found), within)
        found += [(tier, row) for row in rows]
        if len(found) >= need:
            break
    more, found = len(found) > f.per_page, found[: f.per_page]
    backwards = f.cursor is not None and f.cursor.before
    if backwards:
        found.reverse()
    cards = queries.cards_of([row for _tier, row in found])
    if not found:
        return queries.Page(cards, None, None)
    has_next = more if not backwards else True
    has_previous = (f.cursor is not None) if not backwards else more
    return queries.Page(
        cards,
        next=_cursor(*found[-1], False) if has_next else None,
        previous=_cursor(*found[0], True) if has_previous else None,
    )


def _tier_rows(viewer, f: Filters, search: dict, after: tuple, limit: int, floor) -> list:
    """A tier's rows of a page by seq, `limit` at most (`after`: direction and seq of the
    cursor): first among the newest documents only (from seq `floor` on, `window_floor`),
    and when they hold fewer, among all."""
    direction, key = after
    for windowed in [True, False] if floor is not None else [False]:
        part = {**search, "window": windowed}
        statement, values = queries.page_statement(viewer, f, part, direction)
        values.update(limit=limit, key=key, cursor_id=0, floor=floor)
        found = data_version.rows(statement, values)
        if not windowed or len(found) >= limit:  # the newest matches of all are among them
            return found


@lru_cache(maxsize=1)
def _floor_statement():
    d = SearchDocument
    return select(d.seq).order_by(d.seq.desc()).offset(bindparam("window")).limit(1)


def window_floor(matches: int, flags: tuple[bool, bool, int]) -> int | None:
    """PostgreSQL, more than TOTAL_CAP matches of search words or of filters: the seq of the
    WINDOW-th newest document (None: fewer documents, or SQLite, whose index hands its
    matches out newest first). A page newest first looks there first: the planner then
    intersects the index's matches with a range of seq, where it would walk seq backwards
    checking each row (a name in 0.3 % of the documents: 7,000 rows at 1M, 6 ms, against
    1.4 ms), or read every match and sort them. More than TOTAL_CAP matches are 0.2 % of a
    million documents or more: some 40 of them among the WINDOW newest, more than a page.
    Not for search words and filters together (`flags`): their lists intersected cost more
    than the walk ("python" and "Germany, English B2" at 1M: 5.4 ms against 2.8 ms), and the
    planner, taking the words as independent, expects too few in the window to walk it.
    Kept per worker by the data version."""
    if search_sql.sqlite() or matches <= TOTAL_CAP or (flags[0] and flags[1]):
        return None
    found = data_version.rows(_floor_statement(), {"window": WINDOW})
    return found[0].seq if found else None


def _facet_rows(viewer, f: Filters, expressions: dict | None, cap: int | None = None) -> list:
    """The totals' rows (`cap` None: TOTAL_CAP, and the rows the index found remembered
    for the drop hints) or a drop hint's (at most `cap` + 1)."""
    remember, cap = cap is None, TOTAL_CAP if cap is None else cap
    search = search_sql.counted(expressions, cap + 1) if expressions else None
    if search is not None:
        search["remember"] = remember
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
