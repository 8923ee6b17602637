"""The queue worker killed (SIGKILL) in the middle of sending a mail: after a restart the
mail goes out, once. The worker is the real consumer (`flask queue worker`) in a subprocess,
on the test database, with huey on SQLite and, when TEST_HUEY_REDIS_URL is set (CI), Redis;
SMTP is a small fake server that can hold a mail's DATA without ever answering it."""

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from email import message_from_bytes
from email.policy import default
from pathlib import Path

import pytest
from sqlalchemy import select

from outstaff.core.extensions import db
from outstaff.mail import send_mail
from outstaff.models import MailOutbox

# the worker is another process, reading what the test committed.
pytestmark = pytest.mark.commits


ROOT = Path(__file__).resolve().parents[2]
LEASE_SECONDS = 2


class FakeSMTPServer:
    """Answers SMTP on 127.0.0.1; in "hold" mode it reads a mail's DATA and never replies."""

    def __init__(self):
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.mode = "hold"
        self.held = threading.Event()
        self.delivered: list[bytes] = []
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        while True:
            try:
                conn, _ = self.listener.accept()
            except OSError:
                return
            threading.Thread(target=self._session, args=(conn,), daemon=True).start()

    def _session(self, conn):
        with conn, conn.makefile("rb") as lines:
            conn.sendall(b"220 fake ESMTP\r\n")
            for line in lines:
                verb = line[:4].upper()
                if verb == b"DATA":
                    conn.sendall(b"354 go on\r\n")
                    data = b"".join(iter(lines.readline, b".\r\n"))
                    if self.mode == "hold":
                        self.held.set()
                        lines.read()  # until the worker's end of the socket goes away
                        return
                    self.delivered.append(data)
                    conn.sendall(b"250 queued\r\n")
                elif verb == b"QUIT":
                    conn.sendall(b"221 bye\r\n")
                    return
                else:
                    conn.sendall(b"250 ok\r\n")

    def close(self):
        self.listener.close()


def huey_urls():
    urls = ["sqlite"]
    if os.environ.get("TEST_HUEY_REDIS_URL"):
        urls.append(os.environ["TEST_HUEY_REDIS_URL"])
    return urls


@pytest.fixture(params=huey_urls())
def huey_url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'huey.db'}"
    import redis

    redis.Redis.from_url(request.param).flushdb()
    return request.param


def start_worker(database_url, huey_url, smtp_port, log_path) -> subprocess.Popen:
    env = {
        **os.environ,
        "APP_ENV": "development",
        "SECRET_KEY": "worker-crash-test-secret-key-0123456789abcdef",
        "DATABASE_URL": database_url,
        "HUEY_URL": huey_url,
        "HUEY_IMMEDIATE": "0",
        "MAIL_BACKEND": "smtp",
        "MAIL_SERVER": "127.0.0.1",
        "MAIL_PORT": str(smtp_port),
        "MAIL_USE_TLS": "0",
        "MAIL_USERNAME": "",
        "MAIL_TIMEOUT": "60",
        "MAIL_SEND_LEASE_SECONDS": str(LEASE_SECONDS),
    }
    command = [
        sys.executable,
        "-m",
        "flask",
        "--app",
        "wsgi",
        "queue",
        "worker",
        "--workers",
        "1",
        "--no-periodic",
    ]
    with open(log_path, "ab") as log:  # the worker keeps its own copy of the descriptor
        return subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)


def wait_for(condition, seconds: float, log_path: Path):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    pytest.fail(f"timed out; worker log:\n{log_path.read_text(errors='replace')}")


def the_row() -> MailOutbox:
    db.session.expire_all()
    return db.session.scalars(select(MailOutbox)).one()


@pytest.mark.parametrize("app_overrides", [{"HUEY_IMMEDIATE": False}])
def test_a_worker_killed_mid_send_delivers_the_mail_once_after_restart(
    app, make_user, migrated, huey_url, tmp_path
):
    """As a web worker killed right after its commit would leave it: a committed row that no
    task was enqueued for (the test process has no queue)."""
    make_user("developer", email="ann@example.com")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("outstaff.queue.tasks.enqueue_delivery", lambda outbox_id: None)
        send_mail("ann@example.com", "Confirm your address", "email_taken")
        db.session.commit()
    message_id = the_row().message_id
    server, log_path = FakeSMTPServer(), tmp_path / "worker.log"
    url = db.engine.url.render_as_string(hide_password=False)
    worker = start_worker(url, huey_url, server.port, log_path)
    try:
        wait_for(server.held.is_set, 60, log_path)  # mid-send: DATA read, never answered
        worker.send_signal(signal.SIGKILL)
        worker.wait(10)
        killed = the_row()
        assert (killed.state, killed.attempts, server.delivered) == ("queued", 1, [])

        server.mode = "answer"
        time.sleep(LEASE_SECONDS + 0.5)  # the dead worker's hold on the row runs out
        started = time.monotonic()
        worker = start_worker(url, huey_url, server.port, log_path)
        wait_for(lambda: server.delivered, 60, log_path)
        waited = time.monotonic() - started
        time.sleep(1.5)  # a duplicate would have arrived by now
        assert len(server.delivered) == 1
        sent = message_from_bytes(server.delivered[0], policy=default)
        assert sent["Message-ID"] == message_id and sent["To"] == "ann@example.com"
        row = the_row()
        assert (row.state, row.attempts) == ("sent", 2)
        print(f"delivered {waited:.1f} s after the restart")
    finally:
        worker.send_signal(signal.SIGTERM)
        try:
            worker.wait(15)
        except subprocess.TimeoutExpired:
            worker.kill()
        server.close()
