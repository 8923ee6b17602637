"""A scratch database with N published developers and one approved employer to sign in as."""

import secrets
import time

import config
from outstaff import create_app
from outstaff.accounts import service as accounts
from outstaff.core.extensions import db
from outstaff.models import EmployerProfile, utcnow

EMPLOYER = "bench-employer@example.com"


def seed(database_url: str, developers: int, echo=print) -> str:
    """Migrate an empty schema, seed it, and return the bench employer's password."""
    from flask_migrate import upgrade
    from sqlalchemy import MetaData

    from outstaff.demo import service as demo

    app = create_app(config.DevelopmentConfig, SQLALCHEMY_DATABASE_URI=database_url)
    password = secrets.token_urlsafe(12)
    with app.app_context():
        if database_url.startswith("postgresql"):  # a scratch database: start from nothing
            existing = MetaData()
            existing.reflect(db.engine)
            existing.drop_all(db.engine)
        upgrade()
        started = time.perf_counter()
        demo.seed(developers=developers, employers=5, echo=echo, published=1.0, logins=False)
        echo(f"Seeded {developers} published developers in {time.perf_counter() - started:.0f} s")
        user = accounts.create_user(EMPLOYER, password, "employer")
        user.approval, user.approved_at, user.email_confirmed_at = "approved", utcnow(), utcnow()
        db.session.add(
            EmployerProfile(
                user_id=user.id,
                first_name="Bench",
                last_name="Mark",
                company_name="Bench Co",
                company_name_norm="bench",
                country="GB",
            )
        )
        db.session.commit()
        db.engine.dispose()
    return password
