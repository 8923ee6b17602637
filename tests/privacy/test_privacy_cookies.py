"""Cookies: only the strictly necessary ones before a choice and after Refuse."""

import re

import pytest

import config
from outstaff import create_app
from outstaff.core.extensions import db
from outstaff.models import ConsentRecord, PageView
from outstaff.privacy import consent
from tests.helpers import sign_in

pytestmark = pytest.mark.usefixtures("app_ctx")  # the tests read the database

YEAR = 365 * 24 * 3600


def set_cookies(response) -> dict[str, str]:
    """name -> the whole Set-Cookie header, for every cookie the response sets."""
    return {h.split("=", 1)[0]: h for h in response.headers.getlist("Set-Cookie")}


@pytest.fixture
def app_overrides():
    return {"WTF_CSRF_ENABLED": True}  # as in production: forms put a token in the session


def choose(client, choice: str | None = None, **extra):
    """POST the cookie choice as the banner does, with its session-less CSRF token."""
    html = client.get("/privacy/cookies", base_url=extra.pop("base_url", "http://localhost"))
    token = re.search(r'name="public_csrf_token" value="([^"]+)"', html.text).group(1)
    data = {"public_csrf_token": token, **({"choice": choice} if choice else {}), **extra}
    return client.post("/privacy/cookies", data=data)


def banner_buttons(html: str) -> list[str]:
    form = re.search(
        r'<form method="post" action="/privacy/cookies" class="cookie-choice">'
        r"(.*?)</form>",
        html,
        re.S,
    )
    assert form, "no cookie choice form"
    return re.findall(r"<button[^>]*>", form.group(1))


def test_promise_cookies_only_necessary_before_choice(client):
    for path in ("/", "/privacy", "/privacy/cookies", "/no/such/page"):
        response = client.get(path)
        assert set_cookies(response) == {}, path
    assert client.get_cookie("session") is None
    # A page with a form keeps its CSRF token in the session: that cookie, and only it.
    response = client.get("/account/signin")
    assert set(set_cookies(response)) == {"session"}
    assert "HttpOnly" in set_cookies(response)["session"]


def test_banner_offers_accept_and_refuse_equally_without_javascript(client):
    html = client.get("/").get_data(as_text=True)
    assert 'class="consent-banner"' in html
    buttons = banner_buttons(html)
    assert len(buttons) == 2
    accept, refuse = buttons
    assert 'value="accept"' in accept and 'value="refuse"' in refuse
    # Same element, same type, same class: neither is more prominent.
    strip = [re.sub(r'value="\w+"', "", b) for b in buttons]
    assert strip[0] == strip[1]
    assert 'type="submit"' in accept and "tabindex" not in accept + refuse
    assert '<input type="hidden" name="next" value="/">' in html
    # The banner sits before <main>, as a region, not a focus-trapping dialog.
    assert html.index("consent-banner") < html.index("<main")
    assert "aria-modal" not in html and "<dialog" not in html


def test_promise_cookies_after_refuse_only_the_choice(client):
    response = choose(client, "refuse", next="/privacy")
    assert response.status_code == 302 and response.location == "/privacy"
    cookies = set_cookies(response)
    assert set(cookies) == {"cookie_consent"}
    header = cookies["cookie_consent"]
    assert header.startswith("cookie_consent=refused;")
    assert f"Max-Age={YEAR}" in header and "HttpOnly" in header
    assert "SameSite=Lax" in header and "Path=/" in header and "Secure" not in header
    page = client.get("/privacy")
    assert set_cookies(page) == {}
    assert 'class="consent-banner"' not in page.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count()).select_from(PageView)) == 0


def test_promise_cookies_after_accept_only_the_choice(client):
    response = choose(client, "accept", next="/")
    assert set(set_cookies(response)) == {"cookie_consent"}
    assert set_cookies(response)["cookie_consent"].startswith("cookie_consent=accepted;")
    page = client.get("/")
    assert set_cookies(page) == {}  # analytics add no cookie of their own
    assert 'class="consent-banner"' not in page.get_data(as_text=True)


def test_choice_cookie_is_secure_in_production(migrated):
    app = create_app(
        config.ProductionConfig,
        SECRET_KEY="x" * 40,
        SITE_URL="https://localhost",
        SQLALCHEMY_DATABASE_URI=migrated,
    )
    client = app.test_client()
    page = client.get("/privacy/cookies", base_url="https://localhost").text
    token = re.search(r'name="public_csrf_token" value="([^"]+)"', page).group(1)
    response = client.post(
        "/privacy/cookies",
        data={"choice": "refuse", "public_csrf_token": token},
        base_url="https://localhost",
    )
    assert "Secure" in set_cookies(response)["cookie_consent"]
    with app.app_context():
        db.engine.dispose()


def test_every_cookie_the_site_sets_is_explained(client, make_user):
    seen = set()
    seen |= set(set_cookies(client.get("/account/signin")))
    seen |= set(set_cookies(choose(client, "accept")))
    user = make_user("developer")
    response = sign_in(client, user, remember="y")
    assert response.status_code == 302
    seen |= set(set_cookies(response))
    assert seen == {"session", "cookie_consent", "remember_token"}
    page = client.get("/privacy/cookies").get_data(as_text=True)
    for name in seen:
        assert f"<code>{name}</code>" in page


def test_choice_can_be_changed_from_the_cookie_settings_page(client):
    choose(client, "refuse")
    page = client.get("/privacy/cookies").get_data(as_text=True)
    assert "you have refused analytics cookies" in page
    assert len(banner_buttons(page)) == 2
    response = choose(client, "accept", next="/privacy/cookies")
    assert response.location == "/privacy/cookies"
    assert "you have accepted analytics cookies" in client.get("/privacy/cookies").text
    assert client.get_cookie("cookie_consent").value == "accepted"


def test_footer_links_to_cookie_settings_on_every_page(client):
    for path in ("/", "/privacy", "/account/signin", "/no/such/page"):
        assert 'href="/privacy/cookies"' in client.get(path).get_data(as_text=True)


def test_signed_in_choices_go_to_the_consent_ledger(client, make_user):
    user = make_user("employer")
    assert sign_in(client, user).status_code == 302
    choose(client, "accept")
    choose(client, "refuse")
    rows = db.session.scalars(
        db.select(ConsentRecord)
        .filter_by(user_id=user.id, purpose="analytics_cookies")
        .order_by(ConsentRecord.id)
    ).all()
    assert [r.granted for r in rows] == [True, False]
    assert all(r.policy_version == 1 for r in rows)


@pytest.mark.parametrize(
    "data, headers",
    [
        ({"choice": "maybe"}, {}),
        ({}, {}),
        ({"choice": "accept"}, {"Origin": "https://evil.example"}),
        ({"choice": "accept"}, {"Origin": "null"}),
        ({"choice": "accept"}, {"Sec-Fetch-Site": "cross-site"}),
    ],
)
def test_bad_or_cross_site_choice_is_refused(client, data, headers):
    response = client.post("/privacy/cookies", data=data, headers=headers)
    assert response.status_code == 400
    assert set_cookies(response) == {}


def test_same_origin_browser_post_is_accepted(client):
    token = re.search(r'name="public_csrf_token" value="([^"]+)"', client.get("/").text)[1]
    response = client.post(
        "/privacy/cookies",
        data={"choice": "refuse", "public_csrf_token": token},
        headers={"Origin": "http://localhost", "Sec-Fetch-Site": "same-origin"},
    )
    assert response.status_code == 302


@pytest.mark.parametrize("target", ["//evil.example/x", "https://evil.example/", "javascript:x"])
def test_choice_never_redirects_off_site(client, target):
    response = choose(client, "refuse", next=target)
    assert response.location == "/privacy/cookies"


def test_a_garbled_choice_cookie_counts_as_no_choice(client):
    client.set_cookie(consent.COOKIE, "yes-please")
    assert 'class="consent-banner"' in client.get("/").get_data(as_text=True)
