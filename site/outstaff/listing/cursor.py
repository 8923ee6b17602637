"""A position in the listing's keyset pages: the sort key and id of a card, and which way to
go, written into links as a short code ("u<microseconds>.<id>")."""

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from outstaff.core.paging import MAX_ID

MAX_YEARS = 60  # the most years of experience the filter and a cursor accept

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_CURSOR = re.compile(r"([uer])(\d{1,20})\.(\d{1,10})")
_SORT_OF = {"u": "updated", "e": "experience", "r": "relevance"}


@dataclass(frozen=True)
class Cursor:
    """A position in the listing: the sort key and id of a card, and which way to go."""

    sort: str
    key: int  # microseconds since 1970 (sort by updated), or years (sort by experience)
    id: int
    before: bool = False  # True: the page before this card, else the page after it

    def encode(self) -> str:
        return f"{self.sort[0]}{self.key}.{self.id}"

    @classmethod
    def decode(cls, token: str, before: bool) -> "Cursor | None":
        match = _CURSOR.fullmatch(token)
        if not match:
            return None
        sort, key, row_id = _SORT_OF[match[1]], int(match[2]), int(match[3])
        if row_id > MAX_ID:
            return None
        if sort != "relevance" and len(match[2]) > 17:
            return None
        if sort == "updated" and key > 253402300799999999:  # year 9999
            return None
        if sort == "experience" and key > MAX_YEARS:
            return None
        if sort == "relevance" and not 10**19 <= key < 3 * 10**19:  # tier 1 or 2, then seq
            return None
        return cls(sort, key, row_id, before)

    @property
    def key_value(self) -> datetime | int:
        """The key as the column holds it."""
        if self.sort == "updated":
            return EPOCH + timedelta(microseconds=self.key)
        return self.key

    @staticmethod
    def key_of(sort: str, value) -> int:
        if sort == "updated":
            return (value - EPOCH) // timedelta(microseconds=1)
        return int(value)
