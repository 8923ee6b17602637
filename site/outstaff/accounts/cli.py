"""`flask create-admin`: an admin account for the operator."""

import click
from email_validator import EmailNotValidError

from outstaff.accounts import bp
from outstaff.accounts import service as accounts
from outstaff.core.extensions import db
from outstaff.forms import normalize_email, password_problem
from outstaff.models import utcnow


@bp.cli.command("create-admin")
@click.argument("email")
@click.password_option(prompt="Password for the new admin")
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
