"""The language switch and the cookie choice, shown on every page, need a CSRF token that
works without a session; the Origin check stays (issue 12, "Also")."""

import re

import pytest
import time_machine

from outstaff.core.extensions import db
from outstaff.models import User
from tests.helpers import PASSWORD, csrf_token

# The two forms on every page: a CSRF token, with no session needed (and the Origin check).
CSRF_ON = {"WTF_CSRF_ENABLED": True}
PUBLIC_TOKEN = re.compile(r'name="public_csrf_token" value="([^"]+)"')
PUBLIC_FORMS = [
    ("/language", {"locale": "ru", "next": "/privacy"}, "locale"),
    ("/privacy/cookies", {"choice": "accept", "next": "/privacy"}, "cookie_consent"),
]


def public_token(client, **request) -> str:
    page = client.get("/", **request)
    assert page.headers.getlist("Set-Cookie") == []  # a first visit starts no session
    return PUBLIC_TOKEN.search(page.text)[1]


@pytest.mark.parametrize("app_overrides", [CSRF_ON])
@pytest.mark.parametrize("path, data, cookie", PUBLIC_FORMS)
def test_language_switch_without_csrf_token_is_refused(client, path, data, cookie):
    response = client.post(path, data=data)
    assert response.status_code == 400 and response.headers.getlist("Set-Cookie") == []
    forged = client.post(path, data={**data, "public_csrf_token": "forged"})
    assert forged.status_code == 400
    response = client.post(path, data={**data, "public_csrf_token": public_token(client)})
    assert response.status_code == 302 and response.location == "/privacy"
    assert [h.split("=", 1)[0] for h in response.headers.getlist("Set-Cookie")] == [cookie]


@pytest.mark.parametrize("app_overrides", [CSRF_ON])
@pytest.mark.parametrize("path, data, cookie", PUBLIC_FORMS)
def test_a_token_fetched_by_another_site_is_refused(app, client, path, data, cookie):
    # The attacker's server fetches a token for itself, then makes the victim post it.
    attacker = app.test_client()
    token = public_token(
        attacker,
        headers={"User-Agent": "attacker-bot/1.0"},
        environ_base={"REMOTE_ADDR": "203.0.113.9"},
    )
    response = client.post(
        path,
        data={**data, "public_csrf_token": token},
        headers={"User-Agent": "Mozilla/5.0 (victim)"},
    )
    assert response.status_code == 400 and response.headers.getlist("Set-Cookie") == []


@pytest.mark.parametrize("app_overrides", [CSRF_ON])
def test_a_day_old_token_is_refused(client):
    with time_machine.travel("2026-12-01 09:00", tick=False):
        token = public_token(client)
    with time_machine.travel("2026-12-02 09:01", tick=False):
        response = client.post("/language", data={"locale": "ru", "public_csrf_token": token})
    assert response.status_code == 400


@pytest.mark.parametrize("app_overrides", [CSRF_ON])
def test_the_origin_check_still_holds_with_a_valid_token(client):
    token = public_token(client)
    response = client.post(
        "/privacy/cookies",
        headers={"Origin": "https://evil.example"},
        data={"choice": "accept", "public_csrf_token": token},
    )
    assert response.status_code == 400


@pytest.mark.parametrize("app_overrides", [CSRF_ON])
def test_a_signed_in_user_switches_language_with_the_token(client, make_user):
    user = make_user("developer")
    signin = client.get("/account/signin")
    assert (
        client.post(
            "/account/signin",
            data={"email": user.email, "password": PASSWORD, "csrf_token": csrf_token(signin)},
        ).status_code
        == 302
    )
    token = PUBLIC_TOKEN.search(client.get("/account/").text)[1]
    response = client.post("/language", data={"locale": "ru", "public_csrf_token": token})
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(User, user.id).locale == "ru"
