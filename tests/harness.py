"""The app and the database each test gets (loaded by the root conftest.py).

The schema is built once per run by the migrations (SQLite file, or TEST_DATABASE_URL for
PostgreSQL). One app serves every test that does not change its configuration through
`app_overrides` (create_app is a third of a test's cost); what a test changes of its
configuration and state is put back afterwards.

Isolation: the test's writes, and those of every request it makes, go to one connection
held in an outer transaction, rolled back after the test. The app's sessions join it with
a savepoint each (join_transaction_mode="create_savepoint"), so a commit or rollback in the
app ends only its savepoint. A test that needs its writes really committed (seen by
another connection, a thread, a process, or read from the database files) is marked
`commits`: it runs on the engine itself and every table is emptied afterwards. A test
that changes the app itself (adds routes) is marked `fresh_app`.
"""

import contextvars
import os
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from flask import Flask, has_app_context
from flask.testing import FlaskClient
from sqlalchemy import delete, insert

import config
from outstaff import create_app, queue
from outstaff.core.extensions import db, limiter
from outstaff.models import DataVersion

# What the app keeps between requests and a test may leave behind: remembered answers,
# forgotten between tests (a rolled-back test takes the data version back with it, so the
# next test could meet the same number).
REMEMBERED = (
    "listing_totals",
    "home_numbers",
    "data_version_results",
    "profile_articles",
    "search_facet_statistics",  # planner statistics: an earlier test's crowd is not this one's
)


def pytest_configure(config) -> None:
    config.addinivalue_line(
        "markers", "commits: the test's writes are really committed; tables emptied after it"
    )
    config.addinivalue_line("markers", "fresh_app: the test changes the app: it gets its own")


@pytest.fixture(scope="session")
def database_url(tmp_path_factory) -> str:
    url = os.environ.get("TEST_DATABASE_URL")
    if url:
        return config.database_url(url)
    return f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}"


@pytest.fixture(scope="session")
def migrated(database_url: str) -> str:
    """Build the schema with the migrations, once per test run."""
    from flask_migrate import downgrade, upgrade

    app = create_app(config.TestingConfig, SQLALCHEMY_DATABASE_URI=database_url)
    with app.app_context():
        if database_url.startswith("postgresql"):
            downgrade(revision="base")  # a clean slate on a shared server
        upgrade()
        db.engine.dispose()
    # A session on a connection already in a transaction (the test's) works in a savepoint.
    db.session.session_factory.configure(join_transaction_mode="create_savepoint")
    return database_url


@pytest.fixture
def app_overrides() -> dict:
    """Tests override configuration by parametrizing or redefining this fixture."""
    return {}


def new_app(database_url: str, overrides: dict) -> Flask:
    overrides = {"SQLALCHEMY_DATABASE_URI": database_url, **overrides}
    if url := os.environ.get("TEST_RATELIMIT_STORAGE_URI"):
        overrides.setdefault("RATELIMIT_STORAGE_URI", url)
    app = create_app(config.TestingConfig, **overrides)
    app.test_client_class = OwnContextClient
    return app


@pytest.fixture(scope="session")
def shared_app(migrated: str) -> Iterator[Flask]:
    app = new_app(migrated, {})
    # The limiter is one object that takes the settings of the last app made with it.
    app.extensions["test_limiter_settings"] = dict(vars(limiter))
    yield app
    with app.app_context():
        db.engine.dispose()


@pytest.fixture
def app(request, migrated: str, app_overrides: dict) -> Iterator[Flask]:
    """The app of the test; no context is pushed (see `app_ctx`)."""
    fresh = bool(app_overrides) or request.node.get_closest_marker("fresh_app")
    app = new_app(migrated, app_overrides) if fresh else request.getfixturevalue("shared_app")
    vars(limiter).update(app.extensions.get("test_limiter_settings", {}))
    queue.init_app(app)  # tasks run in the app of this test
    commits = request.node.get_closest_marker("commits")
    with _state_restored(app), _emptied_after(app) if commits else _rolled_back(app):
        yield app
    if fresh:
        with app.app_context():
            db.engine.dispose()


@contextmanager
def _state_restored(app: Flask) -> Iterator[None]:
    settings = dict(app.config)
    try:
        yield
    finally:
        app.config.clear()
        app.config.update(settings)
        app.extensions["mail_outbox"].clear()
        app.extensions["page_view_batch"].rows.clear()
        for name in REMEMBERED:
            app.extensions.pop(name, None)
        if app.config["RATELIMIT_ENABLED"]:
            with app.app_context():
                limiter.reset()


@contextmanager
def _rolled_back(app: Flask) -> Iterator[None]:
    """Every session of the app, the test's and each request's, on one connection in a
    transaction that is rolled back afterwards."""
    with app.app_context():
        engines = db.engines
    engine = engines[None]
    with engine.connect() as connection:
        outer = connection.begin()
        if engine.dialect.name == "sqlite":
            # pysqlite begins a transaction only before a write; a savepoint released
            # outside one would commit. Begin it now so every savepoint is nested in it.
            connection.exec_driver_sql("BEGIN")
        engines[None] = connection
        try:
            yield
        finally:
            engines[None] = engine
            outer.rollback()


@contextmanager
def _emptied_after(app: Flask) -> Iterator[None]:
    try:
        yield
    finally:
        with app.app_context():
            with db.engine.begin() as connection:
                for table in reversed(db.metadata.sorted_tables):
                    connection.execute(delete(table))
                connection.execute(insert(DataVersion).values(id=1, n=0))  # the migration's row


@pytest.fixture
def app_ctx(app: Flask) -> Iterator[None]:
    """An app context for a test that reads or writes the database itself (the factories
    ask for it). Requests do not share it: see OwnContextClient."""
    with app.app_context():
        yield
        db.session.remove()


class OwnContextClient(FlaskClient):
    """Each request runs in a context of its own, as on a server: a fresh `g` (Flask-Login's
    user, Babel's locale, the CSRF token) and its own database session, whatever context the
    test holds. The test is then a second client of the database: what its session wrote is
    committed before the request, and what it holds is read again after it."""

    def open(self, *args, **kwargs):
        _end_test_transaction()
        response = contextvars.Context().run(super().open, *args, **kwargs)
        _end_test_transaction()
        return response


def _end_test_transaction() -> None:
    if has_app_context():
        db.session.commit()
