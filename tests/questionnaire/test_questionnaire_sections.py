"""One invalid field no longer means nothing is saved: each valid section of the edit page is
stored, and the invalid one stays on the page with the error beside it and what was typed."""

import pytest
from sqlalchemy import select

from outstaff.core.extensions import db
from outstaff.models import DeveloperProfile
from tests.helpers import COMPLETE_FORM, complete_profile

pytestmark = pytest.mark.usefixtures("app_ctx")  # the tests read the database


@pytest.fixture
def developer(make_user, auth):
    user = make_user("developer", email="anna@example.com")
    auth.login(user)
    return user


def stored(user) -> DeveloperProfile | None:
    db.session.expire_all()
    return db.session.scalar(select(DeveloperProfile).where(DeveloperProfile.user_id == user.id))


def test_a_bad_phone_does_not_lose_the_rest(client, developer):
    response = client.post("/questionnaire/edit", data={**COMPLETE_FORM, "phone": "call me"})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Saved: About you, Work, Languages, About your work" in page
    assert 'value="call me"' in page  # kept, with its error beside it
    profile = stored(developer)
    assert profile.first_name == "Anna" and profile.country == "PL"
    assert [s.name for s in profile.skills] == ["Python", "PostgreSQL", "Docker"]
    assert sorted(lang.code for lang in profile.languages) == ["en", "pl"]
    assert profile.phone is None and profile.telegram is None


def test_a_bad_skill_keeps_the_stored_skills(client, developer):
    complete_profile(developer)
    response = client.post(
        "/questionnaire/edit", data={**COMPLETE_FORM, "first_name": "Annabel", "skills": "x" * 41}
    )
    assert response.status_code == 400
    profile = stored(developer)
    assert profile.first_name == "Annabel"
    assert [s.name for s in profile.skills] == ["Python", "PostgreSQL"]
    assert profile.phone == "+48221234567"  # the contacts section saved as typed, unchanged


def test_a_published_questionnaire_cannot_be_emptied_section_by_section(client, developer):
    profile = complete_profile(developer)
    profile.is_published = True
    db.session.commit()
    response = client.post("/questionnaire/edit", data={**COMPLETE_FORM, "country": ""})
    assert response.status_code == 400
    assert stored(developer).country == "PL"


@pytest.mark.parametrize("app_overrides", [{"WTF_CSRF_ENABLED": True}])
@pytest.mark.parametrize("path", ["/questionnaire/edit", "/questionnaire/terms"])
def test_a_forged_post_saves_no_section(client, developer, path):
    """A cross-site form without the token: no section is valid enough to be saved."""
    complete_profile(developer)
    response = client.post(
        path, data={**COMPLETE_FORM, "first_name": "Mallory", "remote": "y", "rate_min": "1"}
    )
    assert response.status_code == 400
    profile = stored(developer)
    assert profile.first_name == "Anna" and not profile.remote and profile.rate_min is None
