"""Outstaff: the application factory."""

from pathlib import Path

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from outstaff import links

ROOT = Path(__file__).resolve().parents[2]


def create_app(config: object | None = None, **overrides) -> Flask:
    """Build the app from a config class (default: chosen by APP_ENV) plus overrides."""
    app = Flask(
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
    from outstaff import cli, errors, input_rules, public_csrf, security, static_files, templating
    from outstaff.services import sessions

    errors.register(app)
    security.register(app)
    sessions.init_app(app)  # after the request id: a failing session lookup is logged with it
    static_files.register(app)
    templating.register(app)
    public_csrf.register(app)
    cli.register(app)
    input_rules.register(app)  # its hook runs before every other
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
    from outstaff import database, i18n
    from outstaff.extensions import babel, csrf, db, limiter, login_manager, migrate
    from outstaff.services import mail

    db.init_app(app)
    database.configure(app)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"), render_as_batch=True)
    csrf.init_app(app)
    limiter.init_app(app)
    babel.init_app(app, locale_selector=i18n.select_locale)
    login_manager.init_app(app)
    mail.init_app(app)
    from outstaff import auth  # noqa: F401  (registers the user loader)
    from outstaff.services import accounts

    accounts.init_app(app)


def register_blueprints(app: Flask) -> None:
    from outstaff.accounts import bp as accounts_bp
    from outstaff.admin import bp as admin_bp
    from outstaff.employer import bp as employer_bp
    from outstaff.feedback import bp as feedback_bp
    from outstaff.listing import bp as listing_bp
    from outstaff.main import bp as main_bp
    from outstaff.offers import bp as offers_bp
    from outstaff.privacy import bp as privacy_bp
    from outstaff.questionnaire import bp as questionnaire_bp
    from outstaff.twofactor import bp as twofactor_bp

    app.register_blueprint(main_bp)
    app.register_blueprint(accounts_bp, url_prefix="/account")
    app.register_blueprint(privacy_bp)
    app.register_blueprint(admin_bp)  # its own prefix: see outstaff.admin
    app.register_blueprint(offers_bp, url_prefix="/offers")
    app.register_blueprint(questionnaire_bp, url_prefix="/questionnaire")
    app.register_blueprint(feedback_bp)
    app.register_blueprint(twofactor_bp, url_prefix="/account/2fa")
    app.register_blueprint(employer_bp, url_prefix="/employer")
    app.register_blueprint(listing_bp)
