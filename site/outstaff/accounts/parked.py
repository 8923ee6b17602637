"""The signed-in user's ORM rows kept per worker between requests, never trusted.

Loading the user and the session record through the ORM costs more than the rest of a
signed-in request. Every request still reads both rows whole, with the offers badge, in one
Core statement: the parked objects are used only when that row equals, column for column,
the row they were loaded from, so a suspension, a revoked approval, a new address or
password, a passed two-factor check or an ended record (signing out, everywhere or after a
password change) takes effect on the very next request. Otherwise the ORM loads them again.

An object is in one request at a time (taken out while in use, parked again at the end) and
parked only unchanged, fully loaded, and without related objects, which could be stale.
"""

import threading
from functools import cache

from cachetools import LRUCache
from flask import current_app, g
from sqlalchemy import bindparam, inspect, select
from sqlalchemy.exc import InvalidRequestError

from outstaff.core.extensions import db
from outstaff.models import User, UserSession
from outstaff.offers import badge

MAX_PARKED = 1_000  # two small objects each, per worker


class _Lot:
    def __init__(self):
        self.lock = threading.Lock()
        self.rows: LRUCache = LRUCache(maxsize=MAX_PARKED)


def _lot() -> _Lot:
    lot = current_app.extensions.get("parked_users")
    if lot is None:
        lot = current_app.extensions["parked_users"] = _Lot()
    return lot


@cache
def _row_query():
    """Both rows whole and the badge, for the open, unexpired record of a token hash."""
    user, record = User.__table__, UserSession.__table__
    return select(*record.c, *user.c, badge.count_for(record.c.user_id)).where(
        record.c.token_hash == bindparam("token_hash"),
        record.c.ended_at.is_(None),
        record.c.created_at > bindparam("opened_after"),
        user.c.id == record.c.user_id,
    )


def take(values: dict) -> tuple | bool:
    """(record, user, badge) for the open record of `values` (token_hash, opened_after) when
    the parked objects are what the database holds; True when the ORM must load them (then
    `loaded`), False when there is no open record."""
    row = db.session.execute(_row_query(), values).first()
    if row is None:
        return False
    state, count = tuple(row[:-1]), row[-1] or 0
    lot = _lot()
    with lot.lock:
        parked = lot.rows.pop(values["token_hash"], None)
    if parked is not None and parked[0] == state:
        record, user = parked[1], parked[2]
        if _attach(record, user):
            g.parked = (values["token_hash"], state, record, user)
            return record, user, count
    g.parked_miss = (values["token_hash"], state)
    return True


def loaded(record: UserSession, user: User) -> None:
    """The ORM loaded these after a miss: park them at the end of the request."""
    miss = g.pop("parked_miss", None)
    if miss is not None:
        g.parked = (*miss, record, user)


def park_at_teardown(_error=None) -> None:
    found = g.pop("parked", None)
    if found is None:
        return
    token_hash, state, record, user = found
    if not (_unchanged(record) and _unchanged(user)) or record.user is not user:
        return
    _drop_relations(user)  # the session's closing detaches both
    lot = _lot()
    with lot.lock:
        lot.rows[token_hash] = (state, record, user)


def _attach(record: UserSession, user: User) -> bool:
    """Add the parked objects to this request's session, unless they are still in another
    (a test's session that outlives its requests, or a thread's not yet closed) or this
    one already holds the same rows."""
    if not (inspect(record).detached and inspect(user).detached):
        return False
    try:
        db.session.add(record)  # and its user, by the relationship's cascade
    except InvalidRequestError:
        return False
    return True


def _unchanged(obj) -> bool:
    state = inspect(obj)
    columns = state.mapper.column_attrs.keys()
    return (
        state.persistent
        and not state.modified
        and not state.expired_attributes
        and all(key in state.dict for key in columns)
    )


def _drop_relations(user: User) -> None:
    loaded_relations = [
        key for key in inspect(User).relationships.keys() if key in inspect(user).dict
    ]
    if loaded_relations:
        db.session.expire(user, loaded_relations)
