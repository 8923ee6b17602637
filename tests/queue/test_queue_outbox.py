"""The outbox: a mail is a row written with the change that causes it, delivered by the
queue once, retried with backoff while SMTP is down, then dead for an admin to see."""

import json
import logging
import smtplib
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from outstaff.core.extensions import db
from outstaff.mail import send_mail
from outstaff.models import AuditEntry, MailOutbox, utcnow
from outstaff.queue import outbox
from tests.helpers import PASSWORD, SMTP_CONFIG, sign_in

pytestmark = pytest.mark.usefixtures("app_ctx")  # the tests read the database

SMTP_DOWN = {**SMTP_CONFIG, "MAIL_MAX_ATTEMPTS": 3}


def rows() -> list[MailOutbox]:
    db.session.expire_all()
    return list(db.session.scalars(select(MailOutbox).order_by(MailOutbox.id)))


def ask_for_reset(client, make_user, email="ann@example.com"):
    make_user("developer", email=email)
    response = client.post("/account/password/forgot", data={"email": email})
    assert response.status_code == 302
    return response


def make_due(row_id: int) -> None:
    """The retry's time has come (instead of waiting for the backoff)."""
    db.session.execute(
        update(MailOutbox)
        .where(MailOutbox.id == row_id)
        .values(next_attempt_at=utcnow() - timedelta(seconds=1))
    )
    db.session.commit()


def test_a_rolled_back_change_writes_no_row_and_sends_nothing(app, outbox):
    send_mail("ann@example.com", "Rolled back", "email_taken")
    db.session.add(AuditEntry(action="test"))
    db.session.flush()
    db.session.rollback()
    db.session.commit()
    assert rows() == [] and outbox == []


def test_a_committed_mail_is_a_row_with_its_own_message_id_and_goes_out_once(
    app, client, make_user, outbox
):
    ask_for_reset(client, make_user)
    [row] = rows()
    [message] = outbox
    assert (row.state, row.attempts, row.recipient) == ("sent", 1, "ann@example.com")
    assert row.sent_at is not None and row.user_id is not None
    assert message.message_id == row.message_id and row.message_id.startswith("<")
    assert outbox_deliver_again(row.id) is None and len(outbox) == 1  # a second task: nothing


def outbox_deliver_again(row_id: int):
    return outbox.deliver(row_id)


@pytest.mark.parametrize("app_overrides", [SMTP_DOWN])
def test_smtp_down_retries_with_growing_waits_then_dead(app, client, make_user, smtp, caplog):
    smtp.fail = ConnectionRefusedError(111, "refused")
    caplog.set_level(logging.WARNING, logger="outstaff.queue.outbox")
    response = ask_for_reset(client, make_user)
    assert response.headers["Location"] == "/account/signin"  # the user never waits on SMTP
    [row] = rows()
    assert (row.state, row.attempts, row.last_error) == ("queued", 1, "ConnectionRefusedError 111")
    waits = [round((row.next_attempt_at - utcnow()).total_seconds())]
    assert outbox.deliver(row.id) is None, "not due yet: the attempt waits for its time"
    make_due(row.id)
    outbox.deliver(row.id)
    [row] = rows()
    waits.append(round((row.next_attempt_at - utcnow()).total_seconds()))
    assert waits == [30, 60] and row.attempts == 2
    make_due(row.id)
    outbox.deliver(row.id)
    [row] = rows()
    assert (row.state, row.attempts) == ("dead", 3)
    logged = [r.getMessage() for r in caplog.records]
    assert "dead after 3 attempts" in logged[-1]
    assert not any("ann@example.com" in line or "reset/" in line for line in logged)
    assert smtp.sent == []


@pytest.mark.parametrize("app_overrides", [SMTP_CONFIG])
def test_a_retry_after_an_outage_sends_once_with_the_same_message_id(app, client, make_user, smtp):
    smtp.fail = smtplib.SMTPServerDisconnected("gone")
    ask_for_reset(client, make_user)
    [row] = rows()
    smtp.fail = None
    make_due(row.id)
    outbox.deliver(row.id)
    outbox.deliver(row.id)
    [(calls, sent)] = smtp.sent
    assert calls == [("connect", "smtp.example.com", 2525), ("starttls",), ("login", "relay-user")]
    assert sent["Message-ID"] == row.message_id and sent["To"] == "ann@example.com"
    assert sent["Subject"] == "Reset your password"
    assert "/account/password/reset/" in sent.get_content()
    assert rows()[0].state == "sent"


@pytest.mark.parametrize("app_overrides", [SMTP_CONFIG])
def test_an_address_the_server_refuses_is_dead_at_once(app, client, make_user, smtp):
    smtp.fail = smtplib.SMTPRecipientsRefused({"ann@example.com": (550, b"no such user")})
    ask_for_reset(client, make_user)
    [row] = rows()
    assert (row.state, row.attempts, row.last_error) == ("dead", 1, "SMTPRecipientsRefused")


def test_a_row_held_by_another_worker_is_not_sent_twice(app, make_user, outbox):
    make_user("developer", email="ann@example.com")
    send_mail("ann@example.com", "Hello", "email_taken")
    db.session.commit()
    outbox.clear()
    [row] = rows()
    db.session.execute(
        update(MailOutbox).values(
            state="queued", sent_at=None, locked_until=utcnow() + timedelta(minutes=1)
        )
    )
    db.session.commit()
    assert outbox_deliver_again(row.id) is None and outbox == []
    assert outbox_ids_due() == []  # the sweeper too leaves it to its worker
    db.session.execute(update(MailOutbox).values(locked_until=utcnow() - timedelta(seconds=1)))
    db.session.commit()
    assert outbox_ids_due() == [row.id]  # the worker died: the hold expired
    outbox_deliver_again(row.id)
    assert [m.subject for m in outbox] == ["Hello"]


def outbox_ids_due():
    return outbox.due(utcnow())


def test_mail_to_no_account_is_deleted_once_sent(app, outbox):
    send_mail("team@example.com", "New feedback", "email_taken")
    db.session.commit()
    assert len(outbox) == 1 and rows() == []


def test_deleting_an_account_erases_its_waiting_mail_and_keeps_only_the_receipt_going(
    app, client, make_user, outbox
):
    user = make_user("developer", email="ann@example.com")
    db.session.add(
        MailOutbox(
            message_id="<w@x>",
            user_id=user.id,
            recipient=user.email,
            subject="Waiting",
            body="A link",
            state="queued",
        )
    )
    db.session.commit()
    sign_in(client, "ann@example.com")
    outbox.clear()
    client.post("/account/delete", data={"password": PASSWORD, "understood": "y"})
    assert [m.subject for m in outbox] == ["Your account has been deleted"]
    assert rows() == []  # the waiting mail erased, the receipt gone once sent


def test_the_export_lists_mail_to_the_person_without_its_text(app, client, make_user, outbox):
    ask_for_reset(client, make_user)
    sign_in(client, "ann@example.com")
    data = json.loads(client.get("/privacy/export").data)["tables"]
    [mail] = data["mail_outbox"]
    assert mail["recipient"] == "ann@example.com" and "body" not in mail


@pytest.mark.commits  # a second session erases the row mid-send
def test_a_row_erased_while_it_is_being_sent_is_not_written_back(app, make_user, monkeypatch):
    """The account is deleted (its mail erased) while a worker talks to SMTP."""
    user = make_user("developer", email="ann@example.com")
    db.session.add(
        MailOutbox(
            message_id="<e@x>", user_id=user.id, recipient=user.email, subject="Hello", body="x"
        )
    )
    db.session.commit()
    row_id = rows()[0].id

    def erased_meanwhile(app, message):
        with db.engine.begin() as connection:
            connection.execute(MailOutbox.__table__.delete())

    monkeypatch.setattr("outstaff.mail.deliver", erased_meanwhile)
    assert outbox.deliver(row_id) is None
    assert rows() == []


def test_a_queue_that_cannot_be_reached_fails_no_request_and_loses_no_mail(
    app, client, make_user, monkeypatch, caplog
):
    """Redis down at the commit: the row waits for the sweeper; the user sees nothing odd."""

    def unreachable(outbox_id):
        raise ConnectionError("redis is down")

    monkeypatch.setattr("outstaff.queue.tasks.deliver_mail", unreachable)
    response = ask_for_reset(client, make_user)
    assert response.headers["Location"] == "/account/signin"
    [row] = rows()
    assert (row.state, row.attempts) == ("queued", 0)
    assert any(
        "not enqueued (ConnectionError); the sweeper will" in r.getMessage() for r in caplog.records
    )
