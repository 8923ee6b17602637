"""Deleting an account leaves no trace (DESIGN.md, "Personal data: declared once").

Rows for every table come from tests/rules/populate_*.py; features that add tables
add a populate function there. Then the account is deleted through the real page, and every
column of every table (and, on SQLite, every file of the database: the main file, its -wal
log and any -shm or -journal, after the checkpoint SQLite makes on its own) is searched for
the user's identifiers, and every row the declarations said was the user's must be gone.
"""

import json
import re

import pytest
from sqlalchemy import func, select

from outstaff import personal_data
from outstaff.core.extensions import db
from outstaff.models import Feedback, User
from tests.helpers import PASSWORD, declaration_of, id_columns, sign_in
from tests.helpers.database_files import needles_in_files

# The tests read the database; they read the database files after a deletion.
pytestmark = [pytest.mark.usefixtures("app_ctx"), pytest.mark.commits]

ROLES = ("developer", "employer", "admin")


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


def traces_in_sqlite_files(ids: dict[str, str]) -> list[str]:
    """Identifiers found in the raw bytes of any database file.

    First the checkpoint SQLite runs by itself (PASSIVE: pages are copied into the main file,
    the log keeps its old frames); never a TRUNCATE here, which would hide what the site
    leaves behind.
    """
    db.session.remove()
    with db.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)")
    found = needles_in_files(db.engine.url.database, ids.values())
    assert any(name.endswith("-wal") for name in found), "the log must be searched too"
    held = {ident.lower() for idents in found.values() for ident in idents}
    return sorted(key for key, ident in ids.items() if ident.lower() in held)


def rows_of(user: User) -> dict[str, set]:
    """The primary keys of every row the declarations say is the user's, by table."""
    rows = {}
    for model in personal_data.declared_models():
        keys = model.__table__.primary_key.columns
        rows[model.__tablename__] = set(
            db.session.execute(select(*keys).where(personal_data.reaches(model, user))).all()
        )
    return rows


def rows_left_behind(before: dict[str, set]) -> list[str]:
    """Rows that were the user's and are still there (audit rows must have lost their fields,
    detached rows their erased columns)."""
    found = []
    for model in personal_data.declared_models():
        decl, table = personal_data.declaration(model), model.__table__
        for key in before[model.__tablename__]:
            where = [c == value for c, value in zip(table.primary_key.columns, key, strict=True)]
            row = db.session.execute(select(table).where(*where)).mappings().first()
            if row is None:
                continue
            if decl.on_erase == "detach":  # kept for the other party, its text erased
                if any(row[f] is not None for f in decl.erased):
                    found.append(f"{table.name} {key}")
                continue
            if decl.on_erase != "keep_ids" or any(row[f] is not None for f in decl.fields):
                found.append(f"{table.name} {key}")
    return found


def ids_left_behind(user_id: int) -> list[str]:
    """Columns that point at the user (foreign keys, declared owners) and still hold the id.

    Tables declared "keep_ids" (the audit log) keep ids on purpose and are skipped.
    """
    found = []
    for table in db.metadata.sorted_tables:
        decl = declaration_of(table.name)
        if decl is not None and decl.on_erase == "keep_ids":
            continue
        columns = {
            c.name
            for c in table.columns
            if any(fk.column.table.name == "user" for fk in c.foreign_keys)
        }
        columns |= set(id_columns(table, decl)) if decl else set()
        for column in sorted(columns):
            count = db.session.scalar(
                select(func.count()).select_from(table).where(table.c[column] == user_id)
            )
            if count:
                found.append(f"{table.name}.{column}: {count} row(s)")
    return found


@pytest.mark.parametrize("role", ROLES)
def test_deleting_an_account_leaves_no_trace(app, client, make_person, role):
    person = make_person(role)
    ids, user_id = person.ids, person.user.id
    others = [person.developer.id, person.employer.id, person.admin.id]
    # The search must be able to find what it looks for, or its silence proves nothing.
    found = {re.sub(r"^.* holds the ", "", hit) for hit in traces_in_columns(ids)}
    assert found == set(ids), f"never written, so never searched: {set(ids) - found}"
    sqlite = db.engine.dialect.name == "sqlite"
    if sqlite:
        assert traces_in_sqlite_files(ids) == sorted(ids)
    theirs = rows_of(person.user)

    sign_in(client, ids["email"])
    response = client.post("/account/delete", data={"password": PASSWORD, "understood": "y"})
    assert response.status_code == 302 and response.headers["Location"] == "/"

    db.session.expire_all()
    assert db.session.get(User, user_id) is None
    assert traces_in_columns(ids) == []
    assert ids_left_behind(user_id) == []
    assert rows_left_behind(theirs) == []
    if sqlite:
        assert traces_in_sqlite_files(ids) == []
    assert all(db.session.get(User, other) for other in others)  # others keep their accounts


def test_every_declared_table_reaches_someone_before_the_deletions(app, make_person):
    """The fixtures give every role's person rows of each declared table, through the very
    clauses erasure and export use (a skill through its questionnaire, a message by address)."""
    reached = set()
    for role in ROLES:
        person = make_person(role)
        reached |= {table for table, keys in rows_of(person.user).items() if keys}
    declared = {model.__tablename__ for model in personal_data.declared_models()}
    assert declared - reached == set(), "extend tests/rules/populate_*.py"


def test_deleting_an_impostor_leaves_the_victims_messages_and_nothing_of_the_impostor(
    app, client, make_user
):
    """Finding 3: an account that never confirmed its address (someone else's) is deleted;
    the owner of the address keeps her messages and the admin's replies, untouched."""
    victim, admin = "ruslana.q3@example.org", make_user("admin")
    db.session.add_all(
        [
            Feedback(
                name="Ruslana",
                email=victim,
                topic="privacy",
                message="About my data?",
                reply="Nothing is stored",
                replied_by_id=admin.id,
                status="handled",
            ),
            Feedback(name="Ruslana", email=victim, topic="other", message="A second question"),
        ]
    )
    db.session.commit()
    messages = [dict(row) for row in db.session.execute(select(Feedback.__table__)).mappings()]
    impostor = make_user("developer", email=victim, confirmed=False)
    own = {"name": "Impostor-Q3x", "phrase": "the impostor's own words q3x"}
    db.session.add(
        Feedback(
            user_id=impostor.id,
            name=own["name"],
            email=victim,
            topic="other",
            message=own["phrase"],
        )
    )
    db.session.commit()

    sign_in(client, victim)
    impostor_id = impostor.id
    response = client.post("/account/delete", data={"password": PASSWORD, "understood": "y"})
    assert response.status_code == 302

    assert db.session.get(User, impostor_id) is None
    assert [dict(r) for r in db.session.execute(select(Feedback.__table__)).mappings()] == (
        messages
    )
    assert traces_in_columns(own) == []
    if db.engine.dialect.name == "sqlite":
        assert traces_in_sqlite_files(own) == []


def test_every_table_holds_someones_data_before_the_deletions(app, make_person):
    """A new table fails here until tests/rules/populate_*.py fills it."""
    for role in ROLES:
        make_person(role)
    empty = [
        table.name
        for table in db.metadata.sorted_tables
        if not db.session.scalar(select(func.count()).select_from(table))
    ]
    assert empty == [], f"add a populate function to tests/rules/populate_*.py for {empty}"
