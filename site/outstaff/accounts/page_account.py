"""The signed-in account of a page that only reads it (`@reads_account_only`: the listing,
a profile), read by Core, without an ORM instance.

The statement is the user loader's own (accounts.sessions): the session record open and
unexpired, its account joined, the offers badge, on every request; only the account comes
back as a plain row, with the data version (core.data_version). So a suspension, a revoked
approval or a changed address is seen on the very next request, as on every other page.
Admins take the ORM path (two-factor, a fresh session). Anything a PageAccount does not
hold is read from the ORM's User, loaded on first use (`record()`), so a page that needs
more still gets the truth.
"""

from functools import cache

from flask import current_app, has_request_context, request
from flask_login import UserMixin
from sqlalchemy import select

from outstaff.core.extensions import db
from outstaff.models import DataVersion, User, UserSession
from outstaff.models.session import open_by_token
from outstaff.models.user import AccountState
from outstaff.offers import badge

# What a page reads of the account; the password hash and the TOTP secret stay in the row.
COLUMNS = tuple(c for c in User.__table__.c if c.key not in ("password_hash", "totp_secret"))


def reads_account_only(view):
    """Mark a GET page that never changes the signed-in account through `current_user`."""
    view.reads_account_only = True
    return view


def wanted() -> bool:
    """Is the request routed to a `@reads_account_only` view?"""
    if not has_request_context():
        return False
    endpoint = request.endpoint
    view = current_app.view_functions.get(endpoint) if endpoint else None
    return getattr(view, "reads_account_only", False)


class PageAccount(AccountState, UserMixin):
    """A signed-in developer or employer, as the account's row holds them."""

    is_admin = False  # admins are loaded as User (accounts.sessions.load_user)

    def __init__(self, columns: dict, token: str, record_id: int):
        self.__dict__.update(columns)
        self._session = (token, record_id)
        self._record = None

    def get_id(self) -> str:
        return self._session[0]

    @property
    def acting_role(self) -> str:
        return self.role

    @property
    def current_session(self) -> UserSession | None:
        return db.session.get(UserSession, self._session[1])

    def record(self) -> User:
        """The account as the ORM's User (one query, the first time)."""
        if self._record is None:
            self._record = db.session.get(User, self.id)
            self._record.attach_session(*self._session)
        return self._record

    def __getattr__(self, name: str):
        # Only for names not set above: the User's relationships and methods.
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(self.record(), name)

    def __eq__(self, other) -> bool:
        if not isinstance(other, User | PageAccount):
            return NotImplemented
        return other is self or other.id == self.id

    __hash__ = UserMixin.__hash__

    def __repr__(self) -> str:
        return f"<PageAccount {self.id} {self.role}>"


@cache
def statement():
    """The user loader's statement with the account's columns (built once)."""
    return (
        select(
            *COLUMNS,
            UserSession.id.label("record_id"),
            UserSession.last_seen_at.label("record_last_seen"),
            badge.count_for(UserSession.user_id).label("badge"),
            select(DataVersion.n).where(DataVersion.id == 1).scalar_subquery().label("version"),
        )
        .join(User, User.id == UserSession.user_id)
        .where(*open_by_token())
    )


KEYS = tuple(c.key for c in COLUMNS)


def account_of(row, token: str) -> PageAccount:
    return PageAccount(dict(zip(KEYS, row, strict=False)), token, row.record_id)
