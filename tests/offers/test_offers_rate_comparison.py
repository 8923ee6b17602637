"""Offers show how the offered rate compares with the developer's expectation."""

from decimal import Decimal

import pytest
from sqlalchemy import select

from outstaff import rates
from outstaff.core.extensions import db
from outstaff.models import ExchangeRate, Offer, utcnow

pytestmark = pytest.mark.usefixtures("app_ctx")  # the tests read the database


@pytest.fixture
def expecting(pair):
    employer, profile = pair
    db.session.add(ExchangeRate(currency="EUR", per_usd=Decimal("0.8"), valid_from=utcnow().date()))
    profile.rate_min, profile.rate_max, profile.rate_currency = 4000, 5000, "EUR"
    profile.rate_period = "month"
    rates.refresh_profile(profile)
    db.session.commit()
    return employer, profile


@pytest.mark.parametrize(
    ("amount", "currency", "period", "expected"),
    [
        ("3000", "EUR", "month", "below the developer’s expectation"),
        ("4500", "EUR", "month", "within the developer’s expectation"),
        ("35", "USD", "hour", "within the developer’s expectation"),  # 5,600 USD = 4,480 EUR
        ("9000", "USD", "month", "above the developer’s expectation"),
    ],
)
def test_both_sides_see_how_the_offer_compares(
    client, auth, offer_form, expecting, app, amount, currency, period, expected
):
    employer, profile = expecting
    auth.login(employer)
    form_page = client.get(f"/offers/new/{profile.id}").get_data(as_text=True)
    assert "The developer expects 4,000–5,000 EUR per month." in form_page
    client.post(
        f"/offers/new/{profile.id}",
        data={**offer_form, "rate_amount": amount, "currency": currency, "rate_period": period},
    )
    offer = db.session.scalar(select(Offer))
    page = client.get(f"/offers/{offer.id}").get_data(as_text=True)
    assert expected in page
    developer = app.test_client()
    from tests.helpers import sign_in

    sign_in(developer, profile.user.email)
    assert expected in developer.get(f"/offers/{offer.id}").get_data(as_text=True)


def test_no_comparison_for_a_project_budget_or_without_an_expectation(
    client, auth, offer_form, pair
):
    employer, profile = pair
    auth.login(employer)
    client.post(f"/offers/new/{profile.id}", data={**offer_form, "rate_period": "project"})
    offer = db.session.scalar(select(Offer))
    assert "expectation" not in client.get(f"/offers/{offer.id}").get_data(as_text=True)
