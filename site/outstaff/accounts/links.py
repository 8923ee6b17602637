"""Links in mail that act on an account, each bound to the account state its use changes.

A link carries a fingerprint of that state (signed with the rest of the token). Using the
link changes the state, and so does any change of the email address or the password in
between: the fingerprint no longer matches and every outstanding link of that kind is dead.
So each link works once, and no link outlives the address it was mailed to.
"""

import hmac
from collections.abc import Callable
from datetime import datetime

from outstaff.core.extensions import db
from outstaff.core.links import external_url
from outstaff.core.tokens import fingerprint, make_token, read_token
from outstaff.models import User

BOUND_TO: dict[str, Callable[[User], tuple]] = {
    # Confirming sets email_confirmed_at; a new address clears the old link too.
    "confirm": lambda user: (user.email, user.email_confirmed_at),
    # Resetting changes the hash; an email change ends links mailed to the old address.
    "reset": lambda user: (user.email, user.password_hash),
    # The change sets a new email and email_confirmed_at (so returning to the old address
    # does not revive the link); a password reset ends links an intruder asked for.
    "email_change": lambda user: (user.email, user.email_confirmed_at, user.password_hash),
}


def _state(purpose: str, user: User) -> str:
    parts = BOUND_TO[purpose](user)
    return fingerprint(
        "\x1f".join(
            value.isoformat()
            if isinstance(value, datetime)
            else ""
            if value is None
            else str(value)
            for value in parts
        )
    )


def token_for(purpose: str, user: User, **extra) -> str:
    """A signed token for `user`, bound to their current state for `purpose`."""
    return make_token(purpose, {"uid": user.id, "state": _state(purpose, user), **extra})


def account_link(purpose: str, endpoint: str, user: User, **extra) -> str:
    """An absolute link to `endpoint` carrying `token_for(purpose, user, **extra)`."""
    return external_url(endpoint, token=token_for(purpose, user, **extra))


def open_link(purpose: str, token: str) -> tuple[User | None, dict]:
    """The account a link acts on and its payload; (None, {}) when forged, expired or spent."""
    payload = read_token(purpose, token) or {}
    uid = payload.get("uid")
    user = db.session.get(User, uid) if isinstance(uid, int) else None
    if user is None or not hmac.compare_digest(str(payload.get("state")), _state(purpose, user)):
        return None, {}
    return user, payload
