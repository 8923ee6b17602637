"""Nothing of a deleted person stays in any file the database keeps (issue 12, finding 17).

The reviewer deleted an account, let SQLite checkpoint, and found the email and the name in
the `-wal` file: a checkpoint copies pages into the database but leaves old frames in the
log. These tests read every file of the SQLite database after a deletion through the page.
"""

import logging
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from outstaff.core.extensions import db
from outstaff.models import DeveloperProfile, Feedback, User
from tests.helpers import PASSWORD, sign_in
from tests.helpers.database_files import needles_in_files

EMAIL, NAME = "wal.person.q7x@example.com", "Wilhelmina-Q7x"


# they read the database files and hold readers on connections of their own.
pytestmark = pytest.mark.commits


@pytest.fixture(autouse=True)
def sqlite_only(app_ctx):
    if db.engine.dialect.name != "sqlite":
        pytest.skip("the database files are SQLite's")


def files_holding(*needles: str) -> list[str]:
    """Which database files hold which needles, in their raw bytes (case-insensitive)."""
    found = needles_in_files(db.engine.url.database, needles)
    return [f"{name}: {n}" for name, held in found.items() for n in held]


def sqlite_checkpoint() -> None:
    """What SQLite's automatic checkpoint does: copy the log into the database, no more."""
    db.session.remove()
    with db.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)")


def person_with_a_profile(make_user) -> User:
    user = make_user("developer", email=EMAIL)
    db.session.add(DeveloperProfile(user_id=user.id, first_name=NAME, bio=f"I am {NAME}."))
    db.session.commit()
    assert files_holding(EMAIL, NAME)  # written, so the search can find it
    return user


def delete_through_the_page(client, user: User):
    sign_in(client, user.email)
    response = client.post("/account/delete", data={"password": PASSWORD, "understood": "y"})
    assert response.status_code == 302
    return response


class Reader(threading.Thread):
    """Another connection reading the database for `seconds` (or, with seconds=None, until
    `release` is set: however slow the machine), as a busy server has."""

    def __init__(self, seconds: float | None):
        super().__init__(daemon=True)
        self.seconds, self.reading, self.release = seconds, threading.Event(), threading.Event()
        self.path = db.engine.url.database

    def run(self) -> None:
        connection = sqlite3.connect(self.path, isolation_level=None)
        connection.execute("BEGIN")
        connection.execute('SELECT count(*) FROM "user"').fetchone()
        self.reading.set()
        if self.seconds is None:
            self.release.wait(30)
        else:
            time.sleep(self.seconds)
        connection.execute("COMMIT")
        connection.close()


def test_deleted_users_email_is_in_no_database_file_after_checkpoint(client, make_user):
    user = person_with_a_profile(make_user)
    delete_through_the_page(client, user)
    sqlite_checkpoint()
    assert files_holding(EMAIL, NAME) == []
    assert db.session.scalar(select(User).where(User.email == EMAIL)) is None


def test_deleted_users_email_is_in_no_database_file_while_another_connection_reads(
    client, make_user
):
    user = person_with_a_profile(make_user)
    reader = Reader(seconds=0.5)
    reader.start()
    reader.reading.wait(5)
    delete_through_the_page(client, user)  # waits for the reader's snapshot to end
    reader.join(5)
    assert files_holding(EMAIL, NAME) == []


@pytest.mark.parametrize("app_overrides", [{"SQLITE_CHECKPOINT_TIMEOUT_MS": 50}])
def test_a_reader_that_outlasts_the_wait_only_delays_the_scrub_until_the_purge(
    client, runner, make_user, app_overrides, caplog
):
    user = person_with_a_profile(make_user)
    reader = Reader(seconds=None)
    reader.start()
    reader.reading.wait(5)
    with caplog.at_level(logging.WARNING):
        delete_through_the_page(client, user)  # the deletion itself succeeds at once
    reader.release.set()
    assert "write-ahead log" in caplog.text
    reader.join(5)
    assert files_holding(EMAIL, NAME) != []  # the reader kept the log from being emptied
    result = runner.invoke(args=["privacy", "purge"])
    assert result.exit_code == 0, result.output
    assert files_holding(EMAIL, NAME) == []


def test_a_message_an_admin_deletes_is_in_no_database_file(client, auth, make_user):
    """A privacy request by mail ("delete what I wrote to you"): the admin deletes it."""
    message = Feedback(name=NAME, email=EMAIL, topic="privacy", message=f"I am {NAME}")
    db.session.add(message)
    db.session.commit()
    assert files_holding(EMAIL, NAME)
    auth.login(make_user("admin"))
    response = client.post(f"/admin/feedback/{message.id}/delete", data={"note": "Asked to"})
    assert response.status_code == 302
    sqlite_checkpoint()
    assert files_holding(EMAIL, NAME) == []


OPEN_AND_CLOSE = """
import sqlite3, sys
connection = sqlite3.connect(sys.argv[1])
connection.execute('SELECT count(*) FROM "user"').fetchone()
connection.close()
"""


def test_searching_the_files_leaves_the_log_to_the_connections_still_open(make_user):
    """Another process that then opens and closes the database is not taken for the last one
    (it would delete the -wal and -shm under this process's connections: disk I/O errors)."""
    make_user("developer")  # this process's pool now holds a connection on the database
    assert files_holding(EMAIL) == []
    database = db.engine.url.database
    subprocess.run([sys.executable, "-c", OPEN_AND_CLOSE, database], check=True)
    assert Path(f"{database}-wal").exists() and Path(f"{database}-shm").exists()
    make_user("developer")
