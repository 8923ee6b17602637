"""Outstaff: the application factory."""

import importlib
from pathlib import Path

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from outstaff.core import links

ROOT = Path(__file__).resolve().parents[2]


class Outstaff(Flask):
    """Flask, asking "is this function async?" once per function: Flask asks it of every
    hook on every request (a dozen; none is async here), and the answer never changes."""

    SYNC_CHECKS_KEPT = 512  # hooks and views; per-request callbacks would pass it by

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._sync: dict = {}

    def ensure_sync(self, func):
        checked = self._sync.get(func)
        if checked is None:
            checked = super().ensure_sync(func)
            if len(self._sync) < self.SYNC_CHECKS_KEPT:
                self._sync[func] = checked
        return checked


def create_app(config: object | None = None, **overrides) -> Flask:
    """Build the app from a config class (default: chosen by APP_ENV) plus overrides."""
    app = Outstaff(
        __name__,
        instance_path=str(ROOT / "instance"),
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
    )
    if config is None:
        import config as config_module

        config = config_module.from_environment()
    app.config.from_object(config)
    app.config.update(overrides)
    check_config(app)

    register_extensions(app)
    register_blueprints(app)
    register_core(app)
    app.wsgi_app = links.RefuseUnknownHosts(app)
    if app.config["TRUSTED_PROXIES"]:
        n = app.config["TRUSTED_PROXIES"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=n, x_proto=n, x_host=n)
    return app


def check_config(app: Flask) -> None:
    key = app.config.get("SECRET_KEY")
    if app.config["APP_ENV"] == "production" and (not key or len(key) < 32):
        raise RuntimeError("SECRET_KEY must be set to a random value of 32+ characters.")
    if not key:
        raise RuntimeError("SECRET_KEY is not set: `make run` writes one to .env.")
    links.check_site_url(app)


def register_extensions(app: Flask) -> None:
    from outstaff import mail, queue
    from outstaff.core import database, i18n
    from outstaff.core.extensions import babel, csrf, db, limiter, login_manager, migrate

    database.engine_options(app)
    db.init_app(app)
    database.configure(app)
    from outstaff.search.schema import include_object

    migrate.init_app(
        app,
        db,
        directory=str(ROOT / "migrations"),
        render_as_batch=True,
        include_object=include_object,  # the search index's hand-made tables and indexes
    )
    csrf.init_app(app)
    limiter.init_app(app)
    babel.init_app(app, locale_selector=i18n.select_locale)
    login_manager.init_app(app)
    mail.init_app(app)
    queue.init_app(app)
    from outstaff.accounts import service as accounts
    from outstaff.accounts import sessions  # noqa: F401  (registers the user loader)

    accounts.init_app(app)


# Every feature is a blueprint, registered in this order under its URL prefix.
FEATURES = (
    ("main", None),
    ("accounts", "/account"),
    ("twofactor", "/account/2fa"),
    ("privacy", None),
    ("questionnaire", "/questionnaire"),
    ("employer", "/employer"),
    ("listing", None),
    ("offers", "/offers"),
    ("notifications", "/account/notifications"),
    ("alerts", "/alerts"),
    ("feedback", None),
    ("analytics", None),
    ("retention", None),
    ("queue", None),
    ("admin", None),
    ("demo", None),
)


def register_blueprints(app: Flask) -> None:
    for name, prefix in FEATURES:
        module = importlib.import_module(f"outstaff.{name}")
        app.register_blueprint(module.bp, url_prefix=prefix)


def register_core(app: Flask) -> None:
    from outstaff.accounts import sessions
    from outstaff.core import (
        cookie_session,
        csrf_reuse,
        errors,
        input_rules,
        security,
        static_files,
        templating,
    )

    cookie_session.register(app)
    csrf_reuse.register(app)
    errors.register(app)
    security.register(app)
    sessions.init_app(app)  # after the request id: a failing session lookup is logged with it
    static_files.register(app)
    templating.register(app)
    input_rules.register(app)  # its hook runs before every other
