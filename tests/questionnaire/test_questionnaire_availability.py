"""Availability that stays true: confirmed for 30 days, a reminder mail with a one-click link."""

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from outstaff.core.extensions import db
from outstaff.models import DeveloperProfile, utcnow
from tests.helpers import complete_profile

pytestmark = pytest.mark.usefixtures("app_ctx")  # the tests read the database


@pytest.fixture
def stale(make_user):
    user = make_user("developer")
    profile = complete_profile(user)
    profile.is_published = True
    profile.availability_confirmed_at = utcnow() - timedelta(days=31)
    db.session.commit()
    return profile


def remind(runner):
    result = runner.invoke(args=["privacy", "remind-availability"])
    assert result.exit_code == 0, result.output
    return result.output


def confirm_path(mail) -> str:
    return re.search(r"https?://[^/\s]+(/questionnaire/availability/confirm/\S+)", mail.body)[1]


def test_the_reminder_link_confirms_with_one_button(client, runner, outbox, stale):
    assert "Availability reminders sent: 1" in remind(runner)
    [mail] = outbox
    assert mail.to == stale.user.email and "Are you still available?" in mail.subject
    path = confirm_path(mail)
    page = client.get(path)  # a mail scanner following the link confirms nothing
    assert page.status_code == 200 and "Yes, this is still true" in page.get_data(as_text=True)
    db.session.expire_all()
    assert stale.availability_confirmed_at < utcnow() - timedelta(days=30)
    done = client.post(path, data={"token": path.rsplit("/", 1)[1]})
    assert "confirmed for 30 days" in done.get_data(as_text=True)
    db.session.expire_all()
    assert utcnow() - stale.availability_confirmed_at < timedelta(minutes=1)
    # Used once: the confirmation it names is gone, so the link is spent.
    assert client.get(path).status_code == 404


def test_no_second_reminder_within_30_days(runner, outbox, stale):
    remind(runner)
    assert "Availability reminders sent: 0" in remind(runner)
    assert len(outbox) == 1


def test_confirmed_or_unpublished_profiles_get_no_reminder(runner, outbox, stale, make_user):
    stale.availability_confirmed_at = utcnow() - timedelta(days=3)
    other = complete_profile(make_user("developer"))  # not published
    other.availability_confirmed_at = None
    db.session.commit()
    assert "Availability reminders sent: 0" in remind(runner)


@pytest.mark.parametrize("token", ["x", "eyJwIjoxfQ.forged.sig", "a" * 500])
def test_a_forged_link_confirms_nothing(client, stale, token):
    assert client.post(f"/questionnaire/availability/confirm/{token}").status_code == 404
    db.session.expire_all()
    assert stale.availability_confirmed_at < utcnow() - timedelta(days=30)


def test_the_link_names_one_profile_only(client, runner, outbox, stale, make_user):
    remind(runner)
    path = confirm_path(outbox[0])
    other = complete_profile(make_user("developer"))
    client.post(path, data={"token": path.rsplit("/", 1)[1]})
    assert (
        db.session.scalar(
            select(DeveloperProfile.availability_confirmed_at).where(
                DeveloperProfile.id == other.id
            )
        )
        is None
    )


def test_the_dashboard_button_confirms(client, auth, stale):
    auth.login(stale.user)
    page = client.get("/questionnaire/").get_data(as_text=True)
    assert "availability not confirmed" in page.lower()
    client.post("/questionnaire/availability/confirm")
    db.session.expire_all()
    assert utcnow() - stale.availability_confirmed_at < timedelta(minutes=1)


def test_daylight_saving_moves_the_utc_hours(make_user):
    from datetime import UTC, datetime

    from outstaff.models import DeveloperHour
    from outstaff.questionnaire import terms_service

    profile = complete_profile(make_user("developer"))
    profile.time_zone, profile.work_start, profile.work_end = "Europe/Berlin", 9, 17
    winter = datetime(2026, 1, 15, 12, tzinfo=UTC)
    profile.work_hours = [DeveloperHour(utc_hour=h) for h in range(8, 16)]  # 09-17 CET
    db.session.commit()
    assert terms_service.refresh_all_hours(winter) == 0
    summer = datetime(2026, 7, 15, 12, tzinfo=UTC)
    assert terms_service.refresh_all_hours(summer) == 1
    hours = db.session.scalars(
        select(DeveloperHour.utc_hour).where(DeveloperHour.profile_id == profile.id)
    ).all()
    assert sorted(hours) == list(range(7, 15))  # 09-17 CEST
