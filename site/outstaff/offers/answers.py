"""Answers both ways: the employer's hiring contact, expiry by the scheduled jobs, the
employer's revisions and the developer's counter-offers.

A revision or a counter-offer writes the terms it replaces into the offer's thread, so
nothing an offer once said is lost.
"""

from decimal import Decimal

from flask import render_template
from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update

from outstaff.accounts.service import external_url
from outstaff.core.extensions import db
from outstaff.mail import send_mail
from outstaff.models import Offer, OfferMessage, User, utcnow
from outstaff.offers import badge, states
from outstaff.offers.service import actor_role, company_name


def hiring_contact(offer: Offer) -> dict | None:
    """Name, work email and company site of the employer: for the developer, once accepted."""
    if offer.state != "accepted" or offer.employer is None:
        return None
    profile = offer.employer.employer_profile
    name = " ".join(filter(None, (profile.first_name, profile.last_name))) if profile else ""
    website = profile.website if profile else None
    return {
        "name": name or None,
        "email": offer.employer.email,
        "website": website if website and website.startswith(("https://", "http://")) else None,
    }


def expire_due(echo) -> None:
    """Open offers whose answer-by day has passed become "expired"; both parties are told."""
    move = states.MOVES["expired"]
    today = utcnow().date()
    due = db.session.scalars(
        select(Offer).where(Offer.state.in_(move.sources), Offer.expires_on < today)
    ).all()
    expired = 0
    for offer in due:
        result = db.session.execute(
            update(Offer)
            .where(Offer.id == offer.id, Offer.state.in_(move.sources))
            .values(state=move.target, answered_at=utcnow())
        )
        if result.rowcount == 1:  # an answer at the same moment wins
            expired += 1
            link = external_url("offers.detail", offer_id=offer.id)
            for user in filter(None, (offer.employer, offer.developer)):
                send_mail(
                    user.email,
                    _l("An offer expired"),
                    "offer_expired",
                    kind="offers",
                    offer=offer,
                    link=link,
                )
    db.session.commit()
    echo(f"offers expired: {expired}")


def _note(offer: Offer, author: User, kind: str) -> None:
    """The offer's terms as they are now, into the thread (before they change)."""
    reader_id = offer.developer_id if author.id == offer.employer_id else offer.employer_id
    body = render_template("offers/_terms.txt", offer=offer)
    db.session.add(
        OfferMessage(
            offer_id=offer.id, author_id=author.id, recipient_id=reader_id, body=body, kind=kind
        )
    )


def _tell(offer: Offer, to: User | None, subject) -> None:
    if to is None:  # the other party deleted the account
        return
    link = external_url("offers.detail", offer_id=offer.id) + "#thread"
    send_mail(
        to.email, subject, "offer_changed", kind="offers", offer=offer, what=subject, link=link
    )


def revise(offer: Offer, employer: User, values: dict) -> None:
    """A new version of an open offer; the old terms go into the thread. The developer is
    asked to look again (the offer is "sent" once more)."""
    states.check(offer.state, "withdrawn", actor_role(offer, employer))  # employer, open
    _note(offer, employer, "revision")
    for key, value in values.items():
        setattr(offer, key, value)
    offer.version += 1
    offer.state, offer.viewed_at = states.REVISION_RESETS_TO, None
    offer.counter_state = None
    db.session.flush()
    badge.forget()
    _tell(
        offer,
        offer.developer,
        _l("%(company)s revised their offer", company=company_name(offer.employer_id)),
    )


def propose_counter(offer: Offer, developer: User, rate: Decimal | None, start_date) -> None:
    """The developer's counter-offer: another rate (same currency and period) or start."""
    states.check_counter(offer.state, offer.counter_state, "proposed", actor_role(offer, developer))
    offer.counter_state = "proposed"
    offer.counter_rate_amount, offer.counter_start_date = rate, start_date
    body = render_template("offers/_counter.txt", offer=offer)
    db.session.add(
        OfferMessage(
            offer_id=offer.id,
            author_id=developer.id,
            recipient_id=offer.employer_id,
            body=body,
            kind="counter",
        )
    )
    db.session.flush()
    _tell(offer, offer.employer, _l("A counter-offer on “%(role)s”", role=offer.role_title))


def answer_counter(offer: Offer, employer: User, accept: bool) -> None:
    """The employer accepts the counter-offer (the terms change, a new version) or not."""
    target = "accepted" if accept else "rejected"
    states.check_counter(offer.state, offer.counter_state, target, actor_role(offer, employer))
    if accept:
        _note(offer, employer, "revision")
        if offer.counter_rate_amount is not None:
            offer.rate_amount = offer.counter_rate_amount
        if offer.counter_start_date is not None:
            offer.start_date = offer.counter_start_date
        offer.version += 1
    offer.counter_state = target
    db.session.flush()
    subject = (
        _l("Your counter-offer was accepted")
        if accept
        else _l("Your counter-offer was not accepted")
    )
    _tell(offer, offer.developer, subject)
