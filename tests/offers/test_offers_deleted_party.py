"""Nothing vanishes: when a party deletes the account the other keeps the offer and its
thread, shown as from or to "a deleted account", with none of the deleted person's data."""

import pytest
from sqlalchemy import select

from outstaff.accounts import service as accounts
from outstaff.core.extensions import db
from outstaff.models import Offer, OfferMessage


@pytest.fixture
def talked(pair, make_offer):
    employer, profile = pair
    offer = make_offer(
        employer,
        profile,
        state="accepted",
        reply=f"Call {profile.telegram}",
        message=f"Dear {profile.first_name} {profile.last_name}, join us!",
    )
    db.session.add_all(
        [
            OfferMessage(
                offer_id=offer.id,
                author_id=employer.id,
                recipient_id=profile.user_id,
                body="When can you start?",
            ),
            OfferMessage(
                offer_id=offer.id,
                author_id=profile.user_id,
                recipient_id=employer.id,
                body=f"Monday; write to {profile.user.email}",
            ),
        ]
    )
    db.session.commit()
    return offer


def delete(app, user) -> None:
    with app.test_request_context():
        accounts.delete_account(user)
    db.session.expire_all()


def test_a_deleted_developers_offer_stays_for_the_employer_without_their_data(
    app, client, auth, pair, talked
):
    employer, profile = pair
    secrets = [profile.last_name, profile.telegram, profile.user.email]
    delete(app, profile.user)
    offer = db.session.get(Offer, talked.id)
    assert offer is not None and offer.developer_id is None and offer.employer_id == employer.id
    auth.login(employer)
    page = client.get(f"/offers/{talked.id}").get_data(as_text=True)
    assert "A deleted account" in page and "Backend developer" in page
    assert "Erased with a deleted account." in page and "conversation is closed" in page
    assert not [s for s in secrets if s in page]
    inbox = client.get("/offers/").get_data(as_text=True)
    assert "a deleted account" in inbox
    refused = client.post(f"/offers/{talked.id}/messages", data={"body": "Hello?"})
    assert refused.status_code == 409
    assert len(db.session.scalars(select(OfferMessage)).all()) == 2


def test_a_deleted_employers_offer_stays_for_the_developer(app, client, auth, pair, talked):
    employer, profile = pair
    delete(app, employer)
    auth.login(profile.user)
    page = client.get(f"/offers/{talked.id}")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "A deleted account" in text and "ACME Inc." not in text and employer.email not in text
    assert "Hiring contact" not in text


def test_when_both_parties_are_gone_the_offer_goes(app, pair, talked):
    employer, profile = pair
    offer_id = talked.id
    delete(app, employer)
    delete(app, profile.user)
    assert db.session.get(Offer, offer_id) is None
    assert db.session.scalars(select(OfferMessage)).all() == []
