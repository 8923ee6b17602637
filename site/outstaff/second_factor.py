"""Whether this signed-in session passed two-factor sign-in.

Admin powers exist only in such a session: `User.is_admin` asks `passed()`. The mark is set
where the second factor is proved (the sign-in challenge, and turning two-factor on in this
session) and kept in the Flask session, keyed to the signed-in session's id
(`User.get_id()`): a new session token (password change, "sign out everywhere", a role
change), signing out, or a remember-me restore in a new browser session all start without it.
"""

from flask import has_request_context, session
from flask_login import user_logged_out

SESSION_KEY = "2fa_passed"


def mark_passed(user) -> None:
    session[SESSION_KEY] = user.get_id()


def passed(user) -> bool:
    return has_request_context() and session.get(SESSION_KEY) == user.get_id()


@user_logged_out.connect
def _forget_on_sign_out(sender, user=None, **_extra) -> None:
    session.pop(SESSION_KEY, None)
