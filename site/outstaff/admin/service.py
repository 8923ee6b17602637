"""What admins do to accounts. Each operation checks its guard, acts, and writes an audit row.

The caller commits (except `delete`, which uses the deletion service and commits itself).
"""

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from outstaff import audit
from outstaff.accounts import service as accounts
from outstaff.core import signals
from outstaff.employer import service as employer
from outstaff.mail import send_mail
from outstaff.models import DeveloperProfile, User, utcnow
from outstaff.models.user import ROLES
from outstaff.twofactor import service as tf


class ActionRefused(Exception):
    """The action would break a rule (the last admin, acting on oneself); the message says so."""


def _guard_last_admin(target: User) -> None:
    if accounts.is_last_admin(target):
        raise ActionRefused(
            _(
                "%(email)s is the last active administrator: someone must be able "
                "to run the site. Make another administrator first.",
                email=target.email,
            )
        )


def _guard_self(target: User, admin: User) -> None:
    if target.id == admin.id:
        raise ActionRefused(
            _("You cannot do that to your own account from the console; use your account page.")
        )


def suspend(target: User, admin: User, note: str | None = None) -> None:
    """A suspended user cannot sign in, and their questionnaire leaves every listing."""
    _guard_last_admin(target)
    _guard_self(target, admin)
    if target.status == "suspended":
        raise ActionRefused(_("This account is already suspended."))
    target.status = "suspended"
    target.end_all_sessions()
    audit.record(admin, "user.suspend", target, note=note)


def reactivate(target: User, admin: User, note: str | None = None) -> None:
    if target.status == "active":
        raise ActionRefused(_("This account is already active."))
    target.status = "active"
    audit.record(admin, "user.reactivate", target, note=note)


def set_role(target: User, admin: User, role: str, note: str | None = None) -> None:
    if role not in ROLES or role == target.role:
        raise ActionRefused(_("Choose a different role."))
    if target.has_admin_role:
        _guard_last_admin(target)
    _guard_self(target, admin)
    old = target.role
    target.role = role
    # An employer starts unapproved; other roles have no approval at all.
    target.approval = "pending" if role == "employer" else None
    target.approved_at = None
    if role == "employer":
        employer.remember_domain(target)
    target.end_all_sessions()
    audit.record(admin, "user.role", target, note=_join(f"{old} -> {role}", note))


def hide_profile(profile: DeveloperProfile, admin: User, note: str) -> None:
    """Take a questionnaire out of every listing and tell its owner why."""
    if profile.hidden_at is not None:
        raise ActionRefused(_("This questionnaire is already hidden."))
    profile.hidden_at = utcnow()
    profile.hidden_note = note
    send_mail(
        profile.user.email, _l("Your questionnaire has been hidden"), "profile_hidden", note=note
    )
    audit.record(admin, "profile.hide", profile.user, note=note)


def unhide_profile(profile: DeveloperProfile, admin: User, note: str | None = None) -> None:
    if profile.hidden_at is None:
        raise ActionRefused(_("This questionnaire is not hidden."))
    profile.hidden_at = None
    profile.hidden_note = None
    send_mail(
        profile.user.email,
        _l("Your questionnaire is visible again"),
        "profile_unhidden",
        published=profile.is_published,
    )
    audit.record(admin, "profile.unhide", profile.user, note=note)


def reset_two_factor(target: User, admin: User, note: str | None = None) -> None:
    """For someone who lost both their phone and their recovery codes."""
    _guard_self(target, admin)
    if target.totp_enabled_at is None:
        raise ActionRefused(_("Two-factor sign-in is not on for this account."))
    tf.disable(target)
    target.end_all_sessions()
    signals.two_factor_changed.send(
        current_app._get_current_object(), user=target, event="reset", enabled=False
    )
    audit.record(admin, "twofactor.reset", target, note=note)


def delete(target: User, admin: User, note: str | None = None) -> None:
    """Erase the account with the same service as self-service deletion (commits)."""
    _guard_last_admin(target)
    _guard_self(target, admin)
    accounts.delete_account(target, by_admin=admin, note=note)


def _join(*parts: str | None) -> str:
    return "; ".join(p for p in parts if p)
