"""Shared column helpers and the personal-data declaration every model can make."""

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Literal

from sqlalchemy import DateTime
from sqlalchemy.types import TypeDecorator


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator):
    """Timezone-aware UTC datetimes on every backend (SQLite stores them naive)."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is not None and value.tzinfo is not None:
            value = value.astimezone(UTC).replace(tzinfo=None)
        return value

    def process_result_value(self, value, dialect):
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value


@dataclass(frozen=True)
class PersonalData:
    """Which columns of a model hold a person's data, and whose.

    Deletion, the data export, the privacy page's table and the no-trace test are all built
    on these declarations, so a new table with personal data must declare itself here.

    owners: columns holding the id of the user the row belongs to ("id" for the user row).
    fields: column -> a short description shown on the privacy page (lazy-translated).
    purpose: why it is kept.
    on_erase: "delete" the row, or "keep_ids" (null `fields`, keep the row: audit entries).
    email_column: rows also matched by this email address (feedback from visitors).
    """

    owners: tuple[str, ...]
    fields: dict[str, object]
    purpose: object
    category: object
    on_erase: Literal["delete", "keep_ids"] = "delete"
    email_column: str | None = None
    export_exclude: tuple[str, ...] = field(default=())
