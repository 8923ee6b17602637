"""Browser tests: the app under gunicorn on a free port, driven by Playwright in Chromium.

Every test in this folder is marked `e2e`. Fixtures:
- `live_server` (session): `.url`, `.app` (a Flask app bound to the server's database),
  `.outbox()` (mail as dicts, newest last) and `.link(to, path_prefix)`;
- `base_url` = `live_server.url`, so `page.goto("/account/signin")` works;
- `make_account(role, approved=True, confirmed=True, **cols)` -> `(email, password)`;
- `signin(page, email, password)` signs in through the form.

Chromium: `$CHROMIUM`, else Debian's /usr/bin/chromium, else Playwright's own browser. Without
any, the tests skip with the reason, except on CI (`CI=true`), where they fail.
"""

import json
import os
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from flask import Flask

import config
from outstaff import create_app
from outstaff.accounts import service as accounts
from outstaff.core.extensions import db
from outstaff.models import User, utcnow
from tests.e2e.browser import BROWSER, QUIET_FLAGS, on_ci

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
PASSWORD = "correct horse battery staple"
STARTUP_TIMEOUT = 30.0


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items) -> None:
    """Mark everything in this folder `e2e`; skip it when there is no browser (not on CI)."""
    skip = None
    if not BROWSER.found and not on_ci():
        skip = pytest.mark.skip(reason=f"browser tests skipped: {BROWSER.reason}")
    for item in items:
        if HERE in Path(item.path).parents:
            item.add_marker(pytest.mark.e2e)
            if skip is not None:
                item.add_marker(skip)


@pytest.fixture(scope="session", autouse=True)
def _browser_required_on_ci() -> None:
    """On CI a missing browser fails the run (elsewhere the tests were skipped already)."""
    if not BROWSER.found:
        pytest.fail(f"CI=true and {BROWSER.reason}", pytrace=False)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    """pytest-playwright's launch options plus the browser path and the quiet flags."""
    args = {**browser_type_launch_args}
    if BROWSER.executable_path:
        args["executable_path"] = BROWSER.executable_path
    args["args"] = [*args.get("args", []), *QUIET_FLAGS]
    return args


@dataclass
class LiveServer:
    url: str
    app: Flask
    outbox_dir: Path
    log_path: Path

    def outbox(self) -> list[dict]:
        """Every mail the server sent, as {"to", "subject", "body"}, newest last."""
        if not self.outbox_dir.is_dir():
            return []
        files = sorted(self.outbox_dir.glob("*.json"))
        return [json.loads(path.read_text(encoding="utf-8")) for path in files]

    def link(self, to: str, path_prefix: str, timeout: float = 5.0) -> str:
        """The path of the newest link to `path_prefix` in mail to `to` (waits a moment)."""
        pattern = re.compile(r"https?://[^/\s]+(" + re.escape(path_prefix) + r"[^\s\"'<>]*)")
        deadline = time.monotonic() + timeout
        while True:
            for message in reversed(self.outbox()):
                if message["to"].lower() == to.lower():
                    if match := pattern.search(message["body"]):
                        return match.group(1)
            if time.monotonic() > deadline:
                sent = [(m["to"], m["subject"]) for m in self.outbox()]
                raise AssertionError(f"no {path_prefix} link in mail to {to}; sent: {sent}")
            time.sleep(0.1)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _gunicorn() -> list[str]:
    script = Path(sys.executable).parent / "gunicorn"
    return [str(script)] if script.is_file() else [sys.executable, "-m", "gunicorn"]


def _wait_until_healthy(url: str, process: subprocess.Popen, log_path: Path) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            break
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)
    log = log_path.read_text(encoding="utf-8", errors="replace")[-4000:]
    pytest.fail(f"the app did not start under gunicorn at {url}:\n{log}", pytrace=False)


@pytest.fixture(scope="session")
def live_server(tmp_path_factory) -> Iterator[LiveServer]:
    """The app under gunicorn (development config, CSRF on) with its own migrated SQLite."""
    from flask_migrate import upgrade

    tmp = tmp_path_factory.mktemp("live_server")
    database_url = f"sqlite:///{tmp / 'e2e.db'}"
    outbox_dir = tmp / "outbox"
    secret_key = secrets.token_urlsafe(48)
    app = create_app(
        config.TestingConfig,
        SQLALCHEMY_DATABASE_URI=database_url,
        SECRET_KEY=secret_key,
        MAIL_BACKEND="file",
        MAIL_OUTBOX_DIR=str(outbox_dir),
    )
    with app.app_context():
        upgrade()
        db.engine.dispose()

    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "APP_ENV": "development",
        "FLASK_DEBUG": "0",
        "SECRET_KEY": secret_key,
        "DATABASE_URL": database_url,
        "MAIL_BACKEND": "file",
        "MAIL_OUTBOX_DIR": str(outbox_dir),
        "RATELIMIT_ENABLED": "0",
        "RATELIMIT_STORAGE_URI": "memory://",
        # Empty values win over a developer's .env (python-dotenv does not override).
        # Links in mail point at this server, and it answers to its own host (and localhost).
        "SITE_URL": url,
        "ALLOWED_HOSTS": "",
        "TRUSTED_PROXIES": "0",
        "MAIL_SERVER": "",
        # Mail is delivered by the web worker at its commit (no queue consumer to start);
        # tests/queue/test_queue_worker_crash.py runs the real consumer.
        "HUEY_IMMEDIATE": "1",
        # Tests publish policy versions from another process: no per-worker memory of it.
        "POLICY_CACHE_SECONDS": "0",
        # Every page view written at once: a batch held for 10 s made the count a race.
        "ANALYTICS_BATCH_SIZE": "1",
        "LISTING_TOTALS_SECONDS": "0",  # counts follow each step of a journey
    }
    log_path = tmp / "gunicorn.log"
    command = [
        *_gunicorn(),
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        "2",
        "--threads",
        "2",
        "--graceful-timeout",
        "3",
        "--log-level",
        "warning",
        "wsgi:app",
    ]
    with open(log_path, "wb") as log:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        _wait_until_healthy(url, process, log_path)
        yield LiveServer(url=url, app=app, outbox_dir=outbox_dir, log_path=log_path)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        with app.app_context():
            db.engine.dispose()


@pytest.fixture(scope="session")
def base_url(live_server: LiveServer) -> str:
    return live_server.url


@pytest.fixture
def make_account(live_server: LiveServer) -> Callable[..., tuple[str, str]]:
    """Factory: make_account(role, approved=True, confirmed=True, **cols) -> (email, password).

    The account is created directly in the server's database; `cols` are User columns
    (`email` and `password` may be given too).
    """

    def factory(
        role: str = "developer", approved: bool = True, confirmed: bool = True, **cols
    ) -> tuple[str, str]:
        email = cols.pop("email", None) or f"{role}-{uuid.uuid4().hex[:12]}@example.com"
        password = cols.pop("password", PASSWORD)
        with live_server.app.app_context():
            user = accounts.create_user(email, password, role)
            if role == "employer":
                user.approval = "approved" if approved else "pending"
                user.approved_at = utcnow() if approved else None
            if confirmed:
                user.email_confirmed_at = utcnow()
            for key, value in cols.items():
                if not hasattr(User, key):
                    raise TypeError(f"User has no column {key!r}")
                setattr(user, key, value)
            db.session.commit()
            return user.email, password

    return factory


@pytest.fixture
def signin() -> Callable:
    """signin(page, email, password): sign in through the form, and wait to leave it."""
    from playwright.sync_api import expect

    def do(page, email: str, password: str) -> None:
        page.goto("/account/signin")
        page.get_by_label("Email", exact=True).fill(email)
        page.get_by_label("Password", exact=True).fill(password)
        page.get_by_role("button", name="Sign in").click()
        expect(page).not_to_have_url(re.compile(r"/account/signin"))

    return do
