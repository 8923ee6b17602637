"""Helpers for the listing tests: reading cards and links off a page, counting SQL."""

import html
import re
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import event

from outstaff.core.extensions import db


@contextmanager
def counted_statements() -> Iterator[list[str]]:
    """Collects every SQL statement sent to the database inside the block."""
    statements: list[str] = []

    def listener(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", listener)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", listener)


def card_names(page: str) -> list[str]:
    """The names on the listing's cards, in page order (HTML entities decoded)."""
    return [html.unescape(name) for name in
            re.findall(r'<h3 id="dev-\d+"><a href="[^"]+">([^<]*)</a></h3>', page)]


def next_link(page: str, rel: str = "next") -> str | None:
    match = re.search(rf'<a rel="{rel}"[^>]*href="([^"]+)"', page)
    return html.unescape(match[1]) if match else None
