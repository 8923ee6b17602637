"""`flask queue worker` (the consumer) and `flask queue run-job NAME`."""

import logging
from datetime import timedelta

import click
from flask import current_app

from outstaff.core.extensions import db
from outstaff.queue import bp, huey, jobs, outbox, tasks

IDLE_POLL_SECONDS = 0.5  # how long an idle SQLite-backed worker waits between looks


@bp.cli.command("worker")
@click.option("--workers", type=int, default=None, help="Worker threads (HUEY_WORKERS).")
@click.option(
    "--periodic/--no-periodic", default=True, help="Run the scheduled jobs (on one consumer only)."
)
def worker(workers: int | None, periodic: bool) -> None:
    """Deliver the outbox and run the scheduled jobs until stopped (Ctrl+C, SIGTERM)."""
    consumer_log = logging.getLogger("huey")  # the app's own logs have their handler already
    if not consumer_log.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
        consumer_log.addHandler(handler)
        consumer_log.setLevel(logging.INFO)
        consumer_log.propagate = False
    # A restart retries what was waiting at once (SMTP may be back), and hands to this
    # worker the rows whose task died with the previous one.
    outbox.retry_now("queued")
    db.session.commit()
    tasks.sweep(click.echo, grace=timedelta(0))
    consumer = huey.create_consumer(
        workers=workers or current_app.config["HUEY_WORKERS"],
        worker_type="thread",
        periodic=periodic,
        max_delay=IDLE_POLL_SECONDS,
        check_worker_health=True,
    )
    consumer.run()


@bp.cli.command("run-job")
@click.argument("name", type=click.Choice(list(jobs.SCHEDULE)))
def run_job(name: str) -> None:
    """Run one scheduled job now, in this process."""
    task = getattr(tasks, name)
    task.call_local()
