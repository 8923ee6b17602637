"""Spam defences that need no outside service: a honeypot and a minimum fill time.

The form carries a signed timestamp from when it was shown; a message sent sooner than a
person could type one is held back (with the text kept), as is one from a form older than a day.
"""

import time

from flask import current_app
from itsdangerous import BadSignature, URLSafeTimedSerializer

SALT = "outstaff.feedback-started"
MAX_AGE = 24 * 3600
DEFAULT_MIN_SECONDS = 3


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def min_seconds() -> float:
    return float(current_app.config.get("FEEDBACK_MIN_SECONDS", DEFAULT_MIN_SECONDS))


def started_token() -> str:
    """A signed "the form was shown now", for the hidden field."""
    return _serializer().dumps({"t": time.time()})


def elapsed(token: str | None) -> float | None:
    """Seconds since the form was shown; None when the token is missing, forged or stale."""
    try:
        payload = _serializer().loads(token or "", max_age=MAX_AGE)
    except (BadSignature, UnicodeError, ValueError):
        return None
    started = payload.get("t") if isinstance(payload, dict) else None
    if not isinstance(started, int | float):
        return None
    return time.time() - started


def too_fast(token: str | None) -> bool:
    seconds = elapsed(token)
    return seconds is None or seconds < min_seconds()
