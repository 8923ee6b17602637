"""Account operations several views (and admins, and the CLI) share."""

from email_validator import EmailNotValidError
from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from werkzeug.security import check_password_hash, generate_password_hash

from outstaff import i18n, personal_data
from outstaff.extensions import db
from outstaff.links import external_url
from outstaff.models import AuditEntry, ConsentRecord, User, utcnow
from outstaff.services.mail import send_mail
from outstaff.tokens import fingerprint, make_token
from outstaff.validators import normalize_email

# Compared against when no account matches, so a miss costs as much time as a hit.
_DUMMY_HASH: dict[str, str] = {}


def hash_password(password: str) -> str:
    return generate_password_hash(password, method=current_app.config["PASSWORD_HASH_METHOD"])


def find_by_email(email: str) -> User | None:
    """The account with this address, compared in the normalized form stored at sign-up."""
    try:
        email = normalize_email(email, check_deliverability=False)  # no DNS per sign-in
    except EmailNotValidError:
        email = email.strip().lower()
    return db.session.scalar(select(User).where(User.email == email))


def check_password(user: User | None, password: str) -> bool:
    if user is None:
        method = current_app.config["PASSWORD_HASH_METHOD"]
        dummy = _DUMMY_HASH.setdefault(method, hash_password("not-a-real-password"))
        check_password_hash(dummy, password)
        return False
    return check_password_hash(user.password_hash, password)


def set_password(user: User, password: str) -> None:
    """Store a new hash and end every session of the user (other devices included)."""
    user.password_hash = hash_password(password)
    user.password_changed_at = utcnow()
    user.end_all_sessions()


def create_user(email: str, password: str, role: str) -> User:
    # The language the account was made in is the one its mail is written in.
    user = User(email=email, password_hash=hash_password(password), role=role,
                locale=i18n.current_locale())
    if role == "employer":
        user.approval = "pending"
    db.session.add(user)
    db.session.flush()
    return user


def record_consent(
    user: User, purpose: str, granted: bool, policy_version: int | None = None
) -> ConsentRecord:
    """Write the consent ledger; acknowledging the policy also marks it read on the user."""
    from outstaff.privacy.policy import current_version_number

    version = policy_version or current_version_number()
    record = ConsentRecord(user_id=user.id, purpose=purpose, granted=granted,
                           policy_version=version)
    db.session.add(record)
    if purpose == "privacy_policy" and granted:
        user.policy_acknowledged = max(user.policy_acknowledged or 0, version)
    return record


def send_confirmation(user: User) -> None:
    token = make_token("confirm", {"uid": user.id, "email": user.email})
    send_mail(
        user.email,
        _l("Confirm your email address"),
        "confirm",
        link=external_url("accounts.confirm_email", token=token),
    )


def send_password_reset(user: User) -> None:
    token = make_token("reset", {"uid": user.id, "pw": fingerprint(user.password_hash)})
    send_mail(
        user.email,
        _l("Reset your password"),
        "reset",
        link=external_url("accounts.reset_password", token=token),
    )


def audit(actor: User | None, action: str, target_user: User | None = None, **extra) -> None:
    db.session.add(
        AuditEntry(
            actor_id=actor.id if actor else None,
            action=action,
            target_user_id=target_user.id if target_user else extra.get("target_user_id"),
            target=extra.get("target"),
            note=extra.get("note"),
        )
    )


def delete_account(user: User, by_admin: User | None = None, note: str | None = None) -> None:
    """Erase the user and every row of their data, then mail a receipt; commits."""
    email, locale = user.email, user.locale
    if by_admin is not None:
        audit(by_admin, "account.delete", user, note=note)
    personal_data.erase_user(user)
    if user in db.session:
        db.session.expunge(user)
    send_mail(email, _l("Your account has been deleted"), "deleted", locale=locale,
              by_admin=by_admin is not None)
    db.session.commit()


def contact_email() -> str:
    return current_app.config["CONTACT_EMAIL"]


def active_admin_count() -> int:
    return db.session.scalar(
        select(db.func.count()).select_from(User).where(
            User.role == "admin", User.status == "active"
        )
    )


def can_delete(user: User) -> bool:
    """The last active admin cannot go: someone must be able to run the site."""
    return not (user.is_admin and user.is_active and active_admin_count() <= 1)
