"""An offer's conversation: messages between its two parties, read marks, reports.

Only the two parties read a thread. An admin reads one only after a party reported it, and
only through `read_reported`, which writes an audit row each time.
"""

from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update

from outstaff import audit
from outstaff.accounts.service import external_url
from outstaff.core import paging
from outstaff.core.errors import NotFound
from outstaff.core.extensions import db
from outstaff.mail import send_mail
from outstaff.models import Offer, OfferMessage, User, utcnow
from outstaff.offers import badge

PER_PAGE = 20


def messages(offer: Offer) -> list[OfferMessage]:
    """The thread, oldest first."""
    return list(
        db.session.scalars(
            select(OfferMessage)
            .where(OfferMessage.offer_id == offer.id)
            .order_by(OfferMessage.created_at, OfferMessage.id)
        )
    )


def other_party(offer: Offer, user: User) -> User | None:
    return offer.developer if user.id == offer.employer_id else offer.employer


class PartyGone(Exception):
    """The other party deleted the account: there is no one to write to."""


def post(offer: Offer, author: User, body: str) -> OfferMessage:
    """Add the message and mail its reader a link to the thread (the caller commits);
    PartyGone when the other party has deleted the account."""
    reader = other_party(offer, author)
    if reader is None:
        raise PartyGone()
    message = OfferMessage(
        offer_id=offer.id, author_id=author.id, recipient_id=reader.id, body=body
    )
    db.session.add(message)
    db.session.flush()
    send_mail(
        reader.email,
        _l("A new message about “%(role)s”", role=offer.role_title),
        "offer_message",
        kind="messages",
        offer=offer,
        link=external_url("offers.detail", offer_id=offer.id) + "#thread",
    )
    return message


def mark_read(offer: Offer, user: User) -> None:
    """The messages `user` received in this thread are read now."""
    result = db.session.execute(
        update(OfferMessage)
        .where(
            OfferMessage.offer_id == offer.id,
            OfferMessage.recipient_id == user.id,
            OfferMessage.read_at.is_(None),
        )
        .values(read_at=utcnow())
    )
    if result.rowcount:
        badge.forget()


def report(offer: Offer, user: User) -> bool:
    """A party asks an admin to look at the thread; False if it is already reported."""
    if offer.reported_at is not None:
        return False
    offer.reported_at = utcnow()
    audit.record(user, "offer.thread_reported", target=f"offer:{offer.id}")
    return True


def reported_page():
    """Reported offers, the latest report first (no message text: that needs `read_reported`)."""
    query = (
        select(Offer)
        .where(Offer.reported_at.is_not(None))
        .order_by(Offer.reported_at.desc(), Offer.id.desc())
    )
    return paging.paginate(query, PER_PAGE)


def read_reported(offer_id: int, admin: User) -> tuple[Offer, list[OfferMessage]]:
    """A reported thread for an admin, logged in the audit log; NotFound if not reported."""
    offer = db.session.get(Offer, offer_id)
    if offer is None or offer.reported_at is None:
        raise NotFound(offer_id)
    audit.record(admin, "offer.thread_read", target=f"offer:{offer.id}")
    return offer, messages(offer)
