"""Demo messages for the feedback inbox (`flask seed-demo`): a dozen, some already answered."""

import random
from datetime import timedelta

from sqlalchemy import select

from outstaff.core.extensions import db
from outstaff.models import Feedback, User, utcnow

MESSAGES = {
    "general": [
        "Hello! How long does it usually take before an employer is approved?",
        "Is there a mobile app, or is the website all there is?",
    ],
    "vacancy": [
        "We are looking for two senior Go developers for a 6-month project. Can you help?",
        "Do you have QA engineers with fintech experience who can start next month?",
    ],
    "services": [
        "What are your fees for outstaffing a team of three front-end developers?",
        "Can you handle contracts and payroll for developers in Georgia and Armenia?",
    ],
    "privacy": [
        "What data do you store about me? Please send me a list.",
        "Please delete the message I sent you last month, I no longer need an answer.",
        "Who can see my phone number once my questionnaire is published?",
    ],
    "other": [
        "The photo upload fails on my phone with a large picture. Is there a size limit?",
        "Thanks for the quick help last week, everything works now.",
    ],
}
REPLY = (
    "Thank you for writing to us. We have looked into it and answered your question "
    "below; write back if anything is unclear."
)


def seed(rng: random.Random, fakers: dict, echo=print, count: int = 12) -> None:
    """Add `count` messages: from visitors and from existing accounts, over the last month."""
    users = db.session.scalars(
        select(User).where(User.role != "admin").order_by(User.id).limit(200)
    ).all()
    admin_id = db.session.scalar(select(User.id).where(User.role == "admin").limit(1))
    fakes = list(fakers.values())
    now = utcnow()
    for i in range(count):
        topic = rng.choice(list(MESSAGES))
        fake = rng.choice(fakes)
        sender = rng.choice(users) if users and rng.random() < 0.4 else None
        message = Feedback(
            user_id=sender.id if sender else None,
            name=fake.name(),
            email=sender.email if sender else f"visitor{i}.{fake.user_name()}@example.org".lower(),
            topic=topic,
            message=rng.choice(MESSAGES[topic]),
            created_at=now - timedelta(days=rng.randint(0, 29), minutes=rng.randint(0, 1440)),
        )
        if admin_id and rng.random() < 0.35:
            message.status, message.handled_at = "handled", message.created_at + timedelta(hours=5)
            message.handled_by_id = message.replied_by_id = admin_id
            message.reply, message.replied_at = REPLY, message.handled_at
        db.session.add(message)
    db.session.commit()
    echo(f"Added {count} feedback messages.")
