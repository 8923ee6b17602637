"""Saving an employer's company profile."""

from outstaff.employer.forms import EmployerProfileForm
from outstaff.extensions import db
from outstaff.models import EmployerProfile, User, utcnow
from outstaff.services.visibility import normalize_company

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
        user.approval, user.approved_at = "pending", None
        return True
    return False
