"""Account events other features listen to (the security log, for one)."""

from blinker import Namespace

_signals = Namespace()

# sender: the app; keyword `user` (a User, or None when unknown) and, where useful, `email`.
signin_succeeded = _signals.signal("signin-succeeded")
signin_failed = _signals.signal("signin-failed")
signin_limited = _signals.signal("signin-limited")
password_changed = _signals.signal("password-changed")
password_reset = _signals.signal("password-reset")
email_changed = _signals.signal("email-changed")  # also `old_email`
two_factor_changed = _signals.signal("two-factor-changed")
