"""Filters, search, sorting and pagination on a known set of questionnaires."""

from datetime import timedelta
from urllib.parse import urlencode

import pytest
from flask import current_app

from outstaff.core.extensions import db
from outstaff.models import utcnow
from tests.helpers import card_names, counted_statements, next_link


@pytest.fixture
def team(make_profile):
    """Six developers, newest first in this order."""
    rows = [
        dict(
            first_name="Anna",
            profession="backend",
            country="DE",
            english_level="C1",
            years_experience=8,
            availability="open",
            languages=["de", "en"],
            skills=["Python", "PostgreSQL", "Django"],
            bio="Builds payment systems.",
        ),
        dict(
            first_name="Boris",
            profession="backend",
            country="PL",
            english_level="A2",
            years_experience=2,
            availability="open",
            languages=["pl", "ru"],
            skills=["Python", "Flask"],
            bio="Likes 100% test coverage.",
        ),
        dict(
            first_name="Chen",
            profession="frontend",
            country="DE",
            english_level="B1",
            years_experience=12,
            availability="not_now",
            languages=["en", "zh"],
            skills=["TypeScript", "React"],
            bio="Design systems.",
        ),
        dict(
            first_name="Иван",
            last_name="Петров",
            profession="devops",
            country="KZ",
            english_level="B2",
            years_experience=5,
            availability="open",
            languages=["ru", "en"],
            skills=["Kubernetes", "Go"],
            bio="Облака и сети.",
        ),
        dict(
            first_name="Dana",
            profession="backend",
            country="DE",
            english_level="native",
            years_experience=20,
            availability="open",
            languages=["en"],
            skills=["Go", "postgresql"],
            bio="Ex-ИВАН team lead.",
        ),
        dict(
            first_name="Eve",
            profession="qa",
            country="GB",
            english_level="B2",
            years_experience=None,
            availability="open",
            languages=["en"],
            skills=["Playwright"],
            bio="под_черк and ivan_the_tester",
        ),
    ]
    return [make_profile(age=timedelta(hours=i), **row) for i, row in enumerate(rows)]


@pytest.fixture
def listing(client, auth, employer):
    auth.login(employer)

    def fetch(**params):
        response = client.get("/developers?" + urlencode(params, doseq=True))
        assert response.status_code == 200
        return response.get_data(as_text=True)

    return fetch


def first_names(page: str) -> list[str]:
    return [name.split()[0] for name in card_names(page)]


def test_default_order_is_recently_updated(team, listing):
    assert first_names(listing()) == ["Anna", "Boris", "Chen", "Иван", "Dana", "Eve"]


@pytest.mark.parametrize(
    "params,expected",
    [
        ({"profession": "backend"}, ["Anna", "Boris", "Dana"]),
        ({"country": "de"}, ["Anna", "Chen", "Dana"]),
        ({"english": "B2"}, ["Anna", "Иван", "Dana", "Eve"]),
        ({"english": "native"}, ["Dana"]),
        ({"availability": "not_now"}, ["Chen"]),
        ({"years": "8"}, ["Anna", "Chen", "Dana"]),
        ({"lang": ["en", "ru"]}, ["Иван"]),
        ({"lang": ["de"]}, ["Anna"]),
        ({"skills": "python"}, ["Anna", "Boris"]),
        ({"skills": "Go, PostgreSQL"}, ["Dana"]),
        ({"skills": ["go", "kubernetes"]}, ["Иван"]),
        ({"profession": "backend", "english": "B1", "availability": "open"}, ["Anna", "Dana"]),
        ({"q": "payment"}, ["Anna"]),
        ({"q": "react design"}, ["Chen"]),
        ({"q": "frontend"}, ["Chen"]),
        ({"q": "Back-end developer"}, ["Anna", "Boris", "Dana"]),
    ],
)
def test_filters(team, listing, params, expected):
    assert first_names(listing(**params)) == expected


@pytest.mark.parametrize("query", ["Иван", "иван", "ИВАН", "иВаН"])
def test_search_is_case_insensitive_for_cyrillic(team, listing, query):
    # Иван's name first (ranked above bios), then Dana's bio ("Ex-ИВАН team lead") and
    # Eve's ("ivan_the_tester": the same name in Latin letters).
    assert first_names(listing(q=query)) == ["Иван", "Dana", "Eve"]


def test_search_matches_words_not_wildcards(team, listing):
    everyone = ["Anna", "Boris", "Chen", "Иван", "Dana", "Eve"]
    assert first_names(listing(q="100%")) == ["Boris"]
    assert first_names(listing(q="%")) == everyone  # no word: no search
    assert first_names(listing(q="под_черк")) == ["Eve"]
    assert first_names(listing(q="_")) == everyone


def test_sort_by_experience_leaves_out_unstated_experience(team, listing):
    page = listing(sort="experience")
    assert first_names(page) == ["Dana", "Chen", "Anna", "Иван", "Boris"]
    assert "do not state it" in page


def test_the_form_keeps_the_choices(team, listing):
    page = listing(
        profession="backend",
        country="DE",
        lang=["de", "en"],
        skills="Go, Python",
        years="3",
        q="pay",
        english="B1",
        availability="open",
        sort="experience",
    )
    assert '<option value="backend" selected>' in page
    assert '<option value="DE" selected>' in page
    assert 'value="de" checked>' in page and 'value="en" checked>' in page
    assert 'value="go, python"' in page and 'value="3"' in page and 'value="pay"' in page
    assert '<option value="B1" selected>' in page
    assert '<option value="experience" selected>' in page


@pytest.mark.parametrize(
    "params,notice",
    [
        ({"profession": "wizard"}, "Profession “wizard” is not one we know"),
        ({"country": "Atlantis"}, "Country “Atlantis” is not one we know"),
        ({"english": "Z9"}, "English level “Z9” is not one we know"),
        ({"availability": "always"}, "Availability “always” is not one we know"),
        ({"lang": "xx"}, "Language “xx” is not one we know"),
        ({"years": "-3"}, "Minimum experience must be a whole number"),
        ({"years": "999"}, "Minimum experience must be a whole number"),
        ({"years": "ten"}, "Minimum experience must be a whole number"),
        ({"per_page": "100000"}, "Cards per page must be a number from 10 to 30"),
        ({"per_page": "abc"}, "Cards per page must be a number from 10 to 30"),
        ({"after": "garbage"}, "That page link was not valid"),
        ({"sort": "random"}, "Sort order “random” is not one we know"),
    ],
)
def test_invalid_values_are_ignored_with_a_notice(team, listing, params, notice):
    page = listing(**params)
    assert notice in page
    assert len(card_names(page)) == 6  # the value was dropped, not applied


def test_a_cursor_of_another_sort_order_is_ignored(team, listing, client):
    page = listing(sort="experience", per_page=10)
    assert first_names(page)[0] == "Dana"
    assert "That page link was not valid" in listing(after="e5.3")  # sort mismatch
    assert "That page link was not valid" not in listing(sort="experience", after="e5.3")


def test_empty_states_say_what_to_do(team, listing):
    page = listing(q="nobody-matches-this")
    assert "No developers match these filters" in page and "Clear all filters" in page


def test_empty_listing_says_so(listing):
    assert "No published questionnaires yet" in listing()


@pytest.fixture
def crowd(make_profile):
    """25 developers; ten share one timestamp, so the id must break ties."""
    same = utcnow() - timedelta(days=1)
    profiles = []
    for i in range(25):
        extra = {"updated_at": same} if 5 <= i < 15 else {"age": timedelta(minutes=i)}
        profiles.append(make_profile(first_name=f"P{i:02d}", years_experience=i % 4, **extra))
    return profiles


@pytest.mark.parametrize("sort", ["updated", "experience"])
def test_keyset_pages_cover_everyone_once_forwards_and_back(crowd, listing, sort):
    seen_pages, page = [], listing(sort=sort, per_page=10)
    while True:
        seen_pages.append(first_names(page))
        link = next_link(page)
        if link is None:
            break
        assert "after=" in link and f"sort={sort}" in link or sort == "updated"
        page = listing(**_params(link))
    names = [name for names in seen_pages for name in names]
    assert [len(p) for p in seen_pages] == [10, 10, 5]
    assert sorted(names) == sorted(f"P{i:02d}" for i in range(25))
    # Walk back from the last page with the "previous" links: the same pages, in reverse.
    back = [first_names(page)]
    while (link := next_link(page, rel="prev")) is not None:
        page = listing(**_params(link))
        back.append(first_names(page))
    assert back == seen_pages[::-1]


def _params(link: str) -> dict:
    from urllib.parse import parse_qs, urlsplit

    return parse_qs(urlsplit(link).query)


def test_sort_by_experience_then_newest_id(crowd, listing):
    names = first_names(listing(sort="experience", per_page=30))
    years = {f"P{i:02d}": i % 4 for i in range(25)}
    assert [years[n] for n in names] == sorted(years.values(), reverse=True)


def test_constant_number_of_queries_whatever_the_page_size(
    crowd, make_profile, client, auth, employer
):
    employer.policy_acknowledged = 1  # as after signing up: no policy notice to load
    db.session.commit()
    auth.login(employer)
    counts = {}
    for per_page in (10, 20, 30):
        client.get("/developers")  # warm up
        db.session.expunge_all()  # the test's app context outlives requests: start cold
        current_app.extensions.pop("listing_cards", None)  # and print every card afresh
        with counted_statements() as statements:
            response = client.get(f"/developers?per_page={per_page}&skills=python&lang=en")
        assert response.status_code == 200
        assert len(card_names(response.get_data(as_text=True))) == min(per_page, 25)
        counts[per_page] = len(statements)
    assert counts[10] == counts[20] == counts[30]
    # user with the offers badge, the employer's daily count (the harvesting limit), page,
    # languages and skills, the total (at most 2,001 rows' facets), the policy version
    assert counts[10] <= 6
    # No count over the profiles (the offers badge counts one employer's offers, indexed).
    assert not any("count(" in s.lower() and "developer_profile" in s.lower() for s in statements)


def test_a_profile_changed_between_pages_does_not_break_paging(crowd, listing):
    page = listing(per_page=10)
    link = next_link(page)
    crowd[0].updated_at = utcnow()  # moves to the top; page 2 is unaffected
    db.session.commit()
    assert len(first_names(listing(**_params(link)))) == 10


def test_values_quoted_back_are_escaped(team, listing):
    page = listing(
        profession="<b>bold</b>",
        lang="<i>x",
        q='"><script>alert(1)</script>',
        skills="<svg onload=alert(1)>",
    )
    assert "&lt;b&gt;bold&lt;/b&gt;" in page and "<b>bold</b>" not in page
    assert "&lt;i&gt;x" in page and "<i>x" not in page
    assert "<script>alert(1)" not in page and "<svg onload" not in page
