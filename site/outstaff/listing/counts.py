"""The total and the facet counts of a listing, without checking each match's visibility.

Every published match is read straight from the index (or the listing's indexes when the
index holds none of the filters), filters applied but not the visibility rule, which costs
two lookups per row; the few published profiles the viewer may not see (hidden, owner
suspended, blocked for this employer: `visibility.unlisted_ids`, each part read from its
own index) are left out by one `NOT IN`, which both databases read once into a hash.
Exact up to `cap` matches; beyond, "more than `cap`" (the read stops at cap + 1 rows, so a
common word costs the same at 1k and at 1M profiles). One statement, as before.
"""

from dataclasses import replace
from functools import lru_cache

from flask import g
from sqlalchemy import (
    Integer,
    bindparam,
    exists,
    func,
    literal_column,
    null,
    select,
    text,
    union_all,
)

from outstaff import visibility
from outstaff.listing import profile_filters, queries
from outstaff.listing.forms import Filters
from outstaff.models import DeveloperProfile, SearchDocument
from outstaff.search import sql as search_sql

P = DeveloperProfile


@lru_cache(maxsize=256)
def _statement(statement, viewer_shape: tuple):
    statement = statement.with_only_columns(
        P.profession, P.country, P.english_rank, maintain_column_froms=True
    ).order_by(None)
    if viewer_shape[0] == "employer":
        statement = statement.where(P.id.not_in(visibility.unlisted_ids(viewer_shape)))
    return statement


def _index_only(
    viewer_shape: tuple, flags: tuple[bool, bool, int], words: bool = False, bounded=False
):
    return _index_only_for(viewer_shape, flags, words, bounded, search_sql.dialect())


@lru_cache(maxsize=32)
def _index_only_for(viewer_shape: tuple, flags: tuple, words: bool, bounded: bool, dialect: str):
    """Everything the index holds (search words, the filters of search.facets): the
    facets copied into the index's rows, read in its order; developer_profile is not read
    (each of its rows is a random page at 1M). `words`: each row's facet words too.
    `bounded` (PostgreSQL): first the lower bound of `_surely_more`. Built for one database
    (`dialect`)."""
    d = SearchDocument
    columns = (d.profession, d.country, d.english_rank, *((d.facets,) if words else ()))
    limit = bindparam("limit", type_=Integer)
    if search_sql.sqlite() and not flags[2]:
        return _matches_first(viewer_shape, columns, limit, covered=not words)
    statement = select(*columns).select_from(search_sql.documents())
    statement = statement.where(search_sql.match_clause("all", flags))
    if viewer_shape[0] == "employer":
        statement = statement.where(d.profile_id.not_in(visibility.unlisted_ids(viewer_shape)))
    if bounded:
        return _unless_surely_more(statement, viewer_shape, columns, limit)
    return statement.limit(limit)


def _unless_surely_more(statement, viewer_shape: tuple, columns: tuple, limit):
    """PostgreSQL: `limit` rows of NULLs ("more than") when the counts of `_surely_more`
    prove there are more matches than `cap`, else the rows. The bound is an InitPlan the
    executor runs first, and a false one-time filter never starts the index scan: a common
    word's GIN bitmap (165k entries for "python" at 1M) is what the capped read costs."""
    surely = select(_surely_more(viewer_shape).label("more")).cte("surely")
    more = select(surely.c.more).scalar_subquery()
    rows = statement.where(~more).limit(limit)
    series = func.generate_series(1, limit).table_valued("n")
    nulls = select(*(null().label(c.key) for c in columns)).select_from(series).where(more)
    return union_all(rows, nulls)


EVERY = "(SELECT docs FROM search_facet WHERE token = '')"
OVERLAP_CAP = 100  # two words' shared documents counted up to this many, else not used
# Each search word's group of alternatives ("ivane" or "ivanova"): at least its largest
# word's documents, and at least the sum of its words' less what each two share (counted
# from the index, OVERLAP_CAP rows at most), read only when the largest does not prove more
# than `cap` by itself.
GROUPS = f"""(SELECT coalesce(sum(m.docs), 0) FROM (
    SELECT CASE WHEN max(t.docs) > :cap THEN max(t.docs)
      ELSE greatest(max(t.docs), sum(t.docs) - coalesce((
        SELECT CASE WHEN max(o.n) >= {OVERLAP_CAP} THEN NULL ELSE sum(o.n) END
        FROM unnest(CAST(:bound_pairs AS text[]), CAST(:bound_pair_groups AS integer[]))
          AS p(query, grp)
        CROSS JOIN LATERAL (SELECT count(*) AS n FROM (
          SELECT FROM search_document d WHERE d.doc @@ to_tsquery('simple', p.query)
          LIMIT {OVERLAP_CAP}) AS s) AS o
        WHERE p.grp = w.grp), sum(t.docs))) END AS docs
    FROM unnest(CAST(:bound_terms AS text[]), CAST(:bound_groups AS integer[])) AS w(term, grp)
    JOIN search_term t ON t.term = w.term GROUP BY w.grp) AS m)"""
BOUND = f"""(
  {GROUPS}
  - :bound_words * {EVERY}
  + (SELECT coalesce(sum(coalesce(f.docs, 0) - coalesce(u.docs, {EVERY})), 0)
    FROM unnest(CAST(:bound_facets AS text[]), CAST(:bound_universes AS text[])) AS x(token, space)
    LEFT JOIN search_facet f ON f.token = x.token
    LEFT JOIN search_facet u ON u.token = x.space)
  + (SELECT coalesce(sum(coalesce(s.docs, {EVERY})), 0)
    FROM unnest(CAST(:bound_spaces AS text[])) AS y(token)
    LEFT JOIN search_facet s ON s.token = y.token)
  - (cardinality(CAST(:bound_spaces AS text[])) - 1) * {EVERY}
)"""


def _surely_more(viewer_shape: tuple):
    """True only when more than `cap` published matches the viewer may see exist: counted
    from search_term and search_facet (exact, kept by triggers in each write's transaction,
    so read in this statement they agree with the index), by search.sql's "bound": the
    word parts' documents (GROUPS) less all documents each; each facet word's documents less its
    space's (a space no count holds: all documents, more than it can be); each space's
    documents once, less (spaces - 1) times all; and less every profile the viewer may not
    see (all of them, matching or not)."""
    bound = text(f"SELECT {BOUND} AS bound").columns(bound=Integer).scalar_subquery()
    if viewer_shape[0] == "employer":
        unseen = visibility.unlisted_ids(viewer_shape).subquery("unseen")
        bound = bound - select(func.count()).select_from(unseen).scalar_subquery()
    return bound > bindparam("cap", type_=Integer)


def _matches_first(viewer_shape: tuple, columns: tuple, limit, covered: bool):
    """SQLite, nothing to check on the rows: the matches' seqs first, `limit` at most, read
    from the index alone (a seq's low 31 bits are the profile's id, for the visibility
    rule), and each one's row looked up only when they are fewer than `limit`; else as
    many rows of NULLs ("more than"). A row looked up costs some twenty times what a seq
    read does: at 1M profiles, a common word's capped total 4 ms -> 0.3 ms. `covered`: the
    facet columns alone, from the covering index of them (search.sql.facet_columns), not
    the whole rows: at 10k profiles "python" (1,625 matches) 3.1 ms -> 1.6 ms."""
    fts = search_sql.fts_table()
    seqs = select(fts.c.rowid.label("seq")).where(search_sql.match_clause("all"))
    if viewer_shape[0] == "employer":
        profile_id = fts.c.rowid.op("&")(search_sql.ID_BITS)
        seqs = seqs.where(profile_id.not_in(visibility.unlisted_ids(viewer_shape)))
    found = seqs.limit(limit).cte("found").prefix_with("MATERIALIZED")
    # The `limit`-th match, if there is one (a bound, not a count over the profiles).
    last = select(literal_column("1")).select_from(found).offset(limit - 1).limit(1)
    many = exists(last)
    d = search_sql.facet_columns() if covered else SearchDocument.__table__
    columns = [d.c[c.key] for c in columns]
    rows = select(*columns).select_from(found.join(d, d.c.seq == found.c.seq))
    nulls = select(*(null().label(c.key) for c in columns)).select_from(found)
    return union_all(rows.where(~many), nulls.where(many))


def rows(viewer, f: Filters, search: dict | None, cap: int) -> list:
    """(profession, country, english_rank) of each match `viewer` may see; cap + 1 rows
    when there are more (the caller reads that as "more than cap")."""
    f = replace(f, cursor=None, sort="updated")
    viewer_shape, values = visibility.viewer_binds(viewer)
    subtract = viewer_shape[0] in ("employer", "everyone")  # else: the rule, row by row
    if search is not None and subtract and not profile_filters.narrowed(f):
        if search["checks"]:
            found = _checked_here(viewer_shape, values, search, cap)
            if found is not None:
                return found
        values = dict(values, **search_sql.binds(search), limit=cap + 1)
        bound = search.get("bound")
        if bound:
            values.update(bound, cap=cap)
        statement = _index_only(viewer_shape, search["flags"], bounded=bool(bound))
        return queries.run(statement, values)
    statement, values = queries.page_statement(viewer, f, search, every=subtract)
    values["limit"] = cap + 1
    return queries.run(_statement(statement, viewer_shape), values)


def _checked_here(viewer_shape: tuple, values: dict, search: dict, cap: int) -> list | None:
    """`rows` for an index query with facet words to check (SQLite: search.facets.plan),
    or None to count them in SQL. The total (`remember`) reads the rows the index finds,
    at most cap + 1, and when that is all of them the request remembers them: a drop hint
    of an empty page (`ranked.droppable`) that drops only checked words counts them again
    here, without SQL."""
    wanted = {pattern.strip("% ") for pattern in search["checks"]}
    key = (viewer_shape, repr(sorted(values.items())), search["match"])
    remembered = g.setdefault("facet_candidates", {})
    if key in remembered:
        found = [row[:3] for row in remembered[key] if wanted <= set(row.facets.split())]
        return found[: cap + 1]
    if not search.get("remember"):
        return None
    flags = (*search["flags"][:2], 0)
    binds = dict(values, **search_sql.binds(search), limit=cap + 1)
    read = queries.run(_index_only(viewer_shape, flags, words=True), binds)
    if len(read) > cap:  # more than checking here is worth
        return None
    remembered[key] = read
    return [row[:3] for row in read if wanted <= set(row.facets.split())]
