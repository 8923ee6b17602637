"""Signed, time-limited tokens for links in mail."""

import hashlib
import hmac

from flask import current_app
from itsdangerous import BadSignature, URLSafeTimedSerializer


def _serializer(purpose: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=f"outstaff.{purpose}")


def fingerprint(value: str) -> str:
    """A short digest that changes when `value` changes (binds a token to current state)."""
    return hashlib.sha256(value.encode()).hexdigest()[:16]


def keyed_digest(value: str) -> str:
    """An HMAC of `value` with the secret key: names a person in a store without saying who."""
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()[:32]


def make_token(purpose: str, payload: dict) -> str:
    return _serializer(purpose).dumps(payload)


def read_token(purpose: str, token: str) -> dict | None:
    """The payload, or None when the token is forged, expired or malformed."""
    max_age = current_app.config["TOKEN_MAX_AGE"][purpose]
    try:
        payload = _serializer(purpose).loads(token, max_age=max_age)
    except (BadSignature, UnicodeError, ValueError):
        return None
    return payload if isinstance(payload, dict) else None
