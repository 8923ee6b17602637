"""Answers both ways: the employer's contact on acceptance, decline reasons, expiry by the
scheduled job, revisions and counter-offers (the replaced terms kept in the thread)."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
import time_machine
from sqlalchemy import select

from outstaff.core.extensions import db
from outstaff.models import Offer, OfferMessage, utcnow
from outstaff.queue import tasks


@pytest.fixture
def offer(pair, make_offer):
    employer, profile = pair
    return make_offer(
        employer,
        profile,
        state="viewed",
        rate_amount=Decimal("4000"),
        currency="EUR",
        rate_period="month",
    )


def reload(offer) -> Offer:
    db.session.expire_all()
    return db.session.get(Offer, offer.id)


def test_the_developer_sees_the_hiring_contact_only_after_accepting(client, auth, pair, offer):
    employer, profile = pair
    employer.employer_profile.website = "https://acme.example"
    db.session.commit()
    auth.login(profile.user)
    page = client.get(f"/offers/{offer.id}").get_data(as_text=True)
    assert employer.email not in page and "Hiring contact" not in page
    client.post(f"/offers/{offer.id}/accept", data={"reply": ""})
    page = client.get(f"/offers/{offer.id}").get_data(as_text=True)
    assert "Hiring contact" in page
    assert employer.email in page and "Erin Employer" in page and "https://acme.example" in page


def test_decline_reasons_reach_the_employer_and_a_forged_reason_is_refused(
    client, auth, pair, offer
):
    employer, profile = pair
    auth.login(profile.user)
    forged = client.post(f"/offers/{offer.id}/decline", data={"decline_reasons": ["bribe"]})
    assert forged.status_code == 400 and reload(offer).state == "viewed"
    response = client.post(
        f"/offers/{offer.id}/decline", data={"decline_reasons": ["rate", "timing"]}
    )
    assert response.status_code == 302
    assert reload(offer).decline_reasons == "rate,timing"
    auth.logout()
    auth.login(employer)
    page = client.get(f"/offers/{offer.id}").get_data(as_text=True)
    assert "Reasons for declining" in page and "The rate" in page and "The timing" in page


def test_an_offer_gets_an_answer_by_date_and_a_past_one_is_refused(client, auth, pair, offer_form):
    employer, profile = pair
    auth.login(employer)
    past = dict(offer_form, expires_on=(date.today() - timedelta(days=1)).isoformat())
    response = client.post(f"/offers/new/{profile.id}", data=past)
    assert response.status_code == 400
    assert "Choose a day after today." in response.get_data(as_text=True)
    client.post(f"/offers/new/{profile.id}", data=offer_form)
    sent = db.session.scalar(select(Offer))
    assert sent.expires_on == utcnow().date() + timedelta(days=14)


def test_the_scheduled_job_expires_an_unanswered_offer_and_tells_both(app, pair, offer, outbox):
    employer, profile = pair
    offer.expires_on = date.today() + timedelta(days=14)
    db.session.commit()
    with time_machine.travel(utcnow() + timedelta(days=14), tick=False):
        tasks.offer_expiry.call_local()
    assert reload(offer).state == "viewed"  # its last day is not over
    with time_machine.travel(utcnow() + timedelta(days=15), tick=False):
        tasks.offer_expiry.call_local()
    assert reload(offer).state == "expired"
    assert {m.to for m in outbox} == {employer.email, profile.user.email}


def test_an_expired_offer_cannot_be_accepted(client, auth, pair, make_offer):
    employer, profile = pair
    expired = make_offer(employer, profile, state="expired")
    auth.login(profile.user)
    response = client.post(f"/offers/{expired.id}/accept", data={"reply": ""})
    assert response.status_code == 409
    assert reload(expired).state == "expired"


def test_the_employer_revises_an_open_offer_and_the_old_terms_stay_in_the_thread(
    client, auth, pair, offer, offer_form, outbox
):
    employer, profile = pair
    auth.login(employer)
    assert client.get(f"/offers/{offer.id}/revise").status_code == 200
    response = client.post(
        f"/offers/{offer.id}/revise", data=dict(offer_form, rate_amount="5200", currency="EUR")
    )
    assert response.status_code == 302
    revised = reload(offer)
    assert (revised.rate_amount, revised.version, revised.state) == (Decimal("5200"), 2, "sent")
    [note] = db.session.scalars(select(OfferMessage)).all()
    assert note.kind == "revision" and "4,000.00" in note.body
    assert any(m.to == profile.user.email and "revised" in m.subject for m in outbox)
    auth.logout()
    auth.login(profile.user)
    assert client.post(f"/offers/{offer.id}/revise", data=offer_form).status_code == 403


def test_an_answered_offer_cannot_be_revised(client, auth, pair, make_offer, offer_form):
    employer, profile = pair
    accepted = make_offer(employer, profile, state="accepted")
    auth.login(employer)
    assert client.post(f"/offers/{accepted.id}/revise", data=offer_form).status_code == 409
    assert reload(accepted).version == 1


def test_a_counter_offer_is_proposed_then_accepted_by_the_employer(client, auth, pair, offer):
    employer, profile = pair
    auth.login(profile.user)
    empty = client.post(f"/offers/{offer.id}/counter", data={"rate_amount": ""})
    assert empty.status_code == 400
    assert "Propose a rate, a start date or both." in empty.get_data(as_text=True)
    assert (
        client.post(f"/offers/{offer.id}/counter", data={"rate_amount": "4800"}).status_code == 302
    )
    assert reload(offer).counter_state == "proposed"
    # the developer cannot accept their own counter-offer
    assert client.post(f"/offers/{offer.id}/counter/accept").status_code == 403
    auth.logout()
    auth.login(employer)
    page = client.get(f"/offers/{offer.id}").get_data(as_text=True)
    assert "€4,800.00" in page and "Accept the new terms" in page
    assert client.post(f"/offers/{offer.id}/counter/accept").status_code == 302
    done = reload(offer)
    assert (done.rate_amount, done.counter_state, done.version) == (Decimal("4800"), "accepted", 2)
    assert client.post(f"/offers/{offer.id}/counter/accept").status_code == 409
    kinds = db.session.scalars(select(OfferMessage.kind).order_by(OfferMessage.id)).all()
    assert kinds == ["counter", "revision"]


def test_a_rejected_counter_offer_keeps_the_terms(client, auth, pair, offer):
    employer, profile = pair
    auth.login(profile.user)
    client.post(f"/offers/{offer.id}/counter", data={"start_date": "2099-05-01"})
    auth.logout()
    auth.login(employer)
    assert client.post(f"/offers/{offer.id}/counter/reject").status_code == 302
    kept = reload(offer)
    assert kept.counter_state == "rejected" and kept.start_date is None
