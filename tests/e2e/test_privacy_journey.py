"""In Chromium: the cookie choice without JavaScript, changed from the footer; a developer
downloads their data."""

import json
import re

from playwright.sync_api import expect
from sqlalchemy import select

from outstaff.core.extensions import db
from outstaff.models import PageView


def cookie_jar(context) -> dict[str, str]:
    return {c["name"]: c["value"] for c in context.cookies()}


def page_views(live_server) -> list[tuple[str, str]]:
    with live_server.app.app_context():
        rows = db.session.scalars(select(PageView).order_by(PageView.id)).all()
        return [(r.route, r.device) for r in rows]


def test_refuse_cookies_then_accept_from_the_footer(browser, base_url, live_server):
    context = browser.new_context(base_url=base_url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/")
    banner = page.get_by_role("region", name=re.compile("Cookies on"))
    accept = banner.get_by_role("button", name="Accept analytics cookies")
    refuse = banner.get_by_role("button", name="Refuse analytics cookies")
    expect(accept).to_be_visible()
    expect(refuse).to_be_visible()
    assert cookie_jar(context) == {}  # nothing before a choice
    a, r = accept.bounding_box(), refuse.bounding_box()
    assert abs(a["width"] - r["width"]) < 1 and abs(a["height"] - r["height"]) < 1
    style = "e => [getComputedStyle(e).backgroundColor, getComputedStyle(e).fontSize]"
    assert accept.evaluate(style) == refuse.evaluate(style)

    # Keyboard: Tab reaches Refuse, and goes on past the banner (no focus trap).
    for _ in range(30):
        page.keyboard.press("Tab")
        if refuse.evaluate("e => e === document.activeElement"):
            break
    else:
        raise AssertionError("Tab never reached the Refuse button")
    page.keyboard.press("Tab")
    assert not banner.evaluate("b => b.contains(document.activeElement)")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")  # Refuse

    expect(page).to_have_url(base_url + "/")
    expect(page.get_by_role("region", name=re.compile("Cookies on"))).to_have_count(0)
    assert cookie_jar(context) == {"cookie_consent": "refused"}
    page.goto("/privacy")
    assert page_views(live_server) == []

    page.get_by_role("contentinfo").get_by_role("link", name="Cookie settings").click()
    expect(page).to_have_url(base_url + "/privacy/cookies")
    expect(page.get_by_text("you have refused analytics cookies")).to_be_visible()
    page.get_by_role("button", name="Accept analytics cookies").click()
    expect(page.get_by_text("you have accepted analytics cookies")).to_be_visible()
    assert cookie_jar(context) == {"cookie_consent": "accepted"}
    page.goto("/privacy")
    assert ("/privacy", "desktop") in page_views(live_server)
    context.close()


def test_a_developer_downloads_their_data(page, make_account, signin):
    email, password = make_account("developer")
    signin(page, email, password)
    page.goto("/account/")
    expect(page.get_by_role("heading", name="Recent sign-ins and account changes")).to_be_visible()
    expect(page.get_by_role("cell", name="Signed in")).to_be_visible()
    with page.expect_download() as info:
        page.get_by_role("button", name="Download my data (JSON)").click()
    download = info.value
    assert re.fullmatch(r"outstaff-data-\d{4}-\d\d-\d\d\.json", download.suggested_filename)
    with open(download.path(), encoding="utf-8") as handle:
        data = json.load(handle)
    assert data["tables"]["user"][0]["email"] == email
    assert [e["kind"] for e in data["tables"]["security_event"]] == ["signin"]
    assert "password_hash" not in data["tables"]["user"][0]
