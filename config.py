"""Configuration read from the environment (and an optional `.env`).

Embedded defaults serve one machine: SQLite under `instance/`, rate limits in memory, mail
printed to the console. Production (`APP_ENV=production`) refuses to start without a real
`SECRET_KEY` and the site's https address (`SITE_URL`).
"""

import os
from datetime import timedelta
from pathlib import Path

from dotenv import load_dotenv

ROOT = Path(__file__).resolve().parent
INSTANCE = ROOT / "instance"

load_dotenv(ROOT / ".env")


def env(name: str, default: str | None = None) -> str | None:
    value = os.environ.get(name)
    return value if value not in (None, "") else default


def env_int(name: str, default: int) -> int:
    return int(env(name, str(default)))


def env_list(name: str, default: str = "") -> list[str]:
    """A comma-separated list ("a.example, b.example"), without blanks."""
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


def env_bool(name: str, default: bool) -> bool:
    return env(name, "1" if default else "0").lower() in {"1", "true", "yes", "on"}


def database_url(url: str | None) -> str:
    """Default to SQLite in `instance/`; send `postgresql://` URLs through psycopg 3."""
    if not url:
        return f"sqlite:///{INSTANCE / 'outstaff.db'}"
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


class Config:
    APP_ENV = "development"
    APP_VERSION = "0.1.0"
    SECRET_KEY = env("SECRET_KEY")
    SQLALCHEMY_DATABASE_URI = database_url(env("DATABASE_URL"))
    # hide_parameters: a database error's text never carries the values (emails, hashes).
    # pool_pre_ping: a PostgreSQL server restarted since a connection was pooled (not on
    # SQLite: core/database.engine_options).
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True, "hide_parameters": True}
    SQLALCHEMY_RECORD_QUERIES = False

    # Brand and company: the policy's facts are the defaults.
    SITE_NAME = env("SITE_NAME", "Crypton Outstaff")
    COMPANY_NAME = env("COMPANY_NAME", "Crypton Studio KZ, LLP")
    CONTACT_EMAIL = env("CONTACT_EMAIL", "ak@crypton.studio")
    MIN_AGE = env_int("MIN_AGE", 12)
    # Named on the privacy page; unset, the page says "the company's own hosting" (translated).
    HOSTING_PROVIDER = env("HOSTING_PROVIDER")

    # The site's address: links in mail are built from it, never from the request, and the
    # Host header must name its host or one of ALLOWED_HOSTS (else 400); see outstaff/links.py.
    # The default is the address `make run` serves.
    SITE_URL = env("SITE_URL", "http://127.0.0.1:5000")
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1")
    TRUSTED_PROXIES = env_int("TRUSTED_PROXIES", 0)

    # Mail: SMTP when MAIL_SERVER is set, else printed to the console.
    MAIL_SERVER = env("MAIL_SERVER")
    MAIL_PORT = env_int("MAIL_PORT", 587)
    MAIL_USERNAME = env("MAIL_USERNAME")
    MAIL_PASSWORD = env("MAIL_PASSWORD")
    MAIL_USE_TLS = env_bool("MAIL_USE_TLS", True)
    MAIL_USE_SSL = env_bool("MAIL_USE_SSL", False)
    MAIL_DEFAULT_SENDER = env("MAIL_DEFAULT_SENDER", "Crypton Outstaff <no-reply@localhost>")
    MAIL_BACKEND = env("MAIL_BACKEND")  # smtp | console | file | memory; derived when unset
    MAIL_OUTBOX_DIR = env("MAIL_OUTBOX_DIR", str(INSTANCE / "outbox"))
    FEEDBACK_NOTIFY_EMAIL = env("FEEDBACK_NOTIFY_EMAIL")
    # The outbox (outstaff/queue/outbox.py): attempts while SMTP is down, waiting 30 s, 60 s,
    # 2 min ... (doubling, at most an hour) between them, then "dead" for an admin to retry.
    MAIL_MAX_ATTEMPTS = env_int("MAIL_MAX_ATTEMPTS", 12)
    MAIL_RETRY_BASE_SECONDS = env_int("MAIL_RETRY_BASE_SECONDS", 30)
    MAIL_RETRY_MAX_SECONDS = env_int("MAIL_RETRY_MAX_SECONDS", 3600)
    # How long a worker holds a mail it is sending; after a crash another takes it then.
    MAIL_SEND_LEASE_SECONDS = env_int("MAIL_SEND_LEASE_SECONDS", 120)
    MAIL_TIMEOUT = env_int("MAIL_TIMEOUT", 15)  # seconds, per SMTP connection

    # The task queue (huey): SQLite in instance/ by default, Redis in production
    # (redis://host:6379/1). Immediate: tasks run in the caller, at once (tests).
    HUEY_URL = env("HUEY_URL", f"sqlite:///{INSTANCE / 'huey.db'}")
    HUEY_IMMEDIATE = env_bool("HUEY_IMMEDIATE", False)
    HUEY_WORKERS = env_int("HUEY_WORKERS", 2)
    FEEDBACK_MIN_SECONDS = float(env("FEEDBACK_MIN_SECONDS", "3"))  # a faster form is a bot
    OFFER_SEND_RATE_LIMIT = env("OFFER_SEND_RATE_LIMIT", "20 per hour")  # per employer

    # Rate limits (Flask-Limiter): in memory by default, Redis in production.
    RATELIMIT_STORAGE_URI = env("RATELIMIT_STORAGE_URI", "memory://")
    RATELIMIT_ENABLED = env_bool("RATELIMIT_ENABLED", True)
    RATELIMIT_HEADERS_ENABLED = True
    RATELIMIT_KEY_PREFIX = env("RATELIMIT_KEY_PREFIX", "outstaff")
    # Sign-in attempts per account (normalized email), from any number of addresses; a
    # password reset starts a fresh budget, so the owner's mailbox always gets back in.
    SIGNIN_ACCOUNT_LIMIT = env("SIGNIN_ACCOUNT_LIMIT", "10 per 15 minutes; 50 per day")

    # Sessions and cookies.
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = False
    REMEMBER_COOKIE_DURATION = timedelta(days=30)
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_SECURE = False
    PERMANENT_SESSION_LIFETIME = timedelta(days=30)
    # How often a session record's "last seen" may be written (not on every request).
    SESSION_TOUCH_SECONDS = env_int("SESSION_TOUCH_SECONDS", 300)
    # A CSRF token lives as long as the session, so a slowly filled form is not lost.
    WTF_CSRF_TIME_LIMIT = None
    WTF_CSRF_ENABLED = True
    MAX_CONTENT_LENGTH = 6 * 1024 * 1024  # the photo limit (5 MB) plus form overhead

    PASSWORD_HASH_METHOD = "scrypt"
    EMAIL_CHECK_DELIVERABILITY = False
    TOKEN_MAX_AGE = {
        "confirm": 3 * 24 * 3600,
        "reset": 3600,
        "email_change": 24 * 3600,
        "availability": 45 * 24 * 3600,  # the reminder's one-click link
    }

    BABEL_DEFAULT_LOCALE = "en"
    BABEL_DEFAULT_TIMEZONE = "UTC"
    # Catalogs live in the package (site/outstaff/translations), relative to its root_path.
    BABEL_TRANSLATION_DIRECTORIES = "translations"
    LANGUAGES = ["en", "ru"]

    HSTS = False
    DEMO_DATA_ALLOWED = True

    # Retention periods (days), all well inside the policy's ten-year ceiling.
    RETENTION_UNCONFIRMED_DAYS = env_int("RETENTION_UNCONFIRMED_DAYS", 7)
    RETENTION_REJECTED_EMPLOYER_DAYS = env_int("RETENTION_REJECTED_EMPLOYER_DAYS", 30)
    RETENTION_INACTIVE_DAYS = env_int("RETENTION_INACTIVE_DAYS", 3 * 365)
    RETENTION_INACTIVE_GRACE_DAYS = env_int("RETENTION_INACTIVE_GRACE_DAYS", 30)
    RETENTION_SECURITY_IP_DAYS = env_int("RETENTION_SECURITY_IP_DAYS", 30)
    RETENTION_SECURITY_LOG_DAYS = env_int("RETENTION_SECURITY_LOG_DAYS", 365)
    RETENTION_ANALYTICS_RAW_DAYS = env_int("RETENTION_ANALYTICS_RAW_DAYS", 90)
    RETENTION_FEEDBACK_DAYS = env_int("RETENTION_FEEDBACK_DAYS", 2 * 365)
    RETENTION_STALE_PROFILE_DAYS = env_int("RETENTION_STALE_PROFILE_DAYS", 365)
    RETENTION_STALE_PROFILE_GRACE_DAYS = env_int("RETENTION_STALE_PROFILE_GRACE_DAYS", 30)
    RETENTION_MAIL_SENT_DAYS = env_int("RETENTION_MAIL_SENT_DAYS", 7)
    RETENTION_MAIL_DEAD_DAYS = env_int("RETENTION_MAIL_DEAD_DAYS", 30)

    # After an erasure, how long SQLite may wait for readers before it empties its -wal file.
    SQLITE_CHECKPOINT_TIMEOUT_MS = env_int("SQLITE_CHECKPOINT_TIMEOUT_MS", 5000)

    # One daily rule against harvesting (outstaff/listing/tracking.py): different profiles
    # opened (page or large photo) and listing pages (up to 30 cards each); 0 turns one off.
    PROFILE_VIEW_DAILY_CAP = env_int("PROFILE_VIEW_DAILY_CAP", 200)
    LISTING_PAGE_DAILY_CAP = env_int("LISTING_PAGE_DAILY_CAP", 300)
    # How long a server remembers the current policy version number (a new version reaches
    # signed-in users' notice within this many seconds on other servers).
    POLICY_CACHE_SECONDS = env_int("POLICY_CACHE_SECONDS", 30)
    GEOIP_DATABASE = env("GEOIP_DATABASE")
    # Page views are written in batches, off the page view's own path: at most this many
    # views or seconds are held in a worker's memory (a killed worker loses them).
    ANALYTICS_BATCH_SIZE = env_int("ANALYTICS_BATCH_SIZE", 50)
    ANALYTICS_BATCH_SECONDS = env_int("ANALYTICS_BATCH_SECONDS", 10)
    # How long a worker remembers one employer's listing totals for one set of filters
    # (outstaff/listing/ranked.py); the cards themselves are never remembered. 0: never.
    LISTING_TOTALS_SECONDS = env_int("LISTING_TOTALS_SECONDS", 30)
    # How long a worker keeps the home page's live numbers (outstaff/main/service.py).
    HOME_NUMBERS_SECONDS = env_int("HOME_NUMBERS_SECONDS", 60)


class DevelopmentConfig(Config):
    pass


class TestingConfig(Config):
    APP_ENV = "testing"
    TESTING = True
    SECRET_KEY = "testing-only-secret-key-not-for-use-anywhere-else"
    WTF_CSRF_ENABLED = False
    RATELIMIT_ENABLED = False
    RATELIMIT_STORAGE_URI = "memory://"
    MAIL_BACKEND = "memory"
    HUEY_IMMEDIATE = True  # a mail is delivered (to the memory backend) at its commit
    # A cheap hash keeps the suite fast; production uses scrypt.
    PASSWORD_HASH_METHOD = "pbkdf2:sha256:1000"
    SITE_URL = "http://localhost"  # the test client's host
    ALLOWED_HOSTS: list[str] = []
    POLICY_CACHE_SECONDS = 0
    ANALYTICS_BATCH_SIZE = 1  # every view written at once, so a test sees it
    LISTING_TOTALS_SECONDS = 0  # counted on every page, so a test sees each change


class ProductionConfig(Config):
    APP_ENV = "production"
    SESSION_COOKIE_SECURE = True
    REMEMBER_COOKIE_SECURE = True
    SITE_URL = env("SITE_URL")  # required: https://<the site's host>
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
    HSTS = True
    DEMO_DATA_ALLOWED = False


CONFIGS = {
    "development": DevelopmentConfig,
    "testing": TestingConfig,
    "production": ProductionConfig,
}


def from_environment() -> type[Config]:
    """The configuration class named by APP_ENV (development by default)."""
    name = env("APP_ENV", "development")
    if name not in CONFIGS:
        raise RuntimeError(f"APP_ENV must be one of {', '.join(CONFIGS)}, not {name!r}")
    return CONFIGS[name]
