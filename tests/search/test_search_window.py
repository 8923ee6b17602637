"""PostgreSQL: a first page of more than TOTAL_CAP matches is looked for among the newest
documents first (listing.ranked.window_floor), and among all of them when those hold fewer
than a page. Whichever way it is read, the page is the newest matches, in order: none
older shown before a newer one, none left out."""

from datetime import timedelta

import pytest
from sqlalchemy.dialects import postgresql

from outstaff.core import data_version
from outstaff.listing import ranked
from outstaff.search import facets
from outstaff.search import sql as search_sql
from tests.helpers import card_names, counted_statements, next_link
from tests.helpers.profiles import unseen_by_acme

pytestmark = pytest.mark.usefixtures("app_ctx")


@pytest.fixture
def crowd(make_profile, monkeypatch):
    """30 developers, newest first Dev1…; the even ones know Python, the odd ones Java."""
    if search_sql.sqlite():
        pytest.skip("PostgreSQL's page: SQLite's index hands out its matches newest first")
    monkeypatch.setattr(ranked, "TOTAL_CAP", 1)  # every search here has "more" matches
    monkeypatch.setattr(facets, "MANY", 1)
    # Filters only read from the index too, not by walking the listing's update order.
    monkeypatch.setattr(facets, "DENSE_WITH_TAGS", 2.0)
    names = []
    for n in range(1, 31):
        skill = "Python" if n % 2 == 0 else "Java"
        make_profile(first_name=f"Dev{n}", skills=[skill], age=timedelta(minutes=n))
        names.append((f"Dev{n} Tester", skill))
    return names


def _windowed(statements) -> bool:
    return any("search_document.seq >=" in s for s in statements)


@pytest.mark.parametrize("window", [3, 8, 12, 29, 100])
@pytest.mark.parametrize("params", ["q=python", "q=python&sort=updated", "skills=python"])
def test_a_page_looked_for_among_the_newest_is_the_newest_matches(
    client, auth, employer, crowd, monkeypatch, window, params
):
    """15 matches, a page of 10: a window of 3 or 8 newest documents holds fewer than a
    page (read again among all), one of 29 holds them all."""
    monkeypatch.setattr(ranked, "WINDOW", window)
    auth.login(employer)
    expected = [name for name, skill in crowd if skill == "Python"]
    with counted_statements() as statements:
        page = client.get(f"/developers?{params}&per_page=10").get_data(as_text=True)
    assert card_names(page) == expected[:10]
    assert _windowed(statements) == (window < 30)
    page2 = client.get(next_link(page)).get_data(as_text=True)
    assert card_names(page2) == expected[10:]


def test_no_window_when_the_matches_are_counted_exactly(client, auth, employer, crowd, monkeypatch):
    monkeypatch.setattr(ranked, "TOTAL_CAP", 2000)
    monkeypatch.setattr(ranked, "WINDOW", 12)
    auth.login(employer)
    with counted_statements() as statements:
        page = client.get("/developers?q=python&per_page=10").get_data(as_text=True)
    assert len(card_names(page)) == 10
    assert not _windowed(statements)


def test_the_window_s_floor_is_kept_with_the_data_version(app, crowd):
    statement = ranked._floor_statement()
    assert data_version.kept(statement)
    assert "OFFSET" in str(statement.compile(dialect=postgresql.dialect()))


def test_no_window_for_search_words_and_filters_together(
    client, auth, employer, crowd, monkeypatch
):
    monkeypatch.setattr(ranked, "WINDOW", 12)
    auth.login(employer)
    expected = [name for name, skill in crowd if skill == "Python"]
    with counted_statements() as statements:
        page = client.get("/developers?q=python&country=DE&per_page=10").get_data(as_text=True)
    assert card_names(page) == expected[:10]
    assert not _windowed(statements)


def test_a_page_read_among_the_newest_never_shows_whom_the_employer_may_not_see(
    client, auth, employer, crowd, make_profile, monkeypatch
):
    """The four newest Python developers are hidden, suspended or block the employer: a
    window of 25 (four of them and ten Python developers the employer sees, a page and
    more) still shows only whom the employer may see."""
    monkeypatch.setattr(ranked, "WINDOW", 25)
    unseen_by_acme(make_profile, skills=["Python"], first_name="Unseen", age=timedelta(0))
    auth.login(employer)
    expected = [name for name, skill in crowd if skill == "Python"]
    with counted_statements() as statements:
        page = client.get("/developers?q=python&per_page=10").get_data(as_text=True)
    assert _windowed(statements)
    assert card_names(page) == expected[:10]
    assert "Unseen" not in page
