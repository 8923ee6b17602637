"""The header's offers badge: developers' offers not opened yet, employers' answers not
opened yet, and either side's unread messages.

The count is read with the signed-in user, in the session record's query (see
accounts/sessions.py), so a page costs no query of its own for it. An offer that changes
during the request (opened, answered) drops that early count; the badge then asks again.
"""

from flask import g
from sqlalchemy import ColumnElement, func, or_, select

from outstaff.core.extensions import db
from outstaff.models import Offer, OfferMessage, User
from outstaff.offers.states import ANSWERED_STATES


def count_for(user_id: ColumnElement[int]) -> ColumnElement[int]:
    """The badge of the user `user_id` (a column or a value) as one SQL expression: of the
    first two sums, only the one for the user's own role can be other than 0; the third
    counts the user's unread messages in offers' conversations."""
    received = select(func.count()).where(Offer.developer_id == user_id, Offer.state == "sent")
    answered = select(func.count()).where(
        Offer.employer_id == user_id,
        # One comparison per state, not IN (...): a list would be rewritten into the
        # statement on every execution, and every signed-in request runs this one.
        or_(*(Offer.state == state for state in ANSWERED_STATES)),
        Offer.answer_seen_at.is_(None),
    )
    unread = select(func.count()).where(
        OfferMessage.recipient_id == user_id, OfferMessage.read_at.is_(None)
    )
    return received.scalar_subquery() + answered.scalar_subquery() + unread.scalar_subquery()


def remember(count: int) -> None:
    """The count read with the signed-in user at the start of the request."""
    g.offer_badge = count


def forget() -> None:
    """An offer changed in this request: the early count may be out of date."""
    g.pop("offer_badge", None)


def count(user: User) -> int:
    if "offer_badge" in g:
        return g.offer_badge
    return db.session.scalar(select(count_for(user.id))) or 0
