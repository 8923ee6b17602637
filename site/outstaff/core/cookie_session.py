"""Flask's signed session cookie, with its serializer built once instead of twice a request.

The serializer depends only on the secret key and its fallbacks, so it is kept for as long
as they stay the same (a test or a key rotation that changes them gets a new one).
"""

from flask import Flask
from flask.sessions import SecureCookieSessionInterface


class CookieSessions(SecureCookieSessionInterface):
    def __init__(self) -> None:
        self._kept: tuple | None = None

    def get_signing_serializer(self, app: Flask):
        keys = (app.secret_key, tuple(app.config["SECRET_KEY_FALLBACKS"] or ()))
        kept = self._kept
        if kept is None or kept[0] != keys:
            kept = self._kept = (keys, super().get_signing_serializer(app))
        return kept[1]


def register(app: Flask) -> None:
    app.session_interface = CookieSessions()
