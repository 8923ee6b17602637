"""A signed CSRF token is reused for a few minutes (core/csrf_reuse.py): never across
browsers, never past its window, and never one signed "in the future" after a clock change."""

import re
from datetime import timedelta

import pytest
import time_machine

from outstaff.models import utcnow
from tests.helpers import csrf_token, signed_in

CSRF_ON = {"WTF_CSRF_ENABLED": True}
PUBLIC_TOKEN = re.compile(r'name="public_csrf_token" value="([^"]+)"')


def token_on_a_page(client) -> str:
    return csrf_token(client.get("/account/"))


@pytest.mark.parametrize("app_overrides", [CSRF_ON])
def test_another_browser_is_never_given_this_browsers_token(app, make_user):
    mine, theirs = signed_in(app, make_user("developer")), signed_in(app, make_user("developer"))
    my_token, their_token = token_on_a_page(mine), token_on_a_page(theirs)
    assert my_token != their_token
    # Their token does not sign me out; mine does.
    assert mine.post("/account/signout", data={"csrf_token": their_token}).status_code == 400
    assert mine.post("/account/signout", data={"csrf_token": my_token}).status_code == 302


@pytest.mark.parametrize("app_overrides", [CSRF_ON])
def test_a_token_is_signed_afresh_after_five_minutes_and_the_old_one_still_works(app, make_user):
    client = signed_in(app, make_user("developer"))
    first = token_on_a_page(client)
    with time_machine.travel(utcnow() + timedelta(minutes=2)):
        assert token_on_a_page(client) == first  # two minutes on: the same signed token
    with time_machine.travel(utcnow() + timedelta(minutes=6)):
        fresh = token_on_a_page(client)
        assert fresh != first
        assert client.post("/account/signout", data={"csrf_token": first}).status_code == 302


@pytest.mark.parametrize("app_overrides", [CSRF_ON])
def test_a_clock_set_back_gets_a_public_token_that_works(app):
    client = app.test_client()
    later = PUBLIC_TOKEN.search(client.get("/").text)[1]
    with time_machine.travel(utcnow() - timedelta(hours=1)):
        earlier = PUBLIC_TOKEN.search(client.get("/").text)[1]
        answer = client.post(
            "/language", data={"locale": "ru", "next": "/privacy", "public_csrf_token": earlier}
        )
    assert earlier != later
    assert answer.status_code == 302 and answer.location == "/privacy"


@pytest.mark.parametrize("app_overrides", [CSRF_ON])
def test_another_client_is_never_given_this_clients_public_token(app):
    mine = PUBLIC_TOKEN.search(app.test_client().get("/").text)[1]
    other = app.test_client().get(
        "/", headers={"User-Agent": "attacker-bot/1.0"}, environ_base={"REMOTE_ADDR": "203.0.113.9"}
    )
    assert PUBLIC_TOKEN.search(other.text)[1] != mine
