"""The console's dashboard, user search and audit log."""

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from outstaff import audit
from outstaff.accounts import service as accounts
from outstaff.admin import stats
from outstaff.core.extensions import db
from outstaff.models import AuditEntry, DeveloperProfile, EmployerProfile, Feedback, Offer, utcnow


@pytest.fixture
def admin(make_user, auth):
    user = make_user("admin", email="boss@example.com")
    auth.login(user)
    return user


def days_ago(n: int, hours: int = 0):
    return utcnow() - timedelta(days=n, hours=hours)


def offer(employer, developer, created_at, state="sent"):
    db.session.add(
        Offer(
            employer_id=employer.id,
            developer_id=developer.id,
            role_title="Dev",
            engagement="contract",
            message="Hello",
            created_at=created_at,
            state=state,
        )
    )


@pytest.fixture
def site(make_user):
    """A small site: three developers (two listed), employers in each state, some activity."""
    devs = [make_user("developer", created_at=days_ago(2)) for _ in range(2)]
    devs.append(make_user("developer", created_at=days_ago(40)))
    db.session.add_all(
        [
            DeveloperProfile(user_id=devs[0].id, is_published=True),
            DeveloperProfile(user_id=devs[1].id, is_published=True, hidden_at=utcnow()),
            DeveloperProfile(user_id=devs[2].id, is_published=True),
        ]
    )
    employer = make_user("employer")
    make_user("employer", approval="pending")
    make_user("employer", approval="pending")
    make_user("employer", approval="rejected")
    offer(employer, devs[0], days_ago(1))
    offer(employer, devs[2], days_ago(1))
    offer(employer, devs[2], days_ago(10), state="declined")  # one open offer per pair
    db.session.add_all(
        [
            Feedback(name="A", email="a@example.org", topic="general", message="Hello there"),
            Feedback(
                name="B",
                email="b@example.org",
                topic="general",
                message="Done already",
                status="handled",
            ),
            AuditEntry(action="viewcap.reached", target_user_id=employer.id),
            AuditEntry(
                action="viewcap.reached",
                target_user_id=employer.id,
                created_at=days_ago(1, hours=1),
            ),
        ]
    )
    db.session.commit()
    return devs


def test_dashboard_counts(admin, site):
    assert stats.counts() == {
        "developers": 3,
        "published": 2,
        "pending": 2,
        "approved": 1,
        "new_feedback": 1,
        "offers_week": 2,
        "viewcap_today": 1,
        "dead_mail": 0,
    }


def test_per_day_series_cover_thirty_days_with_zeros(admin, site):
    signups = dict(stats.signups_per_day())
    assert len(signups) == 30 and max(signups) == utcnow().date()
    assert signups[days_ago(2).date()] == 2
    assert sum(signups.values()) == 7  # admin, 2 developers, 4 employers; not the 40-day-old
    offers = dict(stats.offers_per_day())
    assert offers[days_ago(1).date()] == 2 and offers[days_ago(10).date()] == 1
    assert sum(offers.values()) == 3


def test_dashboard_draws_both_charts_with_the_numbers_beside_them(client, admin, site):
    page = client.get("/admin/").get_data(as_text=True)
    for chart in ("chart-signups", "chart-offers"):
        assert f'<svg class="chart" id="{chart}"' in page
    assert page.count("<caption") == 3  # the two charts and hires per month (issue 17)
    assert len(re.findall(r"<tr><td>[^<]+</td><td>\d+</td></tr>", page)) == 60 + 12  # + hires
    assert "employers waiting for approval" in page


@pytest.fixture
def people(make_user):
    ann = make_user("developer", email="ann.dev@example.com")
    db.session.add(
        DeveloperProfile(
            user_id=ann.id, first_name="Анна", last_name="Kim", search_text="анна kim python"
        )
    )
    boris = make_user("employer", email="boris@globex.example", approval="pending")
    db.session.add(
        EmployerProfile(
            user_id=boris.id, first_name="Boris", last_name="Petrov", company_name="Globex"
        )
    )
    cleo = make_user("developer", email="cleo@example.com", status="suspended")
    db.session.commit()
    return {"ann": ann, "boris": boris, "cleo": cleo}


def emails_listed(client, query: str) -> set[str]:
    page = client.get(f"/admin/users?{query}").get_data(as_text=True)
    return set(re.findall(r'href="/admin/users/\d+">([^<]+)</a>', page))


@pytest.mark.parametrize(
    "query,expected",
    [
        ("q=ANN.DEV", {"ann.dev@example.com"}),
        ("q=Kim", {"ann.dev@example.com"}),
        ("q=анна", {"ann.dev@example.com"}),
        ("q=Boris+Petrov", {"boris@globex.example"}),
        ("q=globex", {"boris@globex.example"}),
        ("q=%25", set()),  # a literal %, not a wildcard
        ("role=developer", {"ann.dev@example.com", "cleo@example.com"}),
        ("role=admin", {"boss@example.com"}),
        ("status=suspended", {"cleo@example.com"}),
        ("status=pending", {"boris@globex.example"}),
        ("role=developer&status=active", {"ann.dev@example.com"}),
    ],
)
def test_user_search_and_filters(client, admin, people, query, expected):
    assert emails_listed(client, query) == expected


def test_user_list_paginates_with_a_bounded_page_size(client, admin, make_user):
    for i in range(30):
        make_user("developer", email=f"dev{i:02d}@example.com", created_at=days_ago(0, i))
    first = emails_listed(client, "role=developer")
    assert len(first) == 25 and "dev00@example.com" in first
    second = emails_listed(client, "role=developer&page=2")
    assert len(second) == 5 and not first & second
    assert "role=developer" in client.get("/admin/users?role=developer").get_data(as_text=True)
    assert len(emails_listed(client, "per_page=100000")) == 31  # capped at 100, all fit


def test_audit_log_filters_by_action_and_actor(app, client, admin, make_user):
    other = make_user("admin", email="second@example.com")
    gone = make_user("developer", email="gone@example.com")
    audit.record(other, "user.suspend", gone, note="Spam")
    audit.record(admin, "feedback.handled", None, target="feedback:7")
    db.session.commit()
    gone_id = gone.id
    with app.test_request_context():
        accounts.delete_account(gone, by_admin=other, note="Asked")
    page = client.get("/admin/audit").get_data(as_text=True)
    assert "second@example.com" in page and f"deleted account #{gone_id}" in page
    assert "gone@example.com" not in page
    by_action = client.get("/admin/audit?action=feedback.handled").get_data(as_text=True)
    assert "feedback:7" in by_action and "Suspended an account</td>" not in by_action
    by_actor = client.get(f"/admin/audit?actor={other.id}").get_data(as_text=True)
    assert "Deleted an account" in by_actor and "feedback:7" not in by_actor
    rows = db.session.scalars(select(AuditEntry).where(AuditEntry.target_user_id == gone_id))
    assert [r.note for r in rows] == [None, None]  # the erased user's notes are emptied


def test_console_navigation_links_only_to_pages_that_exist(app, client, admin):
    page = client.get("/admin/").get_data(as_text=True)
    nav = page[
        page.index('aria-label="Console"') : page.index(
            "</nav>", page.index('aria-label="Console"')
        )
    ]
    for href in ("/admin/", "/admin/users", "/admin/feedback", "/admin/audit"):
        assert f'href="{href}"' in nav
    assert 'aria-current="page"' in nav
    for href in ("/admin/approvals", "/admin/policy", "/admin/analytics"):
        assert f'href="{href}"' in nav
