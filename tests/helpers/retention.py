"""The retention tests' clock and command: a frozen moment, `flask privacy purge`, and
whether an account is still there."""

from datetime import UTC, datetime

import time_machine

from outstaff.core.extensions import db
from outstaff.models import User

T0 = datetime(2026, 1, 10, 12, 0, tzinfo=UTC)


def at(moment: datetime):
    return time_machine.travel(moment, tick=False)


def purge(runner, *args) -> str:
    result = runner.invoke(args=["privacy", "purge", *args])
    assert result.exit_code == 0, result.output
    return result.output


def exists(user_id: int) -> bool:
    db.session.expire_all()
    return db.session.get(User, user_id) is not None
