"""One bounded parse for every pager: `?page=` and `?per_page=` never reach the database raw.

Whatever the query string says, a pager answers 200: a missing, non-numeric, negative or
zero page is the first page, a page past the end is an empty page (however huge the number:
it is capped at MAX_PAGE before it becomes an OFFSET), and the page size stays between 1 and
the pager's own maximum. Numbers are read as ASCII digits only,
so "1e9", "٣" (an Arabic-Indic three) or "0x10" are not numbers here.
"""

from flask import request
from flask_sqlalchemy.pagination import Pagination

from outstaff.core.extensions import db

MAX_PAGE = 10_000  # with at most 100 rows a page, no OFFSET beyond a million rows
MAX_ID = 2**31 - 1  # row ids are 32-bit integers on PostgreSQL: a larger one matches nothing


def whole_number(raw: str | None, ceiling: int) -> int | None:
    """The whole number `raw` spells in ASCII digits, capped at `ceiling`; else None."""
    text = (raw or "").strip()
    if not (text.isascii() and text.isdigit()):
        return None
    text = text.lstrip("0") or "0"
    if len(text) > len(str(ceiling)):  # no int() of a thousand-digit string
        return ceiling
    return min(int(text), ceiling)


def bounded(raw: str | None, default: int | None, low: int, high: int) -> int | None:
    """`raw` as a number between low and high, or `default` when it is not a number."""
    number = whole_number(raw, high)
    return default if number is None else max(number, low)


def page_number(default: int | None = 1) -> int | None:
    """The requested page (1 to MAX_PAGE); `default` when the query string names none."""
    return bounded(request.args.get("page"), default, 1, MAX_PAGE)


def paginate(statement, per_page: int, max_per_page: int | None = None) -> Pagination:
    """A page of `statement` by `?page=` (and `?per_page=` up to `max_per_page`)."""
    size = bounded(request.args.get("per_page"), per_page, 1, max_per_page or per_page)
    return db.paginate(
        statement, page=page_number(), per_page=size, max_per_page=size, error_out=False
    )
