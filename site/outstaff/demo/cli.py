"""`flask seed-demo`: fill the database with realistic fake accounts (refused in production)."""

import click
from flask import current_app

from outstaff.core.extensions import db
from outstaff.demo import bp
from outstaff.models import User


@bp.cli.command("seed-demo")
@click.option("--developers", default=40, show_default=True, help="Developers to create.")
@click.option("--employers", default=8, show_default=True, help="Employers to create.")
@click.option("--if-empty", is_flag=True, help="Do nothing when the database has users.")
def seed_demo(developers: int, employers: int, if_empty: bool) -> None:
    """Fill the database with realistic fake accounts (refused in production)."""
    from outstaff.demo import service as demo  # Faker and its locales: not in a web worker

    if not current_app.config["DEMO_DATA_ALLOWED"]:
        raise click.ClickException("seed-demo is refused in production: it makes fake accounts.")

    if if_empty and db.session.scalar(db.select(User.id).limit(1)) is not None:
        click.echo("The database already has users; no demo data added.")
    else:
        demo.seed(developers=developers, employers=employers, echo=click.echo)
    demo.print_logins(click.echo)
