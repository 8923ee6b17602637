"""What keeps a search as cheap at 1M profiles as at 1k changes no result: prefixes read as
their few completions, and the index rebuilt in one pass still follows every write."""

import string
from datetime import timedelta
from urllib.parse import urlencode

import pytest

from outstaff.core.extensions import db
from outstaff.models import SearchTerm
from outstaff.search import index, match
from tests.helpers import COMPLETE_FORM, card_names

pytestmark = pytest.mark.usefixtures("app_ctx")


@pytest.fixture
def search(client, auth, employer):
    auth.login(employer)

    def names(q, **params):
        response = client.get("/developers?" + urlencode({"q": q, "per_page": 50, **params}))
        assert response.status_code == 200
        return sorted(name.split()[0] for name in card_names(response.get_data(as_text=True)))

    return names


@pytest.fixture
def zorx(make_profile):
    """More developers whose surnames begin "Zorx" than a prefix is spelt out for."""
    letters = string.ascii_lowercase[: match.MAX_CANDIDATES + 2]
    for i, letter in enumerate(letters):
        make_profile(first_name=f"Z{letter}", last_name=f"Zorx{letter}", age=timedelta(hours=i))
    return sorted(f"Z{letter}" for letter in letters)


def test_a_prefix_finds_every_word_it_begins_whether_few_or_many(zorx, search):
    assert search("zorx") == zorx  # more completions than spelt out: a prefix query
    assert search("zorxb") == ["Zb"]  # one completion: the word itself
    assert search("zor") == zorx  # three letters: FTS5's own prefix index
    assert search("zorx", sort="updated") == zorx


def test_a_prefix_with_few_completions_is_searched_as_those_words(make_profile):
    make_profile(skills=["Kubernetes"], bio="Kubeflow pipelines.")
    db.session.commit()
    (word,) = match.parse("kube").words
    assert word.prefix is None and set(word.exact) == {"kubernetes", "kubeflow"}


def test_after_a_rebuild_the_index_still_follows_every_write(make_profile, search):
    make_profile(first_name="Before", skills=["Erlang"])
    assert index.rebuild() == 1
    db.session.commit()
    make_profile(first_name="After", skills=["Erlang"])
    db.session.commit()
    assert search("erlang") == ["After", "Before"]
    assert db.session.get(SearchTerm, "erlang").docs == 2


def test_a_searchs_counts_follow_a_questionnaire_that_moves_country(
    client, make_user, auth, employer
):
    developer = make_user("developer", email="mover@example.com")
    auth.login(developer)
    form = {**COMPLETE_FORM, "first_name": "Mover", "skills": "Erlang", "phone": ""}
    assert client.post("/questionnaire/edit", data=form).status_code == 302
    assert client.post("/questionnaire/publish", data={"consent": "y"}).status_code == 302
    moved = {**form, "country": "DE", "english_level": "A2", "languages": ["de"]}
    assert client.post("/questionnaire/edit", data=moved).status_code == 302
    auth.logout()
    auth.login(employer)
    page = client.get("/developers?q=erlang").get_data(as_text=True)
    assert "1 developer" in page
    assert 'value="DE">Germany (1)</option>' in page and "Poland (1)" not in page
