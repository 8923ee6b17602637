"""The audit log's one writer: what an admin (or the site itself) did, and to whom.

Rows outlive the people they name (the personal-data declaration keeps their ids and drops
the note on erasure); the console's audit page reads them.
"""

from outstaff.core.extensions import db
from outstaff.models import AuditEntry, User


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
