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
from functools import lru_cache

from sqlalchemy import ColumnElement, and_, bindparam, exists, false, or_, select, true

from outstaff.extensions import db
from outstaff.models import BlockedCompany, DeveloperProfile, EmployerProfile, Offer, User

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
    # As in SQL (_parent_domains): a bare top-level domain ("com") blocks nobody.
    return "." in blocked and (domain == blocked or domain.endswith("." + blocked))


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


def _parent_domains(domain: str) -> list[str]:
    """A blocked domain matches the employer's domain and its parent domains."""
    labels = domain.split(".")
    return [".".join(labels[i:]) for i in range(len(labels) - 1)]


def _bind(values: dict | None, key: str, **kw):
    """A named placeholder (values None: filled at execution) or a bound value."""
    if values is None:
        return bindparam(key, **kw)
    return bindparam(key, values[key], unique=True, **kw)


def _not_blocked(values: dict | None, has_domains: bool):
    # The employer's normalized company name is read inside the statement (an uncorrelated
    # subquery, run once), which spares every listing request a query of its own.
    company = select(EmployerProfile.company_name_norm).where(
        EmployerProfile.user_id == _bind(values, "vis_viewer"),
        EmployerProfile.company_name_norm != "",
    ).scalar_subquery()
    matches = [and_(BlockedCompany.kind == "company", BlockedCompany.value_norm == company)]
    if has_domains:
        matches.append(and_(BlockedCompany.kind == "domain", BlockedCompany.value_norm.in_(
            _bind(values, "vis_domains", expanding=True))))
    blocked = select(BlockedCompany.id).where(
        BlockedCompany.profile_id == DeveloperProfile.id, or_(*matches)
    )
    return ~exists(blocked)


def viewer_binds(viewer) -> tuple[tuple, dict]:
    """The SQL form of the rule for `viewer`, split in two for statement caching.

    Returns (shape, values): `visible_clause_for(shape)` is the clause with bound parameters
    and `values` fills them. Employers share a few shapes, so a query built on the clause can
    be built once and reused with each viewer's values (the listing does).
    """
    if viewer is None or not getattr(viewer, "is_authenticated", False):
        return ("nobody",), {}
    if viewer.is_admin and viewer.is_active:
        return ("everyone",), {}
    if not viewer.is_approved_employer:
        return ("own",), {"vis_viewer": viewer.id}
    domains = _parent_domains(email_domain(viewer.email))
    return ("employer", bool(domains)), {"vis_viewer": viewer.id, "vis_domains": domains}


def _visible(shape: tuple, values: dict | None) -> ColumnElement[bool]:
    if shape[0] == "nobody":
        return false()
    if shape[0] == "everyone":
        return true()
    own = DeveloperProfile.user_id == _bind(values, "vis_viewer")
    if shape[0] == "own":
        return own
    # An approved employer owns no questionnaire (an account has one role), so the owner
    # branch is left out here: without the OR, the clause is a plain conjunction that
    # PostgreSQL plans as an ordered index scan stopped by LIMIT.
    return and_(listed_clause(), _not_blocked(values, has_domains=shape[1]))


@lru_cache(maxsize=16)
def visible_clause_for(shape: tuple) -> ColumnElement[bool]:
    """The clause of `viewer_binds` with named placeholders, the same for every viewer of one
    shape; execute the statement with the viewer's `values`."""
    return _visible(shape, None)


def not_blocked_clause(employer: User) -> ColumnElement[bool]:
    values = {"vis_viewer": employer.id,
              "vis_domains": _parent_domains(email_domain(employer.email))}
    return _not_blocked(values, has_domains=bool(values["vis_domains"]))


def visible_clause(viewer) -> ColumnElement[bool]:
    """A WHERE clause on DeveloperProfile: the profiles `viewer` may see, in a listing."""
    shape, values = viewer_binds(viewer)
    return _visible(shape, values)


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
