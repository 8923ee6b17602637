"""The offer's state machine: every allowed and every forbidden move, in Python and over HTTP."""

import itertools

import pytest

from outstaff.core.extensions import db
from outstaff.models import OFFER_STATES, Offer
from outstaff.offers import states

# Written out by hand from the issue, not derived from the module under test.
ALLOWED = {
    ("sent", "viewed", "developer"),
    ("sent", "accepted", "developer"),
    ("viewed", "accepted", "developer"),
    ("sent", "declined", "developer"),
    ("viewed", "declined", "developer"),
    ("sent", "withdrawn", "employer"),
    ("viewed", "withdrawn", "employer"),
}
EVERY_MOVE = list(itertools.product(OFFER_STATES, OFFER_STATES, ("developer", "employer")))


@pytest.mark.parametrize("state,target,actor", EVERY_MOVE)
def test_state_machine_allows_exactly_the_listed_moves(state, target, actor):
    if (state, target, actor) in ALLOWED:
        assert states.check(state, target, actor).target == target
    else:
        with pytest.raises(states.TransitionRefused) as refused:
            states.check(state, target, actor)
        assert refused.value.status in (400, 403, 409)
        assert str(refused.value.message)


def test_refusals_say_why():
    with pytest.raises(states.TransitionRefused, match="already been accepted") as refused:
        states.check("accepted", "declined", "developer")
    assert refused.value.status == 409
    with pytest.raises(states.TransitionRefused, match="Only the employer") as refused:
        states.check("sent", "withdrawn", "developer")
    assert refused.value.status == 403


# (state before, action, who posts, status, state after)
HTTP_MOVES = [
    ("sent", "accept", "developer", 302, "accepted"),
    ("viewed", "accept", "developer", 302, "accepted"),
    ("accepted", "accept", "developer", 409, "accepted"),
    ("declined", "accept", "developer", 409, "declined"),
    ("withdrawn", "accept", "developer", 409, "withdrawn"),
    ("sent", "decline", "developer", 302, "declined"),
    ("viewed", "decline", "developer", 302, "declined"),
    ("accepted", "decline", "developer", 409, "accepted"),
    ("declined", "decline", "developer", 409, "declined"),
    ("withdrawn", "decline", "developer", 409, "withdrawn"),
    ("sent", "withdraw", "employer", 302, "withdrawn"),
    ("viewed", "withdraw", "employer", 302, "withdrawn"),
    ("accepted", "withdraw", "employer", 409, "accepted"),
    ("declined", "withdraw", "employer", 409, "declined"),
    ("withdrawn", "withdraw", "employer", 409, "withdrawn"),
    # the wrong party
    ("sent", "accept", "employer", 403, "sent"),
    ("viewed", "decline", "employer", 403, "viewed"),
    ("sent", "withdraw", "developer", 403, "sent"),
]


@pytest.mark.parametrize("before,action,who,status,after", HTTP_MOVES)
def test_moves_over_http(client, auth, pair, make_offer, before, action, who, status, after):
    employer, profile = pair
    offer = make_offer(employer, profile, state=before, reply="Earlier reply")
    auth.login(profile.user if who == "developer" else employer)
    response = client.post(f"/offers/{offer.id}/{action}", data={"reply": "Thanks!"})
    assert response.status_code == status
    db.session.expire_all()
    changed = db.session.get(Offer, offer.id)
    assert changed.state == after
    if status == 302:
        assert changed.answered_at is not None
        assert changed.reply == ("Thanks!" if action != "withdraw" else "Earlier reply")
    else:
        assert changed.reply == "Earlier reply"  # nothing changed
        if status == 409:
            assert "cannot change any more" in response.get_data(as_text=True)


@pytest.mark.parametrize(
    "before,after",
    [
        ("sent", "viewed"),
        ("viewed", "viewed"),
        ("accepted", "accepted"),
        ("declined", "declined"),
        ("withdrawn", "withdrawn"),
    ],
)
def test_developer_opening_an_offer_marks_only_sent_ones_viewed(
    client, auth, pair, make_offer, before, after
):
    employer, profile = pair
    offer = make_offer(employer, profile, state=before)
    auth.login(profile.user)
    assert client.get(f"/offers/{offer.id}").status_code == 200
    db.session.expire_all()
    assert db.session.get(Offer, offer.id).state == after


def test_employer_opening_the_offer_does_not_mark_it_viewed(client, auth, pair, make_offer):
    employer, profile = pair
    offer = make_offer(employer, profile)
    auth.login(employer)
    client.get(f"/offers/{offer.id}")
    db.session.expire_all()
    assert db.session.get(Offer, offer.id).state == "sent"


def test_unknown_offer_actions_are_404_or_405(client, auth, pair, make_offer):
    employer, profile = pair
    offer = make_offer(employer, profile)
    auth.login(profile.user)
    assert client.post(f"/offers/{offer.id}/sent").status_code == 404
    assert client.get(f"/offers/{offer.id}/accept").status_code == 405
    assert client.post("/offers/999999/accept").status_code == 404
