"""Saving an employer's company profile; what an email change does to the approval."""

from flask import flash
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from outstaff import visibility
from outstaff.core import signals
from outstaff.core.extensions import db
from outstaff.employer.forms import EmployerProfileForm
from outstaff.models import EmployerDomain, EmployerProfile, User, utcnow
from outstaff.visibility import email_domain, normalize_company, parent_domains

REVIEW_AGAIN = _l(
    "An administrator will review your account again; until then you see no developer data."
)

FIELDS = ("first_name", "last_name", "company_name", "country", "website", "phone", "telegram")


def save_profile(user: User, form: EmployerProfileForm) -> bool:
    """Store the form on the user's company profile. Returns True when the account goes
    (back) to the approval queue: a rejected employer who updates the profile, or an approved
    one who renames the company (block lists match on the name, so a new name needs a new
    look by an admin)."""
    profile = user.employer_profile
    if profile is None:
        profile = EmployerProfile(user_id=user.id)
        db.session.add(profile)
    old_norm = profile.company_name_norm
    for name in FIELDS:
        setattr(profile, name, getattr(form, name).data or None)
    for name, value in form.hours().items():
        setattr(profile, name, value)
    profile.company_name_norm = normalize_company(profile.company_name)
    profile.updated_at = utcnow()
    visibility.forget_employer_identity()
    renamed = user.approval == "approved" and old_norm != profile.company_name_norm
    if user.approval == "rejected" or renamed:
        back_to_approval(user)
        return True
    return False


def back_to_approval(user: User) -> None:
    user.approval, user.approved_at = "pending", None


@signals.email_changed.connect
def _on_email_changed(
    _sender, user: User | None = None, old_email: str | None = None, **_extra
) -> None:
    """Block lists match the employer's email domains: keep the new one in the history, and
    a new domain needs a new look by an admin, as a new company name does."""
    if user is None or not user.is_employer:
        return
    remember_domain(user)
    visibility.forget_employer_identity()
    new_domain = email_domain(user.email)
    if old_email and email_domain(old_email) != new_domain and user.approval == "approved":
        back_to_approval(user)
        flash(REVIEW_AGAIN, "warning")


def remember_domain(user: User) -> None:
    """Keep the employer's current email domain in its history (the caller commits)."""
    stored = set(
        db.session.scalars(select(EmployerDomain.domain).where(EmployerDomain.user_id == user.id))
    )
    for domain in parent_domains(email_domain(user.email)):
        if domain not in stored:
            db.session.add(EmployerDomain(user_id=user.id, domain=domain))
