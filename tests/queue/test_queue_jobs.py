"""The scheduled jobs on the queue's scheduler: one test each, run as the consumer runs them
(the periodic task called in-process), each leaving its last run in job_run."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from sqlalchemy import select

from outstaff.core.extensions import db
from outstaff.models import JobRun, MailOutbox, PageView, User, utcnow
from outstaff.queue import huey, jobs, tasks

pytestmark = pytest.mark.usefixtures("app_ctx")  # the tests read the database

T0 = datetime(2026, 1, 10, 12, 0, tzinfo=UTC)


def last_run(name: str) -> JobRun:
    db.session.expire_all()
    return db.session.get(JobRun, name)


def run(task) -> None:
    task.call_local()


def test_every_job_is_a_periodic_task_of_the_queue(app):
    periodic = {task.name.rsplit(".", 1)[-1] for task in huey._registry.periodic_tasks}
    assert periodic == set(jobs.SCHEDULE)


def test_mail_sweeper_sends_a_mail_whose_task_was_lost(app, make_user, outbox):
    """A web worker killed between its commit and the enqueue: the row waits; the sweeper."""
    user = make_user("developer")
    db.session.add(
        MailOutbox(
            message_id="<lost@x>",
            user_id=user.id,
            recipient=user.email,
            subject="Lost task",
            body="Hello",
            next_attempt_at=utcnow() - timedelta(minutes=2),
        )
    )
    db.session.commit()
    run(tasks.mail_sweeper)
    assert [m.subject for m in outbox] == ["Lost task"]
    record = last_run("mail_sweeper")
    assert record.succeeded and record.summary == "mails handed to a worker: 1"
    run(tasks.mail_sweeper)
    assert len(outbox) == 1 and last_run("mail_sweeper").summary.endswith(": 0")


def test_retention_purge_deletes_old_signups_and_old_sent_mail(app, make_user, outbox):
    with time_machine.travel(T0, tick=False):
        unconfirmed = make_user("developer", confirmed=False).id
        kept = make_user("developer")
        db.session.add(
            MailOutbox(
                message_id="<old@x>",
                user_id=kept.id,
                recipient=kept.email,
                subject="Old",
                body="x",
                state="sent",
                sent_at=utcnow(),
            )
        )
        db.session.commit()
    with time_machine.travel(T0 + timedelta(days=8), tick=False):
        run(tasks.retention_purge)
    record = last_run("retention_purge")
    assert record.succeeded
    assert f"unconfirmed sign-ups deleted: 1 (ids {unconfirmed})" in record.summary
    assert "sent or undelivered mails deleted: 1" in record.summary
    assert "inactive accounts" not in record.summary  # a job of its own
    assert db.session.get(User, unconfirmed) is None
    assert db.session.scalars(select(MailOutbox)).all() == []


def test_inactive_accounts_are_warned_by_mail(app, make_user, outbox):
    with time_machine.travel(T0, tick=False):
        user = make_user("developer")
    with time_machine.travel(T0 + timedelta(days=3 * 365 + 1), tick=False):
        run(tasks.inactive_accounts)
    assert [m.to for m in outbox] == [user.email]
    assert "inactive accounts warned by mail: 1" in last_run("inactive_accounts").summary


def test_stale_questionnaires_are_asked_about_by_mail(app, make_user, outbox, make_profile):
    with time_machine.travel(T0, tick=False):
        developer = make_user("developer")
        make_profile(user=developer)
    with time_machine.travel(T0 + timedelta(days=366), tick=False):
        run(tasks.stale_profiles)
    assert [m.to for m in outbox] == [developer.email]
    summary = last_run("stale_profiles").summary
    assert "developers asked to confirm a stale questionnaire: 1" in summary


def test_analytics_rollup_rolls_old_page_views(app):
    db.session.add(
        PageView(
            day=T0.date(), viewed_at=T0, route="/", browser="Firefox", os="Linux", device="desktop"
        )
    )
    db.session.commit()
    with time_machine.travel(T0 + timedelta(days=91), tick=False):
        run(tasks.analytics_rollup)
    assert "rolled 1 raw page views of 1 days" in last_run("analytics_rollup").summary
    assert db.session.scalars(select(PageView)).all() == []


def test_a_failing_job_is_recorded_for_the_console(app, monkeypatch, caplog):
    def broken(**_):
        raise RuntimeError("disk full")

    monkeypatch.setattr("outstaff.retention.service.purge", broken)
    run(tasks.retention_purge)
    record = last_run("retention_purge")
    assert record.succeeded is False and record.error == "RuntimeError: disk full"
    assert record.last_success_at is None
    assert any("job retention_purge failed" in r.getMessage() for r in caplog.records)


def test_run_job_command_runs_one_job_now(runner):
    result = runner.invoke(args=["queue", "run-job", "analytics_rollup"])
    assert result.exit_code == 0, result.output
    assert last_run("analytics_rollup").succeeded


def test_purge_dry_run_still_changes_nothing(runner, make_user):
    with time_machine.travel(T0, tick=False):
        user = make_user("developer", confirmed=False).id
    with time_machine.travel(T0 + timedelta(days=8), tick=False):
        result = runner.invoke(args=["privacy", "purge", "--dry-run"])
    assert "unconfirmed sign-ups to delete: 1" in result.output
    assert db.session.get(User, user) is not None
    assert huey.immediate  # the suite runs tasks in-process


def test_availability_reminders_mail_developers_whose_availability_went_unconfirmed(
    app, make_user, outbox, make_profile
):
    developer = make_user("developer")
    profile = make_profile(user=developer)
    profile.availability_confirmed_at = utcnow() - timedelta(days=31)
    db.session.commit()
    run(tasks.availability_reminders)
    assert [m.to for m in outbox] == [developer.email]
    summary = last_run("availability_reminders").summary
    assert "Availability reminders sent: 1" in summary and "daylight saving" in summary
    run(tasks.availability_reminders)
    assert len(outbox) == 1  # not again the next day
