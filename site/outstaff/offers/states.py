"""The offer's state machine: which party may move an offer from which state to which.

    sent ──(developer opens it)──> viewed
    sent | viewed ──(developer answers)──> accepted | declined
    sent | viewed ──(employer)──> withdrawn
    sent | viewed ──(the site, past its expiry date)──> expired

Everything else is refused; accepted, declined, withdrawn and expired are final.

While an offer is open, the employer may revise it (it is "sent" again, as a new version)
and the developer may propose a counter-offer, which the employer accepts or rejects:

    (none) | accepted | rejected ──(developer)──> proposed ──(employer)──> accepted | rejected
"""

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from outstaff.choices import label
from outstaff.models import OFFER_STATES, OPEN_OFFER_STATES

FINAL_STATES = tuple(s for s in OFFER_STATES if s not in OPEN_OFFER_STATES)
ANSWERED_STATES = ("accepted", "declined")


@dataclass(frozen=True)
class Move:
    target: str
    actor: str  # "developer" or "employer"
    sources: tuple[str, ...]


MOVES = {
    "viewed": Move("viewed", "developer", ("sent",)),
    "accepted": Move("accepted", "developer", OPEN_OFFER_STATES),
    "declined": Move("declined", "developer", OPEN_OFFER_STATES),
    "withdrawn": Move("withdrawn", "employer", OPEN_OFFER_STATES),
    "expired": Move("expired", "site", OPEN_OFFER_STATES),
}
REVISABLE_STATES = OPEN_OFFER_STATES
REVISION_RESETS_TO = "sent"
COUNTER_MOVES = {
    "proposed": Move("proposed", "developer", (None, "accepted", "rejected")),
    "accepted": Move("accepted", "employer", ("proposed",)),
    "rejected": Move("rejected", "employer", ("proposed",)),
}
ALLOWED = frozenset((source, m.target) for m in MOVES.values() for source in m.sources)

FINAL_MESSAGES = {
    "accepted": _l("This offer has already been accepted, so it cannot change any more."),
    "declined": _l("This offer has already been declined, so it cannot change any more."),
    "withdrawn": _l("This offer has been withdrawn, so it cannot change any more."),
    "expired": _l("This offer has expired, so it cannot change any more."),
}
ACTOR_MESSAGES = {
    "developer": _l("Only the developer who received the offer can do that."),
    "employer": _l("Only the employer who sent the offer can withdraw it."),
    "site": _l("An offer expires by itself, at its expiry date."),
}


class TransitionRefused(Exception):
    """A move the state machine does not allow; `status` is the HTTP status to answer."""

    def __init__(self, message, status: int = 409):
        super().__init__(str(message))
        self.message = message
        self.status = status


def check(state: str, target: str, actor: str) -> Move:
    """The move from `state` to `target` by `actor`, or TransitionRefused saying why not."""
    move = MOVES.get(target)
    if move is None or state not in OFFER_STATES:
        raise TransitionRefused(_l("That is not something an offer can become."), 400)
    if actor != move.actor:
        raise TransitionRefused(ACTOR_MESSAGES[move.actor], 403)
    if state in FINAL_STATES:
        raise TransitionRefused(FINAL_MESSAGES[state])
    if (state, target) not in ALLOWED:
        raise TransitionRefused(
            _l(
                "An offer cannot go from “%(source)s” to “%(target)s”.",
                source=label("offer_state", state),
                target=label("offer_state", target),
            )
        )
    return move


def check_counter(offer_state: str, counter_state: str | None, target: str, actor: str) -> Move:
    """The counter-offer move to `target` by `actor`, or TransitionRefused saying why not."""
    move = COUNTER_MOVES.get(target)
    if move is None:
        raise TransitionRefused(_l("That is not something a counter-offer can become."), 400)
    if actor != move.actor:
        raise TransitionRefused(
            _l("Only the developer proposes a counter-offer.")
            if move.actor == "developer"
            else _l("Only the employer answers a counter-offer."),
            403,
        )
    if offer_state in FINAL_STATES:
        raise TransitionRefused(FINAL_MESSAGES[offer_state])
    if counter_state not in move.sources:
        raise TransitionRefused(_l("The counter-offer changed meanwhile. Please reload it."))
    return move
