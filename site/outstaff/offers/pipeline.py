"""The shortlist as a pipeline: each saved developer in a stage, the hire recorded on an
accepted offer, and what a card shows (photo, profession, key skills, rate, offer state)."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from outstaff.choices import PIPELINE_STAGES
from outstaff.core.extensions import db
from outstaff.models import DeveloperSkill, Offer, ShortlistEntry, User, utcnow

STAGES = tuple(code for code, _label in PIPELINE_STAGES)
KEY_SKILLS = 5


class NoAcceptedOffer(Exception):
    message = _l("A hire is recorded on an accepted offer: send an offer first.")


def stage_counts(employer: User) -> dict[str, int]:
    rows = db.session.execute(
        select(ShortlistEntry.stage, func.count())
        .where(ShortlistEntry.employer_id == employer.id)
        .group_by(ShortlistEntry.stage)
    ).all()
    counts = dict.fromkeys(STAGES, 0)
    for stage, n in rows:
        counts[stage or "shortlisted"] = counts.get(stage or "shortlisted", 0) + n
    return counts


def accepted_offer(employer_id: int, developer_id: int) -> Offer | None:
    return db.session.scalar(
        select(Offer)
        .where(
            Offer.employer_id == employer_id,
            Offer.developer_id == developer_id,
            Offer.state == "accepted",
        )
        .order_by(Offer.answered_at.desc(), Offer.id.desc())
        .limit(1)
    )


def record_hire(offer: Offer) -> None:
    """The employer hired the developer on this accepted offer (once)."""
    if offer.state != "accepted":
        raise NoAcceptedOffer()
    if offer.hired_at is None:
        offer.hired_at = utcnow()
    entry = db.session.scalar(
        select(ShortlistEntry).where(
            ShortlistEntry.employer_id == offer.employer_id,
            ShortlistEntry.developer_id == offer.developer_id,
        )
    )
    if entry is not None:
        entry.stage = "hired"


def set_stage(entry: ShortlistEntry, stage: str) -> None:
    """Move a card; "hired" needs an accepted offer, and records the hire on it."""
    if stage == "hired":
        offer = accepted_offer(entry.employer_id, entry.developer_id)
        if offer is None:
            raise NoAcceptedOffer()
        record_hire(offer)
    entry.stage = stage


def latest_offers(employer_id: int, developer_ids: list[int]) -> dict[int, Offer]:
    """Developer id -> the employer's latest offer to them (one query)."""
    rows = db.session.scalars(
        select(Offer)
        .where(Offer.employer_id == employer_id, Offer.developer_id.in_(developer_ids))
        .order_by(Offer.created_at, Offer.id)
    )
    return {offer.developer_id: offer for offer in rows}


def key_skills(profile_ids: list[int]) -> dict[int, list[str]]:
    rows = db.session.execute(
        select(DeveloperSkill.profile_id, DeveloperSkill.name)
        .where(DeveloperSkill.profile_id.in_(profile_ids))
        .order_by(DeveloperSkill.profile_id, DeveloperSkill.position)
    )
    skills: dict[int, list[str]] = {}
    for profile_id, name in rows:
        names = skills.setdefault(profile_id, [])
        if len(names) < KEY_SKILLS:
            names.append(name)
    return skills
