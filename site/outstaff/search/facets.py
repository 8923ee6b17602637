"""The listing's filters as words of the index, so a filter is a lookup of posting lists.

Each document carries, in a column of its own (`facets`), one word per filter value it
meets: its profession, country and availability, each English level it reaches ("English
B2 or better" is one word), each threshold of years it reaches, each language and each
skill under its canonical name. A filter is then the words it requires, all of them
("AND"), and the database intersects their lists instead of testing every row; with or
without search words it is one MATCH (SQLite) or one more `@@` (PostgreSQL).

A word is the kind's letter then the value when the value is plain letters and digits
("cde", "e4", "y3", "skubernetes"), else the letter, "x" and a hash of it (a skill the
vocabulary does not know: "sx1f…"). So no value, however typed, adds index syntax to a
query: the skill filter is free text, and its quotes, OR, NEAR, `*`, `:` and parentheses
all end up inside a hash.
"""

import hashlib
import re
import time

from flask import current_app
from sqlalchemy import text

from outstaff import choices
from outstaff.core.extensions import db
from outstaff.search import text as words

PLAIN = re.compile(r"[a-z0-9]{1,32}")
# A row checked costs about what this many entries of a posting list read cost (SQLite:
# a row looked up by its key, against entries the intersection steps over).
CHECK_COST = 50
WORDS_SHARE = 0.1  # the share of documents search words are taken to match
MANY = 2000  # matches enough that a capped read stops early (listing.ranked.TOTAL_CAP)
# A word in one document of COMMON or more is common (planner statistics): pair words
# included, which few documents have each, the counts of those of 0.1 % and more are read.
COMMON = 1000
# Filters met by this share of the documents or more: the listing's own indexes, walked
# newest first, find a page of cards within a few thousand rows, each checked on its own
# columns (about 0.1 µs), where an intersection of common words reads their lists (0.3 ms
# and up). A language or skill is checked by a lookup per row (about 2 µs): denser then.
DENSE = 0.01
DENSE_WITH_TAGS = 0.15
CHECKED_SHARE = 0.5  # PostgreSQL: a word this common is checked on the rows (row_checked)
# PostgreSQL: a row read and checked costs about what this many GIN entries decoded cost
# (at 1M: 2,336 rows read and checked 9 ms; 217k entries intersected 5.4 ms).
GIN_CHECK_COST = 150
STATISTICS_SECONDS = 300
MAX_YEARS = 60  # the years filter's most (listing.cursor.MAX_YEARS, a test checks)


def token(kind: str, value: str) -> str:
    """The index word for `value` of the filter `kind` (one letter)."""
    value = str(value).lower()
    if PLAIN.fullmatch(value):
        return kind + value
    return kind + "x" + hashlib.blake2b(value.encode(), digest_size=10).hexdigest()


def skill_token(name: str) -> str:
    """A skill under its canonical name: every spelling of the vocabulary gives one word
    ("k8s", "кубер", "Kubernetes"); a skill it does not know, its folded name."""
    folded = " ".join(words.fold(name).split())
    skill = words.skill_of(folded)
    return token("s", skill.key if skill is not None else folded)


def document(profession, country, english_rank, years, availability, languages, skills) -> str:
    """The facet words of one questionnaire, space-separated."""
    found = []
    if profession:
        found.append(token("p", profession))
    if country:
        found.append(token("c", country))
    if availability:
        found.append(token("a", availability))
    found += [token("e", rank) for rank in range(1, (english_rank or 0) + 1)]
    found += [token("y", n) for n in range(1, min(years or 0, MAX_YEARS) + 1)]
    found += [token("l", code) for code in sorted(set(languages))]
    found += [skill_token(name) for name in skills]
    return with_pairs(" ".join(dict.fromkeys(found)))


def with_pairs(document_facets: str) -> str:
    """A document's facet words (space-separated) and their pair words, from its words
    alone: what `document` writes, the pairs there are made afresh."""
    found = without_pairs(document_facets).split()
    return " ".join([*found, *_pairs(found)])


def without_pairs(document_facets: str) -> str:
    """A document's facet words without pair words (those of before the pairs)."""
    return " ".join(t for t in document_facets.split() if t[0] not in "qr")


def pair(a: str, b: str) -> str | None:
    """The pair word of two facet words the index also holds together (None: not a pair):
    a country with the profession, each English level, each threshold of years and each
    skill ("qde" + "pbackend": "qdepbackend"), a profession with each skill ("r" +
    "backend" + "0" + "spython": "rbackend0spython"). A two-letter country, or a profession
    of letters ended by "0", then a whole word: no two pairs are spelled alike, and no
    pair is a word of one filter (none begins with q or r)."""
    if a[0] == "c" and len(a) == 3 and a[1:].isalpha() and b[0] in "peys":
        return "q" + a[1:] + b
    if a[0] == "p" and a[1:].isalpha() and b[0] == "s":
        return "r" + a[1:] + "0" + b
    return None


def _pairs(tokens: list[str]) -> list[str]:
    found = (pair(a, b) for a in tokens for b in tokens)
    return list(dict.fromkeys(p for p in found if p))


def universe(token: str) -> str:
    """The facet word every document holding `token` holds too ('': none but all of them):
    a pair word's country ("qdee4": "cde") or profession ("rbackend0spython": "pbackend")."""
    if token[0] == "q":
        return "c" + token[1:3]
    if token[0] == "r":
        return "p" + token[1:].split("0", 1)[0]
    return ""


def cover(tokens: tuple[str, ...], counts: dict, disjoint: bool = False) -> tuple[str, ...]:
    """The words to look up for the filters' `tokens`, all of them met as before: a pair
    word stands for its two words, and its list is no longer than either's (in an
    intersection, entries read grow with the lists' lengths: "Germany" and "English B2"
    read 91k and 572k entries at 1M profiles, their pair 52k). Pairs rarest first, each
    while it covers a word not yet covered (`disjoint`: while it covers two, so no word is
    in two pairs); the words no pair covers, as they are."""
    pairs = {}
    for a in tokens:
        for b in tokens:
            if (found := pair(a, b)) is not None:
                pairs[found] = (a, b)
    chosen, covered = [], set()
    for found in sorted(pairs, key=lambda t: (counts.get(t, 0), t)):
        if disjoint and covered.intersection(pairs[found]):
            continue
        if not covered.issuperset(pairs[found]):
            chosen.append(found)
            covered.update(pairs[found])
    return (*chosen, *(t for t in tokens if t not in covered))


def counted(document_facets: str) -> list[str]:
    """The words search_facet counts for one document: its facet words and '' (every
    document counts under it), as the triggers count them."""
    return ["", *document_facets.split()]


def of_filters(f) -> tuple[str, ...]:
    """The words a listing's filters require (`f`: listing.forms.Filters); the terms
    filters (rate, where, hours) and visibility stay checks on the rows."""
    found = []
    if f.profession:
        found.append(token("p", f.profession))
    if f.country:
        found.append(token("c", f.country))
    if f.availability:
        found.append(token("a", f.availability))
    if f.english:
        found.append(token("e", choices.ENGLISH_RANK[f.english]))
    if f.min_years:
        found.append(token("y", min(f.min_years, MAX_YEARS)))
    found += [token("l", code) for code in f.languages]
    found += [skill_token(name) for name in f.skills]
    return tuple(dict.fromkeys(found))


def fts5(tokens: tuple[str, ...]) -> str:
    """FTS5: all the words, in the facets column only."""
    return "facets : (" + " AND ".join(f'"{t}"' for t in tokens) + ")"


def tsquery(tokens: tuple[str, ...]) -> str:
    """to_tsquery('simple', ...) of the `facet_doc` tsvector: all the words, pairs for the
    words a pair covers (`cover`), no word in two: PostgreSQL's planner multiplies the
    words' shares, and two pairs of one country would count its share twice ("Germany,
    English B2" and "Germany, 3 years": 0.4 % of the rows expected where 4.3 % match, and
    a plan for few matches chosen, which sorts them all)."""
    counts = _counts(tokens) | _counts(tuple(_pairs(list(tokens))))
    return " & ".join(cover(tokens, counts, disjoint=True))


def row_checked(tokens: tuple[str, ...], search_words: bool):
    """(words the GIN index looks up, words checked on the rows it finds), PostgreSQL. A
    word held by CHECKED_SHARE of the documents or more leaves few of them out, yet its
    posting list is the longest one an intersection reads (at 1M, "3 years or more":
    857k entries): checked on each row found
    instead, while something else (search words, a rarer word) narrows the rows first.
    Shares from the cached statistics: they choose a plan, never a result."""
    counts = _counts(tokens)
    total = max(counts.get("", 0), 1)
    common = tuple(t for t in tokens if counts.get(t, 0) >= CHECKED_SHARE * total)
    indexed = tuple(t for t in tokens if t not in common)
    if not common or not (indexed or search_words):
        return tokens, ()
    return indexed, common


def counted_plan(tokens: tuple[str, ...], search_words: bool, limit: int):
    """(words the GIN index intersects, words checked on the rows), PostgreSQL, for a read
    of at most `limit` matches (a total, a drop hint): a bitmap of the index's matches is
    built whole before any row is read, so each word looked up there costs its whole list,
    where a check costs each row read, and no more rows are read than `limit` (taken as all
    passing the checks). The filters' pair words where they have some, all of them (no
    planner estimate is at stake: such a read is a bitmap scan whatever it expects); the
    rarest first, each next one while its list costs less than checking it on the rows
    expected so far; without search words the rarest always. At 1M, a drop hint of a
    German backend developer with English B2 and 3 years: "German backend" (6.6k) looked
    up and the rest checked on some 200 rows, 1 ms, where "English B2 in Germany" and
    "German speaker" looked up too read 150k entries, 3.6 ms."""
    order, counts, total, expected = _ordered(tokens, search_words)
    return _split(order, counts, total, expected, search_words, GIN_CHECK_COST, limit)


def plan(tokens: tuple[str, ...], search_words: bool) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(words the index intersects, words checked on the rows it finds), for SQLite.

    FTS5 reads an intersection's lists entry by entry, to the end when few documents match
    (a filter most documents meet, "English B2 or better", then costs as much as reading
    them all), but only up to LIMIT's rows when many do. The words are the filters' pair
    words where they have some (`cover`). When many are expected (by search_facet's
    counts, taken as independent) every word is intersected; else the rarest
    first, each next one while reading its list costs less than checking it on the rows
    expected so far, and the rest checked. Without search words the rarest is intersected."""
    order, counts, total, expected = _ordered(tokens, search_words)
    if expected * _share(order, counts, total) >= MANY:
        return tuple(order), ()
    return _split(order, counts, total, expected, search_words, CHECK_COST)


def _ordered(tokens: tuple[str, ...], search_words: bool):
    """(the words to look up, pair words where they cover some, rarest first; their
    counts; all documents; the matches expected before any word narrows them)."""
    counts = _counts(tokens) | _counts(tuple(_pairs(list(tokens))))
    total = max(counts.get("", 0), 1)
    order = sorted(cover(tokens, counts), key=lambda t: (counts.get(t, 0), t))
    return order, counts, total, total * (WORDS_SHARE if search_words else 1)


def _split(order, counts, total, expected, search_words, cost, limit=float("inf")):
    """(intersected, checked): each word in `order` intersected while reading its list
    costs less than checking it on the rows expected so far (at most `limit` of them read),
    `cost` entries a row; without search words the first always."""
    matched, checked = [], []
    for token in order:
        docs = counts.get(token, 0)
        if (not matched and not search_words) or docs <= cost * min(expected, limit):
            matched.append(token)
            expected = expected * docs / total
        else:
            checked.append(token)
    return tuple(matched), tuple(checked)


def dense(tokens: tuple[str, ...]) -> bool:
    """Whether documents meeting all of `tokens` are DENSE of them or more (with a language
    or skill among them, DENSE_WITH_TAGS), by search_facet's counts, the words taken as
    independent."""
    counts = _counts(tokens)
    tags = any(t[0] in "ls" for t in tokens)
    return _share(tokens, counts, max(counts.get("", 0), 1)) >= (DENSE_WITH_TAGS if tags else DENSE)


def _share(tokens, counts: dict, total: int) -> float:
    share = 1.0
    for token in tokens:
        share *= counts.get(token, 0) / total
    return share


def statistics() -> dict[str, int]:
    """search_facet's counts of the common words (at least COMMON of all documents) and ''
    (all of them), remembered by the app for STATISTICS_SECONDS: planner statistics, which
    choose a plan and never a result, so a few minutes old is fresh enough, and a request
    reads none. A word not among them is rarer than COMMON."""
    remembered = current_app.extensions.get("search_facet_statistics")
    if remembered is not None and remembered[0] > time.monotonic():
        return remembered[1]
    query = text(
        "SELECT token, docs FROM search_facet WHERE docs * :common >= "
        "(SELECT docs FROM search_facet WHERE token = '')"
    )
    found = dict(db.session.connection().execute(query, {"common": COMMON}).all())
    expires = time.monotonic() + STATISTICS_SECONDS
    current_app.extensions["search_facet_statistics"] = (expires, found)
    return found


def _counts(tokens: tuple[str, ...]) -> dict[str, int]:
    found = statistics()
    rare = found.get("", 0) // COMMON
    return {"": found.get("", 0)} | {t: found.get(t, rare) for t in tokens}


def check_pattern(token: str) -> str:
    """LIKE pattern for a word among ' ' || facets || ' ' (words have no % or _)."""
    return f"% {token} %"
