"""The header, notices and footer come from cached fragments (core/fragments.py), yet what
a user or an attacker would notice is as before: a change to the account shows on the very
next page, every browser gets its own tokens, and forms return to the page they were on."""

import re

import pytest

from outstaff.core.extensions import db
from outstaff.models import User
from tests.helpers import signed_in


def header(page: str) -> str:
    return page[page.index('<header class="site-header">') : page.index("</header>")]


def hidden(page: str, name: str) -> list[str]:
    return re.findall(rf'<input type="hidden" name="{name}" value="([^"]*)">', page)


def _set(user_id: int, **columns) -> None:
    user = db.session.get(User, user_id)
    for key, value in columns.items():
        setattr(user, key, value)
    db.session.commit()


def test_a_revoked_approval_takes_the_developers_link_away_on_the_next_page(app, make_employer):
    employer = make_employer()
    browser = signed_in(app, employer)
    assert 'href="/developers"' in header(browser.get("/account/").get_data(as_text=True))
    _set(employer.id, approval="rejected")
    page = browser.get("/account/").get_data(as_text=True)
    assert 'href="/developers"' not in header(page)


def test_a_suspended_user_loses_the_signed_in_header_on_the_next_page(app, make_employer):
    employer = make_employer()
    browser = signed_in(app, employer)
    assert "Sign out" in header(browser.get("/").get_data(as_text=True))
    _set(employer.id, status="suspended")
    page = browser.get("/").get_data(as_text=True)
    assert "Sign out" not in header(page) and "Sign in" in header(page)


def test_a_new_offer_shows_in_the_badge_on_the_next_page(
    app, make_employer, make_developer, make_offer
):
    employer, profile = make_employer(), make_developer()
    browser = signed_in(app, profile.user)
    assert 'class="badge"' not in header(browser.get("/").get_data(as_text=True))
    make_offer(employer, profile)
    assert '<span class="badge">1<' in header(browser.get("/").get_data(as_text=True))


def test_the_language_form_returns_to_the_page_it_was_on(client):
    first = client.get("/privacy").get_data(as_text=True)
    second = client.get("/?a=1&b=<x>").get_data(as_text=True)
    assert hidden(first, "next")[-1] == "/privacy"
    assert hidden(second, "next")[-1] == "/?a=1&amp;b=&lt;x&gt;"


@pytest.mark.parametrize("app_overrides", [{"WTF_CSRF_ENABLED": True}])
def test_each_browser_signs_out_with_the_token_its_own_header_carries(app, make_employer):
    ann, bob = (signed_in(app, make_employer()) for _ in range(2))
    tokens = {}
    for name, browser in (("ann", ann), ("bob", bob)):
        page = browser.get("/account/").get_data(as_text=True)
        tokens[name] = hidden(header(page), "csrf_token")[0]
    assert tokens["ann"] != tokens["bob"]
    refused = ann.post("/account/signout", data={"csrf_token": tokens["bob"]})
    assert refused.status_code == 400
    done = ann.post("/account/signout", data={"csrf_token": tokens["ann"]})
    assert done.status_code == 302
    assert "Sign in" in header(ann.get("/").get_data(as_text=True))


def test_each_visitor_gets_a_public_token_bound_to_its_own_browser(app):
    from outstaff.core import public_csrf

    tokens = []
    for agent in ("Browser A", "Browser B"):
        page = app.test_client().get("/", headers={"User-Agent": agent}).get_data(as_text=True)
        found = set(hidden(page, "public_csrf_token"))
        assert len(found) == 1  # the banner's form and the footer's carry the same
        tokens.append((agent, found.pop()))
    browser_a = {
        "headers": {"User-Agent": "Browser A"},
        "environ_base": {"REMOTE_ADDR": "127.0.0.1"},
    }
    with app.test_request_context("/", **browser_a):
        assert public_csrf.valid(tokens[0][1]) and not public_csrf.valid(tokens[1][1])


def test_a_visitor_sees_the_sign_out_message_once_on_the_home_page(app, client, make_employer):
    client.get("/")  # the visitors' home page is now in the cache
    browser = signed_in(app, make_employer())
    assert browser.post("/account/signout").status_code == 302
    assert "You are signed out." in browser.get("/").get_data(as_text=True)
    assert "You are signed out." not in browser.get("/").get_data(as_text=True)


def test_the_visitors_home_page_follows_the_live_numbers(app, client, make_developer):
    from outstaff.main.service import HomeNumbers

    before = client.get("/").get_data(as_text=True)
    make_developer()
    app.extensions["home_numbers"] = (float("-inf"), HomeNumbers(0, 0, 0))  # the minute passed
    after = client.get("/").get_data(as_text=True)
    assert '<span class="stat">1</span> developer published' in after
    assert before != after
