"""The feedback inbox: filter, read, mark handled, reply by email, delete; all audited."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from outstaff.core.extensions import db
from outstaff.models import AuditEntry, Feedback, utcnow


@pytest.fixture
def admin(make_user, auth):
    user = make_user("admin")
    auth.login(user)
    return user


@pytest.fixture
def make_message():
    def factory(**columns):
        values = {
            "name": "Ann",
            "email": "ann@example.org",
            "topic": "general",
            "message": "Hello, a question about vacancies.",
            **columns,
        }
        message = Feedback(**values)
        db.session.add(message)
        db.session.commit()
        return message

    return factory


def actions():
    return [
        (e.action, e.target) for e in db.session.scalars(select(AuditEntry).order_by(AuditEntry.id))
    ]


@pytest.mark.parametrize(
    "show,expected",
    [
        ("new", {"New question", "Privacy question"}),
        ("handled", {"Old handled one"}),
        ("privacy", {"Privacy question"}),
        ("all", {"New question", "Privacy question", "Old handled one"}),
        ("", {"New question", "Privacy question"}),  # new ones by default
    ],
)
def test_inbox_filters(client, admin, make_message, show, expected):
    make_message(message="New question")
    make_message(message="Privacy question", topic="privacy")
    make_message(
        message="Old handled one", status="handled", created_at=utcnow() - timedelta(days=3)
    )
    page = client.get(f"/admin/feedback?show={show}").get_data(as_text=True)
    shown = {m for m in ("New question", "Privacy question", "Old handled one") if m in page}
    assert shown == expected


def test_inbox_paginates(client, admin, make_message):
    for i in range(30):
        make_message(message=f"Message number {i:02d}", created_at=utcnow() - timedelta(minutes=i))
    first = client.get("/admin/feedback").get_data(as_text=True)
    assert "Message number 00" in first and "Message number 29" not in first
    assert "Page 1 of 2" in first
    second = client.get("/admin/feedback?page=2").get_data(as_text=True)
    assert "Message number 29" in second and "Message number 00" not in second


def test_reading_a_message_shows_the_sender_and_their_account(
    client, admin, make_message, make_user
):
    sender = make_user("developer", email="ann@example.org")
    message = make_message(topic="privacy", message="What data do you store about me?")
    page = client.get(f"/admin/feedback/{message.id}").get_data(as_text=True)
    assert "What data do you store about me?" in page
    assert f'href="/admin/users/{sender.id}"' in page
    assert "A privacy request" in page


def test_mark_handled_and_new_again(client, admin, make_message):
    message = make_message()
    client.post(f"/admin/feedback/{message.id}/mark", data={"handled": "1"})
    db.session.refresh(message)
    assert message.status == "handled" and message.handled_by_id == admin.id
    client.post(f"/admin/feedback/{message.id}/mark", data={"handled": "0"})
    db.session.refresh(message)
    assert message.status == "new" and message.handled_at is None
    target = f"feedback:{message.id}"
    assert actions() == [("feedback.handled", target), ("feedback.reopen", target)]


def test_reply_by_email_is_sent_recorded_and_marks_handled(client, admin, make_message, outbox):
    message = make_message()
    response = client.post(
        f"/admin/feedback/{message.id}/reply", data={"subject": "Re: your question", "body": ""}
    )
    assert response.status_code == 400 and "Write the reply." in response.get_data(as_text=True)
    assert outbox == []
    response = client.post(
        f"/admin/feedback/{message.id}/reply",
        data={"subject": "Re: your question", "body": "We have two open vacancies."},
    )
    assert response.status_code == 302
    [mail] = outbox
    assert mail.to == "ann@example.org" and mail.subject == "Re: your question"
    assert "We have two open vacancies." in mail.body
    assert "> Hello, a question about vacancies." in mail.body
    db.session.refresh(message)
    assert message.reply == "We have two open vacancies." and message.replied_at is not None
    assert message.status == "handled"
    assert [a for a, _ in actions()] == ["feedback.handled", "feedback.reply"]
    page = client.get(f"/admin/feedback/{message.id}").get_data(as_text=True)
    assert "Our reply, sent" in page


def test_deleting_a_message_is_confirmed_then_leaves_only_an_audit_row(client, admin, make_message):
    message = make_message(email="asker@example.org")
    message_id = message.id
    page = client.get(f"/admin/feedback/{message_id}/delete").get_data(as_text=True)
    assert "Delete the message" in page and "asker@example.org" in page
    assert db.session.get(Feedback, message_id) is not None
    response = client.post(
        f"/admin/feedback/{message_id}/delete", data={"note": "Sender asked by mail"}
    )
    assert response.headers["Location"] == "/admin/feedback"
    db.session.expire_all()
    assert db.session.get(Feedback, message_id) is None
    [row] = db.session.scalars(select(AuditEntry)).all()
    assert (row.action, row.target, row.actor_id) == (
        "feedback.delete",
        f"feedback:{message_id}",
        admin.id,
    )
    assert "asker@example.org" not in (row.note or "")
