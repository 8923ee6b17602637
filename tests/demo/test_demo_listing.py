"""`flask seed-demo`: fast bulk seeding that still makes believable, searchable rows."""

import pytest
from sqlalchemy import func, select

from outstaff.core.extensions import db
from outstaff.listing.search import fold
from outstaff.models import DeveloperProfile, DeveloperSkill, EmployerProfile, User

pytestmark = pytest.mark.usefixtures("app_ctx")  # the tests read the database


def test_seed_demo_makes_developers_employers_and_the_demo_logins(app, runner, tmp_path):
    app.instance_path = str(tmp_path)  # the logins file goes here, not into instance/
    result = runner.invoke(args=["seed-demo", "--developers", "60", "--employers", "6"])
    assert result.exit_code == 0, result.output
    assert "employer@example.com" in result.output
    count = lambda model: db.session.scalar(select(func.count()).select_from(model))  # noqa: E731
    assert count(DeveloperProfile) == 61  # and the demo developer
    assert count(EmployerProfile) == 7
    published = db.session.scalar(select(func.count()).where(DeveloperProfile.is_published))
    assert 30 < published < 61
    profile = db.session.scalars(select(DeveloperProfile).limit(1)).one()
    assert profile.search_text == fold(profile.search_text)
    assert fold(profile.first_name) in profile.search_text
    skills = db.session.scalars(
        select(DeveloperSkill).where(DeveloperSkill.profile_id == profile.id)
    ).all()
    assert skills and all(s.name_norm == s.name.casefold() for s in skills)
    demo_employer = db.session.scalar(select(User).where(User.email == "employer@example.com"))
    assert demo_employer.approval == "approved" and demo_employer.employer_profile.company_name
    assert (tmp_path / "demo-logins.txt").read_text().count("@example.com") == 3
    # A second run adds more without clashing, and keeps the demo logins as they were.
    again = runner.invoke(args=["seed-demo", "--developers", "5", "--employers", "1"])
    assert again.exit_code == 0, again.output
    assert count(DeveloperProfile) == 66
