"""A questionnaire printed once is printed again from memory (listing/article_cache.py):
what an employer reads on a profile page must stay exactly what the database holds, and
whom it is shown to is decided afresh on every request."""

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine

from outstaff.admin import service as admin_service
from outstaff.core.extensions import db
from outstaff.listing import article_cache
from outstaff.models import User, WorkHistoryEntry
from outstaff.questionnaire import service as questionnaire
from outstaff.search import index as search_index
from tests.helpers import sign_in
from tests.helpers.pages import counted_statements

pytestmark = pytest.mark.usefixtures("app_ctx")


def tomorrow_at(hour: int, minute: int) -> datetime:
    """A time after the test's sign-in (its session must not start in the future)."""
    day = datetime.now(UTC) + timedelta(days=1)
    return day.replace(hour=hour, minute=minute, second=0, microsecond=0)


def page_of(client, profile, status: int = 200) -> str:
    answer = client.get(f"/developers/{profile.id}")
    assert answer.status_code == status
    return answer.get_data(as_text=True)


def article(page: str) -> str:
    return page[page.index('<article class="profile"') : page.index("</article>")]


def test_a_repeat_visit_prints_the_article_from_memory_in_one_statement(
    client, auth, employer, make_profile
):
    profile = make_profile(first_name="Ann", skills=("Python", "Django"))
    auth.login(employer)
    first = page_of(client, profile)
    with counted_statements() as statements:
        again = page_of(client, profile)
    assert again == first
    related = ("work_history_entry", "developer_language", "developer_skill")
    assert not [s for s in statements if any(table in s for table in related)]


def test_a_removed_job_leaves_a_page_printed_before(app, client, auth, employer, make_profile):
    """The developer takes a job off the questionnaire: the employer must not read it."""
    profile = make_profile(first_name="Ann")
    job = WorkHistoryEntry(
        profile_id=profile.id,
        role="Secret project",
        company="Initech",
        start_month=date(2020, 1, 1),
    )
    db.session.add(job)
    db.session.commit()
    job_id = job.id
    auth.login(employer)
    assert "Secret project" in page_of(client, profile)
    developer = app.test_client()
    sign_in(developer, db.session.get(User, profile.user_id).email)
    assert developer.post(f"/questionnaire/history/{job_id}/remove").status_code == 302
    db.session.expire_all()
    assert db.session.get(WorkHistoryEntry, job_id) is None
    assert "Secret project" not in page_of(client, profile)


def test_changed_skills_show_on_the_next_visit(client, auth, employer, make_profile):
    profile = make_profile(first_name="Ann", skills=("Python", "Django"))
    auth.login(employer)
    assert "Django" in article(page_of(client, profile))
    questionnaire.set_skills(profile, ["Go", "Kubernetes"])
    questionnaire.refresh_derived(profile)
    search_index.sync(profile)
    db.session.commit()
    printed = article(page_of(client, profile))
    assert "Kubernetes" in printed and "Django" not in printed


def test_a_hidden_or_suspended_developer_leaves_a_page_printed_before(
    client, auth, employer, make_user, make_profile
):
    hidden = make_profile(first_name="Hidden")
    suspended = make_profile(first_name="Gone")
    auth.login(employer)
    page_of(client, hidden), page_of(client, suspended)
    admin_service.hide_profile(hidden, make_user("admin"), "spam")
    db.session.get(User, suspended.user_id).status = "suspended"
    db.session.commit()
    page_of(client, hidden, 404), page_of(client, suspended, 404)


def test_contacts_kept_back_on_a_page_printed_before_show_once_an_offer_is_accepted(
    client, auth, employer, make_profile, make_offer
):
    profile = make_profile(
        first_name="Ann", phone="+48221234567", contact_visibility="after_accept"
    )
    auth.login(employer)
    assert "+48 22 123 45 67" not in page_of(client, profile)
    make_offer(employer, profile, state="accepted")
    assert "+48 22 123 45 67" in page_of(client, profile)


def test_one_employer_s_contacts_are_not_printed_for_another(
    app, client, auth, employer, make_user, make_profile, make_offer
):
    """The first employer's offer was accepted; the second, reading the same questionnaire
    after it was printed with the contacts, must not get that copy."""
    profile = make_profile(
        first_name="Ann", phone="+48221234567", contact_visibility="after_accept"
    )
    make_offer(employer, profile, state="accepted")
    auth.login(employer)
    assert "+48 22 123 45 67" in page_of(client, profile)
    other = app.test_client()
    sign_in(other, make_user("employer", approval="approved").email)
    assert "+48 22 123 45 67" not in page_of(other, profile)


def test_a_page_printed_before_shows_the_local_time_of_now(client, auth, employer, make_profile):
    profile = make_profile(first_name="Ann", time_zone="Asia/Tokyo")
    auth.login(employer)
    with time_machine.travel(tomorrow_at(3, 5), tick=False):
        assert "local time 12:05" in page_of(client, profile)
    with time_machine.travel(tomorrow_at(5, 40), tick=False):
        page = page_of(client, profile)
    assert "local time 14:40" in page and "12:05" not in page


def test_a_bio_written_as_the_local_time_mark_stays_text(client, auth, employer, make_profile):
    profile = make_profile(
        first_name="Ann", bio="<!--local time--> is my motto", time_zone="Asia/Tokyo"
    )
    auth.login(employer)
    with time_machine.travel(tomorrow_at(3, 5), tick=False):
        page_of(client, profile)
        page = page_of(client, profile)  # the second time from memory
    assert "&lt;!--local time--&gt; is my motto" in page
    assert page.count("12:05") == 1


def test_an_availability_confirmation_that_runs_out_shows_on_a_page_printed_before(
    client, auth, employer, make_profile
):
    profile = make_profile(
        first_name="Ann",
        availability="open",
        availability_confirmed_at=datetime.now(UTC) - timedelta(days=30, hours=-1),
    )
    auth.login(employer)
    assert "Availability not confirmed" not in page_of(client, profile)
    with time_machine.travel(datetime.now(UTC) + timedelta(hours=2)):
        assert "Availability not confirmed" in page_of(client, profile)


def test_the_russian_page_is_not_the_english_one_printed_before(
    client, auth, employer, make_profile
):
    profile = make_profile(first_name="Ann", years_experience=7)
    auth.login(employer)
    assert "Experience" in article(page_of(client, profile))
    employer.locale = "ru"
    db.session.commit()
    assert "Опыт" in article(page_of(client, profile))


def test_a_worker_keeps_a_bounded_number_of_articles(client, auth, employer, make_profile, app):
    profiles = [make_profile(first_name=f"Dev{n}") for n in range(3)]
    auth.login(employer)
    app.extensions.pop("profile_articles", None)
    old_size = article_cache.ARTICLES_CACHED
    article_cache.ARTICLES_CACHED = 2
    try:
        for profile in profiles:
            page_of(client, profile)
        assert len(app.extensions["profile_articles"]) == 2
    finally:
        article_cache.ARTICLES_CACHED = old_size
        app.extensions.pop("profile_articles", None)
