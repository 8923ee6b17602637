"""What the profile page reads besides the questionnaire, in as few statements as the rule
allows: the questionnaire with everything it prints in one load, and the viewer's shortlist
entry, open offer and accepted offer (the buttons and the contacts) in one statement, built
once. The answers are those of offers.service.profile_actions and
visibility.can_see_contacts, which other pages keep using."""

from functools import lru_cache
from typing import NamedTuple

from sqlalchemy import bindparam, exists, select
from sqlalchemy.orm import joinedload, selectinload

from outstaff.core.extensions import db
from outstaff.models import OPEN_OFFER_STATES, DeveloperProfile, Offer, ShortlistEntry


class OpenOffer(NamedTuple):
    id: int
    state: str


@lru_cache(maxsize=1)
def _profile_statement():
    return (
        select(DeveloperProfile)
        .where(DeveloperProfile.id == bindparam("profile_id"))
        .options(
            joinedload(DeveloperProfile.user),
            joinedload(DeveloperProfile.photo),
            selectinload(DeveloperProfile.languages),
            selectinload(DeveloperProfile.skills),
            selectinload(DeveloperProfile.blocked),
            selectinload(DeveloperProfile.history),
        )
    )


def load(profile_id: int) -> DeveloperProfile | None:
    return db.session.scalar(_profile_statement(), {"profile_id": profile_id})


@lru_cache(maxsize=1)
def _state_statement():
    employer, developer = bindparam("employer_id"), bindparam("developer_id")
    pair = (Offer.employer_id == employer, Offer.developer_id == developer)
    open_offer = select(Offer.id, Offer.state).where(*pair, Offer.state.in_(OPEN_OFFER_STATES))
    open_offer = open_offer.limit(1).subquery()
    shortlisted = exists().where(
        ShortlistEntry.employer_id == employer, ShortlistEntry.developer_id == developer
    )
    accepted = exists().where(*pair, Offer.state == "accepted")
    return select(
        shortlisted.label("shortlisted"),
        accepted.label("accepted"),
        select(open_offer.c.id).scalar_subquery().label("offer_id"),
        select(open_offer.c.state).scalar_subquery().label("offer_state"),
    )


def viewer_state(viewer, profile: DeveloperProfile) -> tuple[dict | None, bool]:
    """(the offer buttons' state or None, whether the contacts show), for a viewer who may
    see `profile` (the caller checked)."""
    if viewer.id == profile.user_id or viewer.is_admin:
        return None, True
    values = {"employer_id": viewer.id, "developer_id": profile.user_id}
    row = db.session.execute(_state_statement(), values).one()
    contacts = profile.contact_visibility == "employers" or bool(row.accepted)
    if not viewer.is_approved_employer:
        return None, contacts
    offer = OpenOffer(row.offer_id, row.offer_state) if row.offer_id is not None else None
    return {"shortlisted": bool(row.shortlisted), "open_offer": offer}, contacts
