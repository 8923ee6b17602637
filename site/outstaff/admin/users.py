"""Finding accounts, and one account's page with everything the site holds about it."""

from flask import render_template, request
from sqlalchemy import and_, or_, select
from sqlalchemy.orm import selectinload

from outstaff import choices, personal_data
from outstaff.admin import bp
from outstaff.admin.approvals import DecisionForm
from outstaff.admin.lookup import choice_arg, get_or_404, paginate
from outstaff.core.extensions import db
from outstaff.core.sql import LIKE_ESCAPE, contains_pattern
from outstaff.models import (
    AuditEntry,
    ConsentRecord,
    DeveloperProfile,
    EmployerProfile,
    Feedback,
    User,
)
from outstaff.models.user import ROLES
from outstaff.twofactor import service as twofactor

STATUS_FILTERS = {
    "active": User.status == "active",
    "suspended": User.status == "suspended",
    "pending": and_(User.role == "employer", User.approval == "pending"),
    "rejected": and_(User.role == "employer", User.approval == "rejected"),
    "unconfirmed": User.email_confirmed_at.is_(None),
}


def _full_name(model):
    return db.func.coalesce(model.first_name, "") + " " + db.func.coalesce(model.last_name, "")


def search_users(q: str, role: str, status: str):
    stmt = (
        select(User)
        .outerjoin(DeveloperProfile, DeveloperProfile.user_id == User.id)
        .outerjoin(EmployerProfile, EmployerProfile.user_id == User.id)
        .options(selectinload(User.developer_profile), selectinload(User.employer_profile))
        .order_by(User.created_at.desc(), User.id.desc())
    )
    if q:
        like, folded = contains_pattern(q), contains_pattern(q.casefold())
        stmt = stmt.where(
            or_(
                User.email.ilike(like, escape=LIKE_ESCAPE),
                _full_name(DeveloperProfile).ilike(like, escape=LIKE_ESCAPE),
                _full_name(EmployerProfile).ilike(like, escape=LIKE_ESCAPE),
                EmployerProfile.company_name.ilike(like, escape=LIKE_ESCAPE),
                DeveloperProfile.search_text.like(folded, escape=LIKE_ESCAPE),
            )
        )
    if role:
        stmt = stmt.where(User.role == role)
    if status:
        stmt = stmt.where(STATUS_FILTERS[status])
    return stmt


@bp.get("/users")
def users():
    """Accounts, searchable by email or name, filtered by role and status."""
    q = request.args.get("q", "").strip()[:100]
    role = choice_arg("role", ROLES)
    status = choice_arg("status", STATUS_FILTERS)
    pagination = paginate(search_users(q, role, status))
    return render_template(
        "admin/users.html",
        pagination=pagination,
        q=q,
        role=role,
        status=status,
        roles=ROLES,
        statuses=list(STATUS_FILTERS),
    )


@bp.get("/users/<int:user_id>")
def user(user_id: int):
    """One account: its data, consents, messages and what admins did about it."""
    user = get_or_404(User, user_id)
    profile = user.developer_profile or user.employer_profile
    return render_template(
        "admin/user.html",
        user=user,
        profile=profile,
        profile_fields=_declared_fields(profile),
        consents=db.session.scalars(
            select(ConsentRecord)
            .where(ConsentRecord.user_id == user.id)
            .order_by(ConsentRecord.created_at.desc())
        ).all(),
        messages=db.session.scalars(
            select(Feedback)
            .where(personal_data.reaches(Feedback, user))
            .order_by(Feedback.created_at.desc())
        ).all(),
        audit=db.session.scalars(
            select(AuditEntry)
            .where(or_(AuditEntry.target_user_id == user.id, AuditEntry.actor_id == user.id))
            .order_by(AuditEntry.created_at.desc(), AuditEntry.id.desc())
            .limit(20)
        ).all(),
        codes_left=twofactor.recovery_codes_left(user),
        decision_form=DecisionForm(),
    )


def _declared_fields(profile) -> list[tuple[str, object]]:
    """The profile's personal-data fields, labelled as the privacy page labels them."""
    if profile is None:
        return []
    decl = personal_data.declaration(type(profile))
    return [
        (label, _readable(column, getattr(profile, column)))
        for column, label in decl.fields.items()
    ]


# Columns holding a code, shown by its name in the admin's language.
_NAMES = {
    "country": choices.country_name,
    "profession": dict(choices.PROFESSIONS).get,
    "english_level": dict(choices.ENGLISH_LEVELS).get,
    "availability": dict(choices.AVAILABILITY).get,
    "contact_visibility": dict(choices.CONTACT_VISIBILITY).get,
}


def _readable(column: str, value):
    if isinstance(value, str) and value and column in _NAMES:
        return _NAMES[column](value) or value
    return value
