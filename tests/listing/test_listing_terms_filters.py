"""The listing's filters on the hiring terms, as an approved employer uses them."""

from datetime import timedelta
from decimal import Decimal

import pytest

from outstaff import rates
from outstaff.core.extensions import db
from outstaff.models import DeveloperHour, ExchangeRate, utcnow
from outstaff.questionnaire import terms_service
from tests.helpers import card_names, next_link

pytestmark = pytest.mark.usefixtures("app_ctx")  # the tests read the database


def _terms(profile, **columns):
    for name, value in columns.items():
        setattr(profile, name, value)
    rates.refresh_profile(profile)
    terms_service.refresh_hours(profile)
    db.session.commit()
    return profile


@pytest.fixture
def team(make_profile):
    today = utcnow().date()
    db.session.add(ExchangeRate(currency="EUR", per_usd=Decimal("0.8"), valid_from=today))
    db.session.commit()
    return {
        "anna": _terms(
            make_profile(first_name="Anna"),
            rate_min=4000,
            rate_max=5000,
            rate_currency="EUR",
            rate_period="month",
            remote=True,
            time_zone="Europe/Berlin",
            work_start=9,
            work_end=18,
            availability_confirmed_at=utcnow(),
        ),
        "boris": _terms(
            make_profile(first_name="Boris"),
            rate_min=20,
            rate_currency="USD",
            rate_period="hour",
            onsite=True,
            onsite_city="Warsaw",
            time_zone="Asia/Tokyo",
            work_start=9,
            work_end=18,
            availability_confirmed_at=utcnow() - timedelta(days=45),
        ),
        "chen": _terms(
            make_profile(first_name="Chen"), relocation=True, relocation_countries=",NL,"
        ),
    }


@pytest.fixture
def employer_in_london(employer):
    profile = employer.employer_profile
    profile.time_zone, profile.work_start, profile.work_end = "Europe/London", 9, 17
    db.session.commit()
    return employer


def names(client, query: str) -> list[str]:
    response = client.get(f"/developers?{query}")
    assert response.status_code == 200
    return [n.split()[0] for n in card_names(response.get_data(as_text=True))]


def test_an_employer_filters_by_a_rate_range_in_their_currency(client, auth, employer, team):
    auth.login(employer)
    # Anna: 5,000-6,250 USD a month; Boris: 20 USD an hour = 3,200 a month; Chen: none.
    assert names(client, "rate_from=4000&rate_to=4500&rate_currency=EUR") == ["Anna"]
    assert names(client, "rate_to=3000&rate_currency=EUR") == ["Boris"]
    page = client.get("/developers?rate_to=3000&rate_currency=EUR").get_data(as_text=True)
    assert '<option value="EUR" selected>' in page and 'name="rate_to"' in page
    assert names(client, "rate_from=15&rate_to=25&rate_period=hour") == ["Boris"]
    assert sorted(names(client, "")) == ["Anna", "Boris", "Chen"]


def test_a_currency_without_a_rate_is_ignored_with_a_notice(client, auth, employer, team):
    auth.login(employer)
    page = client.get("/developers?rate_from=100&rate_currency=KZT").get_data(as_text=True)
    assert "No exchange rate for KZT" in page
    assert len(card_names(page)) == 3


@pytest.mark.parametrize(
    "query",
    [
        "rate_from=-1",
        "rate_from=1e9",
        "overlap=99",
        "rate_currency=%3Cscript%3E",
        "where=anything",
        "overlap=x&rate_to=abc&confirmed=yes",
    ],
)
def test_nonsense_terms_are_refused_politely(client, auth, employer, team, query):
    auth.login(employer)
    response = client.get(f"/developers?{query}")
    assert response.status_code == 200
    assert "<script>" not in response.get_data(as_text=True)
    assert len(card_names(response.get_data(as_text=True))) == 3


def test_where_filters_any_of_the_ticked_ways(client, auth, employer, team):
    auth.login(employer)
    assert names(client, "where=remote") == ["Anna"]
    assert sorted(names(client, "where=onsite&where=relocation")) == ["Boris", "Chen"]
    assert names(client, "relocate_to=NL") == ["Chen"]


def test_overlap_needs_the_employers_hours(client, auth, employer, team):
    auth.login(employer)
    page = client.get("/developers?overlap=4").get_data(as_text=True)
    assert "Add your time zone and working hours" in page


def test_overlap_counts_shared_hours(client, auth, employer_in_london, team):
    auth.login(employer_in_london)
    # Berlin 9-18 shares 7 of London's 8 hours; Tokyo 9-18 shares none (or one).
    assert names(client, "overlap=6") == ["Anna"]
    assert db.session.query(DeveloperHour).count() == 18


def test_hide_unconfirmed_availability(client, auth, employer, team):
    auth.login(employer)
    assert names(client, "confirmed=1") == ["Anna"]
    page = client.get("/developers").get_data(as_text=True)
    assert page.count("availability not confirmed") == 2  # Boris (45 days), Chen (never)


def test_cards_show_rate_where_and_local_time(client, auth, employer, team):
    auth.login(employer)
    page = client.get("/developers").get_data(as_text=True)
    assert "4,000–5,000 EUR per month" in page and "20 USD per hour" in page
    assert "On-site (Warsaw)" in page and "Local time now" in page


def test_filter_links_keep_the_terms(client, auth, employer, make_profile, team):
    for n in range(12):
        _terms(make_profile(first_name=f"R{n}"), remote=True)
    auth.login(employer)
    page = client.get("/developers?where=remote&per_page=10").get_data(as_text=True)
    link = next_link(page)
    assert "where=remote" in link
    assert all(name.startswith(("R", "Anna")) for name in names(client, link.split("?")[1]))
