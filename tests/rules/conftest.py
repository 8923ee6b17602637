"""Give a user data in every table, for the no-trace deletion test (test_no_trace.py).

A feature that adds a table appends a small populate function here, e.g.

    @populates
    def feedback(p: Person) -> None:
        db.session.add(Feedback(user_id=p.user.id, email=p.ident("email"),
                                message=f"Hello from {p.ident('first name')}"))

Each function gets the Person about to be deleted: `role`, `user`, the counterparts they deal
with (`developer`, `employer`, `admin`: other accounts, which must keep their own data) and
`p.ident(kind)`, which gives the person's unique identifier of that kind (an email, a name,
any new kind you name); the test searches the whole database for every identifier used,
before the deletion (it must find each) and after (it must find none). Write rows about the
user in both directions (what they wrote, and what others wrote about them). The test fails
while a table stays empty for every role, so a new table cannot be forgotten here.
"""

import hashlib
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

import pytest

from outstaff.core.extensions import db
from outstaff.models import (
    AuditEntry,
    BlockedCompany,
    ConsentRecord,
    DeveloperLanguage,
    DeveloperProfile,
    DeveloperSkill,
    EmployerDailyUsage,
    EmployerDomain,
    EmployerProfile,
    ImageBlob,
    Offer,
    Photo,
    PolicyText,
    PolicyVersion,
    ProfileView,
    ShortlistEntry,
    User,
    utcnow,
)
from outstaff.search import index as search_index

# How each kind of identifier looks; {t} is the person's unique token, {d} seven digits.
FORMATS = {
    "email": "quokka.{t}@example.com",
    "email local part": "quokka.{t}",
    "first name": "Zenobia{t}",
    "last name": "Marchetti{t}",
    "phone": "+7701{d}",
    "telegram": "quokka_{t}",
    "bio phrase": "tends bonsai trees {t} on weekends",
    "blocked company": "Blockco {t} LLP",
    "company": "Quokka Works {t}",
    "website": "https://quokka-{t}.example.org",
    "email domain": "quokka-{t}.example.net",
    "IP address": "2001:db8::{t[0]}{t[1]}{t[2]}{t[3]}:{t[4]}{t[5]}{t[6]}{t[7]}",
}


@dataclass
class Person:
    role: str
    user: User
    developer: User
    employer: User
    admin: User
    token: str
    ids: dict[str, str] = field(default_factory=dict)

    def ident(self, key: str) -> str:
        """This person's identifier of that kind (made on first use); all are searched for."""
        if key not in self.ids:
            template = FORMATS.get(key, key.replace(" ", "-") + "-{t}")
            digits = f"{int(self.token, 16) % 10**7:07d}"
            self.ids[key] = template.format(t=self.token, d=digits)
        return self.ids[key]


POPULATORS: list[Callable[[Person], None]] = []


def populates(function: Callable[[Person], None]) -> Callable[[Person], None]:
    POPULATORS.append(function)
    return function


@pytest.fixture
def make_person(make_user) -> Callable[[str], Person]:
    """make_person(role) -> a user of `role` with rows in every table a populate function
    fills; committed."""
    return lambda role: _make_person(role, make_user)


def _make_person(role: str, make_user) -> Person:
    token = secrets.token_hex(4)
    email = FORMATS["email"].format(t=token)
    person = Person(
        role=role,
        user=make_user(role, email=email),
        developer=make_user("developer"),
        employer=make_user("employer", approval="approved"),
        admin=make_user("admin"),
        token=token,
    )
    person.ident("email")
    person.ident("email local part")
    for populate in POPULATORS:
        populate(person)
    db.session.commit()
    return person


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
    db.session.add_all(
        [
            Offer(
                employer_id=employer.id,
                developer_id=developer.id,
                role_title="Backend lead",
                engagement="contract",
                message=message,
                reply=reply,
                state="accepted",
            ),
            ShortlistEntry(employer_id=employer.id, developer_id=developer.id, note=note),
            ProfileView(developer_id=developer.id, employer_id=employer.id, day=date.today()),
        ]
    )


@populates
def audit_entries(p: Person) -> None:
    """What admins did about the user and, for an admin, what the admin did."""
    db.session.add(
        AuditEntry(
            actor_id=p.admin.id,
            action="account.approve",
            target_user_id=p.user.id,
            note=f"{p.ident('admin note')}: {p.ident('email')}",
        )
    )
    if p.role == "admin":
        db.session.add(
            AuditEntry(
                actor_id=p.user.id,
                action="profile.hide",
                target_user_id=p.developer.id,
                note=f"{p.ident('admin note')} by {p.ident('email local part')}",
            )
        )


@populates
def policy_versions(p: Person) -> None:
    """An admin published a policy version: the version keeps the bare id by design."""
    if p.role == "admin":
        db.session.add(
            PolicyVersion(
                version=secrets.randbelow(10**6) + 1000,
                body="# Privacy policy\n\nA test version.",
                published_by_id=p.user.id,
            )
        )


@populates
def policy_texts(p: Person) -> None:
    """An admin published a version in Russian too: the text holds no one's data."""
    if p.role == "admin":
        version = PolicyVersion(
            version=secrets.randbelow(10**6) + 2_000_000,
            body="# Privacy policy\n\nA test version.",
            published_by_id=p.user.id,
        )
        version.texts["ru"] = PolicyText(locale="ru", body="# Политика\n\nТестовая версия.")
        db.session.add(version)


def _model(table_name: str):
    """The model of a table, or None while the feature that adds it is not merged."""
    for mapper in db.Model.registry.mappers:
        if mapper.local_table.name == table_name:
            return mapper.class_
    return None


@populates
def security_events(p: Person) -> None:
    """The security log of sign-ins (privacy feature): an IP address identifies a person."""
    if (SecurityEvent := _model("security_event")) is None:
        return
    ip = p.ident("IP address")
    db.session.add(
        SecurityEvent(user_id=p.user.id, kind="signin", ip=ip, browser="Firefox", os="Linux")
    )


@populates
def page_views(p: Person) -> None:
    """Analytics (privacy feature) hold rows about pages, never about people, by design."""
    PageView, DailyPageViews = _model("page_view"), _model("page_view_daily")
    if PageView is None or DailyPageViews is None:
        return
    row = {
        "day": date.today(),
        "route": "/account/",
        "browser": "Firefox",
        "os": "Linux",
        "device": "desktop",
    }
    db.session.add_all([PageView(**row), DailyPageViews(**row, views=3)])


@populates
def feedback(p: Person) -> None:
    """Messages to the company (feedback feature): from the account, and sent as a visitor
    before signing up (matched by the address), with an admin's reply."""
    if (Feedback := _model("feedback")) is None:
        return
    name = f"{p.ident('first name')} {p.ident('last name')}"
    db.session.add_all(
        [
            Feedback(
                user_id=p.user.id,
                name=name,
                email=p.ident("email"),
                topic="other",
                message=f"Hello, {p.ident('message phrase')}",
                reply=f"Dear {name}, thanks",
                handled_by_id=p.admin.id,
            ),
            Feedback(
                user_id=None,
                name=name,
                email=p.ident("email"),
                topic="other",
                message="Is the site free to use?",
            ),
        ]
    )


@populates
def recovery_codes(p: Person) -> None:
    """An admin's two-factor recovery codes (admin feature), stored hashed."""
    if (RecoveryCode := _model("recovery_code")) is None or p.role != "admin":
        return
    code_hash = hashlib.sha256(f"recovery-{p.token}".encode()).hexdigest()
    p.ids["recovery code hash"] = code_hash
    db.session.add(RecoveryCode(user_id=p.user.id, code_hash=code_hash))


@populates
def user_sessions(p: Person) -> None:
    """A signed-in browser (sessions as records): its token hash and where it signed in from."""
    if (UserSession := _model("user_session")) is None:
        return
    token_hash = hashlib.sha256(f"session-{p.token}".encode()).hexdigest()
    p.ids["session token hash"] = token_hash
    db.session.add(
        UserSession(
            user_id=p.user.id,
            token_hash=token_hash,
            browser="Firefox",
            os="Linux",
            device="desktop",
            country="KZ",
        )
    )


@populates
def mail_outbox(p: Person) -> None:
    """Mail to the person (the task queue's outbox): one sent, one still waiting."""
    if (MailOutbox := _model("mail_outbox")) is None:
        return
    for n, state in enumerate(("sent", "queued")):
        db.session.add(
            MailOutbox(
                message_id=f"<{p.token}-{n}@example.com>",
                user_id=p.user.id,
                recipient=p.ident("email"),
                subject="Your offer",
                body=f"Hello {p.ident('first name')}",
                state=state,
            )
        )


@populates
def job_runs(p: Person) -> None:
    """A scheduled job's last run (the task queue): about no one, so it stays."""
    if (JobRun := _model("job_run")) is None or db.session.get(JobRun, "mail_sweeper"):
        return
    db.session.add(JobRun(job="mail_sweeper", succeeded=True, summary="mails handed: 0"))


@populates
def developer_terms(p: Person) -> None:
    """Hiring terms (issue 16): rate, where, links, hours, availability, work history."""
    if p.role != "developer" or (WorkHistoryEntry := _model("work_history_entry")) is None:
        return
    DeveloperHour = _model("developer_hour")
    profile = p.user.developer_profile
    profile.rate_min, profile.rate_max, profile.rate_currency = 4000, 5000, "EUR"
    profile.rate_period, profile.rate_min_base, profile.rate_max_base = "month", 5000, 6250
    profile.remote = profile.relocation = profile.onsite = True
    profile.relocation_countries, profile.onsite_city = ",DE,", p.ident("city")
    profile.link_github = f"https://github.com/{p.ident('github user')}"
    profile.link_website = p.ident("website")
    profile.time_zone, profile.work_start, profile.work_end = "Asia/Almaty", 9, 18
    profile.available_from, profile.availability_confirmed_at = date.today(), utcnow()
    profile.work_hours = [DeveloperHour(utc_hour=h) for h in (4, 5, 6)]
    profile.history = [
        WorkHistoryEntry(
            role=p.ident("job title"),
            company=p.ident("former employer"),
            company_hidden=True,
            start_month=date(2020, 1, 1),
            summary=f"Built {p.ident('history phrase')}",
        )
    ]


@populates
def employer_hours(p: Person) -> None:
    if p.role == "employer" and hasattr(p.user.employer_profile, "time_zone"):
        profile = p.user.employer_profile
        profile.time_zone, profile.work_start, profile.work_end = "Europe/London", 9, 17


@populates
def exchange_rates(p: Person) -> None:
    """An admin's exchange rate: about currencies, never about people."""
    if p.role == "admin" and (ExchangeRate := _model("exchange_rate")) is not None:
        day = date(2000, 1, 1).fromordinal(730000 + secrets.randbelow(5000))
        db.session.add(ExchangeRate(currency="EUR", per_usd=1, valid_from=day))
