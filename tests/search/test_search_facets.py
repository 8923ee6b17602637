"""The listing's filters are words of the search index (outstaff.search.facets): each finds
exactly whom a check of the rows finds, read through the index; the index follows every
change of a questionnaire in its own transaction; a filter value cannot add index syntax."""

import re
from collections import Counter
from urllib.parse import urlencode

import pytest
from flask import current_app, g
from sqlalchemy import event, func, select
from werkzeug.datastructures import MultiDict

from outstaff.choices import ENGLISH_RANK
from outstaff.core.extensions import db
from outstaff.listing import forms as listing_forms
from outstaff.listing import ranked
from outstaff.listing.cursor import MAX_YEARS
from outstaff.models import DeveloperProfile, SearchDocument, SearchFacet
from outstaff.questionnaire import service as questionnaire
from outstaff.search import facets
from outstaff.search import index as search_index
from outstaff.search import text as words
from tests.helpers import card_names, complete_profile, next_link, publish, texts_bound

pytestmark = pytest.mark.usefixtures("app_ctx")

PEOPLE = [  # name, profession, country, English, years, availability, languages, skills
    ("Ada", "backend", "DE", "C1", 8, "open", ("en", "de"), ("Python", "k8s")),
    ("Bob", "frontend", "DE", "B1", 2, "open", ("en",), ("JavaScript",)),
    ("Cyd", "backend", "FR", "B2", 3, "not_now", ("fr", "en"), ("Kubernetes", "Go")),
    ("Dan", "devops", "PL", "A2", 12, "open", ("pl",), ("Docker", "Ansible Tower")),
    ("Eve", "backend", "PL", "native", 0, "not_now", ("en", "pl"), ("golang", "Postgres")),
    ("Fay", "qa", "FR", None, None, None, ("fr",), ("Selenium",)),
]


@pytest.fixture
def crowd(make_profile):
    for name, profession, country, english, years, availability, languages, skills in PEOPLE:
        make_profile(
            first_name=name,
            profession=profession,
            country=country,
            english_level=english,
            english_rank=ENGLISH_RANK.get(english or ""),
            years_experience=years,
            availability=availability,
            languages=languages,
            skills=skills,
        )
    return PEOPLE


def plain(people, **f) -> set[str]:
    """Whom each filter finds by reading the rows, as a person would."""
    found = set()
    for name, profession, country, english, years, availability, languages, skills in people:
        if f.get("profession") not in (None, profession) or f.get("country") not in (None, country):
            continue
        if f.get("availability") not in (None, availability):
            continue
        if "english" in f and (
            english is None or ENGLISH_RANK[english] < ENGLISH_RANK[f["english"]]
        ):
            continue
        if "years" in f and (years is None or years < f["years"]):
            continue
        if not set(f.get("lang", ())) <= set(languages):
            continue
        # Today's row check of a skill: any spelling the vocabulary knows of it.
        have = {s.casefold() for s in skills}
        if not all(have & set(words.spellings(wanted)) for wanted in f.get("skills", ())):
            continue
        found.add(name)
    return found


def listed(client, params) -> tuple[list[str], list[str]]:
    """Every card's first name over all pages, and the statements the first page sent."""
    statements = []

    def capture(conn, cursor, statement, *args):
        statements.append(statement)

    path = "/developers?" + urlencode({**params, "per_page": 10}, doseq=True)
    names = []
    event.listen(db.engine, "before_cursor_execute", capture)
    try:
        page = client.get(path).get_data(as_text=True)
    finally:
        event.remove(db.engine, "before_cursor_execute", capture)
    while True:
        names += [name.split()[0] for name in card_names(page)]
        path = next_link(page)
        if not path:
            return names, statements
        page = client.get(path).get_data(as_text=True)


ROW_CHECKS = (
    "developer_profile.profession =",
    "developer_profile.country =",
    "developer_profile.english_rank >=",
    "developer_profile.years_experience >=",
    "developer_profile.availability =",
    "developer_language.code =",
    "developer_skill.name_norm IN",
)


def read_the_index(statements) -> bool:
    """True when the filters were looked up in the index, none checked row by row."""
    asked = any("search_fts" in s or "facet_doc" in s for s in statements)
    return asked and not any(check in s for s in statements for check in ROW_CHECKS)


ONE_FILTER = (
    [{"profession": p} for p in ("backend", "qa", "ml")]
    + [{"country": c} for c in ("DE", "FR", "PL", "US")]
    + [{"english": level} for level in ENGLISH_RANK]
    + [{"years": n} for n in (1, 3, 8, 12, 13)]
    + [{"availability": a} for a in ("open", "not_now")]
    + [{"lang": [code]} for code in ("en", "fr", "pl", "ja")]
    + [{"skills": [s]} for s in ("kubernetes", "k8s", "кубер", "go", "postgresql", "docker")]
    + [{"skills": ["ansible tower"]}, {"skills": ["ansible"]}, {"lang": ["en", "pl"]}]
    + [{"profession": "backend", "english": "B2", "skills": ["go"], "lang": ["en"]}]
    + [{"country": "PL", "years": 1, "availability": "open"}]
)


@pytest.fixture
def index_always(monkeypatch):
    """Every filter read through the index: in a crowd of six each one is "dense" and the
    page would walk the update index instead (test_a_filter_most_meet_walks_...)."""
    monkeypatch.setattr(facets, "DENSE", 2.0)
    monkeypatch.setattr(facets, "DENSE_WITH_TAGS", 2.0)


@pytest.mark.usefixtures("index_always")
@pytest.mark.parametrize("params", ONE_FILTER)
def test_each_filter_finds_through_the_index_whom_the_rows_say(
    client, auth, employer, crowd, params
):
    auth.login(employer)
    names, statements = listed(client, params)
    assert sorted(names) == sorted(plain(crowd, **params))
    assert read_the_index(statements)


def test_a_search_with_filters_finds_the_words_and_the_filters(client, auth, employer, crowd):
    auth.login(employer)
    names, statements = listed(client, {"q": "kubernetes", "english": "B2"})
    assert sorted(names) == ["Ada", "Cyd"]
    names, _ = listed(client, {"q": "kubernetes", "country": "FR", "sort": "updated"})
    assert names == ["Cyd"]
    assert read_the_index(statements)


def test_a_changed_questionnaire_is_found_under_its_new_values_only(
    client, auth, employer, make_user
):
    profile = complete_profile(make_user("developer"), first_name="Zoe")
    publish(profile)
    auth.login(employer)
    before = {"lang": ["pl"], "skills": ["python"], "english": "C1", "years": 7}
    assert listed(client, before)[0] == ["Zoe"]

    values = {**questionnaire_values(profile), "english_level": "A2", "years_experience": 2}
    values["availability"] = "not_now"
    questionnaire.save(profile, values, ["ja"], ["Rust", "k8s"])
    db.session.commit()

    for old in ({"lang": ["pl"]}, {"skills": ["python"]}, {"english": "B1"}, {"years": 3}):
        assert "Zoe" not in listed(client, old)[0], old
    assert "Zoe" not in listed(client, {"availability": "open"})[0]
    after = {"lang": ["ja"], "skills": ["kubernetes", "rust"], "english": "A2", "years": 2}
    assert listed(client, {**after, "availability": "not_now"})[0] == ["Zoe"]


def questionnaire_values(profile) -> dict:
    return {column: getattr(profile, column) for column in questionnaire.SIMPLE_COLUMNS}


def test_an_unpublished_questionnaire_leaves_the_filters_at_once(client, auth, employer, make_user):
    profile = complete_profile(make_user("developer"), first_name="Zoe", country="JP")
    publish(profile)
    auth.login(employer)
    assert listed(client, {"country": "JP"})[0] == ["Zoe"]
    assert counted("cjp") == 1
    questionnaire.unpublish(profile.user, profile)
    db.session.commit()
    assert listed(client, {"country": "JP"})[0] == []
    assert counted("cjp") == 0  # its words left the statistics too


def counted(token: str) -> int:
    docs = db.session.scalar(select(SearchFacet.docs).where(SearchFacet.token == token))
    return docs or 0


def test_the_statistics_count_what_the_index_holds(crowd, make_user):
    profile = complete_profile(make_user("developer"), first_name="Zoe")
    publish(profile)
    values = {**questionnaire_values(profile), "country": "FR"}
    questionnaire.save(profile, values, ["fr"], ["Go"])
    db.session.commit()
    documents = db.session.scalars(select(SearchDocument.facets)).all()
    recount = Counter(token for document in documents for token in facets.counted(document))
    stored = dict(db.session.execute(select(SearchFacet.token, SearchFacet.docs)).all())
    assert stored == recount
    assert stored[""] == db.session.scalar(select(func.count()).select_from(SearchDocument))
    search_index.rebuild()  # the bulk path counts as the triggers do
    assert dict(db.session.execute(select(SearchFacet.token, SearchFacet.docs)).all()) == stored


INJECTIONS = [
    'c"++',
    "python OR docker",
    "NEAR(python docker)",
    "pyth*",
    "facets : cde",
    "strong : (ada)",
    "(go) | !rust & x:*",
    "'go'",
    'docker" OR "python',
]


@pytest.mark.parametrize("value", INJECTIONS)
def test_a_skill_filter_cannot_add_index_syntax(client, auth, employer, crowd, make_profile, value):
    make_profile(first_name="Odd", skills=[value])
    auth.login(employer)
    response = client.get("/developers?" + urlencode({"skills": value}))
    assert response.status_code == 200
    names = [name.split()[0] for name in card_names(response.get_data(as_text=True))]
    assert names == ["Odd"]  # the odd skill itself, none of what its syntax would say


def test_a_country_filter_takes_only_known_codes(client, auth, employer, crowd):
    auth.login(employer)
    response = client.get("/developers?" + urlencode({"country": 'DE" OR "FR'}))
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "is not one we know" in page
    assert len(card_names(page)) == len(PEOPLE)  # ignored, not widened or narrowed


def test_facet_words_are_plain_letters_and_digits():
    assert facets.token("s", 'x" OR "y').startswith("sx")
    assert all(c.isalnum() and c.isascii() for c in facets.token("s", "NEAR(a b) : *"))
    assert facets.skill_token("K8s") == facets.skill_token("кубер") == "skubernetes"
    assert facets.MAX_YEARS == MAX_YEARS


@pytest.mark.usefixtures("index_always")
def test_a_rare_filter_is_intersected_and_a_common_one_checked(client, auth, employer, crowd):
    current_app.extensions.pop("search_facet_statistics", None)  # this crowd's counts
    matched, checked = facets.plan(("e1", "cfr", "pbackend"), search_words=False)
    # The rarest drives: a pair of France's (1 of 6, Cyd; France 2, backend 3, A1+ 5).
    assert matched[0] in (facets.pair("cfr", "e1"), facets.pair("cfr", "pbackend"))
    assert "cfr" not in matched + checked  # its pairs stand for it
    assert facets.plan(("e1",), search_words=False) == (("e1",), ())  # alone, it drives
    auth.login(employer)
    names, statements = listed(client, {"english": "A1"})  # nearly everyone
    assert sorted(names) == sorted(plain(crowd, english="A1"))
    page = next(s for s in statements if "developer_profile.first_name" in s)
    # The index's own order, newest first, so LIMIT stops the read after a page.
    order = page.split("ORDER BY")[1]
    assert order.split()[0] in ("search_fts.rowid", "search_document.seq") and "LIMIT" in order


@pytest.mark.parametrize("cap", [ranked.TOTAL_CAP, 2])  # few matches, then "many"
def test_filters_sorted_by_experience_list_the_plain_order(
    client, auth, employer, crowd, monkeypatch, cap
):
    monkeypatch.setattr(ranked, "TOTAL_CAP", cap)
    auth.login(employer)
    p = DeveloperProfile
    plain_order = db.session.scalars(
        select(p.first_name)
        .where(p.english_rank >= ENGLISH_RANK["A2"], p.years_experience.is_not(None))
        .order_by(p.years_experience.desc(), p.id.desc())
    ).all()
    names, statements = listed(client, {"english": "A2", "sort": "experience"})
    assert names == plain_order and len(names) == 5
    assert read_the_index(statements)


@pytest.mark.parametrize("check_cost", [facets.CHECK_COST, 0])  # 0: all but one checked
def test_an_empty_pages_hints_count_whom_each_dropped_filter_finds(
    employer, crowd, monkeypatch, check_cost
):
    monkeypatch.setattr(facets, "CHECK_COST", check_cost)
    current_app.extensions.pop("search_facet_statistics", None)
    params = {"profession": "backend", "country": "DE", "english": "C2", "years": 3}
    params |= {"lang": ["en", "de"], "skills": ["python", "k8s"]}
    f = listing_forms.parse(MultiDict(list(_pairs(params))))
    page, totals = ranked.results(employer, f)
    assert page.cards == [] and totals.count == 0
    hints = {label: count for label, _link, count in ranked.droppable(employer, f)}
    expected = {}
    for label, name in [
        ("the profession", "profession"),
        ("the country", "country"),
        ("the English level", "english"),
        ("the languages", "lang"),
        ("the skills", "skills"),
        ("the years of experience", "years"),
    ]:
        if found := plain(crowd, **{k: v for k, v in params.items() if k != name}):
            expected[label] = len(found)
    assert hints == expected == {"the English level": 1}
    # SQLite checks common words on the rows: the total's rows were read once and the hints
    # counted them again. PostgreSQL's GIN intersects every word itself.
    assert bool(g.get("facet_candidates")) == (db.engine.dialect.name == "sqlite")


def _pairs(params: dict):
    for name, value in params.items():
        for item in value if isinstance(value, list) else [value]:
            yield name, str(item)


MET = [params for params in ONE_FILTER if plain(PEOPLE, **params)]  # none met: no page read


@pytest.mark.parametrize("params", MET)
def test_a_filter_most_meet_walks_the_update_index_and_finds_the_same(
    client, auth, employer, crowd, params, monkeypatch
):
    monkeypatch.setattr(facets, "DENSE", 0.0)  # every filter counts as one most meet
    monkeypatch.setattr(facets, "DENSE_WITH_TAGS", 0.0)
    current_app.extensions.pop("search_facet_statistics", None)
    auth.login(employer)
    names, statements = listed(client, params)
    assert sorted(names) == sorted(plain(crowd, **params))
    page = next(s for s in statements if "developer_profile.first_name" in s)
    assert "search_fts" not in page and "facet_doc" not in page
    assert page.split("ORDER BY")[1].split()[0] == "developer_profile.updated_at"


def page_query(statements) -> str:
    return next(s for s in statements if "developer_profile.first_name" in s)


def reads_the_index(statement: str) -> bool:
    return "search_fts" in statement or "facet_doc" in statement


def test_a_rare_filter_reads_the_index_and_a_common_one_walks(
    client, auth, employer, crowd, monkeypatch
):
    current_app.extensions.pop("search_facet_statistics", None)
    monkeypatch.setattr(facets, "DENSE", 0.2)  # one in six is rare now, half is not
    monkeypatch.setattr(facets, "DENSE_WITH_TAGS", 0.3)  # Go and English: 2/6 x 4/6, rare
    auth.login(employer)
    _names, rare = listed(client, {"country": "PL", "profession": "devops"})
    _names, tagged = listed(client, {"skills": ["go"], "lang": ["en"]})
    names, common = listed(client, {"profession": "backend"})
    assert sorted(names) == ["Ada", "Cyd", "Eve"]
    assert reads_the_index(page_query(rare)) and reads_the_index(page_query(tagged))
    assert not reads_the_index(page_query(common))


PAIRED = (
    [{"country": "FR", "profession": "backend"}, {"country": "PL", "english": "B2"}]
    + [{"country": "DE", "years": 3}, {"country": "DE", "skills": ["k8s"]}]
    + [{"profession": "backend", "skills": ["go", "golang"]}]
    + [{"profession": "backend", "skills": ["python", "kubernetes"], "country": "DE"}]
    + [{"profession": "backend", "country": "PL", "english": "B2", "years": 1, "lang": ["en"]}]
    + [{"profession": "qa", "country": "FR", "skills": ["selenium"]}]
    + [{"profession": "frontend", "skills": ["go"]}]  # both common to someone, never together
)


def match_binds(client, params) -> list[str]:
    """The text values (MATCH and to_tsquery expressions among them) the request bound."""
    with texts_bound() as found:
        client.get("/developers?" + urlencode(params, doseq=True))
    return found


@pytest.mark.usefixtures("index_always")
@pytest.mark.parametrize("params", PAIRED)
def test_filters_a_pair_word_covers_find_whom_the_rows_say(client, auth, employer, crowd, params):
    current_app.extensions.pop("search_facet_statistics", None)
    auth.login(employer)
    names, statements = listed(client, params)
    assert sorted(names) == sorted(plain(crowd, **params))
    assert read_the_index(statements)
    f = listing_forms.parse(MultiDict(list(_pairs(params))))
    looked_up = set(re.findall(r"[a-z0-9]+", " ".join(match_binds(client, params))))
    # Each filter's words as pairs where a pair covers them (the shorter lists).
    paired = [facets.pair(a, b) for a in facets.of_filters(f) for b in facets.of_filters(f)]
    assert looked_up & set(paired)


def test_a_skill_spelled_like_a_pair_word_finds_that_skill_only(
    client, auth, employer, crowd, make_profile
):
    pair = facets.pair("cde", "pbackend")  # Ada's pair: Germany, backend
    make_profile(first_name="Odd", country="PL", profession="qa", skills=[pair])
    auth.login(employer)
    names, _statements = listed(client, {"skills": [pair]})
    assert names == ["Odd"]
    names, _statements = listed(client, {"country": "DE", "profession": "backend"})
    assert names == ["Ada"]


def test_no_two_pairs_are_spelled_alike():
    words = [facets.token("c", c) for c in ("de", "fr", "pl")]
    words += [facets.token("p", p) for p in ("backend", "data", "datas", "qa")]
    words += [facets.token("e", n) for n in range(1, 8)] + ["y1", "y12", "y2"]
    words += [facets.skill_token(s) for s in ("Python", "SQL", "s", "ql", "Ansible Tower")]
    pairs = [(a, b, facets.pair(a, b)) for a in words for b in words]
    spelled = Counter(p for _a, _b, p in pairs if p)
    assert spelled and max(spelled.values()) == 1
    assert not set(spelled) & set(words)  # nor like a filter's own word


def test_pairing_again_writes_what_publishing_writes_and_its_counts(crowd):
    def documents():
        rows = db.session.execute(select(SearchDocument.profile_id, SearchDocument.facets))
        return dict(rows.all())

    def counts():
        return dict(db.session.execute(select(SearchFacet.token, SearchFacet.docs)).all())

    published, counted = documents(), counts()
    assert any(facets.pair("cfr", "pbackend") in words.split() for words in published.values())
    connection = db.session.connection()
    assert search_index.refacet(connection, pairs=False) == len(PEOPLE)  # the downgrade
    unpaired = documents()
    assert unpaired == {k: facets.without_pairs(v) for k, v in published.items()}
    assert not any(t[0] in "qr" for t in counts() if t)
    assert search_index.refacet(connection) == len(PEOPLE)  # the upgrade
    assert documents() == published and counts() == counted


def test_a_filters_pairs_share_no_word_where_the_planner_multiplies_shares(crowd):
    current_app.extensions.pop("search_facet_statistics", None)
    tokens = ("cde", "e4", "y3", "pbackend", "spython")
    counts = {t: 1 for t in (*tokens, *(facets.pair(a, b) for a in tokens for b in tokens))}
    used = facets.cover(tokens, counts, disjoint=True)
    stands_for = [
        {a, b} for p in used for a in tokens for b in tokens if facets.pair(a, b) == p
    ] + [{t} for t in used if t in tokens]
    met = [word for words_of in stands_for for word in words_of]
    assert sorted(met) == sorted(tokens)  # every filter word once, none twice
    assert len(used) < len(tokens)  # and pairs among them
