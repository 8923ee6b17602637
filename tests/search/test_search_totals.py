"""The total and the facet counts never count a developer the employer may not see, and are
exact: counted from the index, the few unseen profiles (hidden, owner suspended, blocked
for this employer) subtracted, on SQLite and PostgreSQL alike."""

from urllib.parse import urlencode

import pytest
from sqlalchemy import event

from outstaff.core.extensions import db
from outstaff.models import utcnow
from tests.helpers.profiles import unseen_by_acme

pytestmark = pytest.mark.usefixtures("app_ctx")  # the tests read the database


@pytest.fixture
def crowd(make_profile):
    """Three seen backend developers with Python, and four unseen ones (hidden, suspended,
    blocked by company, blocked by domain) plus one seen frontend developer."""
    seen = [make_profile(skills=["Python"], country="DE") for _ in range(3)]
    seen.append(make_profile(skills=["Python"], profession="frontend", country="FR"))
    unseen_by_acme(make_profile, skills=["Python"])
    return seen


def fetch(client, **params):
    response = client.get("/developers?" + urlencode(params))
    assert response.status_code == 200
    return response.get_data(as_text=True)


@pytest.mark.parametrize("params", [{"q": "python"}, {}, {"skills": "python"}])
def test_an_employer_counts_no_hidden_suspended_or_blocked_developer(
    client, auth, employer, crowd, params
):
    auth.login(employer)
    page = fetch(client, **params)
    assert "4 developers" in page
    assert '<option value="backend">Back-end developer (3)</option>' in page
    assert 'value="DE">Germany (3)</option>' in page
    assert 'value="FR">France (1)</option>' in page


def test_an_admin_counts_every_published_developer(client, auth, make_user, crowd):
    auth.login(make_user("admin"))
    assert "8 developers" in fetch(client, q="python")


def test_a_blocked_developer_is_counted_for_another_employer(client, auth, make_employer, crowd):
    auth.login(make_employer(company="Globex", email="hr@globex.example.org"))
    assert "6 developers" in fetch(client, q="python")


def test_the_counts_check_no_match_one_by_one(client, auth, employer, crowd):
    """The count reads the matches without the visibility rule's lookups per row: no
    statement of the request looks up blocked companies per profile."""
    auth.login(employer)
    seen = []

    def capture(conn, cursor, statement, parameters, context, executemany):
        seen.append(statement)

    event.listen(db.engine, "before_cursor_execute", capture)
    try:
        fetch(client, q="python")
    finally:
        event.remove(db.engine, "before_cursor_execute", capture)
    # The page's statement may leave them out by NOT IN too (PostgreSQL), but reads cards.
    counting = [s for s in seen if "NOT IN" in s and "first_name" not in s]
    assert len(counting) == 1
    assert "blocked_company.profile_id = developer_profile.id" not in counting[0]


def test_the_counts_read_the_facet_columns_from_an_index_not_the_documents(
    client, auth, employer, crowd
):
    """SQLite: an exact total looks up each match's profession, country and English rank
    in the covering index of seq and those columns, never the document's whole row."""
    if db.engine.dialect.name != "sqlite":
        pytest.skip("PostgreSQL reads the index's matches from the table's rows")
    auth.login(employer)
    seen = []

    def capture(conn, cursor, statement, parameters, context, executemany):
        seen.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", capture)
    try:
        page = fetch(client, q="python")
    finally:
        event.remove(db.engine, "before_cursor_execute", capture)
    assert "4 developers" in page
    [(statement, parameters)] = [s for s in seen if "search_document.english_rank" in s[0]]
    plan = db.session.connection().exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters)
    steps = [row[-1] for row in plan if "search_document" in row[-1]]
    assert steps == [
        "SEARCH search_document USING COVERING INDEX ix_search_document_facet_columns (seq=?)"
    ]


def test_more_than_the_cap_reads_as_more_than(client, auth, employer, crowd, monkeypatch):
    from outstaff.listing import ranked

    monkeypatch.setattr(ranked, "TOTAL_CAP", 3)
    auth.login(employer)
    page = fetch(client, q="python")
    assert "More than 3 developers" in page


def test_at_the_cap_the_unseen_are_subtracted_exactly(client, auth, employer, crowd, monkeypatch):
    from outstaff.listing import ranked

    monkeypatch.setattr(ranked, "TOTAL_CAP", 4)  # 8 published matches, 4 of them seen
    auth.login(employer)
    assert "4 developers" in fetch(client, q="python")


@pytest.mark.parametrize("typed", ["k8s", "Kubernetes", "кубер", "KUBERNETES"])
def test_the_skills_filter_finds_every_spelling_of_the_skill(
    client, auth, employer, make_profile, typed
):
    make_profile(first_name="Kira", skills=["Kubernetes"])
    make_profile(first_name="Karl", skills=["k8s"])
    make_profile(first_name="Kuzma", skills=["кубернетес"])
    make_profile(first_name="Pavel", skills=["Python"])
    auth.login(employer)
    page = fetch(client, skills=typed)
    assert "3 developers" in page
    assert "Kira" in page and "Karl" in page and "Kuzma" in page and "Pavel" not in page


def test_the_skills_filter_keeps_an_unknown_skill_exact(client, auth, employer, make_profile):
    make_profile(first_name="Ulla", skills=["Haskell"])
    make_profile(first_name="Ugo", skills=["Haskell Platform"])
    auth.login(employer)
    page = fetch(client, skills="haskell")
    assert "Ulla" in page and "Ugo" not in page


REMEMBERED = [{"LISTING_TOTALS_SECONDS": 30}]


@pytest.mark.parametrize("app_overrides", REMEMBERED)
def test_remembered_totals_are_one_employers_own(client, auth, employer, make_employer, crowd):
    """Totals a worker remembers never answer for another employer, whose block lists
    differ: the blocked employer sees 4, the other 6, asked in turn with the same filters."""
    auth.login(employer)
    assert "4 developers" in fetch(client, q="python")
    auth.logout()
    auth.login(make_employer(company="Globex", email="hr@globex.example.org"))
    assert "6 developers" in fetch(client, q="python")
    auth.logout()
    auth.login(employer)
    assert "4 developers" in fetch(client, q="python")


@pytest.mark.parametrize("app_overrides", REMEMBERED)
def test_remembered_totals_never_keep_an_unseen_card_on_the_page(client, auth, employer, crowd):
    """A hidden profile leaves the cards at once; only the count may lag."""
    auth.login(employer)
    first = fetch(client, q="python")
    assert "4 developers" in first and crowd[0].first_name in first
    crowd[0].hidden_at = utcnow()
    db.session.commit()
    again = fetch(client, q="python")
    assert crowd[0].first_name not in again
    assert "4 developers" in again  # remembered for LISTING_TOTALS_SECONDS


@pytest.mark.parametrize("app_overrides", REMEMBERED)
def test_paging_does_not_count_the_matches_again(client, auth, employer, crowd, app):
    auth.login(employer)
    fetch(client, q="django")  # a first page view's own once-a-day work out of the way
    statements = []
    with app.app_context():
        event.listen(db.engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
    fetch(client, q="python")
    first, statements[:] = len(statements), []
    fetch(client, q="python")  # the same filters again (the next page, or back to them)
    # Nothing of the index again: the count remembered, the page's rows and the vocabulary's
    # words kept at this data version (core.data_version), the cards printed before
    # (listing/card_cache.py), so their languages and skills are not read either.
    assert [s for s in statements if "search_" in s or "developer_skill" in s] == []
    assert len(statements) <= first - 2


@pytest.mark.parametrize("app_overrides", REMEMBERED)
def test_remembered_drop_hints_are_one_employers_own(client, auth, employer, make_employer, crowd):
    """An empty page's hints are counts too, remembered per employer: the blocked employer
    is told 4 without the search words, the other employer 6, asked in turn."""
    auth.login(employer)
    assert "Without the search words</a> (4)" in fetch(client, q="zqxvwkjhg python")
    auth.logout()
    auth.login(make_employer(company="Globex", email="hr@globex.example.org"))
    assert "Without the search words</a> (6)" in fetch(client, q="zqxvwkjhg python")
    auth.logout()
    auth.login(employer)
    assert "Without the search words</a> (4)" in fetch(client, q="zqxvwkjhg python")


@pytest.mark.parametrize("app_overrides", REMEMBERED)
def test_a_remembered_drop_hint_keeps_the_sort_asked_for(client, auth, employer, crowd):
    auth.login(employer)
    fetch(client, q="zqxvwkjhg", sort="updated")
    page = fetch(client, q="zqxvwkjhg", sort="experience")
    assert "sort=experience" in page.split("Without the search words")[0].rsplit("<a", 1)[1]


@pytest.mark.parametrize("app_overrides", REMEMBERED)
def test_an_empty_search_twice_counts_its_hints_once(client, auth, employer, crowd, app):
    """A search that finds nobody, asked again (a reload, "back"), reads nothing from the
    database for its hints: its words are looked up, the hints are remembered."""
    auth.login(employer)
    fetch(client, q="zqxvwkjhg", country="DE")
    statements = []
    with app.app_context():
        event.listen(db.engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
    fetch(client, q="zqxvwkjhg", country="DE")
    assert not any("developer_profile" in s or "search_document" in s for s in statements)
