"""Engine settings that make SQLite safe for a multi-threaded server, and keep erased data
out of every file of the database."""

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from flask import Flask, current_app, has_app_context
from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.orm import Session

log = logging.getLogger(__name__)

SCRUB_KEY = "outstaff_scrub_wal"
BUSY_TIMEOUT_MS = 5000


def engine_options(app: Flask) -> None:
    """Before the engine is made: no ping before each checkout on SQLite, whose connection
    is a file opened in this process, not a server that can go away; every request checks
    a connection out, and the ping is a statement of its own."""
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        options = app.config.get("SQLALCHEMY_ENGINE_OPTIONS") or {}
        app.config["SQLALCHEMY_ENGINE_OPTIONS"] = {**options, "pool_pre_ping": False}


def configure(app: Flask) -> None:
    from outstaff.core.extensions import db

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
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA secure_delete=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    # A checkpoint leaves old frames in the -wal file (older copies of pages, erased rows
    # included) until they are overwritten; with a limit of 0 the log is cut back to what is
    # in use each time it starts over, so stale frames do not linger between erasures.
    cursor.execute("PRAGMA journal_size_limit=0")
    cursor.close()


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


def own_session(**options) -> Session:
    """A session apart from the request's, on the app's database (`db.engine`). Should that
    be a connection already in a transaction, the session works in a savepoint of it."""
    from outstaff.core.extensions import db

    return Session(db.engine, join_transaction_mode="create_savepoint", **options)


@contextmanager
def own_transaction() -> Iterator[Connection]:
    """A transaction of its own, committed at the end of the block whatever the request's
    session does next, and without expiring what that session has loaded."""
    with own_session() as session, session.begin():
        yield session.connection()


@contextmanager
def read_connection() -> Iterator[Connection]:
    """A connection for a few reads outside the ORM session. Should the app's database be a
    connection already (the tests bind one), the reads run on it and leave it open."""
    from outstaff.core.extensions import db

    bind = db.engine
    if isinstance(bind, Connection):
        yield bind
        return
    with bind.connect() as connection:
        yield connection


def _in_outer_transaction(bind: Engine | Connection) -> bool:
    """A connection whose transaction someone else ends: nothing is in the files yet."""
    return isinstance(bind, Connection) and bind.in_transaction()


def scrub_after_commit(session: Session) -> None:
    """Empty SQLite's write-ahead log once this transaction (an erasure) is committed, so
    the older copies of the erased rows' pages do not stay in the -wal file."""
    session.info[SCRUB_KEY] = True


@event.listens_for(Session, "after_commit")
def _scrub_committed(session: Session) -> None:
    if session.info.pop(SCRUB_KEY, False):
        truncate_wal(session.get_bind())


@event.listens_for(Session, "after_rollback")
def _nothing_to_scrub(session: Session) -> None:
    session.info.pop(SCRUB_KEY, None)


def truncate_wal(engine: Engine | Connection) -> bool:
    """Copy the whole log into the database file and cut the log to zero bytes.

    Only possible once no reader still uses an older snapshot: SQLite waits for them up to
    SQLITE_CHECKPOINT_TIMEOUT_MS. Should a long reader outlast that, the erased rows stay in
    the -wal until `flask privacy purge` (which ends with this) or the next erasure; that is
    logged. True when the log is empty (always, on other databases).
    """
    if _in_outer_transaction(engine):
        return True  # its owner's commit is the erasure's; the log is emptied after that
    if not is_sqlite(engine) or engine.url.database in (None, "", ":memory:"):
        return True
    config = current_app.config if has_app_context() else {}
    timeout = int(config.get("SQLITE_CHECKPOINT_TIMEOUT_MS", BUSY_TIMEOUT_MS))
    with engine.connect() as connection:
        connection.exec_driver_sql(f"PRAGMA busy_timeout={timeout}")
        try:
            busy, _, _ = connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").one()
        finally:
            connection.exec_driver_sql(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    if busy:
        log.warning(
            "A reader kept the SQLite write-ahead log from being emptied after an "
            "erasure; erased rows stay in its -wal file until the next "
            "`flask privacy purge`."
        )
    return not busy
