from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, String, bindparam
from sqlalchemy.orm import Mapped, mapped_column, relationship

from outstaff.core.extensions import db
from outstaff.models.base import PersonalData, UTCDateTime, utcnow


class UserSession(db.Model):
    """One signed-in browser. Its token is Flask-Login's id for the session and the
    remember-me cookie; ending the row signs that browser out, copied cookies included."""

    __tablename__ = "user_session"
    __personal_data__ = PersonalData(
        owners=("user_id",),
        fields={
            "created_at": _l("When you signed in on a device"),
            "last_seen_at": _l("When that device last used the site"),
            "browser": _l("Browser"),
            "os": _l("Operating system"),
            "device": _l("Device type"),
            "country": _l("Country, from the IP address (when a GeoIP database is set up)"),
        },
        purpose=_l(
            "Keeping you signed in, and letting you see and end your sessions on your account page"
        ),
        category=_l("Signed-in devices"),
        export_exclude=("token_hash",),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    # SHA-256 of the token: the database alone cannot be turned into a working cookie.
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    # Updated at most every SESSION_TOUCH_SECONDS, not on every request.
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    browser: Mapped[str | None] = mapped_column(String(50))
    os: Mapped[str | None] = mapped_column(String(50))
    device: Mapped[str | None] = mapped_column(String(16))
    country: Mapped[str | None] = mapped_column(String(2))
    # When this session passed two-factor sign-in (None: password only).
    two_factor_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    user: Mapped["User"] = relationship()  # noqa: F821 (models/user.py)


def open_by_token() -> tuple:
    """WHERE of the open, unexpired record of a token, bound: token_hash, opened_after (the
    one rule the user loader, the page account and the lean viewer all check)."""
    return (
        UserSession.ended_at.is_(None),
        UserSession.created_at > bindparam("opened_after"),
        UserSession.token_hash == bindparam("token_hash"),
    )
