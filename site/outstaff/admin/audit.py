"""The audit log: every admin action, who did it, to whom, when and why."""

from flask import render_template, request
from sqlalchemy import select

from outstaff.admin import bp
from outstaff.admin.lookup import MAX_ID, paginate
from outstaff.core import paging
from outstaff.core.extensions import db
from outstaff.models import AuditEntry, Feedback, User


@bp.get("/audit")
def audit_log():
    """Admin actions, newest first, filterable by action and by actor."""
    actions = db.session.scalars(
        select(AuditEntry.action).distinct().order_by(AuditEntry.action)
    ).all()
    actor_ids = db.session.scalars(
        select(AuditEntry.actor_id).where(AuditEntry.actor_id.is_not(None)).distinct()
    ).all()
    action = request.args.get("action", "")
    action = action if action in actions else ""
    actor = paging.whole_number(request.args.get("actor"), MAX_ID) or 0
    actor = actor if actor in actor_ids else 0
    stmt = select(AuditEntry).order_by(AuditEntry.created_at.desc(), AuditEntry.id.desc())
    if action:
        stmt = stmt.where(AuditEntry.action == action)
    if actor:
        stmt = stmt.where(AuditEntry.actor_id == actor)
    pagination = paginate(stmt)
    emails = _emails({*actor_ids, *_target_ids(pagination.items)})
    actor_choices = sorted((i, emails.get(i, f"#{i}")) for i in actor_ids)
    return render_template(
        "admin/audit.html",
        pagination=pagination,
        actions=actions,
        action=action,
        actor=actor,
        actor_choices=actor_choices,
        emails=emails,
        messages=_feedback_ids(pagination.items),
    )


def _target_ids(entries) -> set[int]:
    return {e.target_user_id for e in entries if e.target_user_id}


def _emails(ids: set[int]) -> dict[int, str]:
    """Emails of the accounts that still exist (deleted ones show as bare ids)."""
    if not ids:
        return {}
    return dict(db.session.execute(select(User.id, User.email).where(User.id.in_(ids))).all())


def _feedback_ids(entries) -> set[str]:
    """Targets like "feedback:12" whose message still exists, to link them."""
    prefix = "feedback:"
    ids = {
        int(e.target.removeprefix(prefix))
        for e in entries
        if e.target and e.target.startswith(prefix) and e.target[len(prefix) :].isdigit()
    }
    if not ids:
        return set()
    found = db.session.scalars(select(Feedback.id).where(Feedback.id.in_(ids))).all()
    return {f"feedback:{i}" for i in found}
