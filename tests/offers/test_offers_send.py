"""Sending an offer: who may, what the form accepts, the one-open-offer rule, mail, limits."""

from datetime import timedelta
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from outstaff import visibility
from outstaff.core.extensions import db
from outstaff.models import BlockedCompany, Offer, utcnow


def offers_count() -> int:
    return db.session.scalar(select(func.count()).select_from(Offer))


def test_employer_sends_an_offer_and_the_developer_is_told(offer_form, client, auth, pair, outbox):
    employer, profile = pair
    auth.login(employer)
    page = client.get(f"/offers/new/{profile.id}")
    assert page.status_code == 200
    assert "Make an offer" in page.get_data(as_text=True)

    response = client.post(f"/offers/new/{profile.id}", data=offer_form)
    assert response.status_code == 302
    offer = db.session.scalar(select(Offer))
    assert response.headers["Location"] == f"/offers/{offer.id}"
    assert (offer.employer_id, offer.developer_id, offer.state) == (
        employer.id,
        profile.user_id,
        "sent",
    )
    assert offer.rate_amount == Decimal("4500") and offer.currency == "EUR"
    assert offer.rate_period == "month" and offer.engagement == "contract"
    assert offer.start_date.isoformat() == "2099-03-01"

    [mail] = outbox
    assert mail.to == profile.user.email
    assert "ACME Inc." in mail.subject
    assert f"/offers/{offer.id}" in mail.body
    # nobody's personal data beyond the company name
    assert employer.email not in mail.body and profile.last_name not in mail.body

    page = client.get(f"/offers/{offer.id}").get_data(as_text=True)
    assert "Senior Python developer" in page and "€4,500.00" in page


def test_offer_without_a_rate_stores_no_currency(offer_form, client, auth, pair):
    employer, profile = pair
    auth.login(employer)
    data = {**offer_form, "rate_amount": "", "start_date": ""}
    assert client.post(f"/offers/new/{profile.id}", data=data).status_code == 302
    offer = db.session.scalar(select(Offer))
    assert (offer.rate_amount, offer.currency, offer.rate_period, offer.start_date) == (
        None,
        None,
        None,
        None,
    )


YESTERDAY = (utcnow() - timedelta(days=2)).date().isoformat()


@pytest.mark.parametrize(
    "field,value,message",
    [
        ("role_title", "", "Enter the role you offer."),
        ("role_title", "   ", "Enter the role you offer."),
        ("role_title", "x" * 121, "Use at most 120 characters."),
        ("engagement", "", "Choose the type of engagement."),
        ("engagement", "slavery", "Choose one of the listed types of engagement."),
        ("rate_amount", "lots", "Enter the amount as a number"),
        ("rate_amount", "1,5", "Enter the amount as a number"),
        ("rate_amount", "NaN", "Enter the amount as a number"),
        ("rate_amount", "0", "The amount must be more than zero."),
        ("rate_amount", "-20", "The amount must be more than zero."),
        ("rate_amount", "10.555", "at most two decimal places"),
        ("rate_amount", "99999999999", "at most two decimal places"),
        ("currency", "XYZ", "Choose a currency from the list."),
        ("currency", "BTC", "Choose a currency from the list."),
        ("rate_period", "year", "Choose per hour, per month or for the project."),
        ("start_date", YESTERDAY, "The start date cannot be in the past."),
        ("start_date", "31/12/2099", "Enter the date as year-month-day"),
        ("start_date", "2099-02-30", "Enter the date as year-month-day"),
        ("duration", "d" * 81, "Use at most 80 characters."),
        ("message", "", "Write a message to the developer."),
        ("message", "Too short.", "Write between 20 and 5000 characters; this has 10."),
        ("message", "m" * 5001, "Write between 20 and 5000 characters; this has 5001."),
    ],
)
def test_bad_input_is_refused_beside_the_field_and_the_rest_kept(
    offer_form, client, auth, pair, field, value, message
):
    employer, profile = pair
    auth.login(employer)
    data = {**offer_form, field: value}
    response = client.post(f"/offers/new/{profile.id}", data=data)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert message in page
    assert f'id="{field}-error"' in page
    # what the employer typed elsewhere is still there
    for other, typed in offer_form.items():
        if other != field and other not in ("engagement", "currency", "rate_period"):
            assert typed in page
    assert offers_count() == 0


def test_a_second_open_offer_to_the_same_developer_is_refused(
    offer_form, client, auth, pair, make_offer, outbox
):
    employer, profile = pair
    first = make_offer(employer, profile, state="viewed")
    auth.login(employer)
    for method in (client.get, lambda url: client.post(url, data=offer_form)):
        response = method(f"/offers/new/{profile.id}")
        assert response.status_code == 302
        assert response.headers["Location"] == f"/offers/{first.id}"
    assert "already have an open offer" in client.get(f"/offers/{first.id}").get_data(as_text=True)
    assert offers_count() == 1 and outbox == []


@pytest.mark.parametrize("closed", ["accepted", "declined", "withdrawn"])
def test_a_new_offer_is_fine_once_the_last_one_is_closed(
    offer_form, client, auth, pair, make_offer, closed
):
    employer, profile = pair
    make_offer(employer, profile, state=closed)
    auth.login(employer)
    assert client.post(f"/offers/new/{profile.id}", data=offer_form).status_code == 302
    assert offers_count() == 2


def test_the_database_holds_the_one_open_offer_rule_too(pair, make_offer):
    from sqlalchemy.exc import IntegrityError

    employer, profile = pair
    make_offer(employer, profile, state="sent")
    with pytest.raises(IntegrityError):
        make_offer(employer, profile, state="viewed")
    db.session.rollback()


def test_other_employers_offers_do_not_block(
    offer_form, client, auth, pair, make_employer, make_offer
):
    employer, profile = pair
    make_offer(make_employer(), profile)
    auth.login(employer)
    assert client.post(f"/offers/new/{profile.id}", data=offer_form).status_code == 302


@pytest.mark.parametrize("hide", ["unpublished", "hidden", "suspended", "blocked", "missing"])
def test_no_offer_to_a_profile_the_employer_cannot_see(offer_form, client, auth, pair, hide):
    employer, profile = pair
    profile_id = profile.id
    if hide == "unpublished":
        profile.is_published = False
    elif hide == "hidden":
        profile.hidden_at = utcnow()
    elif hide == "suspended":
        profile.user.status = "suspended"
    elif hide == "blocked":
        db.session.add(
            BlockedCompany(
                profile_id=profile.id,
                user_id=profile.user_id,
                kind="company",
                value="Acme",
                value_norm=visibility.normalize_company("Acme"),
            )
        )
    else:
        profile_id = 999999
    db.session.commit()
    auth.login(employer)
    assert client.get(f"/offers/new/{profile_id}").status_code == 404
    assert client.post(f"/offers/new/{profile_id}", data=offer_form).status_code == 404
    assert offers_count() == 0


def test_only_approved_employers_send_offers(offer_form, client, auth, make_user, make_developer):
    profile = make_developer()
    url = f"/offers/new/{profile.id}"
    assert client.get(url).status_code == 302  # anonymous: sign in first
    for user in (
        make_user("employer", approval="pending"),
        make_user("developer"),
        make_user("admin"),
    ):
        auth.login(user)
        assert client.get(url).status_code == 403
        assert client.post(url, data=offer_form).status_code == 403
        auth.logout()
    assert offers_count() == 0


@pytest.mark.parametrize(
    "app_overrides", [{"RATELIMIT_ENABLED": True, "OFFER_SEND_RATE_LIMIT": "2 per hour"}]
)
def test_sending_is_rate_limited_per_employer(
    offer_form, client, auth, pair, make_developer, make_employer
):
    employer, _profile = pair
    profiles = [make_developer() for _ in range(3)]
    auth.login(employer)
    statuses = [client.post(f"/offers/new/{p.id}", data=offer_form).status_code for p in profiles]
    assert statuses == [302, 302, 429]
    assert offers_count() == 2
    # another employer has their own allowance
    auth.logout()
    auth.login(make_employer())
    assert client.post(f"/offers/new/{profiles[2].id}", data=offer_form).status_code == 302
