"""A phrase needs its words one after the other in some document (search_neighbour): a
phrase whose words are neighbours nowhere finds nobody before the index reads a list, and
the pairs follow every questionnaire's change, leaving with the last document holding them."""

from collections import Counter
from urllib.parse import urlencode

import pytest
from sqlalchemy import select

from outstaff.core.extensions import db
from outstaff.models import SearchDocument, SearchNeighbour
from outstaff.questionnaire import service as questionnaire
from outstaff.search import index as search_index
from outstaff.search import text as words
from tests.helpers import (
    card_names,
    complete_profile,
    counted_statements,
    publish,
    texts_bound,
)

pytestmark = pytest.mark.usefixtures("app_ctx")


@pytest.fixture
def people(make_profile):
    make_profile(first_name="Ada", profession="backend", bio="I ship payment gateways.")
    make_profile(first_name="Bob", profession="frontend", bio="Gateways and payment forms.")


def names(client, q: str) -> tuple[list[str], list[str]]:
    with counted_statements() as statements:
        page = client.get("/developers?" + urlencode({"q": q})).get_data(as_text=True)
    return [name.split()[0] for name in card_names(page)], statements


def reads_the_index(statements) -> bool:
    return any("MATCH" in s or "@@" in s for s in statements)


def pairs() -> dict[str, int]:
    return dict(db.session.execute(select(SearchNeighbour.pair, SearchNeighbour.docs)).all())


def counted_from_documents() -> dict[str, int]:
    found = Counter()
    for strong, weak in db.session.execute(select(SearchDocument.strong, SearchDocument.weak)):
        found.update(words.neighbours(strong, weak))
    return dict(found)


def test_a_phrase_of_words_never_neighbours_finds_nobody_without_reading_the_index(
    client, auth, employer, people
):
    auth.login(employer)
    found, statements = names(client, '"gateways payment"')  # both hold both words
    assert found == [] and not reads_the_index(statements)
    found, statements = names(client, '"payment gateways"')
    assert found == ["Ada"] and reads_the_index(statements)
    found, _statements = names(client, '"payment forms" gateways')
    assert found == ["Bob"]


def test_the_pairs_are_what_the_documents_hold(people, make_profile):
    make_profile(first_name="Cyd", bio="payment payment payment")  # a pair once per document
    assert pairs() == counted_from_documents()
    assert pairs()["payment gateways"] == 1 and pairs()["payment payment"] == 1
    search_index.rebuild()
    assert pairs() == counted_from_documents()


def test_a_pair_leaves_with_the_last_document_holding_it(client, auth, employer, make_user):
    profile = complete_profile(make_user("developer"), first_name="Zoe", bio="Quokka wrangler.")
    publish(profile)
    assert pairs().get("quokka wrangler") == 1
    values = {c: getattr(profile, c) for c in questionnaire.SIMPLE_COLUMNS}
    questionnaire.save(profile, {**values, "bio": "Wombat herder."}, ["en"], ["Rust"])
    db.session.commit()
    assert "quokka wrangler" not in pairs() and pairs().get("wombat herder") == 1
    auth.login(employer)
    assert names(client, '"wombat herder"')[0] == ["Zoe"]
    questionnaire.unpublish(profile.user, profile)
    db.session.commit()
    assert "wombat herder" not in pairs()  # nothing of an unpublished bio stays behind
    assert pairs() == counted_from_documents()


def bound_texts(client, q: str) -> tuple[list[str], list[str]]:
    """The cards' first names and every text value the request bound (MATCH, tsquery)."""
    with texts_bound() as found:
        page = client.get("/developers?" + urlencode({"q": q})).get_data(as_text=True)
    return [name.split()[0] for name in card_names(page)], found


def asks_the_strong_tier(texts: list[str]) -> bool:
    return any("strong :" in t or ":A" in t for t in texts)


def test_a_phrase_in_no_name_or_skills_reads_the_bios_tier_only(
    client, auth, employer, make_profile
):
    make_profile(first_name="Ada", bio="Payment gateways for banks.")
    make_profile(first_name="Bob", bio="I build payment gateways.")  # older: after Ada
    make_profile(first_name="Cyd", last_name="Gateways", bio="Payment forms.")
    auth.login(employer)
    found, texts = bound_texts(client, '"payment gateways"')
    assert found == ["Ada", "Bob"] and not asks_the_strong_tier(texts)
    found, texts = bound_texts(client, '"cyd gateways" payment')  # her name: the strong tier
    assert found == ["Cyd"] and asks_the_strong_tier(texts)
