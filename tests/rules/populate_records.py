"""Rows of records: audit, policy, security events, page views, feedback, two-factor,
sessions, mail, jobs, terms, hours and rates (registered with `populates`)."""

import hashlib
import secrets
from datetime import date

from outstaff.core.extensions import db
from outstaff.models import (
    AuditEntry,
    PolicyText,
    PolicyVersion,
    utcnow,
)
from tests.rules.person import Person, populates


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
