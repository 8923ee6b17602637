"""PostgreSQL: a facet word most documents hold is checked on the rows the index finds
(search.facets.row_checked), not looked up in the GIN index; the listing finds exactly whom
a check of the rows finds, and counts them. On SQLite nothing changes (facets.plan)."""

import pytest
from flask import current_app

from outstaff.search import facets
from tests.search.test_search_facets import PEOPLE, crowd, listed, plain  # noqa: F401

pytestmark = pytest.mark.usefixtures("app_ctx", "crowd")

CASES = [  # each with a word three or four of the six hold (years 1, A2, open, en)
    {"q": "python", "years": 1},
    {"q": "backend", "english": "A2"},
    {"country": "PL", "availability": "open"},
    {"country": "FR", "lang": ["en"]},
]


@pytest.fixture
def index_always(monkeypatch):
    monkeypatch.setattr(facets, "DENSE", 2.0)
    monkeypatch.setattr(facets, "DENSE_WITH_TAGS", 2.0)


@pytest.mark.usefixtures("index_always")
@pytest.mark.parametrize("params", CASES)
def test_a_word_checked_on_the_rows_finds_whom_the_rows_say(client, auth, employer, params):
    current_app.extensions.pop("search_facet_statistics", None)  # this crowd's counts
    auth.login(employer)
    names, statements = listed(client, {**params, "sort": "updated"})
    wanted = {k: v for k, v in params.items() if k != "q"}
    expected = plain(PEOPLE, **wanted)
    if "q" in params:  # the search words, read as a person would
        word = params["q"]
        expected = {
            p[0] for p in PEOPLE if p[0] in expected and (word in p[1] or word.title() in p[7])
        }
    assert sorted(names) == sorted(expected)
    page = client.get("/developers", query_string=params)
    text = page.get_data(as_text=True)
    assert f"{len(expected)} developer" in text
    if client.application.extensions["sqlalchemy"].engines[None].dialect.name != "sqlite":
        assert any("ts_match_vq" in s for s in statements)


COUNTED = [
    {"country": "DE", "english": "B1", "years": 2},
    {"profession": "backend", "country": "PL", "lang": ["en"]},
    {"q": "backend", "country": "FR", "english": "B2"},
    {"country": "DE", "english": "C2", "skills": "python"},  # nobody: the drop hints count
]


@pytest.mark.usefixtures("index_always")
@pytest.mark.parametrize("cost", [0, facets.GIN_CHECK_COST, 10**9])
@pytest.mark.parametrize("params", COUNTED)
def test_a_total_counts_the_same_whichever_words_are_looked_up(
    client, auth, employer, monkeypatch, cost, params
):
    """A total and an empty page's drop hints (facets.counted_plan) count exactly whom the
    rows say, every word looked up in the index (no cost to reading its list), every word
    but one checked on the rows (no cost to checking them), or as planned."""
    monkeypatch.setattr(facets, "GIN_CHECK_COST", cost)
    current_app.extensions.pop("search_facet_statistics", None)
    auth.login(employer)
    wanted = {k: [v] if k == "skills" else v for k, v in params.items() if k != "q"}
    expected = plain(PEOPLE, **wanted)
    if "q" in params:
        expected = {p[0] for p in PEOPLE if p[0] in expected and params["q"] in p[1]}
    text = client.get("/developers", query_string=params).get_data(as_text=True)
    if expected:
        assert f"{len(expected)} developer" in text
        return
    assert "No developers match" in text or "0 developers" in text
    # Without the English level: Ada, the one German who knows Python.
    wider = plain(PEOPLE, **{k: v for k, v in wanted.items() if k != "english"})
    assert wider == {"Ada"} and "Without the English level</a> (1)" in text
