"""Who wants which kind of mail. `outstaff.mail.send_mail(kind=...)` asks `wants`; mail sent
without a kind (security, legal, account) always goes."""

from sqlalchemy import select

from outstaff.core.extensions import db
from outstaff.models import NOTIFICATION_KINDS, NotificationSettings, User


def settings_for(user: User) -> NotificationSettings:
    """The user's row (a fresh one, all on, not yet added, when they never chose)."""
    row = db.session.get(NotificationSettings, user.id)
    return row or NotificationSettings(user_id=user.id, **dict.fromkeys(NOTIFICATION_KINDS, True))


def save(user: User, choices: dict[str, bool]) -> None:
    row = settings_for(user)
    for kind in NOTIFICATION_KINDS:
        setattr(row, kind, bool(choices.get(kind)))
    db.session.add(row)


def turn_off(user_id: int, kind: str) -> None:
    """One kind off, as a one-click unsubscribe does."""
    user = db.session.get(User, user_id)
    if user is not None and kind in NOTIFICATION_KINDS:
        row = settings_for(user)
        setattr(row, kind, False)
        db.session.add(row)


def wants(address: str, kind: str) -> bool:
    """Does the account with this address want mail of `kind`? (No account: yes.)"""
    if kind not in NOTIFICATION_KINDS:
        raise ValueError(f"unknown kind of mail: {kind}")
    with db.session.no_autoflush:
        value = db.session.scalar(
            select(getattr(NotificationSettings, kind))
            .join(User, User.id == NotificationSettings.user_id)
            .where(User.email == address.lower())
        )
    return value is not False
