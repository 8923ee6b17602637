"""The index in a listing query: what to join, what to match, what to order by.

The match expression is one bound parameter `match` (match.expression), so statements are
built once per shape. On SQLite the FTS5 table drives the query and returns rows newest
first by rowid (= seq), so LIMIT stops it after a page; on PostgreSQL the planner chooses
between the GIN index and walking `seq` backwards, whichever reads fewer rows.
"""

from functools import cache

from sqlalchemy import Integer, bindparam, column, func, literal_column, not_, select, table, text

from outstaff.core.extensions import db
from outstaff.models import SearchDocument

D = SearchDocument
ID_BITS = (1 << 31) - 1


def sqlite() -> bool:
    return db.engine.dialect.name == "sqlite"


@cache
def _fts():
    return table("search_fts", column("rowid", Integer))


def seq_column():
    return _fts().c.rowid if sqlite() else D.seq


def joined(profile):
    """FROM: the index, its documents, their questionnaires."""
    if sqlite():  # a rowid's low 31 bits are the profile's id (index.seq_of): no lookup of D
        fts = _fts()
        return fts.join(profile, profile.id == fts.c.rowid.op("&")(ID_BITS))
    return D.__table__.join(profile, profile.id == D.profile_id)


def documents():
    """FROM for reading the index's own rows (its facet columns) in the index's order."""
    if sqlite():
        fts = _fts()
        return fts.join(D, D.seq == fts.c.rowid)
    return D.__table__


def match_clause(part: str):
    """WHERE for one part of a search: "all" words anywhere, "strong" (all in the name,
    profession or skills) or "rest" (all, but not all strong). Binds `match` and, for
    "rest", `strong`."""
    if sqlite():  # "rest" is one FTS5 expression there: (all) NOT (strong)
        return text("search_fts MATCH :match")
    doc = literal_column("search_document.doc")

    def query(name):
        return func.to_tsquery(literal_column("'simple'"), bindparam(name))

    if part == "rest":
        return doc.op("@@")(query("match")) & not_(doc.op("@@")(query("strong")))
    return doc.op("@@")(query("match"))


def among_clause(profile_id):
    """WHERE for a search the index does not drive: the profile is among the matches. For
    a sort the index does not hold (experience) over many matches: the listing's sort index
    is walked and LIMIT stops it after a page, where reading every match and sorting them
    costs as much as there are matches. On SQLite `id + 0` keeps the planner from driving
    the query from the matches instead."""
    if sqlite():
        fts = _fts()
        ids = select(fts.c.rowid.op("&")(ID_BITS)).where(text("search_fts MATCH :match"))
        return (profile_id + 0).in_(ids.scalar_subquery())
    return profile_id.in_(select(D.profile_id).where(match_clause("all")).scalar_subquery())
