"""Rows of profiles, companies, consents, offers, saved searches and settings, about the
person and by them (registered with `populates`)."""

import hashlib
from datetime import date

from outstaff.core.extensions import db
from outstaff.models import (
    BlockedCompany,
    ConsentRecord,
    DeveloperLanguage,
    DeveloperProfile,
    DeveloperSkill,
    EmployerDailyUsage,
    EmployerDomain,
    EmployerProfile,
    ImageBlob,
    NotificationSettings,
    Offer,
    OfferMessage,
    Photo,
    ProfileView,
    SavedSearch,
    ShortlistEntry,
    utcnow,
)
from outstaff.search import index as search_index
from tests.rules.person import Person, populates


def _image(p: Person, size: str) -> str:
    data = b"\x89PNG\r\n\x1a\n" + f"{size} {p.ident('photo bytes')}".encode()
    sha = hashlib.sha256(data).hexdigest()
    p.ids[f"photo hash ({size})"] = sha  # content-addressed: the hash names the photo
    db.session.add(ImageBlob(sha256=sha, content_type="image/png", width=1, height=1, data=data))
    return sha


@populates
def developer_profile(p: Person) -> None:
    if p.role != "developer":
        return
    photo = Photo(user_id=p.user.id, thumb_sha=_image(p, "thumb"), large_sha=_image(p, "large"))
    profile = DeveloperProfile(
        user_id=p.user.id,
        first_name=p.ident("first name"),
        last_name=p.ident("last name"),
        current_company=p.ident("company"),
        country="KZ",
        english_level="B2",
        english_rank=4,
        telegram=p.ident("telegram"),
        phone=p.ident("phone"),
        profession="backend",
        years_experience=6,
        availability="open",
        bio=f"I {p.ident('bio phrase')}.",
        is_published=True,
        published_at=utcnow(),
        photo=photo,
        search_text=" ".join(
            [p.ident("first name"), p.ident("last name"), p.ident("skill"), p.ident("bio phrase")]
        ).casefold(),
        languages=[DeveloperLanguage(code="kk"), DeveloperLanguage(code="en")],
        skills=[DeveloperSkill(name=p.ident("skill"), name_norm=p.ident("skill").casefold())],
    )
    db.session.add(profile)
    db.session.flush()
    search_index.sync(profile)  # the search index holds the name, the skill and the bio
    db.session.add(
        BlockedCompany(
            profile_id=profile.id,
            user_id=p.user.id,
            kind="company",
            value=p.ident("blocked company"),
            value_norm=p.ident("blocked company").casefold(),
        )
    )


@populates
def employer_profile(p: Person) -> None:
    if p.role != "employer":
        return
    db.session.add(
        EmployerProfile(
            user_id=p.user.id,
            first_name=p.ident("first name"),
            last_name=p.ident("last name"),
            company_name=p.ident("company"),
            company_name_norm=p.ident("company").casefold(),
            country="KZ",
            website=p.ident("website"),
            phone=p.ident("phone"),
            telegram=p.ident("telegram"),
        )
    )


@populates
def employer_domains_and_daily_usage(p: Person) -> None:
    """An employer's earlier email domain (block lists match it) and today's view counts."""
    if p.role != "employer":
        return
    db.session.add_all(
        [
            EmployerDomain(user_id=p.user.id, domain=p.ident("email domain")),
            EmployerDailyUsage(
                employer_id=p.user.id, day=date.today(), profiles=3, listing_pages=7
            ),
        ]
    )


@populates
def consents(p: Person) -> None:
    purposes = ["privacy_policy", "analytics_cookies"]
    if p.role == "developer":
        purposes.append("publish_profile")
    for purpose in purposes:
        db.session.add(
            ConsentRecord(user_id=p.user.id, purpose=purpose, granted=True, policy_version=1)
        )


@populates
def offers_shortlists_and_views(p: Person) -> None:
    """Both directions: a developer receives them, an employer sends them."""
    if p.role not in ("developer", "employer"):
        return
    name = f"{p.ident('first name')} {p.ident('last name')}"
    if p.role == "developer":
        employer, developer = p.employer, p.user
        message, note = f"Dear {name}, {p.ident('message phrase')}.", f"{name}: strong Go"
        reply = f"Thanks! Write to {p.ident('telegram')}."
    else:
        employer, developer = p.user, p.developer
        message = f"Regards, {name}, {p.ident('company')}. {p.ident('message phrase')}"
        note, reply = f"Call {p.developer.email} - {name}", None
    offer = Offer(
        employer_id=employer.id,
        developer_id=developer.id,
        role_title="Backend lead",
        engagement="contract",
        message=message,
        reply=reply,
        state="accepted",
    )
    db.session.add(offer)
    db.session.flush()
    other = employer if p.user is developer else developer
    db.session.add_all(
        [
            OfferMessage(
                offer_id=offer.id,
                author_id=p.user.id,
                recipient_id=other.id,
                body=f"{name} here, {p.ident('message phrase')}",
            ),
            OfferMessage(
                offer_id=offer.id, author_id=other.id, recipient_id=p.user.id, body=f"Hello {name}"
            ),
            ShortlistEntry(employer_id=employer.id, developer_id=developer.id, note=note),
            ProfileView(developer_id=developer.id, employer_id=employer.id, day=date.today()),
        ]
    )


@populates
def saved_searches(p: Person) -> None:
    """An employer's saved search, named after them."""
    if p.role == "employer":
        db.session.add(
            SavedSearch(
                employer_id=p.user.id,
                name=f"{p.ident('company')} search",
                query=f"q={p.ident('message phrase')}",
                frequency="daily",
            )
        )


@populates
def notification_settings(p: Person) -> None:
    """The person's choice of mail (no text: only the row must go)."""
    db.session.add(
        NotificationSettings(
            user_id=p.user.id, offers=True, messages=False, alerts=True, reminders=False
        )
    )
