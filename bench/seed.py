"""A scratch database with N published developers and one approved employer to sign in as."""

import secrets
import time

from sqlalchemy import event, text

import config
from outstaff import create_app
from outstaff.accounts import service as accounts
from outstaff.core.extensions import db
from outstaff.models import EmployerProfile, User, utcnow
from outstaff.privacy.policy import current_version_number

EMPLOYER = "bench-employer@example.com"  # a regular: policy read, cookie choice made
NEWCOMER = "bench-newcomer@example.com"  # a first visit: the policy notice and the banner


def seed(database_url: str, developers: int, echo=print) -> str:
    """Migrate an empty schema, seed it, and return the bench employer's password."""
    from flask_migrate import upgrade

    from outstaff.demo import service as demo

    app = create_app(
        config.DevelopmentConfig,
        SQLALCHEMY_DATABASE_URI=database_url,
        SECRET_KEY=secrets.token_urlsafe(48),
    )
    password = secrets.token_urlsafe(12)
    with app.app_context():
        if database_url.startswith("postgresql"):  # a scratch database: start from nothing
            # The schema, not only its tables: the migrations' trigger functions too.
            with db.engine.begin() as connection:
                connection.execute(text("DROP SCHEMA public CASCADE"))
                connection.execute(text("CREATE SCHEMA public"))
        upgrade()
        if database_url.startswith("sqlite"):
            _scratch_pragmas(db.engine)
        started = time.perf_counter()
        demo.seed(developers=developers, employers=5, echo=echo, published=1.0, logins=False)
        echo(f"Seeded {developers} published developers in {time.perf_counter() - started:.0f} s")
        for email, company in ((EMPLOYER, "Bench Co"), (NEWCOMER, "Newcomer Co")):
            add_employer(email, password, company)
        db.session.get(User, _user_id(EMPLOYER)).policy_acknowledged = current_version_number()
        db.session.commit()
        db.engine.dispose()
    return password


def _scratch_pragmas(engine) -> None:
    """A scratch database need not survive a power cut while it is filled: no fsync, and a
    page cache that holds the indexes being built (set on every new connection)."""

    def pragmas(dbapi_connection, _record):
        for pragma in ("synchronous=OFF", "cache_size=-1000000", "temp_store=MEMORY"):
            dbapi_connection.execute(f"PRAGMA {pragma}")

    engine.dispose()
    event.listen(engine, "connect", pragmas)


def add_employer(email: str, password: str, company: str) -> None:
    user = accounts.create_user(email, password, "employer")
    user.approval, user.approved_at, user.email_confirmed_at = "approved", utcnow(), utcnow()
    db.session.add(
        EmployerProfile(
            user_id=user.id,
            first_name="Bench",
            last_name="Mark",
            company_name=company,
            company_name_norm=company.lower(),
            country="GB",
        )
    )
    db.session.flush()


def _user_id(email: str) -> int:
    return db.session.scalar(db.select(User.id).where(User.email == email))
