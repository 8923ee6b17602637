from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from outstaff.core.extensions import db
from outstaff.models.base import PersonalData, UTCDateTime, utcnow

FEEDBACK_TOPICS = ("general", "vacancy", "services", "privacy", "other")
FEEDBACK_STATES = ("new", "handled")


class Feedback(db.Model):
    """A message sent through the contact form, by a visitor or a signed-in user."""

    __tablename__ = "feedback"
    __table_args__ = (Index("ix_feedback_status_created", "status", "created_at"),)
    __personal_data__ = PersonalData(
        owners=("user_id",),
        email_column="email",
        fields={
            "name": _l("Your name, as you wrote it in the contact form"),
            "email": _l("The email address you asked us to answer"),
            "topic": _l("Topic of your message"),
            "message": _l("Your message"),
            "reply": _l("Our reply"),
            "created_at": _l("When you wrote to us"),
        },
        purpose=_l("Answering your messages"),
        category=_l("Messages to us"),
        export_exclude=("handled_by_id", "replied_by_id"),  # admins' ids, not the sender's
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("user.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(120))
    email: Mapped[str] = mapped_column(String(254), index=True)
    topic: Mapped[str] = mapped_column(String(16))
    message: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default="new")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    handled_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    handled_by_id: Mapped[int | None] = mapped_column(Integer)  # an admin's id, kept bare
    reply: Mapped[str | None] = mapped_column(Text)
    replied_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    replied_by_id: Mapped[int | None] = mapped_column(Integer)

    @property
    def is_new(self) -> bool:
        return self.status == "new"
