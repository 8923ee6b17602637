"""Bulk inserts at the driver's speed, for seeding and rebuilding (not for requests).

SQLAlchemy's bulk insert of dicts compiles, groups and processes rows in Python per column;
at a million rows that is most of the time. Here each column's bind processor (the models'
UTC datetimes) is looked up once, rows become tuples, and the driver takes them in one go:
`executemany` on SQLite, `COPY` on PostgreSQL. A column no row names gets its Python-side
default (a callable's called per row), as the ORM would give it.
"""

from collections.abc import Iterator

from sqlalchemy import Table
from sqlalchemy.engine import Connection


def insert(connection: Connection, table: Table, rows: list[dict]) -> None:
    if not rows:
        return
    names = list(dict.fromkeys(name for row in rows for name in row))
    defaults = [
        c
        for c in table.columns
        if c.name not in names
        and c.default is not None
        and not c.default.is_sequence
        and not c.default.is_clause_element
    ]
    columns = [table.c[name] for name in names] + defaults
    dialect = connection.dialect
    quoted = ", ".join(dialect.identifier_preparer.quote(c.name) for c in columns)
    target = dialect.identifier_preparer.format_table(table)
    tuples = _tuples(
        rows, names, defaults, [c.type._cached_bind_processor(dialect) for c in columns]
    )
    if dialect.name == "postgresql":
        raw = connection.connection.driver_connection  # psycopg 3
        with raw.cursor() as cursor, cursor.copy(f"COPY {target} ({quoted}) FROM STDIN") as copy:
            for values in tuples:
                copy.write_row(values)
    else:
        marks = ", ".join("?" for _ in columns)
        sql = f"INSERT INTO {target} ({quoted}) VALUES ({marks})"
        connection.exec_driver_sql(sql, list(tuples))


def _tuples(rows, names, defaults, processors) -> Iterator[tuple]:
    for row in rows:
        values = [row.get(name) for name in names]
        for column in defaults:
            arg = column.default.arg
            values.append(arg(None) if column.default.is_callable else arg)
        yield tuple(
            v if p is None or v is None else p(v) for v, p in zip(values, processors, strict=True)
        )
