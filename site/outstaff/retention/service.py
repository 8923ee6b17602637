"""`flask privacy purge`: keep personal data no longer than the configured periods.

Each step finds what is past its period, says what it does (or would do, with --dry-run)
and does it; a second run finds nothing left to do. Accounts are erased the way
self-service deletion erases them (every declared row; audit entries keep bare ids).
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from outstaff.accounts import service as accounts
from outstaff.core import database
from outstaff.core.extensions import db
from outstaff.core.links import external_url
from outstaff.mail import send_mail
from outstaff.models import AuditEntry, DeveloperProfile, User, utcnow


@dataclass
class Run:
    now: datetime
    dry_run: bool
    echo: Callable[[str], None]

    def days(self, key: str) -> timedelta:
        return timedelta(days=current_app.config[key])

    def say(self, done: str, would: str, items: list) -> None:
        ids = ", ".join(str(i) for i in items[:20]) + (" ..." if len(items) > 20 else "")
        verb = would if self.dry_run else done
        self.echo(f"{verb}: {len(items)}" + (f" (ids {ids})" if items else ""))


def link(endpoint: str) -> str:
    """An absolute link for a mail (on SITE_URL)."""
    return external_url(endpoint)


def erase(user: User, reason: str, mail: str | None = None, **context) -> None:
    """Delete the account through the one deletion path, audited as retention's."""
    accounts.delete_account(user, retention=reason, mail=mail, **context)


def _seen(user: User) -> datetime:
    return user.last_seen_at or user.created_at


def unconfirmed_signups(run: Run) -> None:
    """Sign-ups whose address was never confirmed: deleted (no mail: it may not be theirs)."""
    cutoff = run.now - run.days("RETENTION_UNCONFIRMED_DAYS")
    users = db.session.scalars(
        select(User).where(
            User.email_confirmed_at.is_(None), User.created_at < cutoff, User.role != "admin"
        )
    ).all()
    run.say("unconfirmed sign-ups deleted", "unconfirmed sign-ups to delete", [u.id for u in users])
    if not run.dry_run:
        for user in users:
            erase(user, "unconfirmed")


def _decided_at(user: User) -> datetime:
    """When an employer was rejected: the decision time, else the last admin action on it."""
    last_action = db.session.scalar(
        select(func.max(AuditEntry.created_at)).where(AuditEntry.target_user_id == user.id)
    )
    return max(t for t in (user.approved_at, last_action, user.created_at) if t is not None)


def rejected_employers(run: Run) -> None:
    cutoff = run.now - run.days("RETENTION_REJECTED_EMPLOYER_DAYS")
    candidates = db.session.scalars(
        select(User).where(
            User.role == "employer", User.approval == "rejected", User.created_at < cutoff
        )
    ).all()
    users = [u for u in candidates if _decided_at(u) < cutoff]
    run.say(
        "rejected employer accounts deleted",
        "rejected employer accounts to delete",
        [u.id for u in users],
    )
    if not run.dry_run:
        for user in users:
            erase(user, "rejected_employer", mail="retention_deleted")


def inactive_accounts(run: Run) -> None:
    """Warn after the inactivity period; delete after the grace period unless they return."""
    cutoff = run.now - run.days("RETENTION_INACTIVE_DAYS")
    grace = run.days("RETENTION_INACTIVE_GRACE_DAYS")
    seen = func.coalesce(User.last_seen_at, User.created_at)
    due = db.session.scalars(
        select(User).where(
            User.inactivity_warned_at.is_not(None),
            User.inactivity_warned_at < run.now - grace,
            seen < User.inactivity_warned_at,
            seen < cutoff,
        )
    ).all()
    due = [u for u in due if not accounts.is_last_admin(u)]
    run.say(
        "inactive accounts deleted after the warning",
        "inactive accounts to delete after the warning",
        [u.id for u in due],
    )
    if not run.dry_run:
        for user in due:
            erase(user, "inactive", mail="retention_deleted")
    to_warn = db.session.scalars(
        select(User).where(User.inactivity_warned_at.is_(None), seen < cutoff)
    ).all()
    run.say(
        "inactive accounts warned by mail",
        "inactive accounts to warn by mail",
        [u.id for u in to_warn],
    )
    if not run.dry_run:
        for user in to_warn:
            user.inactivity_warned_at = run.now
            send_mail(
                user.email,
                _l("Your account will be deleted unless you sign in"),
                "inactive_warning",
                last_seen=_seen(user),
                delete_on=run.now + grace,
                signin=link("accounts.signin"),
            )
        db.session.commit()


def stale_profiles(run: Run) -> None:
    """Ask about questionnaires not updated for long; unpublish those never confirmed."""
    cutoff = run.now - run.days("RETENTION_STALE_PROFILE_DAYS")
    grace = run.days("RETENTION_STALE_PROFILE_GRACE_DAYS")
    P = DeveloperProfile
    answered = db.session.scalars(
        select(P).where(
            P.stale_reminded_at.is_not(None),
            (P.updated_at > P.stale_reminded_at) | P.is_published.is_(False),
        )
    ).all()
    to_unpublish = db.session.scalars(
        select(P).where(
            P.is_published.is_(True),
            P.stale_reminded_at.is_not(None),
            P.stale_reminded_at < run.now - grace,
            P.updated_at <= P.stale_reminded_at,
        )
    ).all()
    run.say(
        "stale questionnaires unpublished",
        "stale questionnaires to unpublish",
        [p.id for p in to_unpublish],
    )
    if not run.dry_run:
        for profile in answered:
            profile.stale_reminded_at = None
        for profile in to_unpublish:
            profile.is_published, profile.stale_reminded_at = False, None
            accounts.record_consent(profile.user, "publish_profile", False)
            send_mail(
                profile.user.email,
                _l("Your questionnaire is no longer published"),
                "profile_unpublished",
                dashboard=link("questionnaire.dashboard"),
            )
        db.session.commit()
    to_remind = db.session.scalars(
        select(P).where(
            P.is_published.is_(True), P.stale_reminded_at.is_(None), P.updated_at < cutoff
        )
    ).all()
    run.say(
        "developers asked to confirm a stale questionnaire",
        "developers to ask to confirm a stale questionnaire",
        [p.id for p in to_remind],
    )
    if not run.dry_run:
        for profile in to_remind:
            profile.stale_reminded_at = run.now
            send_mail(
                profile.user.email,
                _l("Is your questionnaire still up to date?"),
                "profile_stale",
                kind="reminders",
                updated_at=profile.updated_at,
                unpublish_on=run.now + grace,
                confirm=link("privacy.confirm_profile"),
            )
        db.session.commit()


# The scheduled jobs (outstaff/queue/tasks.py) and their steps; `flask privacy purge` runs
# every step, in this order.
JOBS = {
    "retention_purge": (
        "unconfirmed_signups",
        "rejected_employers",
        "security_log",
        "sessions",
        "feedback",
        "harvest_counters",
        "mail_outbox",
    ),
    "inactive_accounts": ("inactive_accounts",),
    "stale_profiles": ("stale_profiles",),
    "analytics_rollup": ("analytics",),
}


def steps() -> list[Callable]:
    from outstaff.retention import records

    return [
        unconfirmed_signups,
        rejected_employers,
        inactive_accounts,
        stale_profiles,
        records.security_log,
        records.sessions,
        records.analytics,
        records.feedback,
        records.harvest_counters,
        records.mail_outbox,
    ]


def purge(
    dry_run: bool = False, echo: Callable[[str], None] = print, jobs: tuple[str, ...] = ()
) -> None:
    """Run every retention step in turn (or only those of the named jobs)."""
    run = Run(now=utcnow(), dry_run=dry_run, echo=echo)
    wanted = {name for job in (jobs or JOBS) for name in JOBS[job]}
    for step in steps():
        if step.__name__ in wanted:
            step(run)
    if dry_run:
        db.session.rollback()
    elif not database.truncate_wal(db.engine):
        echo("note: a reader kept the SQLite write-ahead log from being emptied; run again")
