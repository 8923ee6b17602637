"""PostgreSQL: the tsvectors a filter checks on a document's row stay in that row
(migration 20261204_search_document_inline); the texts they are made of are what leaves
a row too large for its page."""

import random

import pytest
from sqlalchemy import text

from outstaff.core.extensions import db
from outstaff.search import sql as search_sql

pytestmark = pytest.mark.usefixtures("app_ctx")

STORAGE = text(
    "SELECT attname, attstorage FROM pg_attribute "
    "WHERE attrelid = 'search_document'::regclass AND attname = ANY(:names)"
)


def test_checked_tsvectors_stay_in_the_row_and_texts_leave_first():
    if search_sql.sqlite():
        pytest.skip("PostgreSQL's row storage: SQLite's FTS5 keeps its own tables")
    names = ["doc", "facet_doc", "strong", "weak", "facets"]
    found = dict(db.session.execute(STORAGE, {"names": names}).all())
    # m: kept in the row (compressed if need be); x: compressed or moved out first.
    assert found == {"doc": "m", "facet_doc": "m", "strong": "x", "weak": "x", "facets": "x"}


def _pages_read(column: str, profile_id: int) -> int:
    """Pages one row's `column` is read from (its key looked up, its page, and for a value
    moved out of the row the TOAST index and table: `length` reads the value itself, where
    EXPLAIN would leave it to the output EXPLAIN does not run)."""
    row = f"search_document WHERE profile_id = {int(profile_id)}"
    statement = f"SELECT length({column}::text) FROM {row}"
    plan = db.session.execute(text(f"EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) {statement}"))
    found = plan.scalar()[0]["Plan"]
    return found["Shared Hit Blocks"] + found["Shared Read Blocks"]


def test_a_large_questionnaire_keeps_its_facet_words_in_the_row(make_profile):
    """Many skills (the facet words' tsvector the largest value) and a bio that does not
    compress, 2.5 kB in all: past the 2 kB a row may take, a value leaves it, and it is no
    longer facet_doc, so a filter checked on the row reads the same pages as a plain column."""
    if search_sql.sqlite():
        pytest.skip("PostgreSQL's row storage")
    letters = random.Random(7).choices("abcdefghijklmnopqrstuvwxyz", k=60 * 7 + 30 * 6)
    bio = " ".join("".join(letters[i : i + 7]) for i in range(0, 60 * 7, 7))
    skills = ["Skill" + "".join(letters[i : i + 6]) for i in range(60 * 7, len(letters), 6)]
    profile = make_profile(first_name="Large", skills=skills, bio=bio)
    size = text(
        "SELECT octet_length(facet_doc::text) + octet_length(weak) FROM search_document "
        "WHERE profile_id = :id"
    )
    assert db.session.execute(size, {"id": profile.id}).scalar() > 2000
    assert _pages_read("facet_doc", profile.id) == _pages_read("english_rank", profile.id)
