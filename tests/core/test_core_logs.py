"""Error logs: request id, time, route, method, browser, OS, version; never secrets."""

import io
import logging
import re

import pytest
from flask import request

from tests.helpers import FIREFOX

PASSWORD = "hunter2-very-secret-password"
TOKEN = "reset-tok-0f9a8b7c6d5e4f3a2b1c"
QUERY_TOKEN = "qtok-112233445566"
COOKIE = "cookie-value-99887766"
BODY_TEXT = "a private message typed in a form"


@pytest.fixture
def log_output():
    """What the app's own log handler writes."""
    handler = next(
        h for h in logging.getLogger("outstaff").handlers if getattr(h, "_outstaff", False)
    )
    stream = io.StringIO()
    previous = handler.setStream(stream)
    yield stream
    handler.setStream(previous)


@pytest.fixture
def failing_route(app):
    @app.post("/boom/<token>")
    def boom(token):
        password = request.form["password"]
        # The worst case: an exception whose text repeats what the user sent.
        raise RuntimeError(f"could not check {password} with {token} for {request.url}")

    boom.access = "public"


@pytest.mark.fresh_app  # adds a route
def test_promise_logs_contain_no_password_or_token(app, client, failing_route, log_output, caplog):
    app.config["APP_VERSION"] = "9.8.7"
    client.set_cookie("session", COOKIE)
    response = client.post(
        f"/boom/{TOKEN}?token={QUERY_TOKEN}",
        data={"password": PASSWORD, "message": BODY_TEXT},
        headers={"User-Agent": FIREFOX, "Authorization": f"Bearer {TOKEN}"},
    )
    assert response.status_code == 500
    request_id = response.headers["X-Request-ID"]
    text = log_output.getvalue()
    assert "RuntimeError" in text and "Traceback" in text
    line = next(line for line in text.splitlines() if "unhandled error" in line)
    assert re.match(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z ERROR outstaff\.core\.errors ", line)
    for expected in (
        f"[{request_id}]",
        f"request_id={request_id}",
        "route=/boom/<token>",
        "method=POST",
        "browser=Firefox",
        "os=Windows",
        "app_version=9.8.7",
    ):
        assert expected in line
    captured = text + "\n".join(r.getMessage() + (r.exc_text or "") for r in caplog.records)
    for secret in (PASSWORD, TOKEN, QUERY_TOKEN, COOKIE, BODY_TEXT):
        assert secret not in captured
    assert "[redacted]" in text


def test_logs_outside_a_request_still_work(app, log_output):
    logging.getLogger("outstaff.test").warning("plain %s", "message")
    assert "WARNING outstaff.test [-] plain message" in log_output.getvalue()
