"""Flask CLI commands for operators: `flask create-admin`, `flask seed-demo`."""

import click
from email_validator import EmailNotValidError
from flask import Flask, current_app
from flask.cli import with_appcontext

from outstaff.extensions import db
from outstaff.models import User, utcnow
from outstaff.services import accounts
from outstaff.validators import normalize_email, password_problem


def register(app: Flask) -> None:
    app.cli.add_command(create_admin)
    app.cli.add_command(seed_demo)


@click.command("create-admin")
@click.argument("email")
@click.password_option(prompt="Password for the new admin")
@with_appcontext
def create_admin(email: str, password: str) -> None:
    """Make an admin account (or promote an existing one) with EMAIL."""
    try:
        email = normalize_email(email)
    except EmailNotValidError as exc:
        raise click.BadParameter(str(exc), param_hint="EMAIL") from exc
    if (problem := password_problem(password, email.replace("@", " ").split())) is not None:
        raise click.BadParameter(str(problem), param_hint="password")
    user = accounts.find_by_email(email)
    if user is None:
        user = accounts.create_user(email, password, "admin")
    else:
        user.role, user.approval = "admin", None
        accounts.set_password(user, password)
    user.email_confirmed_at = user.email_confirmed_at or utcnow()
    db.session.commit()
    click.echo(f"{email} is an admin.")


@click.command("seed-demo")
@click.option("--developers", default=40, show_default=True, help="Developers to create.")
@click.option("--employers", default=8, show_default=True, help="Employers to create.")
@click.option("--if-empty", is_flag=True, help="Do nothing when the database has users.")
@with_appcontext
def seed_demo(developers: int, employers: int, if_empty: bool) -> None:
    """Fill the database with realistic fake accounts (refused in production)."""
    if not current_app.config["DEMO_DATA_ALLOWED"]:
        raise click.ClickException("seed-demo is refused in production: it makes fake accounts.")
    from outstaff import demo

    if if_empty and db.session.scalar(db.select(User.id).limit(1)) is not None:
        click.echo("The database already has users; no demo data added.")
    else:
        demo.seed(developers=developers, employers=employers, echo=click.echo)
    demo.print_logins(click.echo)
