"""Skills and languages are personal data: declared, exported, listed on the privacy page,
erased with the account."""

import pytest
from sqlalchemy import select

from outstaff import personal_data
from outstaff.core.extensions import db
from outstaff.models import (
    DeveloperLanguage,
    DeveloperProfile,
    DeveloperSkill,
    User,
)

# --- Skills and languages are personal data: declared, exported, listed, erased
from tests.helpers import tables_of

pytestmark = pytest.mark.usefixtures("app_ctx")  # the tests read the database


def developer_with_skills(make_user) -> User:
    user = make_user("developer")
    db.session.add(
        DeveloperProfile(
            user_id=user.id,
            first_name="Ann",
            skills=[DeveloperSkill(name="Erlang", name_norm="erlang", position=0)],
            languages=[DeveloperLanguage(code="kk")],
        )
    )
    db.session.commit()
    return user


def test_the_export_holds_the_skills_and_languages(client, auth, make_user):
    auth.login(developer_with_skills(make_user))
    tables = tables_of(client)
    assert [s["name"] for s in tables["developer_skill"]] == ["Erlang"]
    assert [lang["code"] for lang in tables["developer_language"]] == ["kk"]


def test_the_privacy_page_lists_the_skills_and_languages(client):
    page = client.get("/privacy").get_data(as_text=True)
    assert "Skills" in page and "Languages you speak" in page


def test_skills_and_languages_are_erased_by_the_declaration(app, make_user):
    user = developer_with_skills(make_user)
    for model in (DeveloperSkill, DeveloperLanguage):
        assert model in personal_data.declared_models()
        assert (
            db.session.scalars(select(model).where(personal_data.reaches(model, user))).all() != []
        )
