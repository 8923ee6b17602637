"""Whether this signed-in session passed two-factor sign-in.

Admin powers exist only in such a session: `User.is_admin` asks `passed()`. The mark is the
session record's `two_factor_at` (outstaff.models.session.UserSession), set where the second
factor is proved: the sign-in challenge, a signed-in session proving it again, and turning
two-factor on in this session. A new sign-in, "sign out everywhere", a password change or a
role change start a new record, or end this one, and with it the mark. A browser session
restored from the remember-me cookie is not fresh (Flask-Login), so it proves the second
factor again before admin powers return.
"""

from flask import has_request_context
from flask_login import confirm_login, login_fresh

from outstaff.models.base import utcnow


def mark_passed(user) -> None:
    """Note on this browser's session record that the second factor is proved (caller
    commits)."""
    record = user.current_session
    if record is not None:
        record.two_factor_at = utcnow()
        if has_request_context():
            confirm_login()  # this browser session is fresh again


def passed(user) -> bool:
    record = user.current_session
    return (record is not None and record.ended_at is None and record.two_factor_at is not None
            and has_request_context() and login_fresh())
