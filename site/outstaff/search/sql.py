"""The index in a listing query: what to join, what to match, what to order by.

A query of the index has search words, facet words (the filters, search.facets) or both.
On SQLite they are one FTS5 expression, bound as `match`; on PostgreSQL the words are
`match` (and `strong`) against `doc`, the filters `facets` against `facet_doc`. So
statements are built once per shape (`flags`: which of the two there are).

On SQLite the FTS5 table drives the query and returns rows newest
first by rowid (= seq), so LIMIT stops it after a page; on PostgreSQL the planner chooses
between the GIN index and walking `seq` backwards, whichever reads fewer rows.
"""

from functools import cache
from itertools import combinations

from sqlalchemy import (
    Integer,
    and_,
    bindparam,
    column,
    exists,
    func,
    literal_column,
    not_,
    select,
    table,
)
from sqlalchemy.dialects.postgresql import TSVECTOR
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.elements import ColumnClause
from sqlalchemy.sql.expression import TableClause

from outstaff.core.extensions import db
from outstaff.models import SearchDocument
from outstaff.search import facets, match

D = SearchDocument
ID_BITS = (1 << 31) - 1
FACET_INDEX = "ix_search_document_facet_columns"
OVERLAP_WORDS = 4  # a search word's alternatives whose overlaps its bound reads


def dialect() -> str:
    """The database's name ("sqlite", "postgresql"): the key of every statement built for it."""
    return db.engine.dialect.name


def sqlite() -> bool:
    return dialect() == "sqlite"


@cache
def _fts():
    # The table's hidden column of its own name is what MATCH is written against.
    return table("search_fts", column("rowid", Integer), column("search_fts"))


@cache
def _vector(name: str) -> ColumnClause:
    """PostgreSQL: a generated tsvector of search_document (not in the model, since SQLite
    has none), as a column of the model's own table: one FROM with its other columns."""
    return ColumnClause(name, TSVECTOR, _selectable=D.__table__)


def fts_table():
    """SQLite's FTS5 table, its rowid (= search_document.seq) as a column."""
    return _fts()


class _Covered(TableClause):
    """search_document, read through SQLite's covering index of seq and the facet columns
    (migration 20261202_search_facet_columns)."""

    inherit_cache = True


@compiles(_Covered, "sqlite")
def _indexed_by(element, compiler, **kw):
    # SQLite looks up a row by its rowid (seq) rather than in an index of it, however
    # narrow: for the few columns the index holds, that reads the whole row.
    found = compiler.visit_table(element, **kw)
    return f"{found} INDEXED BY {FACET_INDEX}" if kw.get("asfrom") else found


@cache
def facet_columns():
    """search_document's seq and facet columns, read by seq from the covering index alone
    (SQLite; on PostgreSQL, the table's rows)."""
    names = ("seq", "profession", "country", "english_rank")
    return _Covered("search_document", *(column(name, D.__table__.c[name].type) for name in names))


def seq_column():
    return _fts().c.rowid if sqlite() else D.seq


def joined(profile, checks: int = 0):
    """FROM: the index, its documents, their questionnaires."""
    if sqlite() and not checks:  # a rowid's low 31 bits are the profile's id: no D lookup
        fts = _fts()
        return fts.join(profile, profile.id == fts.c.rowid.op("&")(ID_BITS))
    return documents().join(profile, profile.id == D.profile_id)


def documents():
    """FROM for reading the index's own rows (its facet columns) in the index's order."""
    if sqlite():
        fts = _fts()
        return fts.join(D, D.seq == fts.c.rowid)
    return D.__table__


def expressions(query: match.Query | None, tokens: tuple[str, ...]) -> dict:
    """The index's expressions for the search words `query` (None: no words) and the
    filters' facet words `tokens`: "all" (words anywhere), "strong" (words in the name,
    profession or skills), "facets", "checks" (facet words checked on the rows found,
    SQLite only: facets.plan) and what there is ("flags": words, facets, checks)."""
    words = query is not None and not query.empty
    if sqlite():
        tokens, checked = facets.plan(tokens, words)
        flags = (words, bool(tokens), len(checked))
        checks = tuple(facets.check_pattern(t) for t in checked)
        facet = facets.fts5(tokens) if tokens else ""

        def with_facets(expression: str) -> str:
            return " AND ".join(f"({e})" for e in (expression, facet) if e)

        every = with_facets(match.fts5(query, False) if words else "")
        strong = with_facets(match.fts5(query, True)) if words else ""
        found = {"all": every, "strong": strong, "facets": "", "checks": checks, "flags": flags}
        # Every facet word as a check, for a walk of the profiles (`part`: "among").
        found["every_check"] = tuple(facets.check_pattern(t) for t in (*tokens, *checked))
        return found
    every = match.tsquery(query, False) if words else ""
    strong = match.tsquery(query, True) if words else ""
    covered = tuple(t for t in facets.tsquery(tokens).split(" & ") if t)
    indexed, checked = facets.row_checked(covered, words)
    flags = (words, bool(tokens), (2 if not indexed else 1) if checked else 0)
    found = {"all": every, "strong": strong, "facets": " & ".join(indexed), "checks": ()}
    found |= {"facet_checks": " & ".join(checked), "facets_all": " & ".join(covered)}
    found["bound"] = _bound(query if words else None, tokens)
    return {**found, "flags": flags}


def _bound(query: match.Query | None, tokens: tuple[str, ...]) -> dict | None:
    """PostgreSQL: what a lower bound of the matches is counted from (listing.counts), or
    None when there is none worth reading. Documents holding all of k parts, each part
    within a space U (all documents, or for a pair word its country or profession: every
    "Germany, English B2" document is a German one), number at least the parts' documents
    less, in each space, (its parts - 1) times the space's documents, less (spaces - 1)
    times all documents: "Germany, English B2" and "Germany, 3 years" (52k and 78k of 91k
    German documents at 1M) at least 39k together. A search word's part counts its most
    frequent exact word (search_term), a facet word its own (search_facet). A phrase has
    no such count: no bound. Read when the cached statistics and the words' counts the
    vocabulary gave (match.Word.docs; unknown: all documents) do not rule it out already:
    at 1M, "python" (165k) with Germany, English B2 and 3 years cannot prove 2,000 that
    way, and the bound's statement costs 1.3 ms to plan."""
    if query is not None and query.phrases:
        return None
    counts = facets.statistics()
    tokens = facets.cover(tokens, facets._counts(tokens) | counts)  # every pair that helps
    groups = list(query.words) if query is not None else []
    terms = [(t, i) for i, w in enumerate(groups) for t in (*w.exact, *filter(None, [w.prefix]))]
    universes = [facets.universe(t) for t in tokens]
    spaces = sorted({*universes, *([""] if groups else [])})
    every = counts.get("", 0)
    rare = every // facets.COMMON
    # A word's part is at most its words' documents summed (match.Word.docs), else all.
    estimate = sum(every if w.docs is None else w.docs for w in groups)
    estimate += sum(counts.get(t, rare) for t in tokens)
    estimate += sum(counts.get(u, every) for u in spaces) - every * len(groups)
    estimate -= sum(counts.get(u, every) for u in universes) + (len(spaces) - 1) * every
    if not (groups or tokens) or estimate <= facets.MANY:
        return None
    pairs = [(f"{a} & {b}", i) for i, w in enumerate(groups) for a, b in _overlaps(w)]
    return {
        "bound_terms": [t for t, _ in terms],
        "bound_groups": [i for _, i in terms],
        "bound_pairs": [p for p, _ in pairs],
        "bound_pair_groups": [i for _, i in pairs],
        "bound_words": len(groups),
        "bound_facets": list(tokens),
        "bound_universes": universes,
        "bound_spaces": spaces,
    }


def _overlaps(word: match.Word) -> list[tuple[str, str]]:
    """Each two of a search word's alternatives, whose shared documents its bound subtracts
    (listing.counts.GROUPS); none for more than OVERLAP_WORDS alternatives (the largest
    count alone bounds those)."""
    alternatives = [*word.exact, *filter(None, [word.prefix])]
    if len(alternatives) > OVERLAP_WORDS:
        return []
    return list(combinations(alternatives, 2))


def part(name: str, expressions: dict) -> dict:
    """A listing query's search (`queries.page_statement`): the part `name` ("all",
    "strong", "rest" or "among") and the values its clause binds."""
    found = {key: expressions[key] for key in ("flags", "facets", "checks")}
    found |= {"bound": expressions.get("bound"), "facet_checks": expressions.get("facet_checks")}
    found["part"] = name
    if name == "among" and not sqlite() and expressions["flags"][2]:
        # Every match is read into a hash: the index intersects all the facet words, where
        # a check would look up each match of the rarer ones on its row.
        flags = (*expressions["flags"][:2], 0)
        found.update(flags=flags, facets=expressions["facets_all"], facet_checks="")
    if name == "among" and sqlite() and not expressions["flags"][0]:
        # Filters only: each profile walked is checked on its document's facet words.
        every = expressions["every_check"]
        found.update(flags=(False, True, len(every)), checks=every)
        return {**found, "match": "", "strong": ""}
    if name == "strong":
        return {**found, "match": expressions["strong"], "strong": ""}
    if name == "rest" and sqlite():  # one FTS5 expression there: (all) NOT (strong)
        rest = f"({expressions['all']}) NOT ({expressions['strong']})"
        return {**found, "match": rest, "strong": ""}
    return {**found, "match": expressions["all"], "strong": expressions["strong"]}


def counted(expressions: dict, limit: int) -> dict:
    """Part "all" for a read of at most `limit` matches (listing.counts): on PostgreSQL its
    filters split between the GIN index and checks on the rows by facets.counted_plan."""
    found = part("all", expressions)
    tokens = expressions.get("tokens", ())
    if sqlite() or not tokens:
        return found
    words = expressions["flags"][0]
    indexed, checked = facets.counted_plan(tokens, words, limit)
    flags = (words, True, (2 if not indexed else 1) if checked else 0)
    found.update(flags=flags, facets=" & ".join(indexed), facet_checks=" & ".join(checked))
    return found


def binds(search: dict) -> dict:
    """The values a query of the index (`part`) binds."""
    found = {"match": search["match"], "strong": search["strong"], "facets": search["facets"]}
    found["facet_checks"] = search.get("facet_checks") or ""
    return found | {f"check_{i}": pattern for i, pattern in enumerate(search["checks"])}


def match_clause(part: str, flags: tuple[bool, bool, int] = (True, False, 0)):
    """WHERE for one part of a search: "all" words anywhere, "strong" (all in the name,
    profession or skills) or "rest" (all, but not all strong); `flags`: (search words,
    facet words, facet words checked on the rows) there are. Binds `match`, for "rest"
    `strong`, `facets` and `check_<n>`."""
    if sqlite():
        return and_(_fts().c.search_fts.op("MATCH")(bindparam("match")), *_checks(flags))
    words, facet_words, checked = flags

    def query(name):
        return func.to_tsquery(literal_column("'simple'"), bindparam(name))

    clauses = []
    if words:
        doc = _vector("doc")
        clauses.append(doc.bool_op("@@")(query("match")))
        if part == "rest":
            clauses.append(not_(doc.bool_op("@@")(query("strong"))))
    facet_doc = _vector("facet_doc")
    if facet_words and checked != 2:
        clauses.append(facet_doc.bool_op("@@")(query("facets")))
    if facet_words and checked:
        # The function form of @@, which no index serves: checked on the rows found.
        clauses.append(func.ts_match_vq(facet_doc, query("facet_checks")))
    return and_(*clauses)


def _checks(flags) -> list:
    """SQLite: the facet words checked on a document's row (facets.plan), `check_<n>`."""
    padded = literal_column("' '") + D.facets + literal_column("' '")
    return [padded.like(bindparam(f"check_{i}")) for i in range(flags[2])]


def among_clause(profile_id, flags: tuple[bool, bool, int] = (True, False, 0)):
    """WHERE for a search the index does not drive: the profile is among the matches. For
    a sort the index does not hold (experience) over many matches: the listing's sort index
    is walked and LIMIT stops it after a page, where reading every match and sorting them
    costs as much as there are matches. On SQLite each profile walked is looked up in the
    index by its seq (FTS5 seeks a rowid in each list), or with filters only its document's
    facet words checked, as reading all the matches into a list first would cost as much
    as there are; PostgreSQL hashes them."""
    if sqlite() and not flags[0]:  # filters only: the document's words checked
        document = select(literal_column("1")).where(D.profile_id == profile_id, *_checks(flags))
        return exists(document)
    if sqlite():
        fts = _fts()
        probe = select(literal_column("1")).select_from(D.__table__.join(fts, fts.c.rowid == D.seq))
        return exists(probe.where(D.profile_id == profile_id, match_clause("all", flags)))
    matches = select(D.profile_id).where(match_clause("all", flags))
    return profile_id.in_(matches.scalar_subquery())


def listed_clause(profile_id, flags: tuple[bool, bool, int] = (True, False, 0)):
    """WHERE for a sort the index does not hold over a few thousand matches at most
    (listing.ranked._walk_listed): the profile is in the list of the matches, read from
    the index first. On SQLite the listing's sort index is walked, each entry looked up in
    the list and LIMIT stops it after a page; PostgreSQL hashes them (`among_clause`)."""
    if not sqlite():
        return among_clause(profile_id, flags)
    if flags[2]:  # facet words checked on the documents' rows
        matches = select(D.profile_id).select_from(documents())
    else:  # a rowid's low 31 bits are the profile's id
        matches = select(_fts().c.rowid.op("&")(ID_BITS))
    # `+ 0`: the list is looked up from the walk, not the profiles looked up from the list
    # (which reads every match's row and sorts them).
    return (profile_id + 0).in_(matches.where(match_clause("all", flags)).scalar_subquery())
