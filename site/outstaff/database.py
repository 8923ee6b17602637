"""Engine settings that make SQLite safe for a multi-threaded server."""

from pathlib import Path

from flask import Flask
from sqlalchemy import event
from sqlalchemy.engine import Engine


def configure(app: Flask) -> None:
    from outstaff.extensions import db

    with app.app_context():
        engine = db.engine
    if engine.dialect.name == "sqlite" and engine.url.database not in (None, "", ":memory:"):
        # The default database lives in instance/, which a fresh clone does not have yet.
        Path(engine.url.database).parent.mkdir(parents=True, exist_ok=True)
    if engine.dialect.name == "sqlite" and not getattr(engine, "_outstaff_pragmas", False):
        event.listen(engine, "connect", _sqlite_pragmas)
        engine._outstaff_pragmas = True


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    # WAL lets readers and a writer work at once; the busy timeout makes a second writer wait
    # instead of failing; secure_delete overwrites deleted rows so erased data is really gone.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA secure_delete=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"
