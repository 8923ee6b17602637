"""The purge's steps printed, handled feedback deleted after two years, and every period inside
the ten-year ceiling."""

from datetime import timedelta

import pytest

from outstaff.core.extensions import db
from outstaff.models import (
    Feedback,
)
from tests.helpers.retention import T0, at, purge

pytestmark = pytest.mark.usefixtures("app_ctx")  # the tests read the database


def test_purge_prints_every_step_and_handles_feedback_when_present(runner):
    output = purge(runner)
    for step in (
        "unconfirmed sign-ups",
        "rejected employer",
        "inactive accounts",
        "stale questionnaire",
        "security-log",
        "raw page views",
        "feedback",
    ):
        assert step in output


def test_promise_purge_handled_feedback_after_2_years(runner):
    with at(T0):
        row = Feedback(
            name="Visitor",
            email="visitor@example.com",
            topic="general",
            message="Please tell me what you store.",
            status="handled",
            handled_at=T0,
        )
        db.session.add(row)
        db.session.commit()
        row_id = row.id
    with at(T0 + timedelta(days=2 * 365 - 1)):
        assert "handled feedback messages deleted: 0" in purge(runner)
    with at(T0 + timedelta(days=2 * 365 + 1)):
        assert "handled feedback messages deleted: 1" in purge(runner)
    assert db.session.get(Feedback, row_id) is None


def test_retention_defaults_stay_inside_the_ten_year_ceiling(app):
    keys = [k for k in app.config if k.startswith("RETENTION_")]
    assert len(keys) >= 9
    assert all(0 < app.config[k] <= 10 * 365 for k in keys)


def _message(**columns) -> Feedback:
    return Feedback(
        name="Visitor",
        email="visitor@example.com",
        topic="general",
        message="Please tell me what you store.",
        **columns,
    )


def test_handled_feedback_step_deletes_after_the_period(runner):
    with at(T0):
        db.session.add_all([_message(status="handled", handled_at=T0), _message()])
        db.session.commit()
    with at(T0 + timedelta(days=2 * 365 - 1)):
        assert "handled feedback messages deleted: 0" in purge(runner)
    with at(T0 + timedelta(days=2 * 365 + 1)):
        assert "handled feedback messages to delete: 1" in purge(runner, "--dry-run")
        assert "handled feedback messages deleted: 1" in purge(runner)
        assert "handled feedback messages deleted: 0" in purge(runner)
    remaining = db.session.scalars(db.select(Feedback)).all()
    assert [r.handled_at for r in remaining] == [None]
