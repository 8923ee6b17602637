"""PostgreSQL's capped total decided from the index's word counts (listing.counts
`_surely_more`): "more than" only when the counts prove it, the unseen profiles subtracted,
and the rows read otherwise, so the total stays exact. On SQLite the rows are read."""

from urllib.parse import urlencode

import pytest
from flask import current_app
from sqlalchemy import text

from outstaff.core.extensions import db
from outstaff.listing import counts, ranked
from outstaff.search import facets, match
from outstaff.search import sql as search_sql
from tests.helpers.profiles import unseen_by_acme

pytestmark = pytest.mark.usefixtures("app_ctx")


@pytest.fixture
def crowd(make_profile):
    """Eight published Python developers, four of them unseen by the employer (hidden,
    suspended, blocked by company, blocked by domain); two of the seen in Germany."""
    for country in ("DE", "DE", "FR", "PL"):
        make_profile(skills=["Python"], country=country, english_level="C1", english_rank=5)
    unseen_by_acme(make_profile, skills=["Python"])


@pytest.fixture
def cap(monkeypatch):
    """A cap of `n` matches, the bound read whenever the statistics allow more than it."""

    def set_cap(n):
        current_app.extensions.pop("search_facet_statistics", None)  # this crowd's counts
        monkeypatch.setattr(ranked, "TOTAL_CAP", n)
        monkeypatch.setattr(facets, "MANY", n)

    return set_cap


def fetch(client, **params):
    response = client.get("/developers?" + urlencode(params))
    assert response.status_code == 200
    return response.get_data(as_text=True)


@pytest.mark.parametrize("params", [{"q": "python"}, {"skills": "python"}, {"q": "pyth"}])
def test_more_than_only_when_the_seen_matches_are_more(client, auth, employer, crowd, cap, params):
    auth.login(employer)
    cap(3)  # 8 published matches, 4 seen
    assert "More than 3 developers" in fetch(client, **params)
    cap(4)
    assert "4 developers" in fetch(client, **params)
    assert "More than" not in fetch(client, **params)


def test_the_unseen_are_never_counted_towards_more_than(client, auth, employer, crowd, cap):
    """8 published matches of which 4 are seen: a cap of 4 must not read as "more"."""
    auth.login(employer)
    cap(4)
    page = fetch(client, q="python")
    assert "4 developers" in page and "More than" not in page


def test_words_together_count_no_more_than_they_share(client, auth, employer, crowd, cap):
    """Python and Germany: 2 seen developers hold both; no sum of counts says more."""
    auth.login(employer)
    cap(2)
    page = fetch(client, q="python", country="DE")
    assert "2 developers" in page and "More than" not in page


def test_a_word_no_document_holds_counts_nothing(client, auth, employer, crowd, cap):
    auth.login(employer)
    cap(0)
    assert "More than" not in fetch(client, q="pythonic")


def test_an_admin_sees_every_published_match_counted(client, auth, make_user, crowd, cap):
    auth.login(make_user("admin"))
    cap(7)
    assert "More than 7 developers" in fetch(client, q="python")
    cap(8)
    assert "8 developers" in fetch(client, q="python")


@pytest.fixture
def germans(make_profile):
    """Six German backend developers, C1 and eight years; two French, B1 and one year."""
    for country, level, rank, years in [("DE", "C1", 5, 8)] * 6 + [("FR", "B1", 3, 1)] * 2:
        make_profile(
            country=country, english_level=level, english_rank=rank, years_experience=years
        )


@pytest.mark.parametrize("n", [4, 5, 6, 7])
def test_pairs_of_one_country_bound_within_that_country(client, auth, employer, germans, cap, n):
    """Germany, English B2 and 3 years: 6 Germans hold both pairs; "more than" iff n < 6."""
    auth.login(employer)
    cap(n)
    page = fetch(client, country="DE", english="B2", years=3)
    if n < 6:
        assert f"More than {n} developers" in page
    else:
        assert "6 developers" in page and "More than" not in page


@pytest.fixture
def two_spellings(make_profile):
    """Five developers found by "ivan": two "Ivane", two "Ivanova" and one who holds both
    spellings (one name, one family name); and three others, so that the counts, not the
    few documents there are, decide whether "more than" can be proved."""
    for first, last in [("Ivane", "Ash")] * 2 + [("Oleg", "Ivanova")] * 2 + [("Ivane", "Ivanova")]:
        make_profile(first_name=first, last_name=last)
    for _ in range(3):
        make_profile(first_name="Anna", last_name="Berg")


@pytest.mark.parametrize("n", [2, 3, 4, 5, 6])
def test_a_name_in_two_spellings_is_never_counted_twice(
    client, auth, employer, two_spellings, cap, n
):
    """3 + 3 documents hold one spelling each, one holds both: 5 in all, "more than" iff
    n < 5, however the spellings' counts are added up."""
    auth.login(employer)
    cap(n)
    page = fetch(client, q="ivan")
    if n < 5:
        assert f"More than {n} developers" in page
    else:
        assert "5 developers" in page and "More than" not in page


def test_a_word_group_bound_subtracts_what_its_words_share(two_spellings, cap):
    """PostgreSQL: the bound of one search word's group ("ivane" or "ivanova") is the union
    the counts prove, 3 + 3 - 1, where the larger count alone proves only 3; its overlap
    read at most OVERLAP_CAP rows, beyond which only the larger count is taken."""
    if search_sql.sqlite():
        pytest.skip("the bound is PostgreSQL's (SQLite reads the seqs)")
    cap(0)
    query = match.parse("ivan")
    assert sorted(query.words[0].exact) == ["ivane", "ivanova"]
    bound = search_sql._bound(query, ())
    statement = text(f"SELECT {counts.GROUPS} AS bound")
    assert db.session.execute(statement, {**bound, "cap": 4}).scalar() == 5
    # The larger count alone proves more than the cap: the overlap is not read.
    assert db.session.execute(statement, {**bound, "cap": 2}).scalar() == 3


@pytest.fixture
def three_pythonists(make_profile):
    """Three Python developers and six Java ones."""
    for skill in ["Python"] * 3 + ["Java"] * 6:
        make_profile(skills=[skill])


def test_a_word_knows_how_many_documents_its_words_are_in(three_pythonists):
    assert match.parse("python").words[0].docs == 3
    assert match.parse("pyth").words[0].docs == 3  # its one completion's
    assert match.parse("k8s").words[0].docs is None  # a skill key only: not counted


@pytest.mark.parametrize("n", [2, 3])
def test_a_word_too_rare_to_prove_more_than_reads_no_bound(
    client, auth, employer, three_pythonists, cap, n
):
    """Python is in 3 of 9 documents: with a cap of 3 no count can prove more, so the
    bound (PostgreSQL) is not read, and the total is counted from the rows: 3 exactly."""
    auth.login(employer)
    cap(n)
    page = fetch(client, q="python")
    if n < 3:
        assert "More than 2 developers" in page
    else:
        assert "3 developers" in page and "More than" not in page
    if not search_sql.sqlite():
        assert (search_sql._bound(match.parse("python"), ()) is None) == (n == 3)
