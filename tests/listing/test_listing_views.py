"""Profile views are recorded once per employer, developer and day; a daily cap stops
harvesting and alerts admins."""

from datetime import timedelta

import pytest
import time_machine
from sqlalchemy import func, select

from outstaff.core.extensions import db
from outstaff.models import AuditEntry, ProfileView, utcnow


def view_rows():
    return db.session.execute(
        select(ProfileView.employer_id, ProfileView.developer_id, ProfileView.day).order_by(
            ProfileView.id
        )
    ).all()


def test_a_view_is_recorded_once_a_day(client, auth, employer, make_profile):
    profile = make_profile()
    auth.login(employer)
    for _ in range(3):
        assert client.get(f"/developers/{profile.id}").status_code == 200
    today = utcnow().date()
    assert view_rows() == [(employer.id, profile.user_id, today)]
    with time_machine.travel(utcnow() + timedelta(days=1)):
        assert client.get(f"/developers/{profile.id}").status_code == 200
    assert [row.day for row in view_rows()] == [today, today + timedelta(days=1)]


def test_the_listing_itself_records_nothing(client, auth, employer, make_profile):
    make_profile()
    auth.login(employer)
    client.get("/developers")
    assert view_rows() == []


def test_admins_views_are_not_recorded(client, auth, make_user, make_profile):
    profile = make_profile()
    auth.login(make_user("admin"))
    assert client.get(f"/developers/{profile.id}").status_code == 200
    assert view_rows() == []


def test_a_refused_profile_is_not_recorded(client, auth, employer, make_profile):
    profile = make_profile(blocked=[("company", "ACME")])
    auth.login(employer)
    assert client.get(f"/developers/{profile.id}").status_code == 404
    assert view_rows() == []


@pytest.mark.parametrize("app_overrides", [{"PROFILE_VIEW_DAILY_CAP": 2}])
def test_the_daily_cap_stops_harvesting_and_alerts_admins(
    client, auth, employer, make_profile, make_user
):
    first, second, third, fourth = (make_profile() for _ in range(4))
    auth.login(employer)
    assert client.get(f"/developers/{first.id}").status_code == 200
    assert client.get(f"/developers/{second.id}").status_code == 200
    for profile in (third, fourth, third):
        response = client.get(f"/developers/{profile.id}")
        page = response.get_data(as_text=True)
        assert response.status_code == 429
        assert "limit of profile views" in page and "up to 2 different" in page
        assert f"{profile.first_name} Tester" not in page
        assert int(response.headers["Retry-After"]) <= 24 * 3600
    # Profiles already opened today stay open.
    assert client.get(f"/developers/{first.id}").status_code == 200
    assert len(view_rows()) == 2
    alerts = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "viewcap.reached"))
    assert [(a.target_user_id, a.actor_id) for a in alerts] == [(employer.id, None)]
    # The admins see it in the console.
    auth.logout()
    auth.login(make_user("admin"))
    page = client.get("/admin/approvals").get_data(as_text=True)
    assert "daily view limit reached" in page and employer.email in page
    # The next day the count starts again.
    auth.logout()
    auth.login(employer)
    with time_machine.travel(utcnow() + timedelta(days=1)):
        assert client.get(f"/developers/{third.id}").status_code == 200


@pytest.mark.parametrize("app_overrides", [{"PROFILE_VIEW_DAILY_CAP": 0}])
def test_a_cap_of_zero_turns_it_off(client, auth, employer, make_profile):
    profiles = [make_profile() for _ in range(3)]
    auth.login(employer)
    assert all(client.get(f"/developers/{p.id}").status_code == 200 for p in profiles)
    assert db.session.scalar(select(func.count()).select_from(ProfileView)) == 3
