"""CSRF tokens signed once per browser every few minutes, not once per page.

Signing a token (itsdangerous: JSON, two HMACs, base64) costs more than the rest of a page's
header. A signed token is valid for its whole time limit whichever page printed it (an hour
for Flask-WTF's, WTF_CSRF_TIME_LIMIT; a day for the public forms', core/public_csrf.py), so a
browser is given the same signed token for REUSE_SECONDS: it expires at most that much
sooner than a fresh one would. The keys — the session's own secret token, or the client's
digest for the public forms — stay in this worker's memory.
"""

import threading
import time

from cachetools import LRUCache
from flask import Flask, current_app, g, session

REUSE_SECONDS = 300
KEPT = 10_000  # browsers a worker remembers a token for

_signed: LRUCache = LRUCache(KEPT)  # key -> (token, signed at: the wall clock the token holds)
_lock = threading.Lock()  # cachetools caches are not thread-safe (`flask run` is threaded)


def _kept(key: tuple) -> str | None:
    with _lock:
        found = _signed.get(key)
    if found is None or not 0 <= time.time() - found[1] < REUSE_SECONDS:
        return None  # a clock set back would find a token signed "in the future": refused
    return found[0]


def _keep(key: tuple, token: str) -> None:
    with _lock:
        _signed[key] = (token, time.time())


def register(app: Flask) -> None:
    app.before_request(_reuse_signed_token)
    app.after_request(_keep_signed_token)


def _session_key() -> tuple | None:
    raw = session.get(current_app.config["WTF_CSRF_FIELD_NAME"])
    return ("session", current_app.secret_key, raw) if raw else None


def _reuse_signed_token() -> None:
    """Flask-WTF's `generate_csrf` (forms, `csrf_token()`) returns the token `g` holds, so
    putting the kept one there is all it takes; the session's own token is unchanged."""
    key = _session_key()
    if key is not None and (kept := _kept(key)) is not None:
        setattr(g, current_app.config["WTF_CSRF_FIELD_NAME"], kept)


def _keep_signed_token(response):
    """Keep the token a page signed (its first, or one signed since the last window)."""
    token, key = g.get(current_app.config["WTF_CSRF_FIELD_NAME"]), _session_key()
    if token and key is not None and _kept(key) != token:
        _keep(key, token)
    return response


def signed(kind: str, subject: str, sign) -> str:
    """`sign()`'s token for `subject`, reused for REUSE_SECONDS (public_csrf's tokens)."""
    key = (kind, current_app.secret_key, subject)
    kept = _kept(key)
    if kept is None:
        kept = sign()
        _keep(key, kept)
    return kept
