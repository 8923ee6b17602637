"""The email domains an employer's account has used, for developers' domain blocks.

A domain block names a company by its mail domain. An employer that moves its address to
another domain is still that company, so a block keeps matching every domain the account has
used: each is kept as EmployerDomain rows (the domain and its parent domains, the form the
block list is matched on) from the first address on, and erased with the account.
"""

import re

from sqlalchemy import select

from outstaff.extensions import db
from outstaff.models import EmployerDomain, User


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


def parent_domains(domain: str) -> list[str]:
    """"hr.acme.com" -> ["hr.acme.com", "acme.com"]: what a block on any of them matches.
    A bare top-level domain ("com") blocks nobody."""
    labels = domain.split(".")
    return [".".join(labels[i:]) for i in range(len(labels) - 1)]


def remember(user: User) -> None:
    """Keep the employer's current email domain in its history (the caller commits)."""
    stored = set(db.session.scalars(
        select(EmployerDomain.domain).where(EmployerDomain.user_id == user.id)))
    for domain in parent_domains(email_domain(user.email)):
        if domain not in stored:
            db.session.add(EmployerDomain(user_id=user.id, domain=domain))


def domains_of(employer: User) -> frozenset[str]:
    """Every domain a block list matches the employer on: today's address and the history."""
    current = parent_domains(email_domain(employer.email))
    return frozenset(current).union(row.domain for row in employer.email_domains)
