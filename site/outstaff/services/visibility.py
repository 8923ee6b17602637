"""The one rule that decides who sees a developer's profile.

The listing, the profile page, the photo, shortlists, offers and "who viewed me" all ask
here: `can_view(viewer, profile)` for one profile, `visible_clause(viewer)` for queries.

A viewer sees a profile only if the viewer is the owner or an admin; or the viewer is an
approved, active employer, the profile is published, not hidden by an admin, its owner is
active, and the employer's company is not on the owner's block list (matched on the
normalized company name and on the employer's email domain).
"""

import re
import unicodedata

from sqlalchemy import ColumnElement, and_, exists, false, or_, select, true

from outstaff.extensions import db
from outstaff.models import BlockedCompany, DeveloperProfile, Offer, User

LEGAL_FORMS = {
    "llc", "llp", "ltd", "limited", "inc", "incorporated", "corp", "corporation", "co",
    "gmbh", "ag", "sa", "srl", "bv", "oy", "ab", "plc", "pte", "pty", "ooo", "oao", "zao",
    "ип", "ооо", "оао", "зао", "пао", "тоо", "ао",
}


def normalize_company(name: str | None) -> str:
    """Case-folded words without punctuation or legal forms: "ACME, Inc." -> "acme"."""
    if not name:
        return ""
    text = unicodedata.normalize("NFKC", name).casefold()
    words = re.findall(r"\w+", text)
    kept = [w for w in words if w not in LEGAL_FORMS]
    return " ".join(kept or words)


def normalize_domain(value: str | None) -> str:
    """"@Mail.Example.com" or "https://example.com/x" -> "example.com"-style lower host."""
    if not value:
        return ""
    text = value.strip().casefold()
    text = re.sub(r"^[a-z]+://", "", text).split("/")[0].lstrip("@")
    text = text.split("@")[-1]
    return text.removeprefix("www.")


def email_domain(email: str) -> str:
    return normalize_domain(email.rpartition("@")[2])


def employer_identity(employer: User) -> tuple[str, str]:
    """(normalized company name, email domain) that block lists are matched against."""
    profile = getattr(employer, "employer_profile", None)
    company = profile.company_name_norm if profile and profile.company_name_norm else ""
    return company, email_domain(employer.email)


def _domain_matches(blocked: str, domain: str) -> bool:
    return bool(blocked) and (domain == blocked or domain.endswith("." + blocked))


def is_blocked(profile: DeveloperProfile, employer: User) -> bool:
    company, domain = employer_identity(employer)
    for entry in profile.blocked:
        if entry.kind == "company" and company and entry.value_norm == company:
            return True
        if entry.kind == "domain" and _domain_matches(entry.value_norm, domain):
            return True
    return False


def can_view(viewer, profile: DeveloperProfile | None) -> bool:
    """May `viewer` (a User, or an anonymous user) see `profile`?"""
    if profile is None or viewer is None or not getattr(viewer, "is_authenticated", False):
        return False
    if viewer.id == profile.user_id or (viewer.is_admin and viewer.is_active):
        return True
    if not viewer.is_approved_employer:
        return False
    owner = profile.user
    return (
        profile.is_published
        and profile.hidden_at is None
        and owner is not None
        and owner.is_active
        and not is_blocked(profile, viewer)
    )


def listed_clause() -> ColumnElement[bool]:
    """Published, not hidden, owner active: the part of the rule that ignores the viewer."""
    owner_active = exists().where(User.id == DeveloperProfile.user_id, User.status == "active")
    return and_(DeveloperProfile.is_published, DeveloperProfile.hidden_at.is_(None), owner_active)


def not_blocked_clause(employer: User) -> ColumnElement[bool]:
    company, domain = employer_identity(employer)
    # A blocked domain matches the employer's domain and its parent domains.
    parents = [".".join(domain.split(".")[i:]) for i in range(len(domain.split(".")) - 1)]
    matches = []
    if company:
        matches.append(and_(BlockedCompany.kind == "company", BlockedCompany.value_norm == company))
    if parents:
        matches.append(
            and_(BlockedCompany.kind == "domain", BlockedCompany.value_norm.in_(parents))
        )
    if not matches:
        return true()
    blocked = select(BlockedCompany.id).where(
        BlockedCompany.profile_id == DeveloperProfile.id, or_(*matches)
    )
    return ~exists(blocked)


def visible_clause(viewer) -> ColumnElement[bool]:
    """A WHERE clause on DeveloperProfile: the profiles `viewer` may see, in a listing."""
    if viewer is None or not getattr(viewer, "is_authenticated", False):
        return false()
    if viewer.is_admin and viewer.is_active:
        return true()
    if not viewer.is_approved_employer:
        return DeveloperProfile.user_id == viewer.id
    return or_(
        DeveloperProfile.user_id == viewer.id,
        and_(listed_clause(), not_blocked_clause(viewer)),
    )


def can_see_contacts(viewer, profile: DeveloperProfile | None) -> bool:
    """Email, phone and Telegram: to viewers who may see the profile, and, when the developer
    chose so, only to employers whose offer the developer accepted."""
    if not can_view(viewer, profile):
        return False
    if viewer.id == profile.user_id or viewer.is_admin:
        return True
    if profile.contact_visibility == "employers":
        return True
    accepted = select(Offer.id).where(
        Offer.employer_id == viewer.id,
        Offer.developer_id == profile.user_id,
        Offer.state == "accepted",
    )
    return db.session.scalar(accepted.limit(1)) is not None
