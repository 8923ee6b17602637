"""Query results kept per worker while the data they come from has not changed.

The database holds one number (models.DataVersion) that triggers move in the writer's own
transaction on every write to the VERSIONED tables, whatever writes them. The signed-in
session's statement reads it (accounts.page_account), so a request knows the version it
sees. `rows(statement, values)` answers from memory when the same statement with the same
values ran at the same version; a write anywhere in those tables, committed before the
request began, gives a new number and the statement runs again. A hidden profile, a
suspension or a new block therefore leaves a page on the very next request.

Only statements that read nothing but VERSIONED tables and columns (or the DERIVED tables
kept by search_document's triggers), and no SQL text but constants, are kept: anything
else runs every time (`kept`). Parameters that depend on the time are part
of the key (the listing rounds them to the minute).
"""

import re
import threading
from functools import lru_cache

from cachetools import LRUCache
from flask import current_app, g
from sqlalchemy.sql import visitors
from sqlalchemy.sql.elements import ColumnClause, TextClause
from sqlalchemy.sql.functions import FunctionElement
from sqlalchemy.sql.selectable import Select, Subquery, TableClause, TableValuedAlias

from outstaff.core.extensions import db
from outstaff.models import DERIVED, VERSIONED

RESULTS_KEPT = 128  # results a worker keeps (a listing page: about 20 rows)
READABLE = frozenset((*VERSIONED, *DERIVED))
CONSTANT = re.compile(r"'[^']*'|-?\d+")
PURE_TABLE_FUNCTIONS = ("json_each",)  # functions of their arguments alone
_lock = threading.Lock()  # cachetools caches are not thread-safe (`flask run` is threaded)


def seen(version: int | None) -> None:
    """The version this request reads at (None: unknown, nothing is answered from memory)."""
    g.data_version = version


def rows(statement, values: dict) -> list:
    """statement's rows with `values`, from memory when nothing they read has changed."""
    version = g.get("data_version")
    key = _key(version, statement, values) if version is not None else None
    if key is None or not kept(statement):
        return _run(statement, values)
    cache = _results()
    with _lock:
        found = cache.get(key)
    if found is None:
        found = tuple(_run(statement, values))
        with _lock:
            cache[key] = found
    return list(found)


def _run(statement, values: dict) -> list:
    return db.session.connection().execute(statement, values).all()


def _key(version: int, statement, values: dict) -> tuple | None:
    try:
        frozen = tuple(
            (name, tuple(value) if isinstance(value, list) else value)
            for name, value in sorted(values.items())
        )
        hash(frozen)
    except TypeError:  # a value that cannot be a key: run the statement
        return None
    return (version, statement, frozen)


def _results() -> LRUCache:
    cache = current_app.extensions.get("data_version_results")
    if cache is None:
        cache = current_app.extensions["data_version_results"] = LRUCache(RESULTS_KEPT)
    return cache


@lru_cache(maxsize=512)
def kept(statement) -> bool:
    """Does the statement read VERSIONED (or DERIVED) tables and columns only, and no SQL
    text but constants?"""
    for element in visitors.iterate(statement):
        if isinstance(element, TextClause):
            return False
        if isinstance(element, TableClause) and element.name not in READABLE:
            return False
        if isinstance(element, ColumnClause):
            if element.is_literal and not _constant(element.name):
                return False
            if not _versioned_column(element):
                return False
    return True


def _constant(sql: str) -> bool:
    """A literal column that names no table: a quoted string, a number, count(*)'s star."""
    return sql == "*" or bool(CONSTANT.fullmatch(sql))


def _versioned_column(column: ColumnClause) -> bool:
    table = getattr(column, "table", None)
    if table is None:
        return True  # a label or a bound value's column: its parts are checked on their own
    while not isinstance(table, TableClause):
        if isinstance(table, TableValuedAlias) and _pure(table.element):
            return True  # e.g. json_each(:values): rows made of the bound values
        if isinstance(table, Subquery) and isinstance(table.element, Select):
            return True  # its select is walked and checked on its own
        table = getattr(table, "element", None)  # an alias, down to its table
        if table is None:
            return False  # a column of anything else: be strict
    if table.name not in READABLE:
        return False
    columns = VERSIONED.get(table.name)
    return columns is None or column.key in columns


def _pure(function) -> bool:
    return isinstance(function, FunctionElement) and function.name in PURE_TABLE_FUNCTIONS
