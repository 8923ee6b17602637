"""Cards printed once are printed again from memory (listing/card_cache.py): what an
employer sees must stay exactly what the database holds, minute by minute."""

import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from outstaff.admin import service as admin_service
from outstaff.core.extensions import db
from outstaff.models import User
from outstaff.questionnaire import service as questionnaire
from outstaff.search import index as search_index
from tests.helpers import card_names, counted_statements

pytestmark = pytest.mark.usefixtures("app_ctx")


def tomorrow_at(hour: int, minute: int) -> datetime:
    """A time after the test's sign-in (its session must not start in the future)."""
    day = datetime.now(UTC) + timedelta(days=1)
    return day.replace(hour=hour, minute=minute, second=0, microsecond=0)


def listing(client, query: str = "") -> str:
    answer = client.get("/developers" + query)
    assert answer.status_code == 200
    return answer.get_data(as_text=True)


def skills_on_page(page: str) -> list[str]:
    return re.findall(r"<li>([^<]*)</li>", page.split('<ul class="dev-cards">')[1])


def test_a_developer_who_changes_skills_shows_the_new_ones_on_the_next_page(
    client, auth, employer, make_profile
):
    profile = make_profile(first_name="Ann", skills=("Python", "Django"))
    auth.login(employer)
    assert skills_on_page(listing(client)) == ["Python", "Django"]
    questionnaire.set_skills(profile, ["Go", "Kubernetes"])
    questionnaire.refresh_derived(profile)
    search_index.sync(profile)
    db.session.commit()
    assert skills_on_page(listing(client)) == ["Go", "Kubernetes"]


def test_a_card_printed_before_shows_the_local_time_of_now(client, auth, employer, make_profile):
    make_profile(first_name="Ann", time_zone="Asia/Tokyo")
    auth.login(employer)
    with time_machine.travel(tomorrow_at(3, 5), tick=False):
        assert "<dd>12:05</dd>" in listing(client)
    with time_machine.travel(tomorrow_at(5, 40), tick=False):
        page = listing(client)
    assert "<dd>14:40</dd>" in page and "12:05" not in page


def test_a_name_written_as_the_local_time_mark_stays_text(client, auth, employer, make_profile):
    make_profile(first_name="<!--local time-->", last_name="X", time_zone="Asia/Tokyo")
    auth.login(employer)
    with time_machine.travel(tomorrow_at(3, 5), tick=False):
        listing(client)
        page = listing(client)  # the second time from memory
    assert card_names(page) == ["<!--local time--> X"]
    assert page.count("<dd>12:05</dd>") == 1


def test_a_hidden_or_suspended_developer_leaves_a_page_printed_before(
    client, auth, employer, make_user, make_profile
):
    hidden = make_profile(first_name="Hidden", last_name="")
    suspended = make_profile(first_name="Gone", last_name="")
    make_profile(first_name="Stays", last_name="")
    auth.login(employer)
    assert sorted(card_names(listing(client))) == ["Gone", "Hidden", "Stays"]
    admin_service.hide_profile(hidden, make_user("admin"), "spam")
    db.session.get(User, suspended.user_id).status = "suspended"
    db.session.commit()
    assert card_names(listing(client)) == ["Stays"]


def test_cards_printed_in_english_are_not_served_in_russian(client, auth, employer, make_profile):
    make_profile(first_name="Ann", availability="open")
    auth.login(employer)
    assert "Open to offers" in listing(client)
    employer.locale = "ru"
    db.session.commit()
    page = listing(client)
    assert "Open to offers" not in page and "Английский" in page


def test_a_page_printed_before_reads_no_languages_and_skills(client, auth, employer, make_profile):
    for n in range(3):
        make_profile(
            first_name=f"Dev{n}", last_name="", updated_at=datetime.now(UTC) - timedelta(hours=n)
        )
    auth.login(employer)
    with counted_statements() as first:
        listing(client)
    with counted_statements() as again:
        page = listing(client)
    assert card_names(page) == ["Dev0", "Dev1", "Dev2"]
    tags = [s for s in first if "developer_skill" in s and "UNION ALL" in s]
    assert len(tags) == 1
    assert not [s for s in again if "developer_skill" in s and "UNION ALL" in s]
