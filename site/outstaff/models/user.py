from datetime import datetime

from flask import has_request_context
from flask_babel import lazy_gettext as _l
from flask_login import UserMixin, login_fresh
from sqlalchemy import Index, String, func
from sqlalchemy.orm import Mapped, mapped_column

from outstaff.core.extensions import db
from outstaff.models.base import PersonalData, UTCDateTime, utcnow

ROLES = ("developer", "employer", "admin")
APPROVAL_STATES = ("pending", "approved", "rejected")


class AccountState:
    """What an account's own columns say about it (role, status, approval, address), for
    User and for accounts.sessions.PageAccount alike."""

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
    def is_confirmed(self) -> bool:
        return self.email_confirmed_at is not None

    @property
    def confirmed_email(self) -> str | None:
        """The address this account has proved it owns, the only one that is its identity."""
        return self.email if self.email_confirmed_at is not None else None

    @property
    def is_approved_employer(self) -> bool:
        return self.is_employer and self.approval == "approved" and self.is_active


class User(AccountState, UserMixin, db.Model):
    __tablename__ = "user"
    # ix_user_status: the few suspended accounts a count of matches subtracts.
    __table_args__ = (
        Index("ix_user_role_status", "role", "status"),
        Index("ix_user_status", "status"),
    )
    __personal_data__ = PersonalData(
        owners=("id",),
        fields={
            "email": _l("Email address (your sign-in)"),
            "created_at": _l("When you signed up"),
            "last_seen_at": _l("When you last used the site"),
        },
        purpose=_l("Your account: signing in and writing to you"),
        category=_l("Account"),
        export_exclude=("password_hash", "totp_secret", "totp_last_step"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # The old value is loaded before a change, so a change of address can unconfirm it
    # (outstaff/personal_data.py: an address is identity only once confirmed).
    email: Mapped[str] = mapped_column(String(254), unique=True, active_history=True)
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

    # This browser's session (token, UserSession row or, until a page asks for the row, its
    # id), set at sign-in and by the user loader; a plain attribute, not a column.
    _session = None

    def get_id(self) -> str:
        """Flask-Login's id: the token of this sign-in's session record (a new one if there
        is none, or it has ended)."""
        if self._session is None or self._session_ended():
            from outstaff.accounts import sessions

            sessions.open_session(self)
        return self._session[0]

    def _session_ended(self) -> bool:
        record = self._session[1]
        # An id only: read open by the user loader, and not asked for since (an end loads it).
        return not isinstance(record, int) and record.ended_at is not None

    def attach_session(self, token: str, record) -> None:
        """`record`: the UserSession, or its id (read when a page first asks for it)."""
        self._session = (token, record)

    @property
    def current_session(self):
        """The UserSession of the browser being served, or None."""
        if not self._session:
            return None
        token, record = self._session
        if isinstance(record, int):
            from outstaff.models.session import UserSession

            record = db.session.get(UserSession, record)
            self._session = (token, record)
        return record

    def __eq__(self, other) -> bool:
        # UserMixin compares get_id(), which would open a session record.
        if not isinstance(other, User):
            return NotImplemented
        return other is self or (self.id is not None and other.id == self.id)

    __hash__ = UserMixin.__hash__

    @property
    def is_admin(self) -> bool:
        """Admin powers, the one predicate the site asks: the admin role, an active account,
        two-factor on, and this session passed it."""
        return (
            self.has_admin_role
            and self.is_active
            and self.totp_enabled_at is not None
            and self.passed_two_factor
        )

    @property
    def passed_two_factor(self) -> bool:
        """This browser's session record passed two-factor, and the login is fresh (a session
        restored from the remember-me cookie proves it again). The mark is set by
        `twofactor.service.mark_passed`."""
        record = self.current_session
        return (
            record is not None
            and record.ended_at is None
            and record.two_factor_at is not None
            and has_request_context()
            and login_fresh()
        )

    @property
    def acting_role(self) -> str | None:
        """The role whose powers the user has in this session: an admin who has not passed
        two-factor has none beyond a plain member's."""
        if self.has_admin_role and not self.is_admin:
            return None
        return self.role

    def end_all_sessions(self, keep=None) -> None:
        """Sign out every browser of the account (but `keep`, a UserSession, if given)."""
        from outstaff.accounts import sessions

        sessions.end_all(self, keep=keep)

    def __repr__(self) -> str:
        return f"<User {self.id} {self.role}>"
