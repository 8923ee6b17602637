"""The listing's statements are built once per shape and remembered; the index's SQL differs
between the databases (FTS5's MATCH, PostgreSQL's @@), so a process that serves both (the
benchmark measures SQLite, then PostgreSQL) must never be handed one built for the other."""

import pytest
from sqlalchemy.dialects import postgresql, sqlite

from outstaff import visibility
from outstaff.listing import counts, forms, profile_filters, queries, ranked
from outstaff.search import sql as search_sql

OTHER = {"sqlite": ("postgresql", postgresql.dialect()), "postgresql": ("sqlite", sqlite.dialect())}


def _as_the_other_database(monkeypatch):
    here = search_sql.dialect()
    name, dialect = OTHER[here]
    monkeypatch.setattr(search_sql, "dialect", lambda: name)
    return name, dialect


def _page_statement(app, employer, path):
    with app.test_request_context(path):
        f = forms.parse_request()
        profile_filters.resolve(f, employer)
        _query, expressions = ranked.search_of(f)
        search = search_sql.part("all", expressions)
        return queries.page_statement(employer, f, search)[0]


def _sql(statement, dialect) -> str:
    return str(statement.compile(dialect=dialect))


@pytest.mark.parametrize("path", ["/developers?q=python", "/developers?q=python&country=DE"])
def test_a_page_statement_built_for_one_database_is_never_served_to_another(
    app, employer, make_profile, monkeypatch, path
):
    make_profile(skills=("Python",))
    here = _page_statement(app, employer, path)
    name, dialect = _as_the_other_database(monkeypatch)
    other = _page_statement(app, employer, path)
    assert other is not here
    if name == "postgresql":
        assert "MATCH" not in _sql(other, dialect) and "@@" in _sql(other, dialect)
    else:
        assert "MATCH" in _sql(other, dialect) and "@@" not in _sql(other, dialect)


def test_a_total_statement_built_for_one_database_is_never_served_to_another(
    app, employer, monkeypatch
):
    shape, flags = visibility.viewer_binds(employer)[0], (True, False, 0)
    here = counts._index_only(shape, flags)
    name, dialect = _as_the_other_database(monkeypatch)
    other = counts._index_only(shape, flags)
    assert other is not here
    assert ("MATCH" in _sql(other, dialect)) == (name == "sqlite")
