"""Writing the index: in the caller's transaction, on every write of a questionnaire.

`sync(profile)` after a save, a publish or an unpublish; `rebuild()` after bulk inserts
(demo data, the benchmark, the migration). An erased or unpublished questionnaire leaves
at once: its row goes, and on SQLite the FTS5 segments are merged (`forget_removed`), since
FTS5 (before SQLite 3.44's secure-delete) keeps a deleted row's words in older segments.
"""

from collections import defaultdict
from datetime import UTC, datetime

from sqlalchemy import delete, insert, select, text

from outstaff.core.extensions import db
from outstaff.models import DeveloperProfile, DeveloperSkill, SearchDocument, SearchTerm
from outstaff.search import text as words

BATCH = 5000
TERMS_TRIGGER = "search_document_terms"  # PostgreSQL's, keeping search_term
P = DeveloperProfile
SINCE = datetime(2020, 1, 1, tzinfo=UTC)


def seq_of(updated_at: datetime, profile_id: int) -> int:
    """The document's key: seconds since 2020 of the questionnaire's last update, then its
    id, so newest first is one descending order of a unique integer (fits 63 bits)."""
    if updated_at.tzinfo is None:
        updated_at = updated_at.replace(tzinfo=UTC)
    seconds = max(0, int((updated_at - SINCE).total_seconds()))
    return (seconds << 31) + profile_id


def _row(profile_id, updated_at, first, last, profession, other, skills, bio) -> dict:
    strong, weak = words.document(first, last, profession, other, skills, bio)
    seq = seq_of(updated_at, profile_id)
    return {"seq": seq, "profile_id": profile_id, "strong": strong, "weak": weak}


def sync(profile: DeveloperProfile) -> None:
    """Make the index hold what the questionnaire says now (caller commits)."""
    db.session.flush()
    gone = db.session.execute(
        delete(SearchDocument).where(SearchDocument.profile_id == profile.id)
    ).rowcount
    if profile.is_published:
        skills = [skill.name for skill in profile.skills]
        values = (profile.first_name, profile.last_name, profile.profession)
        other = profile.profession_other
        row = _row(profile.id, profile.updated_at, *values, other, skills, profile.bio)
        db.session.execute(insert(SearchDocument), [row])
    elif gone:
        forget_removed()


def forget_removed() -> None:
    """After rows left the index: leave none of their words behind (caller commits)."""
    if db.engine.dialect.name == "sqlite":
        db.session.execute(db.text("INSERT INTO search_fts(search_fts) VALUES ('optimize')"))


def rebuild(connection=None, echo=None) -> int:
    """Index every published questionnaire afresh; returns how many. On `connection` (a
    migration) or the session's."""
    connection = connection if connection is not None else db.session.connection()
    postgresql = connection.dialect.name == "postgresql"
    if postgresql:  # the vocabulary is counted once at the end, not word by word per row
        connection.execute(text(f"ALTER TABLE search_document DISABLE TRIGGER {TERMS_TRIGGER}"))
    connection.execute(delete(SearchDocument))
    done, after = 0, None
    while True:
        query = select(
            P.id, P.first_name, P.last_name, P.profession, P.profession_other, P.bio, P.updated_at
        ).where(P.is_published.is_(True))
        if after is not None:
            query = query.where(
                (P.updated_at > after[0]) | ((P.updated_at == after[0]) & (P.id > after[1]))
            )
        rows = connection.execute(query.order_by(P.updated_at, P.id).limit(BATCH)).all()
        if not rows:
            break
        skills = defaultdict(list)
        names = select(DeveloperSkill.profile_id, DeveloperSkill.name).where(
            DeveloperSkill.profile_id.in_([row.id for row in rows])
        )
        for profile_id, name in connection.execute(names.order_by(DeveloperSkill.position)):
            skills[profile_id].append(name)
        documents = [_row(r.id, r.updated_at, *r[1:5], skills[r.id], r.bio) for r in rows]
        connection.execute(insert(SearchDocument), documents)
        done += len(rows)
        after = (rows[-1].updated_at, rows[-1].id)
        if echo and done % 100_000 == 0:
            echo(f"  {done} indexed…")
    if postgresql:
        connection.execute(delete(SearchTerm))
        connection.execute(
            text(
                "INSERT INTO search_term (term, docs) "
                "SELECT word, ndoc FROM ts_stat('SELECT doc FROM search_document')"
            )
        )
        connection.execute(text(f"ALTER TABLE search_document ENABLE TRIGGER {TERMS_TRIGGER}"))
    return done
