"""The terms page: rate expectation, where, links, time zone and hours, availability; each
valid section is saved even when another is not; everything shows on the preview."""

from datetime import timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from outstaff import rates
from outstaff.core.extensions import db
from outstaff.models import DeveloperHour, DeveloperProfile, ExchangeRate, utcnow
from tests.helpers import complete_profile

pytestmark = pytest.mark.usefixtures("app_ctx")  # the tests read the database

TERMS = {
    "rate_min": "4000",
    "rate_max": "5000",
    "rate_currency": "EUR",
    "rate_period": "month",
    "remote": "y",
    "relocation": "y",
    "relocation_countries": ["DE", "NL"],
    "onsite": "y",
    "onsite_city": "Almaty",
    "link_github": "github.com/anna",
    "link_gitlab": "",
    "link_linkedin": "https://www.linkedin.com/in/anna",
    "link_website": "https://anna.dev",
    "time_zone": "Asia/Almaty",
    "work_start": "9",
    "work_end": "18",
    "available_from": "",
}


@pytest.fixture
def developer(make_user, auth):
    user = make_user("developer", email="anna@example.com")
    auth.login(user)
    return user


def stored(user) -> DeveloperProfile:
    db.session.expire_all()
    return db.session.scalar(select(DeveloperProfile).where(DeveloperProfile.user_id == user.id))


def submit(client, **changes):
    return client.post("/questionnaire/terms", data={**TERMS, **changes})


def test_a_developer_saves_the_terms_and_sees_them_in_the_preview(client, developer):
    db.session.add(ExchangeRate(currency="EUR", per_usd=Decimal("0.8"), valid_from=utcnow().date()))
    db.session.commit()
    assert submit(client).status_code == 302
    profile = stored(developer)
    assert (profile.rate_min, profile.rate_max, profile.rate_currency) == (4000, 5000, "EUR")
    assert (profile.rate_min_base, profile.rate_max_base) == (5000, 6250)  # USD per month
    assert profile.remote and profile.onsite and profile.relocation
    assert profile.relocation_countries == ",DE,NL,"
    assert profile.link_github == "https://github.com/anna"
    hours = db.session.scalars(
        select(DeveloperHour.utc_hour).where(DeveloperHour.profile_id == profile.id)
    ).all()
    assert len(hours) == 9 and set(hours) <= set(range(24))
    assert profile.availability_confirmed_at is not None
    page = client.get("/questionnaire/preview").get_data(as_text=True)
    for text in (
        "4,000–5,000 EUR per month",
        "Remote",
        "On-site in Almaty",
        "Relocation to Germany, Netherlands",
        "09:00–18:00",
        "Asia/Almaty",
    ):
        assert text in page
    assert 'href="https://github.com/anna" rel="noopener noreferrer nofollow"' in page


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("link_github", "javascript:alert(1)", "Enter the address"),
        ("link_github", "https://evil.example/github.com", "Enter an address on github.com"),
        (
            "link_linkedin",
            "https://linkedin.com.evil.example/in/x",
            "Enter an address on linkedin.com",
        ),
        ("link_website", "file:///etc/passwd", "Enter the address"),
        ("rate_min", "-5", "Enter a number from 1"),
        ("rate_min", "lots", "Enter a whole number"),
        ("rate_max", "10", "at least the “From” figure"),
        ("rate_currency", "XYZ", "Choose a currency"),
        ("rate_period", "project", "Choose per hour or per month"),
        ("time_zone", "Mars/Olympus", "Choose a time zone"),
        ("work_end", "99", "Choose both the start and the end"),
        ("relocation_countries", ["ZZ"], "Choose countries from the list"),
    ],
)
def test_an_attacker_cannot_store_bad_terms(client, developer, field, value, message):
    response = submit(client, **{field: value})
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    profile = stored(developer)
    # The broken section is not stored; the others are.
    column = {
        "rate_max": "rate_min",
        "work_end": "time_zone",
        "relocation_countries": "relocation_countries",
    }.get(field, field)
    assert getattr(profile, column) in (None, "")
    assert profile.link_website == "https://anna.dev" or field.startswith("link_")


def test_an_invalid_link_does_not_lose_the_valid_sections(client, developer):
    response = submit(client, link_github="ftp://github.com/anna")
    assert response.status_code == 400
    assert "Saved: Rate expectation, Where you work, Time zone and working hours" in (
        response.get_data(as_text=True)
    )
    profile = stored(developer)
    assert profile.rate_min == 4000 and profile.remote and profile.time_zone == "Asia/Almaty"
    assert profile.link_github is None and profile.link_linkedin is None


def test_available_from_is_at_most_a_year_ahead(client, developer):
    too_far = (utcnow() + timedelta(days=400)).date().isoformat()
    response = submit(client, available_from=too_far)
    assert response.status_code == 400
    assert "at most a year from today" in response.get_data(as_text=True)
    assert stored(developer).available_from is None
    soon = (utcnow() + timedelta(days=60)).date()
    assert submit(client, available_from=soon.isoformat()).status_code == 302
    assert stored(developer).available_from == soon


def test_the_rate_follows_a_new_exchange_rate(client, developer):
    submit(client, rate_currency="KZT", rate_min="2000000", rate_max="")
    assert stored(developer).rate_min_base is None  # no rate for KZT yet: not filterable
    rates.add_rate(developer, "KZT", Decimal("500"), utcnow().date())
    db.session.commit()
    assert stored(developer).rate_min_base == 4000
    assert stored(developer).rate_max_base is None


def test_another_developer_cannot_remove_my_history(client, developer, make_user, app):
    profile = complete_profile(developer)
    client.post(
        "/questionnaire/history",
        data={
            "role": "Team lead",
            "company": "Initech",
            "company_hidden": "y",
            "start": "2021-03",
            "end": "",
            "summary": "Led four people.",
        },
    )
    client.post(
        "/questionnaire/history",
        data={"role": "Developer", "company": "Globex", "start": "2017-01", "end": "2021-02"},
    )
    db.session.expire_all()
    assert [e.role for e in profile.history] == ["Team lead", "Developer"]  # newest first
    page = client.get("/questionnaire/preview").get_data(as_text=True)
    assert "Team lead" in page and "Globex" in page and "Initech" not in page
    entry_id = profile.history[0].id
    other = app.test_client()
    from tests.helpers import sign_in

    sign_in(other, make_user("developer").email)
    assert other.post(f"/questionnaire/history/{entry_id}/remove").status_code == 404
    db.session.expire_all()
    assert len(profile.history) == 2


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        ("2021-13", "", "year-month"),
        ("21-03", "", "year-month"),
        ("2099-01", "", "cannot be in the future"),
        ("2021-03", "2020-01", "cannot be before the start"),
    ],
)
def test_history_months_are_checked(client, developer, start, end, message):
    response = client.post(
        "/questionnaire/history", data={"role": "Developer", "start": start, "end": end}
    )
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert start in response.get_data(as_text=True)
