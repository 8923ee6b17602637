"""The mail service: its backends, and mail that goes out only on commit."""

import json

import pytest

from outstaff.core.extensions import db
from outstaff.mail import send_mail
from outstaff.models import AuditEntry

pytestmark = pytest.mark.usefixtures("app_ctx")  # the tests read the database


def ask_for_reset(client, make_user, email="ann@example.com"):
    make_user("developer", email=email)
    response = client.post("/account/password/forgot", data={"email": email})
    assert response.status_code == 302
    return response


def test_the_memory_backend_keeps_messages_for_tests(client, make_user, outbox):
    ask_for_reset(client, make_user)
    [message] = outbox
    assert (message.to, message.subject) == ("ann@example.com", "Reset your password")
    assert "/account/password/reset/" in message.body
    assert "Crypton Outstaff" in message.body  # the signature


@pytest.mark.parametrize("app_overrides", [{"MAIL_BACKEND": "file"}])
def test_the_file_backend_writes_one_json_file_per_message(app, client, make_user, tmp_path):
    app.config["MAIL_OUTBOX_DIR"] = str(tmp_path / "outbox")
    ask_for_reset(client, make_user)
    ask_for_reset(client, make_user, "bob@example.com")
    files = sorted((tmp_path / "outbox").glob("*.json"))
    messages = [json.loads(f.read_text(encoding="utf-8")) for f in files]
    assert [m["to"] for m in messages] == ["ann@example.com", "bob@example.com"]
    assert all(m["subject"] == "Reset your password" for m in messages)
    assert "/account/password/reset/" in messages[0]["body"]


@pytest.mark.parametrize("app_overrides", [{"MAIL_BACKEND": "console"}])
def test_the_console_backend_prints_the_message(client, make_user, capsys):
    ask_for_reset(client, make_user)
    printed = capsys.readouterr().out
    assert "mail to ann@example.com: Reset your password" in printed
    assert "http://localhost/account/password/reset/" in printed


@pytest.mark.parametrize(("server", "backend"), [(None, "console"), ("smtp.example.com", "smtp")])
def test_the_backend_follows_mail_server_when_not_set(migrated, server, backend):
    import config
    from outstaff import create_app

    app = create_app(
        config.DevelopmentConfig,
        SECRET_KEY="x",
        SQLALCHEMY_DATABASE_URI=migrated,
        MAIL_BACKEND=None,
        MAIL_SERVER=server,
    )
    assert app.config["MAIL_BACKEND"] == backend


# SMTP (through Flask-Mailman), its outages, retries and dead letters: tests/queue/.


def test_mail_queued_in_a_transaction_that_rolls_back_is_never_sent(app, outbox):
    with app.test_request_context():
        send_mail("ann@example.com", "Rolled back", "email_taken")
        db.session.add(AuditEntry(action="test"))
        db.session.flush()
        db.session.rollback()
        send_mail("bob@example.com", "Before any row changed", "email_taken")
        db.session.rollback()
        db.session.commit()  # a later commit does not revive them
        assert outbox == []
        send_mail("cy@example.com", "Committed", "email_taken")
        assert outbox == []  # not before the commit
        db.session.commit()
    assert [m.subject for m in outbox] == ["Committed"]


@pytest.mark.fresh_app  # adds a route
def test_a_request_that_fails_after_queueing_mail_sends_none(app, client, make_user, outbox):
    @app.post("/test/fails-after-mail")
    def fails_after_mail():
        send_mail("ann@example.com", "Should not go", "email_taken")
        raise RuntimeError("the work failed")

    assert client.post("/test/fails-after-mail").status_code == 500
    ask_for_reset(client, make_user, "bob@example.com")  # the next commit sends only its own
    assert [m.to for m in outbox] == ["bob@example.com"]


def test_mail_can_be_sent_outside_a_request(app, outbox):
    """Commands run by cron (no request, so no browser language) send mail too."""
    send_mail("ann@example.com", "From a command", "deleted", by_admin=True)
    db.session.commit()
    [message] = outbox
    assert "An administrator has deleted your Crypton Outstaff account." in message.body
