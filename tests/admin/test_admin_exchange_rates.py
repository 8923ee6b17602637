"""The console's exchange-rate table: admins add dated rates; expectations follow."""

from datetime import timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from outstaff.core.extensions import db
from outstaff.models import AuditEntry, DeveloperProfile, ExchangeRate, utcnow


@pytest.fixture
def admin(make_user, auth):
    user = make_user("admin", email="boss@example.com")
    auth.login(user)
    return user


def test_an_admin_adds_a_rate_and_expectations_follow(client, admin, make_user):
    developer = make_user("developer")
    profile = DeveloperProfile(
        user_id=developer.id,
        rate_min=1_000_000,
        rate_currency="KZT",
        rate_period="month",
        search_text="",
    )
    db.session.add(profile)
    db.session.commit()
    today = utcnow().date().isoformat()
    response = client.post(
        "/admin/rates", data={"currency": "KZT", "per_usd": "500", "valid_from": today}
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert profile.rate_min_base == 2000
    assert db.session.scalar(select(AuditEntry.action)) == "exchange_rate"
    page = client.get("/admin/rates").get_data(as_text=True)
    assert "KZT" in page and "500" in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"currency": "KZT", "per_usd": "-3"}, "more than 0"),
        ({"currency": "KZT", "per_usd": "NaN"}, "more than 0"),
        ({"currency": "KZT", "per_usd": "1.0000001"}, "six decimal places"),
        ({"currency": "XXX", "per_usd": "2"}, "Choose a currency"),
        ({"currency": "USD", "per_usd": "2"}, "Choose a currency"),
        ({"currency": "EUR", "per_usd": "0.9", "valid_from": "2999-01-01"}, "today or an earlier"),
    ],
)
def test_bad_rates_are_refused_beside_the_field(client, admin, data, message):
    data = {"valid_from": utcnow().date().isoformat(), **data}
    response = client.post("/admin/rates", data=data)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert db.session.scalar(select(ExchangeRate)) is None


def test_the_latest_rate_dated_today_or_earlier_is_in_force(client, admin):
    from outstaff import rates

    today = utcnow().date()
    db.session.add_all(
        [
            ExchangeRate(
                currency="EUR", per_usd=Decimal("0.8"), valid_from=today - timedelta(days=9)
            ),
            ExchangeRate(
                currency="EUR", per_usd=Decimal("0.9"), valid_from=today - timedelta(days=1)
            ),
        ]
    )
    db.session.commit()
    assert rates.rate_in_force("EUR") == Decimal("0.9")
    assert rates.rate_in_force("EUR", today - timedelta(days=5)) == Decimal("0.8")


def test_the_rates_page_is_not_for_employers(client, auth, make_user):
    auth.login(make_user("employer", approval="approved"))
    assert client.get("/admin/rates").status_code == 404
    assert client.post("/admin/rates", data={"currency": "EUR", "per_usd": "1"}).status_code == 404
