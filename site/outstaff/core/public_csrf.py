"""A CSRF token for the two forms on every page (language, cookie choice) that needs no session.

Flask-WTF keeps its token in the session, so a token in the footer would set the session
cookie on every page, before the visitor has chosen anything (see privacy/consent.py). This
token is signed with the secret key instead, and bound to the client: it is valid only from
the address and browser it was given to, for a day. Another site cannot read it from the
visitor's page (same-origin policy), and one it fetches for itself fails here, since it comes
from the other site's server. The `Origin` / `Sec-Fetch-Site` check stays in front of it.

Forms use it through `outstaff.forms.PublicForm` (its Meta's `csrf_class`); templates print
the token with the `public_csrf_token()` global, in a field of that name. Like every other
form, it follows WTF_CSRF_ENABLED.
"""

import hashlib
import hmac
from functools import partial

from flask import current_app, g, request
from flask_babel import lazy_gettext as _l
from itsdangerous import BadData, URLSafeTimedSerializer
from wtforms.csrf.core import CSRF
from wtforms.validators import ValidationError

from outstaff.core import csrf_reuse
from outstaff.core.net import client_ip

MAX_AGE = 24 * 3600
FIELD = "public_csrf_token"
SALT = "outstaff.public-form"
EXPIRED = _l(
    "The form had expired or was sent from another site. Please reload the page and try again."
)


def _client() -> str:
    """Who the token is for: a digest of the client's address and User-Agent."""
    agent = request.headers.get("User-Agent", "")[:512]
    return hashlib.sha256(f"{client_ip()}\n{agent}".encode()).hexdigest()


def _serializer() -> URLSafeTimedSerializer:
    cached = current_app.extensions.get("public_csrf")
    if cached is None or cached[0] != current_app.secret_key:
        cached = (current_app.secret_key, URLSafeTimedSerializer(current_app.secret_key, salt=SALT))
        current_app.extensions["public_csrf"] = cached
    return cached[1]


def token() -> str:
    """One token per request: every form on the page prints the same (core/fragments.py
    finds it in cached HTML by its value)."""
    if "public_csrf_token" not in g:
        client = _client()
        sign = partial(_serializer().dumps, client)
        g.public_csrf_token = csrf_reuse.signed("public", client, sign)
    return g.public_csrf_token


def valid(value: str | None) -> bool:
    try:
        client = _serializer().loads(value or "", max_age=MAX_AGE)
    except BadData:
        return False
    return isinstance(client, str) and hmac.compare_digest(client, _client())


class ClientBoundCSRF(CSRF):
    """WTForms' CSRF hook with the token above."""

    def generate_csrf_token(self, csrf_token_field) -> str:
        return token()

    def validate_csrf_token(self, form, field) -> None:
        if not valid(field.data):
            raise ValidationError(EXPIRED)
