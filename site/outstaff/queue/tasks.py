"""The queue's tasks: deliver one outbox row, sweep the outbox, and the scheduled jobs."""

import functools
import logging
from datetime import timedelta

from flask import has_app_context
from huey import crontab

from outstaff.queue import huey, jobs, outbox, state

log = logging.getLogger(__name__)
SWEEP_GRACE = timedelta(minutes=1)  # a fresh row's own task is given this long first


def in_app(function):
    """Run a task inside the app (a worker thread has no app context of its own)."""

    @functools.wraps(function)
    def run(*args, **kwargs):
        if has_app_context():
            return function(*args, **kwargs)
        if state.app is None:
            from outstaff import create_app

            create_app()
        with state.app.app_context():
            return function(*args, **kwargs)

    return run


def enqueue_delivery(outbox_id: int) -> None:
    """Hand a committed row to a worker; should the queue be unreachable, the sweeper will."""
    try:
        deliver_mail(outbox_id)
    except Exception as exc:  # the row is safe in the database: never fail the request
        log.warning("mail %d not enqueued (%s); the sweeper will", outbox_id, type(exc).__name__)


@huey.task()
@in_app
def deliver_mail(outbox_id: int) -> None:
    delay = outbox.deliver(outbox_id)
    if delay is not None and not huey.immediate:
        deliver_mail.schedule((outbox_id,), delay=delay)


def sweep(echo, grace: timedelta = SWEEP_GRACE) -> None:
    """Re-enqueue rows whose task was lost (a worker killed) or whose retry is due."""
    from outstaff.models import utcnow

    ids = outbox.due(utcnow() - grace)
    for outbox_id in ids:
        enqueue_delivery(outbox_id)
    echo(f"mails handed to a worker: {len(ids)}")


def retention(job: str) -> jobs.Work:
    def work(echo) -> None:
        from outstaff.retention import service

        service.purge(echo=echo, jobs=(job,))

    return work


@huey.periodic_task(crontab(minute="*"))
@in_app
def mail_sweeper() -> None:
    jobs.run("mail_sweeper", sweep)


@huey.periodic_task(crontab(hour="3", minute="0"))
@in_app
def retention_purge() -> None:
    jobs.run("retention_purge", retention("retention_purge"))


@huey.periodic_task(crontab(hour="3", minute="15"))
@in_app
def inactive_accounts() -> None:
    jobs.run("inactive_accounts", retention("inactive_accounts"))


@huey.periodic_task(crontab(hour="3", minute="30"))
@in_app
def stale_profiles() -> None:
    jobs.run("stale_profiles", retention("stale_profiles"))


@huey.periodic_task(crontab(hour="0", minute="10"))
@in_app
def analytics_rollup() -> None:
    jobs.run("analytics_rollup", retention("analytics_rollup"))


def availability(echo) -> None:
    from outstaff.questionnaire import terms_service

    terms_service.daily_availability(echo=echo)


@huey.periodic_task(crontab(hour="3", minute="45"))
@in_app
def availability_reminders() -> None:
    jobs.run("availability_reminders", availability)
