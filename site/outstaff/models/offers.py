from datetime import date, datetime
from decimal import Decimal

from flask_babel import lazy_gettext as _l
from sqlalchemy import Date, ForeignKey, Index, Numeric, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from outstaff.core.extensions import db
from outstaff.models.base import PersonalData, UTCDateTime, utcnow

OFFER_STATES = ("sent", "viewed", "accepted", "declined", "withdrawn", "expired")
OFFER_DAYS_DEFAULT = 14  # an offer expires this many days after it is sent, unless set
OPEN_OFFER_STATES = ("sent", "viewed")


class Offer(db.Model):
    """A structured offer from an approved employer to a developer."""

    __tablename__ = "offer"
    __table_args__ = (
        Index("ix_offer_developer_state", "developer_id", "state"),
        Index("ix_offer_employer_state", "employer_id", "state"),
        # At most one open offer per employer and developer, even under concurrent sends.
        Index(
            "uq_offer_open_pair",
            "employer_id",
            "developer_id",
            unique=True,
            sqlite_where=text("state IN ('sent', 'viewed')"),
            postgresql_where=text("state IN ('sent', 'viewed')"),
        ),
    )
    __personal_data__ = PersonalData(
        # Both sides read the whole offer (message and reply): in both exports.
        subject=("developer_id",),
        author=("employer_id",),
        fields={
            "role_title": _l("Offered role"),
            "engagement": _l("Engagement type"),
            "rate_amount": _l("Rate or budget"),
            "currency": _l("Currency"),
            "start_date": _l("Start date"),
            "duration": _l("Duration"),
            "message": _l("Employer's message"),
            "reply": _l("Developer's reply"),
            "decline_reasons": _l("Reasons for declining"),
            "counter_rate_amount": _l("Developer's counter-offer: rate"),
            "counter_start_date": _l("Developer's counter-offer: start date"),
            "state": _l("State of the offer"),
        },
        purpose=_l("Passing offers between employers and developers"),
        category=_l("Offers"),
        # When one party deletes the account the other keeps the offer, its written text
        # erased: a message or reply may name the deleted person.
        on_erase="detach",
        erase=(
            "message",
            "reply",
            "duration",
            "decline_reasons",
            "counter_rate_amount",
            "counter_start_date",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # NULL: that party deleted the account ("a deleted account").
    employer_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    developer_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    role_title: Mapped[str] = mapped_column(String(120))
    engagement: Mapped[str] = mapped_column(String(16))  # full_time | part_time | contract ...
    rate_amount: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))
    currency: Mapped[str | None] = mapped_column(String(3))  # ISO 4217
    rate_period: Mapped[str | None] = mapped_column(String(8))  # hour | month | project
    start_date: Mapped[date | None] = mapped_column(Date)
    duration: Mapped[str | None] = mapped_column(String(80))
    message: Mapped[str | None] = mapped_column(Text)  # NULL once erased with an account
    state: Mapped[str] = mapped_column(String(12), default="sent")
    reply: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    viewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # When the employer first opened the developer's answer: unseen answers are the
    # employer's "new" count in the navigation.
    answer_seen_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # The offer is "expired" by the scheduled jobs once this day (UTC) has passed unanswered.
    expires_on: Mapped[date | None] = mapped_column(Date)
    # The developer's reasons for declining, as codes joined by commas (see offers/forms.py).
    decline_reasons: Mapped[str | None] = mapped_column(String(64))
    # Revised by the employer: the terms before each revision are kept in the thread.
    version: Mapped[int] = mapped_column(default=1)
    # A counter-offer from the developer (rate in the offer's currency and period, or a
    # start date): "proposed", then "accepted" (the terms change) or "rejected".
    counter_state: Mapped[str | None] = mapped_column(String(10))
    counter_rate_amount: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))
    counter_start_date: Mapped[date | None] = mapped_column(Date)
    # The employer recorded the hire of the developer on this accepted offer.
    hired_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)
    # A party reported the conversation: only then may an admin read it (audited; who
    # reported it is in the audit log).
    reported_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    employer = relationship("User", foreign_keys=[employer_id])
    developer = relationship("User", foreign_keys=[developer_id])


class ShortlistEntry(db.Model):
    """A developer an employer saved, with the employer's private note."""

    __tablename__ = "shortlist_entry"
    __table_args__ = (UniqueConstraint("employer_id", "developer_id"),)
    __personal_data__ = PersonalData(
        # The employer's own list: the note, and that this employer saved her, are the
        # employer's; the developer never sees a shortlist, nor does her export.
        subject=("developer_id",),
        author=("employer_id",),
        private=True,
        fields={
            "note": _l("Employer's private note on a shortlisted developer"),
            "stage": _l("Stage of a shortlisted developer in the employer's pipeline"),
        },
        purpose=_l("Letting employers keep a shortlist"),
        category=_l("Shortlists"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    employer_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    developer_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    note: Mapped[str | None] = mapped_column(String(1000))
    # shortlisted | contacted | interviewing | hired | not_a_fit (choices.PIPELINE_STAGES)
    stage: Mapped[str | None] = mapped_column(String(12), default="shortlisted")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class OfferMessage(db.Model):
    """One message in an offer's conversation, from one party to the other."""

    __tablename__ = "offer_message"
    __table_args__ = (Index("ix_offer_message_unread", "recipient_id", "read_at"),)
    __personal_data__ = PersonalData(
        # Both parties read the thread: a message is in its author's and its reader's export.
        subject=("recipient_id",),
        author=("author_id",),
        fields={"body": _l("Messages in an offer's conversation")},
        purpose=_l("Letting the two parties of an offer talk"),
        category=_l("Offers"),
        # The other party keeps the thread; every text in it is erased (it may name them).
        on_erase="detach",
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    offer_id: Mapped[int] = mapped_column(ForeignKey("offer.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    recipient_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    body: Mapped[str | None] = mapped_column(Text)  # NULL once erased with an account
    # "message" (written by a person), "revision" (the terms before the employer revised
    # them) or "counter" (the developer's counter-offer)
    kind: Mapped[str] = mapped_column(String(10), default="message")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
