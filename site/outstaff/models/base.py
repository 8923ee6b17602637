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
    on these declarations (outstaff/personal_data.py), so a new table with personal data must
    declare itself here.

    subject: columns naming whom the row is about. A column holds a user's id ("id" for the
        user row), or points at a declared parent row whose subject it shares (a skill's
        `profile_id`).
    author: columns naming who wrote the row, in the same way.
    owners: shorthand for a row about and by the same person (subject = author = owners).
    private: the author wrote the row for themselves (an employer's shortlist): it is in the
        author's export only, though it goes when either side deletes the account.
    fields: column -> a short description shown on the privacy page (lazy-translated).
    purpose: why it is kept.
    on_erase: "delete" the row, or "keep_ids" (null `fields`, keep the row: audit entries),
        or "detach": the row stays for the other party, the deleted person's id and the
        `erase` columns become NULL ("a deleted account"); once no party is left, it goes.
    erase: with "detach", the columns nulled (default: every one of `fields`).
    email_column: a row naming no account by id reaches the account that has confirmed this
        address (messages sent as a visitor); an unconfirmed address reaches nothing.
    export_exclude: columns never exported: secrets, derived values, other people's ids.

    A person's export holds the rows they are the subject of (but not another's private
    rows) and the rows they wrote; deleting the account removes both.
    """

    fields: dict[str, object]
    purpose: object
    category: object
    subject: tuple[str, ...] = ()
    author: tuple[str, ...] = ()
    owners: tuple[str, ...] = ()
    private: bool = False
    on_erase: Literal["delete", "keep_ids", "detach"] = "delete"
    erase: tuple[str, ...] = ()
    email_column: str | None = None
    export_exclude: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        if self.owners:
            object.__setattr__(self, "subject", self.subject or self.owners)
            object.__setattr__(self, "author", self.author or self.owners)

    @property
    def erased(self) -> tuple[str, ...]:
        """The columns nulled when the row is detached from a deleted person."""
        return self.erase or tuple(self.fields)

    @property
    def parties(self) -> tuple[str, ...]:
        """Every column naming a person the row belongs to (subject or author)."""
        return tuple(dict.fromkeys((*self.subject, *self.author)))
