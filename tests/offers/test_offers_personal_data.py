"""Offers and shortlists are personal data of both sides: erased with either; offers are in
both exports, a shortlist entry (the employer's private list) in the employer's only."""

import pytest
from sqlalchemy import func, select

from outstaff import personal_data
from outstaff.accounts import service as accounts
from outstaff.core.extensions import db
from outstaff.models import Offer, ShortlistEntry


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


@pytest.fixture
def linked(pair, make_offer, make_employer, make_developer):
    """ACME and Ann linked by offers and a shortlist entry, plus rows of bystanders."""
    employer, profile = pair
    make_offer(employer, profile, state="accepted", reply="Ann's reply")
    make_offer(employer, profile, state="sent")
    db.session.add(
        ShortlistEntry(
            employer_id=employer.id, developer_id=profile.user_id, note="ACME's note on Ann"
        )
    )
    other_employer, other_profile = make_employer(), make_developer()
    make_offer(other_employer, other_profile)
    db.session.add(
        ShortlistEntry(employer_id=other_employer.id, developer_id=other_profile.user_id)
    )
    db.session.commit()
    return employer, profile


@pytest.mark.parametrize("side", ["employer", "developer"])
def test_deleting_either_side_removes_their_offers_and_shortlist_rows(app, linked, side):
    employer, profile = linked
    user = employer if side == "employer" else profile.user
    user_id = user.id
    with app.test_request_context():
        accounts.delete_account(user)
    assert (
        db.session.scalar(
            select(func.count())
            .select_from(Offer)
            .where((Offer.employer_id == user_id) | (Offer.developer_id == user_id))
        )
        == 0
    )
    assert (
        db.session.scalar(
            select(func.count())
            .select_from(ShortlistEntry)
            .where(
                (ShortlistEntry.employer_id == user_id) | (ShortlistEntry.developer_id == user_id)
            )
        )
        == 0
    )
    assert count(Offer) == 1 and count(ShortlistEntry) == 1  # bystanders keep theirs


def test_offers_are_in_both_sides_export_and_the_shortlist_in_the_employers(linked):
    employer, profile = linked
    for user in (employer, profile.user):
        data = personal_data.export_user(user)
        assert len(data["offer"]) == 2
        assert {row["state"] for row in data["offer"]} == {"accepted", "sent"}
    assert personal_data.export_user(employer)["shortlist_entry"][0]["developer_id"] == (
        profile.user_id
    )
    # The employer's private list: not in the developer's export (issue 12, finding 1).
    assert "shortlist_entry" not in personal_data.export_user(profile.user)


def test_offer_tables_are_on_the_privacy_page_table():
    categories = {str(row["category"]) for row in personal_data.data_table()}
    assert {"Offers", "Shortlists", "Profile views"} <= categories
