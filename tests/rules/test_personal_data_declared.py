"""Personal data is declared where it lives: every table that points at a person, or has a
column named like an identifier, carries a declaration (or a reason it needs none)."""

import re

import pytest
from sqlalchemy import Integer, String

from outstaff import personal_data
from outstaff.core.extensions import db
from outstaff.models import PersonalData
from tests.helpers import id_columns

pytestmark = pytest.mark.usefixtures("app_ctx")  # the tests read the database


# Text columns named like these hold identifiers (email_confirmed_at, a date, does not).
PERSONAL_NAME = re.compile(r"(^|_)(e?mail|phone|telegram|name)(_|$)")

# Tables that point at a user or a declared row, or have a personal-looking column, yet need
# no declaration: table name -> why. (A skill used to be here, "erased by cascade": it was
# never exported nor on the privacy page.)
UNDECLARED_ALLOWED: dict[str, str] = {}


def _points_at_someone(table) -> set[str]:
    """Columns pointing at a user, or at a row that is someone's (a declared table)."""
    return {
        c.name
        for c in table.columns
        if any(fk.column.table.name == "user" for fk in c.foreign_keys)
        or personal_data.declared_parent(c) is not None
    }


def _names_a_person(column) -> bool:
    """A user's id (a foreign key to it, or a bare integer kept after deletion), or a
    declared parent row whose subject the row shares."""
    if personal_data.declared_parent(column) is not None:
        return True
    if column.foreign_keys:
        return all(fk.column.table.name == "user" for fk in column.foreign_keys)
    return isinstance(column.type, Integer)


def _declaration_problems(table, decl: PersonalData) -> list[str]:
    columns = set(table.columns.keys())
    problems = []
    named = {
        *decl.parties,
        *decl.fields,
        *decl.export_exclude,
        *([decl.email_column] if decl.email_column else []),
    }
    if unknown := named - columns:
        problems.append(f"declares columns it lacks: {unknown}")
    if not decl.subject:
        problems.append("names no subject: whom is the row about?")
    if len(decl.owners) > 1:
        problems.append("`owners` names two people: say which is the subject, which the author")
    to_user = {
        c.name
        for c in table.columns
        if any(fk.column.table.name == "user" for fk in c.foreign_keys)
    }
    if missed := to_user - set(decl.parties):
        problems.append(f"user id columns are neither subject nor author: {missed}")
    for name in sorted(set(decl.parties) & columns):
        if not _names_a_person(table.c[name]):
            problems.append(f"{name} holds neither a user's id nor a declared row's")
    if decl.email_column and decl.subject[0] not in id_columns(table, decl):
        problems.append("a table matched by address needs a subject column holding a user id")
    personal = {
        c.name for c in table.columns if PERSONAL_NAME.search(c.name) and isinstance(c.type, String)
    }
    if silent := personal - set(decl.fields) - set(decl.export_exclude) - {"id"}:
        problems.append(f"personal columns not declared: {silent}")
    return problems


def test_personal_data_is_declared_where_it_lives():
    """A new table that holds or points at someone's data fails here until it declares whose
    it is, so erasure, the export, the privacy page and this test all cover it."""
    models = {m.local_table.name: m.class_ for m in db.Model.registry.mappers}
    problems = []
    for table in db.metadata.sorted_tables:
        decl = getattr(models.get(table.name), "__personal_data__", None)
        if decl is None:
            personal = {
                c.name
                for c in table.columns
                if PERSONAL_NAME.search(c.name) and isinstance(c.type, String)
            }
            if (found := _points_at_someone(table) | personal) and (
                table.name not in UNDECLARED_ALLOWED
            ):
                problems.append(f"{table.name}: no __personal_data__ for {found}")
            continue
        assert isinstance(decl, PersonalData), table.name
        problems += [f"{table.name}: {p}" for p in _declaration_problems(table, decl)]
    assert not problems, "\n".join(problems)


def test_an_undeclared_child_of_a_declared_table_is_caught():
    """The check above cannot stay silent about a table like the skills were."""
    from sqlalchemy import Column, ForeignKey, MetaData, Table

    table = Table(
        "pet",
        MetaData(),
        Column("id", Integer, primary_key=True),
        Column("profile_id", ForeignKey(db.metadata.tables["developer_profile"].c.id)),
    )
    assert _points_at_someone(table) == {"profile_id"}
