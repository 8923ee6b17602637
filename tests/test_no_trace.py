"""Deleting an account leaves no trace (DESIGN.md, "Personal data: declared once").

Rows for every table come from tests/personal_data_fixtures.py; features that add tables
add a populate function there. Then the account is deleted through the real page, and every
column of every table (and, on SQLite, the database file itself) is searched for the user's
identifiers.
"""

import json
import re
from pathlib import Path

import pytest
from account_helpers import PASSWORD, sign_in
from personal_data_fixtures import ROLES, make_person
from sqlalchemy import String, func, select

from outstaff.extensions import db
from outstaff.models import PersonalData, User


def traces_in_columns(ids: dict[str, str]) -> list[str]:
    """Every cell of every table that contains one of the identifiers (case-insensitive)."""
    found = []
    with db.engine.connect() as connection:
        for table in db.metadata.sorted_tables:
            for row in connection.execute(select(table)).mappings():
                for column, value in row.items():
                    text = _as_text(value)
                    for key, ident in ids.items():
                        if text is not None and ident.casefold() in text.casefold():
                            found.append(f"{table.name}.{column} holds the {key}")
    return found


def _as_text(value) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, bytes | memoryview):
        return bytes(value).decode("latin-1")
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return None


def traces_in_sqlite_file(ids: dict[str, str]) -> list[str]:
    """Identifiers found in the raw bytes of the database file after a WAL checkpoint."""
    db.session.remove()
    with db.engine.connect() as connection:
        busy, _, _ = connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").one()
    assert busy == 0, "another connection kept the WAL from being checkpointed"
    path = Path(db.engine.url.database)
    raw = b"".join(p.read_bytes() for p in (path, Path(f"{path}-wal")) if p.exists()).lower()
    return [key for key, ident in ids.items() if ident.lower().encode() in raw]


def ids_left_behind(user_id: int) -> list[str]:
    """Columns that point at the user (foreign keys, declared owners) and still hold the id.

    Tables declared "keep_ids" (the audit log) keep ids on purpose and are skipped.
    """
    found = []
    for table in db.metadata.sorted_tables:
        decl = _declaration(table.name)
        if decl is not None and decl.on_erase == "keep_ids":
            continue
        columns = {c.name for c in table.columns
                   if any(fk.column.table.name == "user" for fk in c.foreign_keys)}
        columns |= set(decl.owners) if decl else set()
        for column in sorted(columns):
            count = db.session.scalar(select(func.count()).select_from(table).where(
                table.c[column] == user_id))
            if count:
                found.append(f"{table.name}.{column}: {count} row(s)")
    return found


def _declaration(table_name: str) -> PersonalData | None:
    for mapper in db.Model.registry.mappers:
        if mapper.local_table.name == table_name:
            return getattr(mapper.class_, "__personal_data__", None)
    return None


@pytest.mark.parametrize("role", ROLES)
def test_deleting_an_account_leaves_no_trace(app, client, make_user, role):
    person = make_person(role, make_user)
    ids, user_id = person.ids, person.user.id
    others = [person.developer.id, person.employer.id, person.admin.id]
    # The search must be able to find what it looks for, or its silence proves nothing.
    found = {re.sub(r"^.* holds the ", "", hit) for hit in traces_in_columns(ids)}
    assert found == set(ids), f"never written, so never searched: {set(ids) - found}"
    sqlite = db.engine.dialect.name == "sqlite"
    if sqlite:
        assert set(traces_in_sqlite_file(ids)) == set(ids)

    sign_in(client, ids["email"])
    response = client.post("/account/delete", data={"password": PASSWORD, "understood": "y"})
    assert response.status_code == 302 and response.headers["Location"] == "/"

    db.session.expire_all()
    assert db.session.get(User, user_id) is None
    assert traces_in_columns(ids) == []
    assert ids_left_behind(user_id) == []
    if sqlite:
        assert traces_in_sqlite_file(ids) == []
    assert all(db.session.get(User, other) for other in others)  # others keep their accounts


def test_every_table_holds_someones_data_before_the_deletions(app, make_user):
    """A new table fails here until tests/personal_data_fixtures.py fills it."""
    for role in ROLES:
        make_person(role, make_user)
    empty = [table.name for table in db.metadata.sorted_tables
             if not db.session.scalar(select(func.count()).select_from(table))]
    assert empty == [], f"add a populate function to tests/personal_data_fixtures.py for {empty}"


# Text columns named like these hold identifiers (email_confirmed_at, a date, does not).
PERSONAL_NAME = re.compile(r"(^|_)(e?mail|phone|telegram|name)(_|$)")

# Tables that point at a user or have a personal-looking column, yet need no declaration.
UNDECLARED_ALLOWED = {
    # A skill of a developer_profile (declared): erased with it by ON DELETE CASCADE; its
    # `name` is the skill's name, not a person's.
    "developer_skill",
}


def test_personal_data_is_declared_where_it_lives():
    models = {m.local_table.name: m.class_ for m in db.Model.registry.mappers}
    problems = []
    for table in db.metadata.sorted_tables:
        to_user = {c.name for c in table.columns
                   if any(fk.column.table.name == "user" for fk in c.foreign_keys)}
        personal = {c.name for c in table.columns
                    if PERSONAL_NAME.search(c.name) and isinstance(c.type, String)}
        decl = getattr(models.get(table.name), "__personal_data__", None)
        if decl is None:
            if (to_user or personal) and table.name not in UNDECLARED_ALLOWED:
                problems.append(f"{table.name}: no __personal_data__ for {to_user | personal}")
            continue
        assert isinstance(decl, PersonalData), table.name
        columns = set(table.columns.keys())
        named = {*decl.owners, *decl.fields, *decl.export_exclude,
                 *([decl.email_column] if decl.email_column else [])}
        if unknown := named - columns:
            problems.append(f"{table.name}: declares columns it lacks: {unknown}")
        if missed := to_user - set(decl.owners):
            problems.append(f"{table.name}: user id columns not in owners: {missed}")
        if silent := personal - set(decl.fields) - set(decl.export_exclude) - {"id"}:
            problems.append(f"{table.name}: personal columns not declared: {silent}")
    assert not problems, "\n".join(problems)
