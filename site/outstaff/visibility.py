"""The one rule that decides who sees a developer's profile.

The listing, the profile page, the photo, shortlists, offers and "who viewed me" all ask
here: `can_view(viewer, profile)` for one profile, `visible_clause(viewer)` for queries.

A viewer sees a profile only if the viewer is the owner or an admin; or the viewer is an
approved, active employer, the profile is published, not hidden by an admin, its owner is
active, and the employer's company is not on the owner's block list (matched on the
company name's confusables skeleton and on every email domain the employer has used).
"""

from functools import lru_cache

from flask import g, has_request_context
from sqlalchemy import ColumnElement, and_, bindparam, exists, false, literal, or_, select, true

from outstaff.core.company_identity import (  # noqa: F401  (normalize_domain: re-exported
    company_key,
    email_domain,
    normalize_domain,
    parent_domains,
)
from outstaff.core.extensions import db
from outstaff.models import (
    BlockedCompany,
    DeveloperProfile,
    EmployerDomain,
    EmployerProfile,
    Offer,
    User,
)


def normalize_company(name: str | None) -> str:
    """The key block lists match company names on: the Unicode confusables skeleton without
    invisible characters, case, accents or the legal form (outstaff.core.company_identity)."""
    return company_key(name)


def employer_identity(employer: User) -> tuple[str, frozenset[str]]:
    """(company name key, every email domain used) that block lists are matched against;
    read once per request (a profile page asks for the page, its buttons and its offer)."""
    if not has_request_context():
        return _read_identity(employer)
    cached = g.get("employer_identity")
    if cached is None or cached[0] != employer.id:
        cached = g.employer_identity = (employer.id, _read_identity(employer))
    return cached[1]


def forget_employer_identity() -> None:
    """The signed-in employer's company name or address changed in this request."""
    if has_request_context():
        g.pop("employer_identity", None)


def _read_identity(employer: User) -> tuple[str, frozenset[str]]:
    """In one statement, where the ORM's two relationships would load two."""
    rows = db.session.execute(_identity_query(), {"employer": employer.id}).all()
    company = next((value for kind, value in rows if kind == 0 and value), "")
    history = {value for kind, value in rows if kind == 1}
    return company, frozenset(parent_domains(email_domain(employer.email))) | history


@lru_cache(maxsize=1)
def _identity_query():
    employer = bindparam("employer")
    company = select(literal(0), EmployerProfile.company_name_norm).where(
        EmployerProfile.user_id == employer
    )
    domains = select(literal(1), EmployerDomain.domain).where(EmployerDomain.user_id == employer)
    return company.union_all(domains)


def is_blocked(profile: DeveloperProfile, employer: User) -> bool:
    company, domains = employer_identity(employer)
    for entry in profile.blocked:
        if entry.kind == "company" and company and entry.value_norm == company:
            return True
        if entry.kind == "domain" and entry.value_norm in domains:
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


def _bind(values: dict | None, key: str, **kw):
    """A named placeholder (values None: filled at execution) or a bound value."""
    if values is None:
        return bindparam(key, **kw)
    return bindparam(key, values[key], unique=True, **kw)


def _domain_binds(values: dict | None, domains: int) -> list:
    """The employer's own domains. As placeholders, one per domain (the shape holds how
    many): an expanding IN would make SQLAlchemy rewrite the listing's long statement on
    every execution."""
    return [_bind(values, f"vis_domain_{i}") for i in range(domains)]


def _block_matches(values: dict | None, domains: int) -> list:
    # The employer's normalized company name is read inside the statement (an uncorrelated
    # subquery, run once), which spares every listing request a query of its own.
    company = (
        select(EmployerProfile.company_name_norm)
        .where(
            EmployerProfile.user_id == _bind(values, "vis_viewer"),
            EmployerProfile.company_name_norm != "",
        )
        .scalar_subquery()
    )
    # Domains: today's address (bound) and every one the account used before (a subquery).
    used = select(EmployerDomain.domain).where(
        EmployerDomain.user_id == _bind(values, "vis_viewer")
    )
    domain_matches = [BlockedCompany.value_norm.in_(used)]
    if own := _domain_binds(values, domains):
        domain_matches.append(BlockedCompany.value_norm.in_(own))
    return [
        and_(BlockedCompany.kind == "company", BlockedCompany.value_norm == company),
        and_(BlockedCompany.kind == "domain", or_(*domain_matches)),
    ]


def _not_blocked(values: dict | None, domains: int):
    blocked = select(BlockedCompany.id).where(
        BlockedCompany.profile_id == DeveloperProfile.id, or_(*_block_matches(values, domains))
    )
    return ~exists(blocked)


def unlisted_ids(shape: tuple):
    """A select of the profiles' ids an employer of `shape` may not see (hidden,
    owner suspended, blocked for the employer), each part read from its own index: the few
    rows a count of matches subtracts (outstaff.listing.counts). Placeholders as
    `visible_clause_for`."""
    p = DeveloperProfile
    hidden = select(p.id).where(p.hidden_at.is_not(None))  # ix_developer_profile_hidden
    owner_inactive = (  # ix_user_status
        select(p.id)
        .join(User, User.id == p.user_id)
        .where(or_(User.status < "active", User.status > "active"))
    )
    blocked = select(BlockedCompany.profile_id).where(or_(*_block_matches(None, shape[1])))
    return hidden.union(owner_inactive, blocked)


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
    return _employer_binds(viewer)


def _employer_binds(employer) -> tuple[tuple, dict]:
    domains = parent_domains(email_domain(employer.email))
    values = {f"vis_domain_{i}": domain for i, domain in enumerate(domains)}
    return ("employer", len(domains)), {"vis_viewer": employer.id, **values}


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
    return and_(listed_clause(), _not_blocked(values, domains=shape[1]))


@lru_cache(maxsize=16)
def visible_clause_for(shape: tuple) -> ColumnElement[bool]:
    """The clause of `viewer_binds` with named placeholders, the same for every viewer of one
    shape; execute the statement with the viewer's `values`."""
    return _visible(shape, None)


def not_blocked_clause(employer: User) -> ColumnElement[bool]:
    shape, values = _employer_binds(employer)
    return _not_blocked(values, domains=shape[1])


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
