"""The listing's search: what a person expects to find, on SQLite and PostgreSQL alike."""

from datetime import timedelta
from urllib.parse import urlencode

import pytest
from sqlalchemy import func, select

from outstaff.core.extensions import db
from outstaff.models import SearchDocument, SearchTerm
from tests.listing_helpers import card_names, counted_statements, next_link
from tests.questionnaire_helpers import COMPLETE_FORM

pytest_plugins = ["tests.listing_fixtures"]


@pytest.fixture
def people(make_profile):
    """Newest first: Anna, Oleg, Тимур, Timur."""
    rows = [
        dict(
            first_name="Anna",
            last_name="Berg",
            profession="frontend",
            skills=["JS", "React"],
            bio="I love python scripting on weekends.",
        ),
        dict(
            first_name="Oleg",
            last_name="Orlov",
            profession="backend",
            skills=["Golang", "Postgres"],
            bio="Built a payment gateway for banks.",
        ),
        dict(
            first_name="Тимур",
            last_name="Сафин",
            profession="backend",
            skills=["Python", "Django"],
            bio="Платежи и отчёты.",
        ),
        dict(
            first_name="Timur",
            last_name="Bekov",
            profession="devops",
            skills=["k8s", "Terraform"],
            bio="Senior platform engineer.",
        ),
    ]
    return [make_profile(age=timedelta(hours=i), **row) for i, row in enumerate(rows)]


@pytest.fixture
def search(client, auth, employer):
    auth.login(employer)

    def fetch(q, **params):
        response = client.get("/developers?" + urlencode({"q": q, **params}, doseq=True))
        assert response.status_code == 200
        return response.get_data(as_text=True)

    return fetch


def first_names(page: str) -> list[str]:
    return [name.split()[0] for name in card_names(page)]


@pytest.mark.parametrize(
    "q,expected",
    [
        ("Питон", ["Тимур", "Anna"]),  # skill first, then the bio's "python"
        ("python", ["Тимур", "Anna"]),
        ("k8s", ["Timur"]),
        ("Kubernetes", ["Timur"]),
        ("кубернетес", ["Timur"]),
        ("Kubernets", ["Timur"]),  # one letter missing
        ("Kubrenetes", ["Timur"]),  # two letters swapped
        ("kube", ["Timur"]),  # the start of a word
        ("JavaScript", ["Anna"]),
        ("js", ["Anna"]),
        ("Postgres", ["Oleg"]),
        ("PostgreSQL", ["Oleg"]),
        ("go", ["Oleg"]),
        ("golang", ["Oleg"]),
        ("Тимур", ["Тимур", "Timur"]),
        ("Timur", ["Тимур", "Timur"]),
        ("TIMUR python", ["Тимур"]),  # every word must match, each in any field
        ('"payment gateway"', ["Oleg"]),
        ('"gateway payment"', []),  # a phrase is exact
        ("Сафин", ["Тимур"]),
        ("safin", ["Тимур"]),
        ("devops", ["Timur"]),
    ],
)
def test_search_finds_what_a_person_expects(people, search, q, expected):
    assert first_names(search(q)) == expected


def test_short_words_are_not_guessed_at(people, search):
    assert first_names(search("pyhton")) == ["Тимур", "Anna"]  # six letters: one swap
    assert first_names(search("Timr")) == []  # four letters: no typo allowed
    assert first_names(search("Tmur")) == []


def test_a_word_that_matches_nothing_costs_no_index_query(people, search):
    with counted_statements() as statements:
        page = search("zqxvwkjhg")
    assert first_names(page) == [] and "No developers match these filters" in page
    assert not any("search_fts" in s or "search_document" in s for s in statements)


def test_skills_and_profession_rank_above_the_bio_whatever_the_age(make_profile, search, employer):
    make_profile(
        first_name="Newest",
        skills=["Rust"],
        bio="Python in the bio only.",
        age=timedelta(minutes=1),
    )
    make_profile(first_name="Oldest", skills=["Python"], age=timedelta(days=300))
    assert first_names(search("python")) == ["Oldest", "Newest"]
    # The other orders stay: recently updated puts the newest first.
    assert first_names(search("python", sort="updated")) == ["Newest", "Oldest"]


def test_relevance_pages_run_across_tiers_without_gaps_or_repeats(make_profile, search):
    for i in range(7):
        make_profile(first_name=f"Skill{i}", skills=["Elixir"], age=timedelta(hours=i))
    for i in range(7):
        make_profile(
            first_name=f"Bio{i}",
            skills=["Java"],
            bio="Some elixir on the side.",
            age=timedelta(minutes=i),
        )
    page = search("elixir", per_page="10")
    assert "14 developers" in page
    first = first_names(page)
    assert first == [f"Skill{i}" for i in range(7)] + [f"Bio{i}" for i in range(3)]
    second = db_get(search, next_link(page))
    assert first_names(second) == [f"Bio{i}" for i in range(3, 7)]
    back = db_get(search, next_link(second, "prev"))
    assert first_names(back) == first


def db_get(search, link):
    """Follow a link of the page, as a browser would."""
    from urllib.parse import parse_qs, urlsplit

    args = {k: v if len(v) > 1 else v[0] for k, v in parse_qs(urlsplit(link).query).items()}
    return search(args.pop("q"), **args)


def test_counts_beside_professions_and_countries_follow_the_search(people, search):
    page = search("python")
    assert "2 developers" in page
    assert '<option value="backend">Back-end developer (1)</option>' in page
    assert '<option value="frontend">Front-end developer (1)</option>' in page
    assert '<option value="qa">QA engineer (0)</option>' in page
    assert 'value="DE">Germany (2)</option>' in page


def test_the_empty_state_names_the_filter_to_drop(people, search):
    page = search("timur", profession="frontend")
    assert "Drop one filter" in page and "Without the profession" in page
    assert "Without the search words" in page


@pytest.mark.parametrize(
    "q",
    [
        '"',
        '""',
        "*",
        "NEAR(a b)",
        "a OR b",
        "NOT python",
        "-python",
        "python:*",
        "a & b | !c",
        "(((",
        "{strong}: x",
        "^python",
        "'; DROP TABLE search_term; --",
        "é" * 100,
        "日本語 ソフト",
    ],
)
def test_query_syntax_of_either_database_is_only_text(people, search, q):
    search(q)  # 200, never a 500


def test_a_saved_questionnaire_is_found_at_once_and_unpublishing_removes_it(
    app, client, make_user, auth, employer
):
    developer = make_user("developer", email="k8s.dev@example.com")
    auth.login(developer)
    form = {**COMPLETE_FORM, "first_name": "Ксения", "skills": "k8s, Postgres"}
    response = client.post("/questionnaire/edit", data=form, follow_redirects=True)
    suggested = response.get_data(as_text=True)
    assert "k8s → Kubernetes" in suggested and "Postgres → PostgreSQL" in suggested
    assert "Skills recognised" in suggested
    response = client.post("/questionnaire/publish", data={"consent": "y"})
    assert response.status_code == 302, response.get_data(as_text=True)[-3000:]
    auth.logout()
    auth.login(employer)
    page = client.get("/developers?q=kubernetes").get_data(as_text=True)
    assert first_names(page) == ["Ксения"]
    assert first_names(client.get("/developers?q=kseniya").get_data(as_text=True)) == ["Ксения"]

    auth.logout()
    auth.login(developer)
    assert client.post("/questionnaire/unpublish").status_code == 302
    assert db.session.scalar(select(func.count()).select_from(SearchDocument)) == 0
    assert db.session.get(SearchTerm, "kseniya") is None  # its words go with it
    auth.logout()
    auth.login(employer)
    assert first_names(client.get("/developers?q=kubernetes").get_data(as_text=True)) == []


def test_a_rebuild_indexes_everyone_and_counts_the_vocabulary_afresh(people, search):
    from outstaff.search import index

    assert index.rebuild() == 4
    db.session.commit()
    assert db.session.get(SearchTerm, "python").docs == 2  # Тимур's skill, Anna's bio
    assert db.session.get(SearchTerm, "timur").docs == 2
    assert first_names(search("Kubernets")) == ["Timur"]
