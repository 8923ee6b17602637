"""First-party analytics: counted only after Accept; never an id, token or IP address."""

from datetime import timedelta

import pytest
from flask import render_template_string

from outstaff.core import database
from outstaff.core.extensions import db
from outstaff.models import DailyPageViews, PageView, utcnow
from tests.helpers import FIREFOX, IPHONE, write_mmdb

# The tests read the database. The page views are written apart from the request
# (analytics/service.py): on the test connection that would be a savepoint undone with a
# read-only request, so these run on the engine.
pytestmark = [pytest.mark.usefixtures("app_ctx"), pytest.mark.commits]

SECRET_TOKEN = "tok3n-s3cr3t-value-4242"


def rows() -> list[PageView]:
    return db.session.scalars(db.select(PageView).order_by(PageView.id)).all()


def accept(client):
    client.post("/privacy/cookies", data={"choice": "accept"})


@pytest.fixture
def thing_route(app):
    """A page whose URL carries an id and a token, like a profile or a reset link."""

    @app.get("/things/<int:thing_id>/<token>")
    def thing(thing_id, token):
        return render_template_string(
            "{% extends 'base.html' %}{% block content %}ok{% endblock %}"
        )

    thing.access = "public"
    return "/things/<int:thing_id>/<token>"


def test_promise_analytics_only_after_accept(client):
    client.get("/")
    client.get("/privacy")
    assert rows() == []
    client.post("/privacy/cookies", data={"choice": "refuse"})
    client.get("/")
    assert rows() == []
    accept(client)
    client.get("/", headers={"User-Agent": FIREFOX})
    client.get("/privacy", headers={"User-Agent": IPHONE})
    recorded = rows()
    assert [(r.route, r.browser, r.os, r.device) for r in recorded] == [
        ("/", "Firefox", "Windows", "desktop"),
        ("/privacy", "Mobile Safari", "iOS", "mobile"),
    ]
    assert recorded[0].day == utcnow().date()
    client.post("/privacy/cookies", data={"choice": "refuse"})
    client.get("/")
    assert len(rows()) == 2  # refusing again stops counting at once


@pytest.mark.fresh_app  # adds a route
def test_promise_analytics_rows_never_hold_ids_tokens_or_ip(client, thing_route, make_user, auth):
    user = make_user("developer", email="visitor-4711@example.com")
    auth.login(user)
    accept(client)
    response = client.get(
        f"/things/4711/{SECRET_TOKEN}?token={SECRET_TOKEN}&q=hidden-query",
        headers={
            "User-Agent": FIREFOX,
            "Referer": f"https://News.Example.org/story/99?ref={SECRET_TOKEN}",
        },
        environ_base={"REMOTE_ADDR": "203.0.113.77"},
    )
    assert response.status_code == 200
    (row,) = [r for r in rows() if r.route == thing_route]
    assert row.referrer_host == "news.example.org"
    assert row.country is None  # no GeoIP database configured
    columns = {c.key for c in PageView.__table__.columns}
    assert columns == {
        "id",
        "viewed_at",
        "day",
        "route",
        "referrer_host",
        "browser",
        "os",
        "device",
        "country",
    }
    stored = " ".join(str(getattr(r, c)) for r in rows() for c in columns - {"id"})
    for leak in (
        SECRET_TOKEN,
        "4711",
        "hidden-query",
        "203.0.113",
        "story",
        user.email,
        "/things/4711",
    ):
        assert leak not in stored
    assert row.viewed_at.minute == 0 and row.viewed_at.second == 0  # kept to the hour


def test_same_site_and_odd_referrers_are_not_recorded(client):
    accept(client)
    for referrer in ("http://localhost/privacy", "", "javascript:alert(1)", "http://[bad"):
        client.get("/", headers={"Referer": referrer})
    assert {r.referrer_host for r in rows()} == {None}


def test_only_successful_html_pages_are_counted(app, client, make_user, auth):
    accept(client)
    client.get("/no/such/page")
    client.get("/healthz")
    client.get("/static/css/site.css").close()
    client.post("/privacy/cookies", data={"choice": "accept"})
    assert rows() == []
    admin = make_user("admin")
    auth.login(admin)
    client.get("/admin/")
    assert [r.route for r in rows()] == []  # the console does not count itself


@pytest.fixture
def geoip_file(tmp_path):
    path = tmp_path / "country.mmdb"
    write_mmdb(path, "203.0.113.0/24", "KZ")
    return path


def test_country_only_with_a_geoip_database(app, client, geoip_file):
    accept(client)
    client.get("/", environ_base={"REMOTE_ADDR": "203.0.113.77"})
    app.config["GEOIP_DATABASE"] = str(geoip_file)
    client.get("/", environ_base={"REMOTE_ADDR": "203.0.113.77"})
    client.get("/", environ_base={"REMOTE_ADDR": "198.51.100.1"})
    client.get("/", environ_base={"REMOTE_ADDR": "2001:db8::1"})
    assert [r.country for r in rows()] == [None, "KZ", None, None]


def test_a_broken_geoip_path_does_not_break_pages(app, client, tmp_path):
    app.config["GEOIP_DATABASE"] = str(tmp_path / "missing.mmdb")
    accept(client)
    assert client.get("/").status_code == 200
    assert [r.country for r in rows()] == [None]


def test_admin_sees_charts_and_tables_of_page_views(client, make_user, auth):
    today = utcnow().date()
    db.session.add_all(
        [
            PageView(
                day=today,
                route="/",
                referrer_host="news.example.org",
                browser="Firefox",
                os="Windows",
                device="desktop",
            ),
            PageView(day=today, route="/", browser="Chrome", os="Android", device="mobile"),
            PageView(
                day=today - timedelta(days=40),
                route="/old",
                browser="Old",
                os="Old",
                device="desktop",
            ),
            DailyPageViews(
                day=today - timedelta(days=3),
                route="/privacy",
                browser="Firefox",
                os="Linux",
                device="desktop",
                views=5,
            ),
        ]
    )
    db.session.commit()
    auth.login(make_user("admin"))
    page = client.get("/admin/analytics").get_data(as_text=True)
    for heading in (
        "Page views per day",
        "Top pages",
        "Referring sites",
        "Browsers",
        "Operating systems",
        "Devices",
    ):
        assert heading in page
    assert page.count('<svg class="chart') == 7
    assert "<td>/privacy</td><td>5</td>" in page
    assert "<td>/</td><td>2</td>" in page
    assert "news.example.org" in page
    assert "/old" not in page  # older than 30 days
    assert "7 in all" in page


@pytest.mark.parametrize("role", [None, "developer", "employer"])
def test_analytics_console_is_for_admins_only(client, make_user, auth, role):
    if role:
        auth.login(make_user(role))
    assert client.get("/admin/analytics").status_code == 404


@pytest.mark.parametrize("app_overrides", [{"ANALYTICS_BATCH_SIZE": 3}])
def test_page_views_are_written_in_batches_and_the_rest_when_the_worker_stops(app, client):
    accept(client)
    client.get("/")
    client.get("/privacy")
    assert rows() == []  # held in the worker: the page views cost no write of their own
    client.get("/contact")
    assert [r.route for r in rows()] == ["/", "/privacy", "/contact"]
    client.get("/")
    app.extensions["page_view_batch"].flush()  # what a worker's normal exit does
    db.session.expire_all()
    assert len(rows()) == 4


@pytest.mark.parametrize(
    "app_overrides", [{"ANALYTICS_BATCH_SIZE": 100, "ANALYTICS_BATCH_SECONDS": 0}]
)
def test_a_batch_is_also_written_when_its_time_is_up(client):
    accept(client)
    client.get("/")
    assert [r.route for r in rows()] == ["/"]


def test_a_failing_analytics_write_never_fails_the_page(app, client, monkeypatch, caplog):
    accept(client)
    batch = app.extensions["page_view_batch"]

    def broken_insert(*args, **kwargs):
        raise __import__("sqlalchemy").exc.OperationalError("INSERT", {}, Exception("down"))

    monkeypatch.setattr(database, "own_transaction", broken_insert)
    response = client.get("/privacy")
    assert response.status_code == 200 and batch.rows == []
    assert "page views not recorded" in caplog.text
