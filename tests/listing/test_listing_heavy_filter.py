"""The heavy filter (profession, country, English, languages, skills, years) read through
its own indexes finds exactly whom the plain rule finds, in the same order, page by page,
with the same total, and the planner seeks those indexes instead of reading a profession."""

import itertools
from urllib.parse import urlencode

import pytest
from sqlalchemy import text

from outstaff.choices import ENGLISH_RANK
from outstaff.core.extensions import db
from tests.helpers import card_names, next_link

pytestmark = pytest.mark.usefixtures("app_ctx")

PROFESSIONS, COUNTRIES = ("backend", "frontend"), ("DE", "FR", "PL")
ENGLISH, YEARS = ("B1", "B2", "C1"), (1, 3, 8)
LANGUAGES, SKILLS = (("en",), ("en", "de"), ("de",)), (("Python", "Docker"), ("Python",), ("Go",))


@pytest.fixture
def crowd(make_profile):
    """One developer for each mix of the filtered fields: 486 in all, each a different mix."""
    people = []
    mixes = itertools.product(PROFESSIONS, COUNTRIES, ENGLISH, YEARS, LANGUAGES, SKILLS)
    for n, (profession, country, english, years, languages, skills) in enumerate(mixes):
        make_profile(
            first_name=f"Dev{n}",
            profession=profession,
            country=country,
            english_level=english,
            years_experience=years,
            languages=languages,
            skills=skills,
        )
        people.append((f"Dev{n}", profession, country, english, years, languages, skills))
    return people  # newest first is the order they were made in (make_profile's ages)


def plain(people, profession=None, country=None, english=None, years=0, lang=(), skills=()):
    """The filter as a person reads it, over the crowd in listing order."""
    return [
        name
        for name, p, c, e, y, langs, have in people
        if profession in (None, p)
        and country in (None, c)
        and (english is None or ENGLISH_RANK[e] >= ENGLISH_RANK[english])
        and y >= years
        and set(lang) <= set(langs)
        and {s.casefold() for s in skills} <= {s.casefold() for s in have}
    ]


def listed(client, params) -> tuple[list[str], str]:
    """Every card's name over all keyset pages, and the first page's HTML."""
    path = "/developers?" + urlencode({**params, "per_page": 10}, doseq=True)
    names, first = [], None
    while path:
        response = client.get(path)
        assert response.status_code == 200
        page = response.get_data(as_text=True)
        first = first or page
        names += [name.split()[0] for name in card_names(page)]
        path = next_link(page)
    return names, first


FILTERS = [
    {"profession": "backend", "country": "DE", "english": "B2", "years": 3},
    {"country": "FR", "english": "C1", "lang": ["en", "de"], "skills": ["python", "docker"]},
    {"profession": "frontend", "country": "PL", "english": "B1", "lang": ["de"], "years": 8},
    {
        "profession": "backend",
        "country": "DE",
        "english": "B2",
        "lang": ["en", "de"],
        "skills": ["python", "docker"],
        "years": 3,
    },  # fmt: skip
    {"country": "DE", "years": 3, "skills": ["go"]},
    {"profession": "backend", "english": "C1", "skills": ["python"]},
]


@pytest.mark.parametrize("params", FILTERS)
def test_the_heavy_filter_lists_whom_the_plain_rule_finds_in_order(
    client, auth, employer, crowd, params
):
    auth.login(employer)
    expected = plain(crowd, **{**params, "skills": params.get("skills", ())})
    names, first = listed(client, params)
    assert expected and names == expected
    assert f"{len(expected)} developer" in first


def test_no_match_names_the_filter_to_drop(client, auth, employer, crowd):
    auth.login(employer)
    params = {"profession": "backend", "country": "DE", "english": "C1", "years": 8}
    params |= {"lang": ["de", "fr"], "skills": ["python"]}  # nobody here speaks French
    assert plain(crowd, **params) == []
    names, page = listed(client, params)
    assert names == [] and "the languages" in page


def test_a_heavy_filter_seeks_its_index_on_sqlite(crowd):
    if db.engine.dialect.name != "sqlite":
        pytest.skip("PostgreSQL's planner chooses by its own statistics")
    for statistics in (False, True):  # before and after ANALYZE (demo data runs it)
        if statistics:
            db.session.execute(text("ANALYZE"))
        plan = db.session.execute(
            text(
                "EXPLAIN QUERY PLAN SELECT country FROM developer_profile WHERE is_published = 1 "
                "AND profession = 'backend' AND country = 'DE' AND english_rank >= 4"
            )
        ).all()
        assert "ix_developer_profile_filter_profession" in " ".join(str(r[-1]) for r in plan)
