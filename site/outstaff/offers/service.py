"""Offers, shortlists and profile views: the queries and changes the views share.

The visibility rule is never written here: every question of who sees a developer goes to
`outstaff.visibility`.
"""

from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError

from outstaff.accounts.service import external_url
from outstaff.core import paging
from outstaff.core.contacts import phone_international
from outstaff.core.errors import NotFound
from outstaff.core.extensions import db
from outstaff.mail import send_mail
from outstaff.models import (
    OPEN_OFFER_STATES,
    DeveloperProfile,
    EmployerProfile,
    Offer,
    ShortlistEntry,
    User,
    utcnow,
)
from outstaff.offers import badge, states
from outstaff.visibility import can_view, visible_clause

PER_PAGE = 20


class OpenOfferExists(Exception):
    def __init__(self, offer: Offer | None):
        super().__init__("an open offer exists")
        self.offer = offer


def party_offer(offer_id: int, user: User) -> Offer:
    """The offer if `user` sent or received it; NotFound for everyone else, admins included."""
    offer = db.session.get(Offer, offer_id)
    if offer is None or user.id not in (offer.employer_id, offer.developer_id):
        raise NotFound(offer_id)
    return offer


def open_offer(employer_id: int, developer_id: int) -> Offer | None:
    return db.session.scalar(
        select(Offer)
        .where(
            Offer.employer_id == employer_id,
            Offer.developer_id == developer_id,
            Offer.state.in_(OPEN_OFFER_STATES),
        )
        .limit(1)
    )


def open_offers_to(employer_id: int, developer_ids: list[int]) -> dict[int, Offer]:
    rows = db.session.scalars(
        select(Offer).where(
            Offer.employer_id == employer_id,
            Offer.developer_id.in_(developer_ids),
            Offer.state.in_(OPEN_OFFER_STATES),
        )
    )
    return {offer.developer_id: offer for offer in rows}


def company_name(user_id: int) -> str:
    return company_names([user_id]).get(user_id) or str(_l("An employer"))


def company_names(user_ids) -> dict[int, str]:
    """Employer user id -> company name, for the ids given (one query)."""
    rows = db.session.execute(
        select(EmployerProfile.user_id, EmployerProfile.company_name).where(
            EmployerProfile.user_id.in_(set(user_ids))
        )
    )
    return {user_id: name for user_id, name in rows if name}


def visible_profiles(viewer: User, user_ids) -> dict[int, DeveloperProfile]:
    """Developer user id -> profile, only for the profiles `viewer` may see (one query)."""
    rows = db.session.scalars(
        select(DeveloperProfile).where(
            DeveloperProfile.user_id.in_(set(user_ids)), visible_clause(viewer)
        )
    )
    return {profile.user_id: profile for profile in rows}


def send_offer(employer: User, profile: DeveloperProfile, values: dict) -> Offer:
    """Create the offer and mail the developer; OpenOfferExists if one is still open."""
    existing = open_offer(employer.id, profile.user_id)
    if existing is not None:
        raise OpenOfferExists(existing)
    offer = Offer(employer_id=employer.id, developer_id=profile.user_id, state="sent", **values)
    db.session.add(offer)
    try:
        db.session.flush()
    except IntegrityError:  # a concurrent send won the unique open-pair index
        db.session.rollback()
        raise OpenOfferExists(open_offer(employer.id, profile.user_id)) from None
    send_mail(
        profile.user.email,
        _l("A new offer from %(company)s", company=company_name(employer.id)),
        "offer_new",
        kind="offers",
        offer=offer,
        company=company_name(employer.id),
        link=external_url("offers.detail", offer_id=offer.id),
    )
    return offer


def actor_role(offer: Offer, user: User) -> str | None:
    if user.id == offer.developer_id:
        return "developer"
    if user.id == offer.employer_id:
        return "employer"
    return None


def move(
    offer: Offer,
    target: str,
    user: User,
    reply: str | None = None,
    decline_reasons: list[str] | None = None,
) -> None:
    """Move the offer to `target` if the state machine allows it; raises TransitionRefused.

    The UPDATE is conditional on the state the move starts from, so of two concurrent
    answers (accept and withdraw, say) exactly one wins and the other is refused.
    """
    rule = states.check(offer.state, target, actor_role(offer, user))
    now = utcnow()
    values = {"state": target}
    if target == "viewed":
        values["viewed_at"] = now
    else:
        values["answered_at"] = now
    if target in states.ANSWERED_STATES:
        values["reply"] = reply or None
    if target == "declined":
        values["decline_reasons"] = ",".join(decline_reasons or ()) or None
    result = db.session.execute(
        update(Offer).where(Offer.id == offer.id, Offer.state.in_(rule.sources)).values(values)
    )
    if result.rowcount != 1:
        db.session.refresh(offer)
        states.check(offer.state, target, actor_role(offer, user))
        raise states.TransitionRefused(_l("The offer changed meanwhile. Please reload it."))
    db.session.refresh(offer)
    badge.forget()
    _notify(offer)


def _notify(offer: Offer) -> None:
    link = external_url("offers.detail", offer_id=offer.id)
    if offer.employer is None or offer.developer is None:
        return  # the other party deleted the account: no one to tell
    if offer.state in states.ANSWERED_STATES:
        subject = (
            _l("Your offer was accepted")
            if offer.state == "accepted"
            else _l("Your offer was declined")
        )
        send_mail(
            offer.employer.email, subject, "offer_answered", kind="offers", offer=offer, link=link
        )
    elif offer.state == "withdrawn":
        company = company_name(offer.employer_id)
        send_mail(
            offer.developer.email,
            _l("%(company)s withdrew their offer", company=company),
            "offer_withdrawn",
            kind="offers",
            offer=offer,
            company=company,
            link=link,
        )


def mark_seen(offer: Offer, user: User) -> None:
    """The developer opening a sent offer marks it viewed; the employer opening an answered
    offer marks the answer seen (it then leaves the employer's "new" count)."""
    if user.id == offer.developer_id and offer.state == "sent":
        move(offer, "viewed", user)
    elif (
        user.id == offer.employer_id
        and offer.state in states.ANSWERED_STATES
        and offer.answer_seen_at is None
    ):
        offer.answer_seen_at = utcnow()
        badge.forget()


def inbox_page(user: User, state: str | None):
    """The user's received (developer) or sent (employer) offers, newest first."""
    column = Offer.developer_id if user.is_developer else Offer.employer_id
    query = select(Offer).where(column == user.id)
    if state:
        query = query.where(Offer.state == state)
    query = query.order_by(Offer.created_at.desc(), Offer.id.desc())
    return paging.paginate(query, PER_PAGE)


def contacts(profile: DeveloperProfile) -> dict:
    """Email, phone (E.164 and readable) and Telegram of a developer, for display."""
    phone_display = phone_international(profile.phone)
    return {
        "email": profile.user.email,
        "phone": profile.phone,
        "phone_display": phone_display,
        "telegram": profile.telegram,
    }


def profile_actions(viewer, profile: DeveloperProfile | None) -> dict | None:
    """What the profile page's offer buttons need, for approved employers who see it."""
    if not (
        getattr(viewer, "is_authenticated", False)
        and viewer.is_approved_employer
        and can_view(viewer, profile)
    ):
        return None
    entry = shortlist_entry(viewer.id, profile.user_id)
    return {"shortlisted": entry is not None, "open_offer": open_offer(viewer.id, profile.user_id)}


def shortlist_entry(employer_id: int, developer_id: int) -> ShortlistEntry | None:
    return db.session.scalar(
        select(ShortlistEntry).where(
            ShortlistEntry.employer_id == employer_id, ShortlistEntry.developer_id == developer_id
        )
    )


def shortlist_page(employer: User, stage: str | None = None):
    """The employer's saved developers that are still visible to them, newest first.

    Rows of profiles that stopped being visible stay in the table (they come back if the
    profile does) but are filtered out here by the one visibility rule.
    """
    query = (
        select(ShortlistEntry)
        .join(DeveloperProfile, DeveloperProfile.user_id == ShortlistEntry.developer_id)
        .where(ShortlistEntry.employer_id == employer.id, visible_clause(employer))
        .order_by(ShortlistEntry.created_at.desc(), ShortlistEntry.id.desc())
    )
    if stage:
        query = query.where(ShortlistEntry.stage == stage)
    return paging.paginate(query, PER_PAGE)


def remove_from_shortlist(employer: User, profile_id: int) -> None:
    """Take the developer of questionnaire `profile_id` off the employer's shortlist, note
    and all (the caller commits); nothing happens for an id that is not on it."""
    developer = select(DeveloperProfile.user_id).where(DeveloperProfile.id == profile_id)
    db.session.execute(
        delete(ShortlistEntry).where(
            ShortlistEntry.employer_id == employer.id,
            ShortlistEntry.developer_id.in_(developer.scalar_subquery()),
        )
    )


def add_to_shortlist(employer: User, profile: DeveloperProfile) -> bool:
    """Save the developer; False when already saved."""
    if shortlist_entry(employer.id, profile.user_id) is not None:
        return False
    db.session.add(ShortlistEntry(employer_id=employer.id, developer_id=profile.user_id))
    try:
        db.session.flush()
    except IntegrityError:  # saved twice at once: the other request did it
        db.session.rollback()
        return False
    return True
