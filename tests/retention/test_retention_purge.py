"""`flask privacy purge`: each retention period, with frozen time; dry runs; idempotence."""

from datetime import timedelta

import pytest

from outstaff.analytics import service as analytics
from outstaff.core.extensions import db
from outstaff.models import (
    AuditEntry,
    ConsentRecord,
    DailyPageViews,
    DeveloperProfile,
    PageView,
    SecurityEvent,
    User,
)
from tests.helpers import link_in
from tests.helpers.retention import T0, at, exists, purge

pytestmark = pytest.mark.usefixtures("app_ctx")  # the tests read the database


def test_promise_purge_unconfirmed_signups_after_7_days(runner, make_user, outbox):
    with at(T0):
        unconfirmed = make_user("developer", confirmed=False).id
        confirmed = make_user("developer").id
        admin = make_user("admin", confirmed=False).id
    with at(T0 + timedelta(days=6)):
        assert "unconfirmed sign-ups deleted: 0" in purge(runner)
    with at(T0 + timedelta(days=8)):
        output = purge(runner, "--dry-run")
        assert f"unconfirmed sign-ups to delete: 1 (ids {unconfirmed})" in output
        assert exists(unconfirmed)
        assert f"unconfirmed sign-ups deleted: 1 (ids {unconfirmed})" in purge(runner)
        assert "unconfirmed sign-ups deleted: 0" in purge(runner)  # idempotent
    assert not exists(unconfirmed) and exists(confirmed) and exists(admin)
    assert outbox == []  # the address was never confirmed: nothing is sent to it
    audit = db.session.scalars(db.select(AuditEntry)).one()
    assert (audit.action, audit.target_user_id, audit.target) == (
        "retention.delete",
        unconfirmed,
        "retention:unconfirmed",
    )


def test_promise_purge_rejected_employers_after_30_days(runner, make_user, outbox):
    with at(T0):
        rejected = make_user("employer", approval="rejected")
        pending = make_user("employer", approval="pending").id
        rejected_id, email = rejected.id, rejected.email
    with at(T0 + timedelta(days=10)):  # the rejection, as an admin action on the account
        db.session.add(
            AuditEntry(actor_id=None, action="employer.reject", target_user_id=rejected_id)
        )
        db.session.commit()
    with at(T0 + timedelta(days=39)):
        assert "rejected employer accounts deleted: 0" in purge(runner)
    with at(T0 + timedelta(days=41)):
        assert "rejected employer accounts to delete: 1" in purge(runner, "--dry-run")
        assert exists(rejected_id)
        assert "rejected employer accounts deleted: 1" in purge(runner)
        assert "rejected employer accounts deleted: 0" in purge(runner)
    assert not exists(rejected_id) and exists(pending)
    assert [m.to for m in outbox] == [email]
    assert "was not approved" in outbox[0].body


def test_promise_purge_inactive_accounts_warned_then_deleted(runner, make_user, outbox, auth):
    with at(T0):
        idle = make_user("developer")
        returning = make_user("employer")
        seen_later = make_user("developer", last_seen_at=T0 + timedelta(days=400))
        ids = idle.id, returning.id, seen_later.id
        idle_email = idle.email
    three_years = T0 + timedelta(days=3 * 365)
    with at(three_years - timedelta(days=1)):
        assert "inactive accounts warned by mail: 0" in purge(runner)
    with at(three_years + timedelta(days=1)):
        assert "inactive accounts to warn by mail: 2" in purge(runner, "--dry-run")
        assert outbox == []
        assert "inactive accounts warned by mail: 2" in purge(runner)
        assert "inactive accounts warned by mail: 0" in purge(runner)  # warned once
    assert sorted(m.to for m in outbox) == sorted([idle_email, db.session.get(User, ids[1]).email])
    assert "unless you sign in" in outbox[0].body
    with at(three_years + timedelta(days=10)):
        auth.login(db.session.get(User, ids[1]))  # signing in keeps the account
    with at(three_years + timedelta(days=30)):
        assert "inactive accounts deleted after the warning: 0" in purge(runner)
    with at(three_years + timedelta(days=32)):
        assert "inactive accounts to delete after the warning: 1" in purge(runner, "--dry-run")
        assert "inactive accounts deleted after the warning: 1" in purge(runner)
        assert "inactive accounts deleted after the warning: 0" in purge(runner)
    assert not exists(ids[0]) and exists(ids[1]) and exists(ids[2])
    assert outbox[-1].to == idle_email and "deleted" in outbox[-1].subject
    assert db.session.get(User, ids[1]).inactivity_warned_at is None


def test_using_the_site_while_signed_in_also_cancels_the_warning(client, auth, make_user):
    with at(T0):
        user = make_user("developer")
        auth.login(user)
    db.session.get(User, user.id).inactivity_warned_at = T0 + timedelta(days=1)
    db.session.commit()
    with at(T0 + timedelta(days=2)):
        client.get("/")
    db.session.expire_all()
    refreshed = db.session.get(User, user.id)
    assert refreshed.inactivity_warned_at is None
    assert refreshed.last_seen_at == T0 + timedelta(days=2)


def test_the_last_admin_is_never_purged(runner, make_user):
    with at(T0):
        admin = make_user("admin").id
    with at(T0 + timedelta(days=3 * 365 + 1)):
        purge(runner)
    with at(T0 + timedelta(days=3 * 365 + 40)):
        assert "inactive accounts deleted after the warning: 0" in purge(runner)
    assert exists(admin)


def test_promise_purge_security_log_ips_shortened_then_rows_deleted(runner, make_user):
    user = make_user("developer")
    with at(T0):
        db.session.add_all(
            [
                SecurityEvent(user_id=user.id, kind="signin", ip="203.0.113.9"),
                SecurityEvent(user_id=user.id, kind="signin", ip="2001:db8:1:2::5"),
                SecurityEvent(user_id=user.id, kind="signin_failed", ip=None),
            ]
        )
        db.session.commit()

    def ips():
        db.session.expire_all()
        return sorted(str(e.ip) for e in db.session.scalars(db.select(SecurityEvent)))

    with at(T0 + timedelta(days=29)):
        assert "security-log IP addresses shortened: 0" in purge(runner)
    with at(T0 + timedelta(days=31)):
        assert "IP addresses to shorten: 2" in purge(runner, "--dry-run")
        assert ips() == ["2001:db8:1:2::5", "203.0.113.9", "None"]
        assert "security-log IP addresses shortened: 2" in purge(runner)
        assert ips() == ["2001:db8:1::/48", "203.0.113.0/24", "None"]
        assert "security-log IP addresses shortened: 0" in purge(runner)
    with at(T0 + timedelta(days=364)):
        assert "security-log entries deleted: 0" in purge(runner)
    with at(T0 + timedelta(days=366)):
        assert "security-log entries deleted: 3" in purge(runner)
    assert ips() == []


def test_promise_purge_analytics_rolled_into_daily_counts(runner):
    day = T0.date()
    db.session.add_all(
        [
            PageView(
                day=day, viewed_at=T0, route="/", browser="Firefox", os="Linux", device="desktop"
            )
            for _ in range(3)
        ]
        + [
            PageView(
                day=day,
                viewed_at=T0,
                route="/privacy",
                referrer_host="news.example",
                browser="Chrome",
                os="Android",
                device="mobile",
                country="KZ",
            )
        ]
        + [
            PageView(
                day=day + timedelta(days=5),
                viewed_at=T0,
                route="/",
                browser="Firefox",
                os="Linux",
                device="desktop",
            )
        ]
    )
    db.session.commit()
    with at(T0 + timedelta(days=90)):
        assert "rolled 0 raw page views" in purge(runner)
    with at(T0 + timedelta(days=91)):
        assert "would roll 4 raw page views of 1 days" in purge(runner, "--dry-run")
        assert "rolled 4 raw page views of 1 days into daily counts" in purge(runner)
        assert "rolled 0 raw page views" in purge(runner)
        daily = {
            (d.route, d.referrer_host, d.country): d.views
            for d in db.session.scalars(db.select(DailyPageViews))
        }
        assert daily == {("/", None, None): 3, ("/privacy", "news.example", "KZ"): 1}
        assert db.session.scalar(db.select(db.func.count()).select_from(PageView)) == 1
        # The console counts raw and rolled rows alike.
        counts = dict(analytics.views_per_day(100))
        assert counts[day] == 4 and counts[day + timedelta(days=5)] == 1
        assert analytics.top("route", 100)[0] == ("/", 4)


@pytest.fixture
def app_overrides():
    # Links in mail sent by the command are built from SITE_URL; the test client is localhost.
    return {"SITE_URL": "https://outstaff.test", "ALLOWED_HOSTS": ["localhost"]}


def test_promise_purge_stale_profiles_asked_then_unpublished(
    runner, client, make_user, auth, outbox, make_profile
):
    with at(T0):
        silent, answering = make_user("developer"), make_user("developer")
        make_profile(user=silent)
        make_profile(user=answering, telegram="answering_dev")
        fresh = make_user("developer")
    with at(T0 + timedelta(days=200)):
        make_profile(user=fresh, telegram="fresh_dev")
    year = T0 + timedelta(days=365)
    with at(year - timedelta(days=1)):
        assert "developers asked to confirm a stale questionnaire: 0" in purge(runner)
    with at(year + timedelta(days=1)):
        assert "developers to ask to confirm a stale questionnaire: 2" in purge(runner, "--dry-run")
        assert outbox == []
        assert "developers asked to confirm a stale questionnaire: 2" in purge(runner)
        assert "developers asked to confirm a stale questionnaire: 0" in purge(runner)
    assert sorted(m.to for m in outbox) == sorted([silent.email, answering.email])
    confirm = link_in(outbox[0], "/privacy/questionnaire/confirm")
    with at(year + timedelta(days=5)):
        auth.login(answering)
        page = client.get(confirm).get_data(as_text=True)
        assert "Is your questionnaire up to date?" in page
        assert client.post(confirm).status_code == 302
    with at(year + timedelta(days=30)):
        assert "stale questionnaires unpublished: 0" in purge(runner)
    with at(year + timedelta(days=32)):
        assert "stale questionnaires to unpublish: 1" in purge(runner, "--dry-run")
        assert "stale questionnaires unpublished: 1" in purge(runner)
        assert "stale questionnaires unpublished: 0" in purge(runner)
    db.session.expire_all()
    published = {p.user_id: p.is_published for p in db.session.scalars(db.select(DeveloperProfile))}
    assert published == {silent.id: False, answering.id: True, fresh.id: True}
    withdrawal = db.session.scalars(
        db.select(ConsentRecord).filter_by(user_id=silent.id, purpose="publish_profile")
    ).one()
    assert withdrawal.granted is False
    assert outbox[-1].to == silent.email and "no longer published" in outbox[-1].subject


def test_stale_profile_confirmation_is_for_developers(client, auth, make_user):
    auth.login(make_user("employer"))
    assert client.get("/privacy/questionnaire/confirm").status_code == 403
