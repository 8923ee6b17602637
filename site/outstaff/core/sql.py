"""Two SQL idioms the features share, written once for SQLite and PostgreSQL alike."""

from sqlalchemy.dialects import postgresql, sqlite

from outstaff.core.extensions import db

LIKE_ESCAPE = "\\"
_INSERTS = {"sqlite": sqlite.insert, "postgresql": postgresql.insert}


def contains_pattern(text: str) -> str:
    """A LIKE pattern matching `text` anywhere, its own `%`, `_` and escape characters taken
    literally; use it with `escape=LIKE_ESCAPE`."""
    escaped = (
        text.replace(LIKE_ESCAPE, LIKE_ESCAPE * 2)
        .replace("%", LIKE_ESCAPE + "%")
        .replace("_", LIKE_ESCAPE + "_")
    )
    return f"%{escaped}%"


def upsert(model):
    """The INSERT of this database's dialect, which has `on_conflict_do_nothing/update`."""
    return _INSERTS[db.session.get_bind().dialect.name](model)


def insert_unless_present(model, values: dict, keys: list[str]) -> None:
    """INSERT .. ON CONFLICT (keys) DO NOTHING: two requests inserting the same row at once
    (a double click, a race) are not an error; the row is there either way."""
    db.session.execute(upsert(model).values(values).on_conflict_do_nothing(index_elements=keys))
