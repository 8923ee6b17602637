"""Writing the index: in the caller's transaction, on every write of a questionnaire.

`sync(profile)` after a save, a publish or an unpublish; `rebuild()` after bulk inserts
(demo data, the benchmark, the migration). An erased or unpublished questionnaire leaves
at once: its row goes, and on SQLite the FTS5 segments are merged (`forget_removed`), since
FTS5 (before SQLite 3.44's secure-delete) keeps a deleted row's words in older segments.
"""

from collections import Counter, defaultdict
from contextlib import contextmanager
from datetime import UTC, datetime

from sqlalchemy import delete, insert, inspect, select, text

from outstaff.core import bulk
from outstaff.core.extensions import db
from outstaff.models import (
    DeveloperLanguage,
    DeveloperProfile,
    DeveloperSkill,
    SearchDocument,
    SearchFacet,
    SearchNeighbour,
    SearchTerm,
)
from outstaff.search import facets
from outstaff.search import text as words

BATCH = 5000
GINS = ("ix_search_document_doc", "ix_search_document_facet_doc", "ix_search_document_doc_facets")
P = DeveloperProfile
COLUMNS = (P.id, P.first_name, P.last_name, P.profession, P.profession_other, P.bio, P.updated_at)
COLUMNS += (P.country, P.english_rank, P.years_experience, P.availability)
SINCE = datetime(2020, 1, 1, tzinfo=UTC)


def seq_of(updated_at: datetime, profile_id: int) -> int:
    """The document's key: seconds since 2020 of the questionnaire's last update, then its
    id, so newest first is one descending order of a unique integer (fits 63 bits)."""
    if updated_at.tzinfo is None:
        updated_at = updated_at.replace(tzinfo=UTC)
    seconds = max(0, int((updated_at - SINCE).total_seconds()))
    return (seconds << 31) + profile_id


def _row(profile, skills: list[str], languages: list[str]) -> dict:
    """The document of `profile` (a questionnaire or a row with the same attributes)."""
    p = profile
    filters = facets.document(
        p.profession,
        p.country,
        p.english_rank,
        p.years_experience,
        p.availability,
        languages,
        skills,
    )
    strong, weak = words.document(
        p.first_name, p.last_name, p.profession, p.profession_other, skills, p.bio
    )
    return {
        "seq": seq_of(p.updated_at, p.id),
        "profile_id": p.id,
        "strong": strong,
        "weak": weak,
        "profession": p.profession,
        "country": p.country,
        "english_rank": p.english_rank,
        "facets": filters,
    }


def sync(profile: DeveloperProfile) -> None:
    """Make the index hold what the questionnaire says now (caller commits)."""
    db.session.flush()
    gone = db.session.execute(
        delete(SearchDocument).where(SearchDocument.profile_id == profile.id)
    ).rowcount
    if profile.is_published:
        languages = [language.code for language in profile.languages]
        row = _row(profile, [skill.name for skill in profile.skills], languages)
        db.session.execute(insert(SearchDocument), [row])
    elif gone:
        forget_removed()


def forget_removed() -> None:
    """After rows left the index: leave none of their words behind (caller commits)."""
    if db.engine.dialect.name == "sqlite":
        db.session.execute(db.text("INSERT INTO search_fts(search_fts) VALUES ('optimize')"))


def rebuild(connection=None, echo=None) -> int:
    """Index every published questionnaire afresh; returns how many. On `connection` (a
    migration) or the session's. The documents go in without their per-row triggers and
    the index and vocabulary are built in one pass after them: at a million rows, row by
    row upkeep is what takes hours."""
    connection = connection if connection is not None else db.session.connection()
    # The columns there are: an earlier migration's rebuild runs before later ones add theirs.
    schema = inspect(connection)
    present = {column["name"] for column in schema.get_columns("search_document")}
    done, counts = 0, Counter()
    with _bulk_load(connection):
        connection.execute(delete(SearchDocument))
        for documents in _documents(connection):
            counts.update(token for row in documents for token in facets.counted(row["facets"]))
            documents = [{k: v for k, v in row.items() if k in present} for row in documents]
            bulk.insert(connection, SearchDocument.__table__, documents)
            done += len(documents)
            if echo and done % 100_000 == 0:
                echo(f"  {done} indexed…")
        if schema.has_table("search_facet"):
            connection.execute(delete(SearchFacet))
            rows = [{"token": token, "docs": n} for token, n in counts.items()]
            bulk.insert(connection, SearchFacet.__table__, rows)
    return done


def refacet(connection, pairs: bool = True, echo=None) -> int:
    """Every document's facet words with their pair words (search.facets.with_pairs), or
    without them (`pairs` False), made from the words it holds, so no questionnaire is
    read; then, as `rebuild` does, the index, the vocabulary and search_facet's counts
    built at once. Returns how many."""
    make = facets.with_pairs if pairs else facets.without_pairs
    done, counts, after = 0, Counter(), None
    update = text("UPDATE search_document SET facets = :facets WHERE seq = :s")
    d = SearchDocument
    with _bulk_load(connection):
        while True:
            query = select(d.seq, d.facets).order_by(d.seq).limit(BATCH * 4)
            if after is not None:
                query = query.where(d.seq > after)
            rows = connection.execute(query).all()
            if not rows:
                break
            changed = [{"s": seq, "facets": make(words)} for seq, words in rows]
            counts.update(t for row in changed for t in facets.counted(row["facets"]))
            connection.execute(update, changed)
            done, after = done + len(rows), rows[-1].seq
            if echo and done % 100_000 < BATCH * 4:
                echo(f"  {done} paired…")
        connection.execute(delete(SearchFacet))
        rows = [{"token": token, "docs": n} for token, n in counts.items()]
        bulk.insert(connection, SearchFacet.__table__, rows)
    return done


def _documents(connection):
    """Batches of search_document rows for the published questionnaires, oldest first."""
    after = None
    while True:
        query = select(*COLUMNS).where(P.is_published.is_(True))
        if after is not None:
            query = query.where(
                (P.updated_at > after[0]) | ((P.updated_at == after[0]) & (P.id > after[1]))
            )
        rows = connection.execute(query.order_by(P.updated_at, P.id).limit(BATCH)).all()
        if not rows:
            return
        ids = [row.id for row in rows]
        skills, languages = defaultdict(list), defaultdict(list)
        names = select(DeveloperSkill.profile_id, DeveloperSkill.name).where(
            DeveloperSkill.profile_id.in_(ids)
        )
        for profile_id, name in connection.execute(names.order_by(DeveloperSkill.position)):
            skills[profile_id].append(name)
        codes = select(DeveloperLanguage.profile_id, DeveloperLanguage.code).where(
            DeveloperLanguage.profile_id.in_(ids)
        )
        for profile_id, code in connection.execute(codes):
            languages[profile_id].append(code)
        yield [_row(row, skills[row.id], languages[row.id]) for row in rows]
        after = (rows[-1].updated_at, rows[-1].id)


def _move_data_version(connection) -> None:
    # An earlier migration's rebuild runs before the data version exists.
    if inspect(connection).has_table("data_version"):
        connection.execute(text("UPDATE data_version SET n = n + 1 WHERE id = 1"))


@contextmanager
def _bulk_load(connection):
    """Per-row upkeep off while the body loads documents (and search_facet's counts), then
    the index and the vocabulary built from all of them at once (inside the caller's
    transaction). The data version moves once, as the triggers set aside would have moved
    it (pages kept per worker read all of these tables: core.data_version)."""
    _move_data_version(connection)
    if connection.dialect.name == "postgresql":
        # The GIN indexes there are (an earlier migration's rebuild runs before the second).
        definition = "SELECT pg_get_indexdef(to_regclass(:name))"
        indexes = {
            gin: connection.execute(text(definition), {"name": gin}).scalar() for gin in GINS
        }
        indexes = {gin: sql for gin, sql in indexes.items() if sql}
        connection.execute(text("ALTER TABLE search_document DISABLE TRIGGER USER"))
        for gin in indexes:
            connection.execute(text(f"DROP INDEX {gin}"))
        yield
        connection.execute(text("SET LOCAL maintenance_work_mem = '256MB'"))
        for index_sql in indexes.values():
            connection.execute(text(index_sql))
        connection.execute(delete(SearchTerm))
        connection.execute(
            text(
                "INSERT INTO search_term (term, docs) "
                "SELECT word, ndoc FROM ts_stat('SELECT doc FROM search_document')"
            )
        )
        _recount_neighbours(connection)
        connection.execute(text("ALTER TABLE search_document ENABLE TRIGGER USER"))
        return
    triggers = connection.execute(
        text("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = :t"),
        {"t": "search_document"},
    ).all()
    for name, _sql in triggers:
        connection.execute(text(f'DROP TRIGGER "{name}"'))
    yield
    connection.execute(text("INSERT INTO search_fts(search_fts) VALUES ('rebuild')"))
    connection.execute(delete(SearchTerm))
    bulk.insert(connection, SearchTerm.__table__, _term_counts(connection))
    _recount_neighbours(connection)
    for _name, sql in triggers:
        connection.execute(text(sql))


def _term_counts(connection) -> list[dict]:
    """search_term as SQLite's triggers count it: each distinct word, in how many documents."""
    counts = Counter()
    after = None
    while True:
        query = select(SearchDocument.seq, SearchDocument.strong, SearchDocument.weak)
        if after is not None:
            query = query.where(SearchDocument.seq > after)
        rows = connection.execute(query.order_by(SearchDocument.seq).limit(BATCH * 4)).all()
        if not rows:
            return [{"term": term, "docs": n} for term, n in counts.items()]
        for _seq, strong, weak in rows:
            counts.update(set(strong.split()) | set(weak.split()))
        after = rows[-1].seq


def _recount_neighbours(connection) -> None:
    """search_neighbour counted again, where there is one (an earlier migration's rebuild
    runs before it is made)."""
    if inspect(connection).has_table("search_neighbour"):
        connection.execute(delete(SearchNeighbour))
        count_neighbours(connection)


def count_neighbours(connection) -> int:
    """search_neighbour as the triggers count it, from every document's words: each pair of
    neighbouring words (search.text.neighbours), in how many documents. Returns how many
    pairs."""
    counts, after = Counter(), None
    d = SearchDocument
    while True:
        query = select(d.seq, d.strong, d.weak).order_by(d.seq).limit(BATCH * 4)
        if after is not None:
            query = query.where(d.seq > after)
        rows = connection.execute(query).all()
        if not rows:
            break
        for _seq, strong, weak in rows:
            counts.update(words.neighbours(strong, weak))
        after = rows[-1].seq
    rows = [{"pair": pair, "docs": n} for pair, n in counts.items()]
    bulk.insert(connection, SearchNeighbour.__table__, rows)
    return len(rows)
