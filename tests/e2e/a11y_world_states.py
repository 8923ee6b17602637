"""The newer pages' fuller states for the accessibility sweep: a declined offer whose long
conversation a party reported (the offer thread, the console's reports), a pipeline with
developers in several stages, two saved searches, notification settings turned partly off,
exchange rates, and the mail queue with a dead mail and a failed job. Each is a page state
the sweep then checks at 1280 and 375 px like any other."""

import uuid
from datetime import date, timedelta
from decimal import Decimal

from outstaff.core.extensions import db
from outstaff.models import (
    JobRun,
    MailOutbox,
    NotificationSettings,
    Offer,
    OfferMessage,
    SavedSearch,
    ShortlistEntry,
    utcnow,
)
from tests.e2e.a11y_world import World
from tests.helpers import set_rate

LONG_ERROR = (
    "SMTPRecipientsRefused: {'a11y-nobody@example.invalid': (550, b'5.1.1 "
    "<a11y-nobody@example.invalid>: Recipient address rejected: "
    "User unknown in virtual mailbox table; see https://example.invalid/help/550-5-1-1')}"
)


def add(app, world: World) -> None:
    """Add the states to the live server's database (after `a11y_world.build`)."""
    with app.app_context():
        ids = world.user_ids
        _reported_thread(ids["employer"], ids["developer"])
        saved = db.session.scalar(
            db.select(ShortlistEntry).where(ShortlistEntry.employer_id == ids["employer"])
        )
        saved.stage = "interviewing"
        db.session.add(
            ShortlistEntry(
                employer_id=ids["employer"],
                developer_id=ids["other_developer"],
                stage="contacted",
                note="Met at the meetup; portfolio at https://example.com/a/long/portfolio/link",
            )
        )
        db.session.add(
            SavedSearch(
                employer_id=ids["employer"],
                name="Senior React and TypeScript developers, remote, overlapping Europe",
                query="profession=frontend&skills=React&skills=TypeScript",
                frequency="daily",
            )
        )
        db.session.add(NotificationSettings(user_id=ids["developer"], alerts=False))
        _rates()
        _queue(ids["developer"])
        db.session.commit()


def _reported_thread(employer_id: int, developer_id: int) -> None:
    now = utcnow()
    offer = Offer(
        employer_id=employer_id,
        developer_id=developer_id,
        state="declined",
        role_title="Staff engineer, payments infrastructure and developer experience",
        engagement="part_time",
        rate_amount=Decimal("65"),
        currency="USD",
        rate_period="hour",
        start_date=date.today() + timedelta(days=14),
        message="A second role on the payments team, part time.",
        created_at=now - timedelta(days=3),
        viewed_at=now - timedelta(days=2),
        answered_at=now - timedelta(days=1),
        decline_reasons="rate,timing",
        reply="Thank you, not at this rate.",
        reported_at=now,
    )
    db.session.add(offer)
    db.session.flush()
    lines = [
        (employer_id, developer_id, "Could you tell us why? We can move on the rate a little."),
        (
            developer_id,
            employer_id,
            "The rate is below what I ask, and I would need "
            "https://example.com/a/very/long/link/that/must/wrap/on/a/phone/screen/too",
        ),
        (employer_id, developer_id, "Understood. Keep us in mind."),
    ]
    for i, (author, recipient, body) in enumerate(lines):
        db.session.add(
            OfferMessage(
                offer_id=offer.id,
                author_id=author,
                recipient_id=recipient,
                body=body,
                created_at=now - timedelta(hours=20 - i),
            )
        )


def _rates() -> None:
    today = date.today()
    for currency, per_usd in (("EUR", "0.92"), ("KZT", "505.4"), ("RUB", "91.75")):
        set_rate(currency, Decimal(per_usd), today)
    set_rate("EUR", Decimal("0.95"), today - timedelta(30))


def _queue(user_id: int) -> None:
    now = utcnow()
    for state, error in (("dead", LONG_ERROR), ("queued", None)):
        db.session.add(
            MailOutbox(
                message_id=f"<{uuid.uuid4().hex}@a11y.example>",
                user_id=user_id,
                recipient="a11y-nobody@example.invalid",
                subject="A new offer: Staff engineer, payments infrastructure",
                body="Hello!",
                state=state,
                attempts=12 if state == "dead" else 1,
                last_error=error,
                next_attempt_at=now + timedelta(minutes=2),
            )
        )
    db.session.add(
        JobRun(
            job="retention_purge",
            started_at=now - timedelta(hours=2),
            finished_at=now - timedelta(hours=2),
            succeeded=False,
            error="OperationalError: database is locked (while deleting expired sign-ups)",
            last_success_at=now - timedelta(days=1, hours=2),
        )
    )
    db.session.add(
        JobRun(
            job="analytics_rollup",
            started_at=now - timedelta(hours=1),
            finished_at=now - timedelta(hours=1),
            succeeded=True,
            summary="Rolled 1,204 page views into 37 daily counts.",
            last_success_at=now - timedelta(hours=1),
        )
    )
