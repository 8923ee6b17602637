"""The application shell: configuration, schema, health, headers, error pages."""

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

import config
from outstaff import create_app
from outstaff.core.extensions import db
from outstaff.search.schema import include_object

pytestmark = pytest.mark.usefixtures("app_ctx")  # the tests read the database


@pytest.mark.commits  # Alembic compares on a connection of its own
def test_models_and_migrations_agree(app):
    """A model change without a migration fails here."""
    opts = {"include_object": include_object}  # the search index's hand-made parts
    with db.engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection, opts=opts), db.metadata)
    assert diff == []


def test_production_refuses_to_start_without_a_real_secret_key():
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        create_app(config.ProductionConfig, SECRET_KEY=None)
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        create_app(config.ProductionConfig, SECRET_KEY="short")


def test_postgres_urls_use_psycopg_3():
    assert config.database_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert config.database_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    assert config.database_url(None).startswith("sqlite:///")


@pytest.mark.parametrize(
    ("url", "pinged"),
    [("sqlite://", False), ("postgresql+psycopg://nobody@127.0.0.1:9/none", True)],
)
def test_a_pooled_connection_is_pinged_on_postgresql_only(url, pinged):
    """A PostgreSQL server may restart under a pooled connection; an SQLite file cannot, and
    a ping there would be one more statement on every request."""
    app = create_app(config.TestingConfig, SQLALCHEMY_DATABASE_URI=url)
    with app.app_context():
        assert db.engine.pool._pre_ping is pinged
        assert db.engine.hide_parameters


def test_healthz_reports_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json == {"status": "ok", "database": "ok"}


def test_every_response_carries_security_headers(client):
    response = client.get("/")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "camera=()" in response.headers["Permissions-Policy"]
    assert response.headers["X-Request-ID"]
    assert "Strict-Transport-Security" not in response.headers


def test_hsts_in_production(migrated):
    app = create_app(
        config.ProductionConfig,
        SECRET_KEY="x" * 40,
        SITE_URL="https://localhost",
        SQLALCHEMY_DATABASE_URI=migrated,
    )
    response = app.test_client().get("/healthz")
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")
    with app.app_context():
        db.engine.dispose()


def test_unknown_page_is_a_friendly_404(client):
    response = client.get("/no/such/page")
    assert response.status_code == 404
    assert b"Page not found" in response.data
    assert b"<nav" in response.data  # the site's layout


def test_wrong_method_is_a_405_page(client):
    response = client.delete("/")
    assert response.status_code == 405
    assert b"not allowed" in response.data


@pytest.mark.fresh_app  # adds a route
def test_unexpected_error_is_a_500_page_with_a_reference(app, client, caplog):
    @app.get("/boom")
    def boom():
        raise RuntimeError("kaboom")

    response = client.get("/boom")
    assert response.status_code == 500
    assert b"Something went wrong" in response.data
    request_id = response.headers["X-Request-ID"]
    assert request_id.encode() in response.data
    assert any(request_id in r.getMessage() for r in caplog.records)


def test_upload_over_the_limit_is_a_413_page(app, client):
    app.config["MAX_CONTENT_LENGTH"] = 100
    response = client.post("/account/signin", data={"email": "x" * 500})
    assert response.status_code == 413
    assert b"too large" in response.data


def test_home_page_speaks_to_developers_and_employers(client):
    page = client.get("/").get_data(as_text=True)
    assert "For developers" in page and "For employers" in page
    assert 'href="/privacy"' in page
