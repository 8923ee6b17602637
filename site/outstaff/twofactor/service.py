"""Two-factor sign-in: TOTP secrets, the QR code that carries them, and recovery codes."""

import hashlib
import hmac
import secrets
import time

import pyotp
import segno
from flask import current_app, has_request_context
from flask_login import confirm_login
from sqlalchemy import delete, func, or_, select, update

from outstaff.core.extensions import db
from outstaff.models import RecoveryCode, User, utcnow

RECOVERY_CODE_COUNT = 10
# No 0/o, 1/l/i: codes are read off paper and typed by hand.
RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
RECOVERY_GROUPS, RECOVERY_GROUP_LEN = 3, 4


def new_secret() -> str:
    return pyotp.random_base32()


def provisioning_uri(user: User, secret: str) -> str:
    """The otpauth:// URI an authenticator app reads from the QR code."""
    return pyotp.TOTP(secret).provisioning_uri(
        name=user.email, issuer_name=current_app.config["SITE_NAME"]
    )


def qr_data_uri(uri: str) -> str:
    """The QR code as an SVG data: URI, drawn here (no outside service sees the secret)."""
    return segno.make(uri, error="m").svg_data_uri(scale=5, border=4)


def grouped(secret: str) -> str:
    """The secret in groups of four, easier to type into an app by hand."""
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def _clean(code: str | None) -> str:
    return "".join((code or "").split()).replace("-", "").lower()


def _step_of(secret: str, code: str) -> int | None:
    """The time step whose code this is: now, or one step either side for clock drift."""
    totp = pyotp.TOTP(secret)
    now = int(time.time()) // totp.interval
    for step in (now - 1, now, now + 1):
        if hmac.compare_digest(totp.generate_otp(step), code):
            return step
    return None


def use_totp(user: User, code: str | None) -> bool:
    """A six-digit code from the user's app (the pending secret while setting up), good once.

    The code's time step must come after the last step this account used: a code seen once
    (over a shoulder, in a phishing proxy) and every older code are refused. One UPDATE
    decides, so two requests racing with the same code cannot both win.
    """
    code = _clean(code)
    if not user.totp_secret or len(code) != 6 or not code.isdigit():
        return False
    step = _step_of(user.totp_secret, code)
    if step is None:
        return False
    claimed = db.session.execute(
        update(User)
        .where(User.id == user.id, or_(User.totp_last_step.is_(None), User.totp_last_step < step))
        .values(totp_last_step=step)
        .execution_options(synchronize_session=False)
    )
    if claimed.rowcount != 1:
        return False
    user.totp_last_step = step
    return True


def _hash(code: str) -> str:
    return hashlib.sha256(_clean(code).encode()).hexdigest()


def _random_code() -> str:
    groups = [
        "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(RECOVERY_GROUP_LEN))
        for _ in range(RECOVERY_GROUPS)
    ]
    return "-".join(groups)


def new_recovery_codes(user: User) -> list[str]:
    """Replace the user's recovery codes; the plain codes are returned once, never stored."""
    db.session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    codes = [_random_code() for _ in range(RECOVERY_CODE_COUNT)]
    db.session.add_all(RecoveryCode(user_id=user.id, code_hash=_hash(code)) for code in codes)
    return codes


def use_recovery_code(user: User, code: str | None) -> bool:
    """Spend an unused recovery code of the user's; each works once."""
    if len(_clean(code)) != RECOVERY_GROUPS * RECOVERY_GROUP_LEN:
        return False
    row = db.session.scalar(
        select(RecoveryCode).where(
            RecoveryCode.user_id == user.id,
            RecoveryCode.code_hash == _hash(code),
            RecoveryCode.used_at.is_(None),
        )
    )
    if row is None:
        return False
    row.used_at = utcnow()
    return True


def recovery_codes_left(user: User) -> int:
    return db.session.scalar(
        select(func.count())
        .select_from(RecoveryCode)
        .where(RecoveryCode.user_id == user.id, RecoveryCode.used_at.is_(None))
    )


def check_second_factor(user: User, code: str | None) -> str | None:
    """ "totp" or "recovery" for a valid code (a recovery code is spent), else None."""
    if user.totp_enabled_at is None:
        return None
    if use_totp(user, code):
        return "totp"
    if use_recovery_code(user, code):
        return "recovery"
    return None


def enable(user: User) -> list[str]:
    """Turn two-factor on with the confirmed pending secret; returns new recovery codes."""
    user.totp_enabled_at = utcnow()
    return new_recovery_codes(user)


def disable(user: User) -> None:
    user.totp_secret = None
    user.totp_enabled_at = None
    user.totp_last_step = None  # the next secret's steps start afresh
    db.session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user.id))


def mark_passed(user: User) -> None:
    """Note on this browser's session record that the second factor is proved, so admin
    powers exist in this session (`User.is_admin`); the caller commits."""
    record = user.current_session
    if record is not None:
        record.two_factor_at = utcnow()
        if has_request_context():
            confirm_login()  # this browser session is fresh again
