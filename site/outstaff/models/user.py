from datetime import datetime

from flask_babel import lazy_gettext as _l
from flask_login import UserMixin
from sqlalchemy import Index, String, func
from sqlalchemy.orm import Mapped, mapped_column

from outstaff import second_factor
from outstaff.extensions import db
from outstaff.models.base import PersonalData, UTCDateTime, utcnow
from outstaff.tokens import new_session_token

ROLES = ("developer", "employer", "admin")
APPROVAL_STATES = ("pending", "approved", "rejected")


class User(UserMixin, db.Model):
    __tablename__ = "user"
    __table_args__ = (Index("ix_user_role_status", "role", "status"),)
    __personal_data__ = PersonalData(
        owners=("id",),
        fields={
            "email": _l("Email address (your sign-in)"),
            "created_at": _l("When you signed up"),
            "last_seen_at": _l("When you last used the site"),
        },
        purpose=_l("Your account: signing in and writing to you"),
        category=_l("Account"),
        export_exclude=("password_hash", "session_token", "totp_secret", "totp_last_step"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16), default="active")  # active | suspended
    # Employers only: an admin approves the account before it sees any developer data.
    approval: Mapped[str | None] = mapped_column(String(16))
    approval_note: Mapped[str | None] = mapped_column(String(500))
    approved_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    email_confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    last_seen_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Part of Flask-Login's id: changing it ends every session and remember-me cookie.
    session_token: Mapped[str] = mapped_column(String(64), default=new_session_token)
    password_changed_at: Mapped[datetime] = mapped_column(
        UTCDateTime(), default=utcnow, server_default=func.current_timestamp()
    )
    totp_secret: Mapped[str | None] = mapped_column(String(64))
    totp_enabled_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # The last TOTP time step used: that code and every older one are refused (no replay).
    totp_last_step: Mapped[int | None] = mapped_column()
    locale: Mapped[str | None] = mapped_column(String(8))
    inactivity_warned_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # The newest policy version the user acknowledged (the ledger has the history); kept on
    # the row so the notice on every page costs no extra query.
    policy_acknowledged: Mapped[int] = mapped_column(default=0, server_default="0")

    def get_id(self) -> str:
        return f"{self.id}:{self.session_token}"

    @property
    def is_active(self) -> bool:
        return self.status == "active"

    @property
    def is_developer(self) -> bool:
        return self.role == "developer"

    @property
    def is_employer(self) -> bool:
        return self.role == "employer"

    @property
    def has_admin_role(self) -> bool:
        """The account's role is admin: what the account is, not what it may do now."""
        return self.role == "admin"

    @property
    def is_admin(self) -> bool:
        """Admin powers, the one predicate the site asks: the admin role, an active account,
        two-factor on, and this session passed it (outstaff.second_factor)."""
        return (self.has_admin_role and self.is_active and self.totp_enabled_at is not None
                and second_factor.passed(self))

    @property
    def acting_role(self) -> str | None:
        """The role whose powers the user has in this session: an admin who has not passed
        two-factor has none beyond a plain member's."""
        if self.has_admin_role and not self.is_admin:
            return None
        return self.role

    @property
    def is_confirmed(self) -> bool:
        return self.email_confirmed_at is not None

    @property
    def is_approved_employer(self) -> bool:
        return self.is_employer and self.approval == "approved" and self.is_active

    def end_all_sessions(self) -> None:
        self.session_token = new_session_token()

    def __repr__(self) -> str:
        return f"<User {self.id} {self.role}>"
