"""Account operations several views (and admins, and the CLI) share."""

import secrets
from functools import lru_cache

from email_validator import EmailNotValidError
from flask import Flask, current_app, request
from flask_babel import lazy_gettext as _l
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError
from werkzeug.security import check_password_hash, generate_password_hash

from outstaff import audit, personal_data
from outstaff.accounts.links import account_link
from outstaff.core import i18n, signals
from outstaff.core.extensions import db
from outstaff.core.links import external_url
from outstaff.core.tokens import fingerprint, keyed_digest
from outstaff.employer import service as employer
from outstaff.forms import normalize_email
from outstaff.mail import send_mail
from outstaff.models import ConsentRecord, User, UserSession, utcnow


def init_app(app: Flask) -> None:
    """Make the stand-in hash now, so not even the first miss after a start costs more."""
    _dummy_hash(app.config["PASSWORD_HASH_METHOD"])


@lru_cache(maxsize=8)
def _dummy_hash(method: str) -> str:
    """Checked when no account matches, so a miss does the one hash a hit does, at its cost."""
    return generate_password_hash(secrets.token_urlsafe(16), method=method)


def _method(password_hash: str) -> str:
    return password_hash.partition("$")[0]  # e.g. "scrypt:32768:8:1"


def hash_password(password: str) -> str:
    return generate_password_hash(password, method=current_app.config["PASSWORD_HASH_METHOD"])


def normalized_or_none(email: str) -> str | None:
    """The normalized form stored at sign-up, or None for what no account can have."""
    try:
        return normalize_email(email, check_deliverability=False)  # no DNS per sign-in
    except EmailNotValidError:
        return None


def find_by_email(email: str) -> User | None:
    """The account with this address, compared in the normalized form stored at sign-up."""
    email = normalized_or_none(email) or email.strip().lower()
    return db.session.scalar(select(User).where(User.email == email))


def find_by_confirmed_email(email: str) -> User | None:
    """The account that has proved it owns this address, the only one it identifies."""
    user = find_by_email(email)
    return user if user is not None and user.confirmed_email is not None else None


def check_password(user: User | None, password: str) -> bool:
    """One hash computation at the current cost, whether or not the account exists.

    A hash made with an older method or cost is replaced once the password is known to be
    right (the caller commits), so wrong passwords for that account cost what a miss costs.
    """
    current = _dummy_hash(current_app.config["PASSWORD_HASH_METHOD"])
    if user is None:
        check_password_hash(current, password)
        return False
    ok = check_password_hash(user.password_hash, password)
    if ok and _method(user.password_hash) != _method(current):
        user.password_hash = hash_password(password)
    return ok


def log_failed_signin(user: User | None) -> None:
    """Log a wrong password (known accounts only) and commit, the same way on both paths.

    On PostgreSQL the commit does not wait for the disk: a known account's log row would
    otherwise cost a WAL flush a miss does not (about 5 ms, enough to tell them apart).
    """
    if db.session.get_bind().dialect.name == "postgresql":
        db.session.execute(text("SET LOCAL synchronous_commit TO OFF"))
    signals.signin_failed.send(current_app._get_current_object(), user=user)
    db.session.commit()


def signin_limit_key() -> str:
    """The per-account sign-in budget's key: the normalized address and a stamp of its
    password. An unknown address is keyed the same way (a 429 tells no account apart); a
    reset changes the stamp, so the owner's mailbox always brings a fresh budget."""
    typed = request.form.get("email", "")
    email = normalized_or_none(typed)
    if email is None:  # no account has it: no lookup
        return f"signin:{keyed_digest(typed.strip().lower())}"
    password_hash = db.session.scalar(select(User.password_hash).where(User.email == email))
    # Digests only: the limiter's storage (Redis) holds no email address.
    return f"signin:{keyed_digest(email)}:{fingerprint(password_hash or '')}"


def pending_signin_id(user: User) -> str:
    """Names a sign-in waiting for its second factor; a new password or a suspension ends it."""
    return f"{user.id}:{fingerprint(user.password_hash)}"


def user_from_pending_id(value: str) -> User | None:
    user_id, _, stamp = str(value).partition(":")
    user = db.session.get(User, int(user_id)) if user_id.isdigit() else None
    if user is None or not user.is_active or stamp != fingerprint(user.password_hash):
        return None
    return user


def set_password(user: User, password: str, keep: UserSession | None = None) -> None:
    """Store a new hash and end every session of the user but `keep` (this browser's)."""
    user.password_hash = hash_password(password)
    user.password_changed_at = utcnow()
    user.end_all_sessions(keep=keep)


def tell_password_changed(user: User, by_reset: bool) -> None:
    """Mail the account that its password changed, and what to do if it was not them."""
    send_mail(
        user.email,
        _l("Your password was changed"),
        "password_changed",
        by_reset=by_reset,
        forgot=external_url("accounts.forgot_password"),
    )


def sign_up(email: str, password: str, role: str) -> User | None:
    """A new account, or None when the address is taken, even by a sign-up this instant."""
    if find_by_email(email) is not None:
        hash_password(password)  # the work a new account costs: the answer takes as long
        return None
    try:
        return create_user(email, password, role)
    except IntegrityError:  # another request took the address between the check and here
        db.session.rollback()
        return None


def tell_owner_of_signup(email: str) -> None:
    """Someone signed up with a taken address: its owner hears of it, nobody else."""
    owner = find_by_email(email)
    if owner is not None:
        send_mail(
            owner.email,
            _l("Someone tried to sign up with your address"),
            "signup_exists",
            signin=external_url("accounts.signin"),
            forgot=external_url("accounts.forgot_password"),
        )


def create_user(email: str, password: str, role: str) -> User:
    # The language the account was made in is the one its mail is written in.
    user = User(
        email=email, password_hash=hash_password(password), role=role, locale=i18n.current_locale()
    )
    if role == "employer":
        user.approval = "pending"
    db.session.add(user)
    db.session.flush()
    if role == "employer":
        employer.remember_domain(user)
    return user


def record_consent(
    user: User, purpose: str, granted: bool, policy_version: int | None = None
) -> ConsentRecord:
    """Write the consent ledger; acknowledging the policy also marks it read on the user."""
    from outstaff.privacy.policy import current_version_number

    version = policy_version or current_version_number()
    record = ConsentRecord(
        user_id=user.id, purpose=purpose, granted=granted, policy_version=version
    )
    db.session.add(record)
    if purpose == "privacy_policy" and granted:
        user.policy_acknowledged = max(user.policy_acknowledged or 0, version)
    return record


def send_confirmation(user: User) -> None:
    send_mail(
        user.email,
        _l("Confirm your email address"),
        "confirm",
        link=account_link("confirm", "accounts.confirm_email", user),
    )


def send_password_reset(user: User) -> None:
    send_mail(
        user.email,
        _l("Reset your password"),
        "reset",
        link=account_link("reset", "accounts.reset_password", user),
    )


def delete_account(
    user: User,
    *,
    by_admin: User | None = None,
    note: str | None = None,
    retention: str | None = None,
    mail: str | None = "deleted",
    **context,
) -> None:
    """Erase the user and every row of their data, audit who did it, mail a receipt; commits.

    The one deletion path: self-service, an admin (`by_admin`, with the admin's `note`) and
    retention (`retention`: why; `mail`: the receipt's template, None for no mail).
    """
    email, user_id, locale = user.email, user.id, user.locale
    if by_admin is not None:  # before the erasure, which then drops the note
        audit.record(by_admin, "account.delete", user, note=note)
    personal_data.erase_user(user)
    if user in db.session:
        db.session.expunge(user)
    if retention is not None:
        audit.record(
            None, "retention.delete", target_user_id=user_id, target=f"retention:{retention}"
        )
    if mail:
        send_mail(
            email,
            _l("Your account has been deleted"),
            mail,
            locale=locale,
            by_admin=by_admin is not None,
            reason=retention,
            **context,
        )
    db.session.commit()


def contact_email() -> str:
    return current_app.config["CONTACT_EMAIL"]


def active_admin_count() -> int:
    return db.session.scalar(
        select(db.func.count())
        .select_from(User)
        .where(User.role == "admin", User.status == "active")
    )


def is_last_admin(user: User) -> bool:
    """The last active admin may not be deleted, suspended or demoted: someone must be able
    to run the site."""
    return user.has_admin_role and user.is_active and active_admin_count() <= 1
