"""Console analytics: a chosen period, bots left out, labels in full words, a table for
every chart; bad dates are explained, never a 500."""

from datetime import timedelta

import pytest

from outstaff.core.extensions import db
from outstaff.models import PageView, utcnow

CONSENT = "accepted"
CRAWLER = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"
FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"


@pytest.fixture
def admin_client(client, make_user, auth):
    auth.login(make_user("admin"))
    return client


def test_a_period_shows_only_its_days(admin_client):
    today = utcnow().date()
    db.session.add_all(
        [
            PageView(
                day=today - timedelta(days=50),
                route="/privacy",
                browser="Firefox",
                os="Linux",
                device="desktop",
            ),
            PageView(day=today, route="/contact", browser="Firefox", os="Linux", device="desktop"),
        ]
    )
    db.session.commit()
    since, until = today - timedelta(days=60), today - timedelta(days=40)
    page = admin_client.get(f"/admin/analytics?since={since}&until={until}").get_data(as_text=True)
    assert "<td>/privacy</td><td>1</td>" in page and "<td>/contact</td>" not in page
    assert "1 in all" in page


def test_bots_are_not_counted_at_the_door_nor_from_old_rows(app, client, admin_client):
    db.session.add(
        PageView(day=utcnow().date(), route="/", browser="Googlebot", os="Other", device="bot")
    )
    db.session.commit()
    visitor = app.test_client()
    visitor.set_cookie("cookie_consent", CONSENT)
    for agent in (CRAWLER, FIREFOX):
        visitor.get("/privacy", headers={"User-Agent": agent})
    app.extensions["page_view_batch"].flush()
    assert db.session.query(PageView).filter_by(device="bot").count() == 1  # only the old row
    page = admin_client.get("/admin/analytics").get_data(as_text=True)
    assert "Googlebot" not in page and "Bots and crawlers are not counted" in page


def test_page_labels_are_readable_and_every_chart_has_a_table(admin_client):
    db.session.add(
        PageView(
            day=utcnow().date(),
            route="/developers/<int:profile_id>",
            browser="Firefox",
            os="Linux",
            device="desktop",
        )
    )
    db.session.commit()
    page = admin_client.get("/admin/analytics").get_data(as_text=True)
    assert "/developers/…" in page and "&lt;int:profile_id&gt;" not in page
    assert page.count('<svg class="chart') == page.count("<table")


@pytest.mark.parametrize(
    "query",
    [
        "since=yesterday",
        "until=2026-13-40",
        "since=2020-01-01&until=2020-01-01x",
        "since=2026-03-10&until=2026-03-01",
        "since=1990-01-01",
        "until=2999-01-01",
    ],
)
def test_bad_dates_are_explained_beside_the_field_not_a_500(admin_client, query):
    response = admin_client.get(f"/admin/analytics?{query}")
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert 'class="error"' in page and "Please correct the following" in page
