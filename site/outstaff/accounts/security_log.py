"""The security log: account events from `outstaff.core.signals`, with time, IP, browser, OS."""

import ipaddress
from datetime import timedelta

from flask import has_request_context
from sqlalchemy import select

from outstaff.core import signals, useragent
from outstaff.core.extensions import db
from outstaff.core.net import client_ip
from outstaff.models import SecurityEvent, User, utcnow

RECENT = 20
# Events an attacker can repeat at will are kept once per this period, not per attempt.
ONCE_PER = {"signin_limited": timedelta(hours=1)}


def record(kind: str, user: User | None) -> None:
    """Add an event to the session; the view that sent the signal commits it."""
    if user is None or user.id is None:
        return  # a failed sign-in for an unknown address: there is no account to protect
    if kind in ONCE_PER and _recorded_since(kind, user, utcnow() - ONCE_PER[kind]):
        return
    ip, agent = None, useragent.current()
    if has_request_context():
        ip = _valid_ip(client_ip())
    db.session.add(
        SecurityEvent(user_id=user.id, kind=kind, ip=ip, browser=agent.browser, os=agent.os)
    )


def _recorded_since(kind: str, user: User, since) -> bool:
    return (
        db.session.scalar(
            select(SecurityEvent.id)
            .where(
                SecurityEvent.user_id == user.id,
                SecurityEvent.kind == kind,
                SecurityEvent.created_at >= since,
            )
            .limit(1)
        )
        is not None
    )


def _valid_ip(value: str) -> str | None:
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None


def truncate_ip(value: str) -> str:
    """The network an address belongs to: /24 for IPv4, /48 for IPv6."""
    address = ipaddress.ip_address(value)
    prefix = 24 if address.version == 4 else 48
    return str(ipaddress.ip_network(f"{address}/{prefix}", strict=False))


def _receiver(kind: str):
    def receive(_sender, user: User | None = None, **_extra) -> None:
        record(kind, user)

    receive.__name__ = f"record_{kind}"
    return receive


# Strong references: blinker would otherwise drop these closures at once.
_RECEIVERS = {
    signals.signin_succeeded: _receiver("signin"),
    signals.signin_failed: _receiver("signin_failed"),
    signals.signin_limited: _receiver("signin_limited"),
    signals.password_changed: _receiver("password_changed"),
    signals.password_reset: _receiver("password_reset"),
    signals.email_changed: _receiver("email_changed"),
    signals.two_factor_changed: _receiver("two_factor_changed"),
}
for _signal, _function in _RECEIVERS.items():
    _signal.connect(_function, weak=False)


def recent_events(user: User) -> list[SecurityEvent]:
    """The newest events of the user's account, for their account page."""
    return db.session.scalars(
        select(SecurityEvent)
        .where(SecurityEvent.user_id == user.id)
        .order_by(SecurityEvent.created_at.desc(), SecurityEvent.id.desc())
        .limit(RECENT)
    ).all()
