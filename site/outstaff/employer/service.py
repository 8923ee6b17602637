"""Saving an employer's company profile; what an email change does to the approval."""

from flask import flash
from flask_babel import lazy_gettext as _l

from outstaff import signals
from outstaff.employer.forms import EmployerProfileForm
from outstaff.extensions import db
from outstaff.models import EmployerProfile, User, utcnow
from outstaff.services import employer_domains
from outstaff.services.visibility import normalize_company

REVIEW_AGAIN = _l("An administrator will review your account again; until then you see no "
                  "developer data.")

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
    profile.company_name_norm = normalize_company(profile.company_name)
    profile.updated_at = utcnow()
    renamed = user.approval == "approved" and old_norm != profile.company_name_norm
    if user.approval == "rejected" or renamed:
        back_to_approval(user)
        return True
    return False


def back_to_approval(user: User) -> None:
    user.approval, user.approved_at = "pending", None


@signals.email_changed.connect
def _on_email_changed(_sender, user: User | None = None, old_email: str | None = None,
                      **_extra) -> None:
    """Block lists match the employer's email domains: keep the new one in the history, and
    a new domain needs a new look by an admin, as a new company name does."""
    if user is None or not user.is_employer:
        return
    employer_domains.remember(user)
    new_domain = employer_domains.email_domain(user.email)
    if old_email and employer_domains.email_domain(old_email) != new_domain \
            and user.approval == "approved":
        back_to_approval(user)
        flash(REVIEW_AGAIN, "warning")
