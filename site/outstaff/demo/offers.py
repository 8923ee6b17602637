"""Demo offers and shortlists between the demo users already seeded (`flask seed-demo`)."""

import random
from datetime import timedelta
from decimal import Decimal

from sqlalchemy import select

from outstaff.core.extensions import db
from outstaff.models import DeveloperProfile, Offer, ShortlistEntry, User, utcnow
from outstaff.offers.forms import CURRENCIES
from outstaff.visibility import can_view, listed_clause

ROLES = [
    "Senior Python developer",
    "Backend engineer (Go)",
    "React front-end developer",
    "Mobile developer (Flutter)",
    "QA automation engineer",
    "DevOps engineer",
    "Data engineer",
    "Machine learning engineer",
    "Full-stack developer",
]
NOTES = [
    "Strong portfolio; ask about team lead experience.",
    "Call after the holidays.",
    "Good English; check availability for US hours.",
    None,
]
STATES = ["sent", "viewed", "viewed", "accepted", "declined", "withdrawn"]
RATES = {"hour": (25, 90), "month": (2500, 9000), "project": (5000, 40000)}
MAX_EMPLOYERS = 25
CANDIDATES = 300


def seed(rng: random.Random, fakers: dict, echo=print) -> None:
    """Give approved employers a shortlist and a few offers in every state."""
    fake = fakers.get("en_GB") or next(iter(fakers.values()))
    employers = db.session.scalars(
        select(User)
        .where(User.role == "employer", User.approval == "approved", User.status == "active")
        .order_by(User.id)
    ).all()[:MAX_EMPLOYERS]
    profiles = db.session.scalars(
        select(DeveloperProfile)
        .where(listed_clause())
        .order_by(DeveloperProfile.id)
        .limit(CANDIDATES)
    ).all()
    if not employers or not profiles:
        echo("No approved employers or published developers: no demo offers.")
        return
    offers = saved = 0
    for employer in employers:
        visible = [p for p in profiles if can_view(employer, p)]
        for profile in rng.sample(visible, k=min(len(visible), rng.randint(2, 5))):
            saved += _shortlist(employer, profile, rng)
        for profile in rng.sample(visible, k=min(len(visible), rng.randint(1, 4))):
            offers += _offer(employer, profile, rng.choice(STATES), rng, fake)
    offers += _demo_login_offer(rng, fake)
    db.session.commit()
    echo(f"Added {offers} offers and {saved} shortlist entries.")


def _shortlist(employer: User, profile: DeveloperProfile, rng: random.Random) -> int:
    exists = db.session.scalar(
        select(ShortlistEntry.id).where(
            ShortlistEntry.employer_id == employer.id,
            ShortlistEntry.developer_id == profile.user_id,
        )
    )
    if exists:
        return 0
    db.session.add(
        ShortlistEntry(
            employer_id=employer.id, developer_id=profile.user_id, note=rng.choice(NOTES)
        )
    )
    return 1


OPENINGS = [
    "We read your questionnaire and would like to talk about a role in our team.",
    "Your experience fits a project we are starting next month.",
    "We are growing the team behind our customer app and thought of you.",
]
DETAILS = [
    "The team is six engineers and a designer; we release every week.",
    "You would own the service end to end, with a senior colleague to pair with.",
    "The work is remote, with one optional week together each quarter.",
    "We use code review on every change and keep on-call to one week in six.",
    "The first task is to finish a migration that is half done and well documented.",
]
CLOSINGS = [
    "If it sounds interesting, accept and we will suggest a time for a call.",
    "Happy to answer questions before you decide; a short call is enough.",
]
REPLIES = {
    "accepted": [
        "Thank you, this sounds interesting. Tuesday or Wednesday afternoon suits me.",
        "Happy to talk. Please send a calendar invitation.",
        "Yes, let us have a call this week.",
    ],
    "declined": [
        "Thank you, but I am not looking for a full-time role right now.",
        "The rate is below what I am looking for, sorry.",
        "Thanks for thinking of me; I have just accepted another offer.",
    ],
}


def _message(rng: random.Random, profile: DeveloperProfile) -> str:
    """An offer's message in plain words: why them, what the work is, what happens next."""
    return " ".join([rng.choice(OPENINGS), *rng.sample(DETAILS, 2), rng.choice(CLOSINGS)])


def _made_at(employer: User, profile: DeveloperProfile, rng: random.Random):
    """When the offer was made: up to 30 days ago, and after both the employer's approval
    and the profile's publication (a pair newer than a day: at their start)."""
    now = utcnow()
    since = max(
        now - timedelta(days=30),
        employer.approved_at or employer.created_at,
        profile.published_at or profile.updated_at,
    )
    latest = max(since, now - timedelta(days=1))
    return since + (latest - since) * rng.random()


def _offer(employer: User, profile: DeveloperProfile, state: str, rng: random.Random, fake) -> int:
    if state in ("sent", "viewed") and db.session.scalar(
        select(Offer.id).where(
            Offer.employer_id == employer.id,
            Offer.developer_id == profile.user_id,
            Offer.state.in_(("sent", "viewed")),
        )
    ):
        return 0  # one open offer per pair
    created = _made_at(employer, profile, rng)
    period = rng.choice(list(RATES))
    low, high = RATES[period]
    offer = Offer(
        employer_id=employer.id,
        developer_id=profile.user_id,
        state=state,
        role_title=rng.choice(ROLES),
        engagement=rng.choice(["full_time", "part_time", "contract", "freelance"]),
        rate_amount=Decimal(rng.randrange(low, high, 5)) if rng.random() < 0.8 else None,
        start_date=(utcnow() + timedelta(days=rng.randint(7, 60))).date(),
        duration=rng.choice(["3 months", "6 months, extendable", "1 year", None]),
        message=_message(rng, profile),
        created_at=created,
    )
    if offer.rate_amount is not None:
        offer.currency, offer.rate_period = rng.choice(CURRENCIES[:4]), period
    if state != "sent":
        offer.viewed_at = min(created + timedelta(hours=rng.randint(1, 48)), utcnow())
    if state in ("accepted", "declined", "withdrawn"):
        offer.answered_at = min(offer.viewed_at + timedelta(hours=rng.randint(1, 72)), utcnow())
    if state in ("accepted", "declined"):
        offer.reply = rng.choice(REPLIES[state]) if rng.random() < 0.7 else None
        offer.answer_seen_at = offer.answered_at if rng.random() < 0.5 else None
    db.session.add(offer)
    db.session.flush()
    return 1


def _demo_login_offer(rng: random.Random, fake) -> int:
    """An unread offer from the demo employer to the demo developer, to try answering."""
    employer = db.session.scalar(select(User).where(User.email == "employer@example.com"))
    developer = db.session.scalar(select(User).where(User.email == "developer@example.com"))
    profile = developer and db.session.scalar(
        select(DeveloperProfile).where(DeveloperProfile.user_id == developer.id)
    )
    if employer is None or profile is None or not can_view(employer, profile):
        return 0
    return _offer(employer, profile, "sent", rng, fake)
