"""`flask privacy purge`, by hand (the task queue runs the same steps on its schedule)."""

import click

from outstaff.retention import bp
from outstaff.retention import service as retention


@bp.cli.command("purge")
@click.option("--dry-run", is_flag=True, help="Print what would be done; change nothing.")
def purge(dry_run: bool) -> None:
    """Delete or shorten personal data past its retention period (see RETENTION_*)."""
    retention.purge(dry_run=dry_run, echo=click.echo)


@bp.cli.command("remind-availability")
def remind_availability() -> None:
    """Mail developers whose availability is unconfirmed for 30 days a one-click link, and
    move working hours across daylight-saving changes (run daily)."""
    from outstaff.questionnaire import terms_service

    terms_service.daily_availability(echo=click.echo)
