"""Factories for the listing and employer tests (a pytest plugin: `pytest_plugins = [...]`)."""

from collections.abc import Callable
from datetime import timedelta

import pytest

from outstaff import visibility
from outstaff.core.extensions import db
from outstaff.listing.search import search_text
from outstaff.models import (
    BlockedCompany,
    DeveloperLanguage,
    DeveloperProfile,
    DeveloperSkill,
    User,
    utcnow,
)
from outstaff.search import index as search_index


@pytest.fixture
def make_profile(make_user) -> Callable[..., DeveloperProfile]:
    """make_profile(first_name=..., languages=[...], skills=[...], blocked=[(kind, value)],
    age=timedelta, **columns) -> a committed, published questionnaire of a new developer."""
    counter = iter(range(1, 100_000))

    def factory(languages=("en",), skills=("Python",), blocked=(), age=None, user=None,
                **columns) -> DeveloperProfile:
        n = next(counter)
        owner = user or make_user("developer", email=columns.pop("email", None))
        values = {
            "first_name": f"Dev{n}", "last_name": "Tester", "country": "DE",
            "english_level": "B2", "profession": "backend", "years_experience": 5,
            "availability": "open", "bio": "", "is_published": True,
            "contact_visibility": "after_accept",
            "updated_at": utcnow() - (age if age is not None else timedelta(minutes=n)),
            **columns,
        }
        values.setdefault("english_rank", _rank(values["english_level"]))
        profile = DeveloperProfile(user_id=owner.id, **values)
        profile.languages = [DeveloperLanguage(code=code) for code in languages]
        profile.skills = [DeveloperSkill(name=name, name_norm=name.casefold(), position=i)
                          for i, name in enumerate(skills)]
        profile.search_text = search_text(
            profile.first_name, profile.last_name, profile.profession,
            profile.profession_other, skills, profile.bio)
        db.session.add(profile)
        db.session.flush()
        for kind, value in blocked:
            norm = (visibility.normalize_company(value) if kind == "company"
                    else visibility.normalize_domain(value))
            db.session.add(BlockedCompany(profile_id=profile.id, user_id=owner.id, kind=kind,
                                          value=value, value_norm=norm))
        search_index.sync(profile)
        db.session.commit()
        return profile

    return factory


def _rank(level):
    from outstaff.choices import ENGLISH_RANK

    return ENGLISH_RANK.get(level)


@pytest.fixture
def employer(make_employer) -> User:
    return make_employer(company="ACME, Inc.", email="hr@acme.example.com")
