"""The hiring terms are personal data: in the export, on the privacy page, under the one rule."""

import json
from datetime import date

from sqlalchemy import select

from outstaff.core.extensions import db
from outstaff.models import DeveloperHour, DeveloperProfile, WorkHistoryEntry, utcnow


def _developer_with_terms(make_user):
    user = make_user("developer")
    profile = DeveloperProfile(
        user_id=user.id,
        search_text="",
        rate_min=4000,
        rate_currency="EUR",
        rate_period="month",
        remote=True,
        onsite=True,
        onsite_city="Almaty",
        link_github="https://github.com/zz9",
        time_zone="Asia/Almaty",
        work_start=9,
        work_end=18,
        available_from=date(2030, 1, 1),
        availability_confirmed_at=utcnow(),
        work_hours=[DeveloperHour(utc_hour=4)],
        history=[
            WorkHistoryEntry(
                role="Team lead",
                company="Secret Corp",
                company_hidden=True,
                start_month=date(2020, 1, 1),
            )
        ],
    )
    db.session.add(profile)
    db.session.commit()
    return user, profile


def test_the_export_holds_every_new_field(client, auth, make_user):
    user, _profile = _developer_with_terms(make_user)
    auth.login(user)
    data = json.loads(client.get("/privacy/export").get_data(as_text=True))["tables"]
    [row] = data["developer_profile"]
    assert row["rate_min"] == 4000 and row["onsite_city"] == "Almaty"
    assert row["link_github"] == "https://github.com/zz9" and row["time_zone"] == "Asia/Almaty"
    assert row["available_from"] == "2030-01-01" and row["availability_confirmed_at"]
    assert "rate_min_base" not in row  # derived, not the developer's words
    assert data["work_history_entry"][0]["company"] == "Secret Corp"
    assert data["developer_hour"] == [{"profile_id": row["id"], "utc_hour": 4}]


def test_the_privacy_page_lists_the_new_fields(client):
    page = client.get("/privacy").get_data(as_text=True)
    for label in (
        "Rate expectation (from)",
        "Countries you would relocate to",
        "GitHub profile",
        "Time zone",
        "Available from",
        "Work history: company",
        "Your working hours, in UTC",
    ):
        assert label in page, label


def test_a_hidden_company_never_reaches_an_employer(client, auth, make_user, make_employer):
    user, profile = _developer_with_terms(make_user)
    profile.is_published = True
    db.session.commit()
    auth.login(make_employer(approval="approved"))
    page = client.get(f"/developers/{profile.id}").get_data(as_text=True)
    assert "Team lead" in page and "Secret Corp" not in page
    assert db.session.scalar(select(WorkHistoryEntry.company)) == "Secret Corp"


def test_deleting_the_account_removes_the_history(client, auth, make_user):
    from outstaff import personal_data

    user, _profile = _developer_with_terms(make_user)
    personal_data.erase_user(user)
    db.session.commit()
    assert db.session.scalar(select(WorkHistoryEntry)) is None
    assert db.session.scalar(select(DeveloperHour)) is None
