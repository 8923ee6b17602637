"""Running a scheduled job: what it did goes to the log and to its job_run row, which the
console's queue page shows (last run, failure, summary)."""

import logging
from collections.abc import Callable
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from outstaff.core.extensions import db
from outstaff.models import JobRun, utcnow

log = logging.getLogger(__name__)
Work = Callable[[Callable[[str], None]], None]

# Each job, as the console names it, and when it runs (UTC), for the page.
SCHEDULE = {
    "mail_sweeper": _l("every minute"),
    "retention_purge": _l("daily at %(time)s UTC", time="03:00"),
    "inactive_accounts": _l("daily at %(time)s UTC", time="03:15"),
    "stale_profiles": _l("daily at %(time)s UTC", time="03:30"),
    "analytics_rollup": _l("daily at %(time)s UTC", time="00:10"),
    "availability_reminders": _l("daily at %(time)s UTC", time="03:45"),
}


def run(name: str, work: Work) -> bool:
    """Run `work(echo)`, log each line it says, record the outcome. True if it succeeded."""
    lines: list[str] = []

    def echo(text: str) -> None:
        lines.append(str(text))
        log.info("job %s: %s", name, text)

    started = utcnow()
    try:
        work(echo)
    except Exception as exc:  # a failed job is recorded for the console, never lost
        db.session.rollback()
        log.exception("job %s failed", name)
        record(name, started, lines, f"{type(exc).__name__}: {exc}"[:500])
        return False
    record(name, started, lines, None)
    return True


def record(name: str, started: datetime, lines: list[str], error: str | None) -> None:
    row = db.session.get(JobRun, name) or JobRun(job=name)
    row.started_at, row.finished_at = started, utcnow()
    row.succeeded, row.error = error is None, error
    row.summary = "\n".join(lines)[:4000]
    if error is None:
        row.last_success_at = row.finished_at
    db.session.add(row)
    db.session.commit()


def last_runs() -> list[tuple[str, str, JobRun | None]]:
    """(name, schedule, last run or None) for every job, in the schedule's order."""
    runs = {r.job: r for r in db.session.scalars(select(JobRun))}
    return [(name, when, runs.get(name)) for name, when in SCHEDULE.items()]
