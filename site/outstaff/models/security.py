from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from outstaff.core.extensions import db
from outstaff.models.base import PersonalData, UTCDateTime, utcnow

SECURITY_EVENT_KINDS = (
    "signin",
    "signin_failed",
    "signin_limited",
    "password_changed",
    "password_reset",
    "email_changed",
    "two_factor_changed",
)


class SecurityEvent(db.Model):
    """The security log: sign-ins and account changes, shown to the account's owner."""

    __tablename__ = "security_event"
    __table_args__ = (Index("ix_security_event_user_created", "user_id", "created_at"),)
    __personal_data__ = PersonalData(
        owners=("user_id",),
        fields={
            "created_at": _l("Time of a sign-in or account change"),
            "kind": _l(
                "What happened (sign-in, failed sign-in, sign-in paused, password or email change)"
            ),
            "ip": _l("IP address (later shortened to its network)"),
            "browser": _l("Browser"),
            "os": _l("Operating system"),
        },
        purpose=_l("Protecting your account: you can see these records on your account page"),
        category=_l("Security log"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    # Full address at first; `flask privacy purge` shortens it to its network (/24, /48).
    ip: Mapped[str | None] = mapped_column(String(49))
    browser: Mapped[str | None] = mapped_column(String(50))
    os: Mapped[str | None] = mapped_column(String(50))
