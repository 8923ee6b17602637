"""CPU time per request, in process (Flask's test client): a figure other processes on the
machine hardly disturb, to read beside the load test's."""

import secrets
import time

import config
from bench.bare import app as bare_app
from outstaff import create_app
from outstaff.core.extensions import db


def per_request(client, path: str, rounds: int = 5, n: int = 40) -> float:
    """Milliseconds of CPU for one request: the best of `rounds` batches of `n`."""
    for _ in range(5):
        assert client.get(path).status_code == 200, path
    best = float("inf")
    for _ in range(rounds):
        started = time.process_time()
        for _ in range(n):
            client.get(path)
        best = min(best, (time.process_time() - started) / n * 1000)
    return best


def in_process_app(database_url: str, **overrides):
    """The app as the benchmark measures it in process: production settings, no CSRF, rate
    limits or daily caps (the load test's settings)."""
    return create_app(
        config.ProductionConfig,
        SECRET_KEY=secrets.token_urlsafe(48),
        SITE_URL="https://localhost",
        SQLALCHEMY_DATABASE_URI=database_url,
        WTF_CSRF_ENABLED=False,
        RATELIMIT_ENABLED=False,
        PROFILE_VIEW_DAILY_CAP=0,
        LISTING_PAGE_DAILY_CAP=0,
        MAIL_BACKEND="memory",
        SESSION_COOKIE_SECURE=False,
        **overrides,
    )


def measure(
    database_url: str, email: str, password: str, paths: dict[str, str], **overrides
) -> dict:
    app = in_process_app(database_url, **overrides)
    client = app.test_client()
    client.post("/account/signin", data={"email": email, "password": password})
    results = {"bare Flask app": per_request(bare_app.test_client(), "/")}
    for label, path in paths.items():
        results[label] = per_request(client, path)
    with app.app_context():
        db.engine.dispose()
    return results
