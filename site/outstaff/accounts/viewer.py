"""The signed-in viewer for lean views (outstaff.core.lean), read without Flask-Login.

A lean view reads who is asking from the session record in a small Core query, then asks its
own question with `still_signed_in(shape)` in the same statement. The viewer is kept per
worker by token hash, but never trusted: the clause checks, in the very statement that
answers, that the record is open, the account active, and (for an employer) still approved
and on the same address, whose domains the block list is matched on. A view whose answer
comes back empty calls `forget` and hands the request to Flask-Login.
"""

import threading
from dataclasses import dataclass
from functools import cache

from cachetools import LRUCache
from flask import current_app, session
from sqlalchemy import and_, bindparam, exists, select

from outstaff.accounts.sessions import MAX_TOKEN_LENGTH, digest, max_age
from outstaff.core.extensions import login_manager
from outstaff.models import User, UserSession, utcnow

_known: LRUCache = LRUCache(maxsize=10_000)  # token hash -> Viewer; small rows, per worker
_lock = threading.Lock()  # cachetools caches are not thread-safe (`flask run` is threaded)


@dataclass(frozen=True, slots=True)
class Viewer:
    """A signed-in developer or employer as a lean view knows them: what the visibility
    rule reads (outstaff.visibility.viewer_binds)."""

    id: int
    role: str
    approval: str | None
    email: str
    is_authenticated = True
    is_active = True  # read from an active account only, and checked again by the clause
    is_admin = False  # admins take the full path (two-factor, a fresh session)

    @property
    def is_approved_employer(self) -> bool:
        return self.role == "employer" and self.approval == "approved"


def lean_viewer(connection) -> tuple[Viewer, dict] | None:
    """(the viewer behind this browser's session cookie, the values `still_signed_in`
    needs), or None: no token in the session (a remember-me cookie alone), an ended or
    expired record, a suspended account, or an admin. None means "ask Flask-Login"."""
    token = session.get("_user_id")
    if not isinstance(token, str) or len(token) > MAX_TOKEN_LENGTH:
        return None
    # Basic protection only marks a moved session non-fresh, which matters to admins alone.
    mode = current_app.config.get("SESSION_PROTECTION", login_manager.session_protection)
    if mode != "basic":
        return None
    token_hash = digest(token)
    checks = {"token_hash": token_hash, "opened_after": utcnow() - max_age()}
    with _lock:
        viewer = _known.get(token_hash)
    if viewer is None:
        row = connection.execute(_viewer_query(), checks).first()
        if row is None:
            return None
        viewer = Viewer(*row)
        with _lock:
            _known[token_hash] = viewer
    return viewer, {**checks, "vis_viewer": viewer.id, "viewer_email": viewer.email}


def forget(checks: dict) -> None:
    with _lock:
        _known.pop(checks["token_hash"], None)


def _record_open(user, record) -> list:
    return [
        record.token_hash == bindparam("token_hash"),
        record.ended_at.is_(None),
        record.created_at > bindparam("opened_after"),
        user.id == record.user_id,
        user.status == "active",
    ]


@cache
def _viewer_query():
    user, record = User.__table__.c, UserSession.__table__.c
    return select(user.id, user.role, user.approval, user.email).where(
        *_record_open(user, record), user.role != "admin"
    )


@cache
def still_signed_in(employer: bool):
    """The session record is open and its account the viewer's, active, and, for an approved
    employer, still approved with the same address. Bound: token_hash, opened_after,
    vis_viewer, viewer_email (the values `lean_viewer` returns)."""
    user, record = User.__table__.c, UserSession.__table__.c
    conditions = [*_record_open(user, record), user.id == bindparam("vis_viewer")]
    if employer:
        conditions += [
            user.role == "employer",
            user.approval == "approved",
            user.email == bindparam("viewer_email"),
        ]
    return exists().where(and_(*conditions))
