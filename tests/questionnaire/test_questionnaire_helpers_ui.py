"""Filling it is easy: languages with the chosen and common ones first, skill suggestions."""

import re

import pytest

from outstaff.questionnaire import skills
from tests.helpers import complete_profile

pytestmark = pytest.mark.usefixtures("app_ctx")  # the tests read the database


@pytest.fixture
def developer(make_user, auth):
    user = make_user("developer")
    auth.login(user)
    return user


def test_chosen_languages_come_first_then_the_common_ones(client, developer):
    page = client.get("/questionnaire/edit").get_data(as_text=True)
    codes = re.findall(r'id="languages-\d+" name="languages" type="checkbox" value="(\w+)"', page)
    assert codes[:4] == ["en", "ru", "uk", "kk"]
    assert len(codes) > 150  # every language is still there, without JavaScript
    complete_profile(developer)  # speaks pl and en
    page = client.get("/questionnaire/edit").get_data(as_text=True)
    codes = re.findall(r'id="languages-\d+" name="languages" type="checkbox" value="(\w+)"', page)
    assert set(codes[:2]) == {"pl", "en"} and codes[2] == "ru"
    assert "Chosen:" in page and ">Polish</span>" in page


def test_skills_are_suggested_and_free_entries_stay(client, developer):
    page = client.get("/questionnaire/edit").get_data(as_text=True)
    assert '<datalist id="skill-suggestions">' in page and '<option value="Python">' in page
    assert "PostgreSQL" in skills.suggest_skills("postg")
    response = client.post(
        "/questionnaire/edit",
        data={"skills": "Python, Hand-rolled ORM", "contact_visibility": "employers"},
    )
    assert response.status_code == 302


def test_suggestions_read_the_search_vocabulary_when_present(tmp_path, monkeypatch):
    vocabulary = tmp_path / "skills.txt"
    vocabulary.write_text("# comment\nKubernetes | kubernetes | k8s, кубер\n", encoding="utf-8")
    monkeypatch.setattr(skills, "VOCABULARY", vocabulary)
    skills._names.cache_clear()
    try:
        assert skills.suggest_skills("k8") == ["Kubernetes"]
        assert skills.suggest_skills("Кубе") == ["Kubernetes"]
        assert skills.suggest_skills("py") == []
    finally:
        skills._names.cache_clear()
