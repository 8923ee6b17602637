"""Sessions as records: one UserSession row per signed-in browser.

Flask-Login's id (in the session cookie and the remember-me cookie) is a random token; the
row keeps only its SHA-256. A cookie works while its row is open, so signing out, "sign out
everywhere", a password change or an admin's action end copied cookies as well.
"""

import hashlib
import secrets
from datetime import datetime, timedelta
from functools import cache

from flask import Flask, current_app, g, has_request_context, request
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import or_, select, update

from outstaff.accounts import page_account
from outstaff.accounts.page_account import PageAccount
from outstaff.core import data_version, useragent
from outstaff.core.extensions import db, login_manager
from outstaff.core.lean import pages_only
from outstaff.core.net import client_ip
from outstaff.models import User, UserSession, utcnow
from outstaff.models.session import open_by_token
from outstaff.offers import badge

login_manager.login_view = "accounts.signin"
login_manager.login_message = _l("Please sign in to see that page.")
login_manager.login_message_category = "info"
login_manager.session_protection = "basic"

TOKEN_BYTES = 32
SEEN_EVERY = timedelta(hours=12)  # how often using the site updates `last_seen_at`
MAX_TOKEN_LENGTH = 100  # longer ids are not ours: no hashing of attacker-sized input


def init_app(app: Flask) -> None:
    app.before_request(note_use)


@pages_only
def note_use() -> None:
    """A page seen by a signed-in browser: its session record's and its account's last use."""
    if request.endpoint == "static" or not current_user.is_authenticated:
        return
    touch_current_session()
    note_activity()


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def max_age() -> timedelta:
    """A record lives as long as the remember-me cookie, however busy: then sign in again."""
    return current_app.config["REMEMBER_COOKIE_DURATION"]


def open_session(user: User) -> str:
    """Start a record for a sign-in and attach it to `user`; returns the token (once)."""
    from outstaff.core import geoip  # the privacy package imports the accounts views

    token = secrets.token_urlsafe(TOKEN_BYTES)
    agent = useragent.current()
    record = UserSession(
        user_id=user.id,
        token_hash=digest(token),
        browser=agent.browser,
        os=agent.os,
        device=agent.device,
        country=geoip.country(client_ip()) if has_request_context() else None,
    )
    db.session.add(record)
    db.session.flush()
    user.attach_session(token, record)
    return token


def _find_open(token: str):
    """(user, record id, record's last_seen_at, the user's offers badge) of the token's
    open, unexpired record, in one query, or None."""
    if not token or len(token) > MAX_TOKEN_LENGTH:
        return None
    return db.session.execute(_open_record_query(), _record_values(token)).first()


def _record_values(token: str) -> dict:
    return {"token_hash": digest(token), "opened_after": utcnow() - max_age()}


@cache
def _open_record_query():
    """Built once: every signed-in request runs it, and building costs more than running.
    The record itself is not loaded as an object: most pages need only its id and when it
    was last seen (User.current_session reads it when a page asks)."""
    return (
        select(User, UserSession.id, UserSession.last_seen_at, badge.count_for(UserSession.user_id))
        .join(User, User.id == UserSession.user_id)
        .where(*open_by_token())
    )


def _is_open(now: datetime) -> tuple:
    return UserSession.ended_at.is_(None), UserSession.created_at > now - max_age()


def end(record: UserSession | None) -> None:
    if record is not None and record.ended_at is None:
        record.ended_at = utcnow()


def end_all(user: User, keep: UserSession | None = None) -> None:
    """End every open record of `user` but `keep`."""
    query = update(UserSession).where(
        UserSession.user_id == user.id, UserSession.ended_at.is_(None)
    )
    if keep is not None:
        query = query.where(UserSession.id != keep.id)
    db.session.execute(
        query.values(ended_at=utcnow()), execution_options={"synchronize_session": "fetch"}
    )


def open_sessions(user: User) -> list[UserSession]:
    """The user's signed-in browsers, the most recently seen first."""
    return db.session.scalars(
        select(UserSession)
        .where(UserSession.user_id == user.id, *_is_open(utcnow()))
        .order_by(UserSession.last_seen_at.desc(), UserSession.id.desc())
    ).all()


def own_open_session(user: User, session_id: int) -> UserSession | None:
    """One of the user's own open records; another person's id finds nothing."""
    return db.session.scalar(
        select(UserSession).where(
            UserSession.id == session_id, UserSession.user_id == user.id, *_is_open(utcnow())
        )
    )


def touch_current_session() -> None:
    """Note when a browser was last seen, at most every SESSION_TOUCH_SECONDS."""
    user = current_user._get_current_object()
    last_seen = g.get("session_last_seen")
    now = utcnow()
    every = timedelta(seconds=current_app.config["SESSION_TOUCH_SECONDS"])
    if last_seen is not None and last_seen >= now - every:
        return
    record = user.current_session
    if record is not None and record.last_seen_at < now - every:
        record.last_seen_at = now
        db.session.commit()


def ended_or_expired(now: datetime):
    """Records no cookie can use any more: what retention deletes."""
    return or_(UserSession.ended_at.is_not(None), UserSession.created_at <= now - max_age())


@login_manager.user_loader
def load_user(alternative_id: str) -> User | PageAccount | None:
    """Ids are session-record tokens: an ended or expired record ends the session."""
    data_version.seen(None)  # known only from the page account's statement
    if page_account.wanted():
        return _load_page_account(alternative_id)
    return _load_user(alternative_id)


def _load_page_account(token: str) -> User | PageAccount | None:
    """The same check as `_load_user`, the account as a plain row (accounts.page_account)."""
    if not token or len(token) > MAX_TOKEN_LENGTH:
        return None
    statement = page_account.statement()
    row = db.session.connection().execute(statement, _record_values(token)).first()
    if row is None or row.status != "active":
        return None
    if row.role == "admin":
        return _load_user(token)
    badge.remember(row.badge or 0)
    data_version.seen(row.version)
    g.session_last_seen = row.record_last_seen
    return page_account.account_of(row, token)


def _load_user(alternative_id: str) -> User | None:
    found = _find_open(alternative_id)
    if found is None or not found[0].is_active:
        return None
    user, record_id, last_seen, count = found
    badge.remember(count or 0)
    g.session_last_seen = last_seen  # touch_current_session asks for the record only when due
    user.attach_session(alternative_id, record_id)
    return user


def note_activity() -> None:
    """Using the site counts as activity for retention: it resets an inactivity warning."""
    user = current_user._get_current_object()
    now = utcnow()
    stale = user.last_seen_at is None or now - user.last_seen_at > SEEN_EVERY
    if stale or user.inactivity_warned_at is not None:
        account = user.record() if isinstance(user, PageAccount) else user
        account.last_seen_at, account.inactivity_warned_at = now, None
        db.session.commit()
