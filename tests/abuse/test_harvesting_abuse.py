"""Finding 20: one daily rule stops a harvester on profiles, listing pages and large photos."""

import pytest
from sqlalchemy import func, select

from outstaff.core.extensions import db
from outstaff.models import AuditEntry, ProfileView

# --- 20: one rule stops a harvester on profiles, listing pages and large photos -----------
from tests.helpers import with_photo


def alerts() -> int:
    return db.session.scalar(
        select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "viewcap.reached")
    )


@pytest.mark.parametrize("app_overrides", [{"PROFILE_VIEW_DAILY_CAP": 2}])
def test_harvester_past_the_cap_gets_no_listing_page_or_large_photo(
    client, auth, employer, make_profile
):
    first, second, third, unseen = (with_photo(make_profile()) for _ in range(4))
    auth.login(employer)
    for profile in (first, second):
        assert client.get(f"/developers/{profile.id}").status_code == 200
    assert client.get(f"/developers/{third.id}").status_code == 429
    listing = client.get("/developers")
    assert listing.status_code == 429
    assert f"{unseen.first_name} Tester" not in listing.get_data(as_text=True)
    assert client.get(f"/questionnaire/{unseen.id}/photo/large").status_code == 429
    assert client.get(f"/questionnaire/{first.id}/photo/large").status_code == 200  # seen
    assert alerts() == 1


@pytest.mark.parametrize("app_overrides", [{"PROFILE_VIEW_DAILY_CAP": 1}])
def test_harvester_cannot_skip_profile_pages_by_fetching_large_photos(
    client, auth, employer, make_profile
):
    one, two = with_photo(make_profile()), with_photo(make_profile())
    auth.login(employer)
    assert client.get(f"/questionnaire/{one.id}/photo/large").status_code == 200
    assert client.get(f"/questionnaire/{two.id}/photo/large").status_code == 429
    views = db.session.scalars(select(ProfileView.developer_id)).all()
    assert views == [one.user_id]  # the photo counted as a view, shown in "who viewed me"


@pytest.mark.parametrize("app_overrides", [{"LISTING_PAGE_DAILY_CAP": 3}])
@pytest.mark.commits  # the daily count is written apart from the page, which commits nothing
def test_harvester_paging_through_the_listing_is_stopped(client, auth, employer, make_profile):
    profile = make_profile()
    auth.login(employer)
    assert [client.get("/developers").status_code for _ in range(3)] == [200] * 3
    refused = client.get("/developers?page=4")
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) <= 24 * 3600
    assert "listing pages" in refused.get_data(as_text=True)
    assert client.get(f"/developers/{profile.id}").status_code == 429  # one rule for all
    assert alerts() == 1
