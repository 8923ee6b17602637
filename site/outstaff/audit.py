"""The audit log's one writer: what an admin (or the site itself) did, and to whom.

Rows outlive the people they name (the personal-data declaration keeps their ids and drops
the note on erasure); the console's audit page reads them.
"""

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from outstaff.core.extensions import db
from outstaff.models import AuditEntry, User

# What each action code means, as the console shows it (the code stays in the row).
ACTION_LABELS = {
    "account.delete": _l("Deleted an account"),
    "employer.approve": _l("Approved an employer"),
    "employer.reject": _l("Did not approve an employer"),
    "feedback.delete": _l("Deleted a message"),
    "feedback.handled": _l("Marked a message handled"),
    "feedback.reopen": _l("Reopened a message"),
    "feedback.reply": _l("Replied to a message"),
    "mail.retry": _l("Queued failed mail again"),
    "policy.publish": _l("Published a privacy policy"),
    "profile.hide": _l("Hid a questionnaire"),
    "profile.unhide": _l("Showed a questionnaire again"),
    "retention.delete": _l("Deleted an unused account"),
    "twofactor.disable": _l("Turned two-factor sign-in off"),
    "twofactor.enable": _l("Turned two-factor sign-in on"),
    "twofactor.recovery_code_used": _l("Signed in with a recovery code"),
    "twofactor.recovery_codes": _l("Made new recovery codes"),
    "twofactor.reset": _l("Reset two-factor sign-in"),
    "user.reactivate": _l("Reactivated an account"),
    "user.role": _l("Changed an account's role"),
    "user.suspend": _l("Suspended an account"),
    "viewcap.reached": _l("An employer reached the daily view limit"),
}


def record(
    actor: User | None,
    action: str,
    target_user: User | None = None,
    *,
    target_user_id: int | None = None,
    target: str | None = None,
    note: str | None = None,
) -> AuditEntry:
    """Add an audit row to the session (the caller commits with the change it records).

    `actor` None means the site itself (retention, harvesting alerts); `target` names a
    non-user object ("feedback:12", "policy:3").
    """
    entry = AuditEntry(
        actor_id=actor.id if actor else None,
        action=action,
        target_user_id=target_user.id if target_user else target_user_id,
        target=target,
        note=note,
    )
    db.session.add(entry)
    return entry


def action_label(action: str) -> str:
    """The words for an action code; an unknown code is shown as it is."""
    return str(ACTION_LABELS.get(action, action))


def people(entries) -> dict[int, str]:
    """Email addresses of the accounts that audit rows name, in one query (deleted ones are
    missing: the row keeps only the id)."""
    ids = {i for e in entries for i in (e.actor_id, e.target_user_id) if i}
    if not ids:
        return {}
    return dict(db.session.execute(select(User.id, User.email).where(User.id.in_(ids))).all())
