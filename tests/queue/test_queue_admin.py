"""The console's queue page: undelivered mail (count, last error, "retry now") and the
scheduled jobs' last runs. Admins only; "retry now" is a POST with the form's token."""

import pytest
from sqlalchemy import select

from outstaff.core.extensions import db
from outstaff.models import AuditEntry, JobRun, MailOutbox, utcnow
from tests.helpers import csrf_token, main_text


def dead_mail(user, n: int = 1) -> None:
    for i in range(n):
        db.session.add(
            MailOutbox(
                message_id=f"<dead{i}@x>",
                user_id=user.id,
                recipient=user.email,
                subject="Confirm",
                body="link",
                state="dead",
                attempts=12,
                last_error="ConnectionRefusedError 111",
            )
        )
    db.session.commit()


@pytest.mark.parametrize("role", ["developer", "employer"])
def test_someone_not_an_admin_cannot_see_the_queue_or_retry_mail(
    client, auth, make_user, outbox, role
):
    user = make_user(role)
    dead_mail(user)
    auth.login(user)
    assert client.get("/admin/queue").status_code == 404
    assert client.post("/admin/queue/retry").status_code == 404
    assert db.session.scalars(select(MailOutbox.state)).all() == ["dead"] and outbox == []


def test_a_visitor_cannot_retry_mail(client, make_user, outbox):
    dead_mail(make_user("developer"))
    assert client.post("/admin/queue/retry").status_code == 404
    assert outbox == []


def test_the_page_shows_dead_mail_its_last_error_and_the_jobs(client, auth, make_user):
    dead_mail(make_user("developer"), 2)
    db.session.add(
        JobRun(
            job="retention_purge",
            started_at=utcnow(),
            finished_at=utcnow(),
            succeeded=False,
            error="RuntimeError: disk full",
        )
    )
    db.session.commit()
    auth.login(make_user("admin"))
    text = main_text(client.get("/admin/queue"))
    assert "2 mails not delivered (gave up)" in text
    assert "Last error: ConnectionRefusedError 111, at attempt 12" in text
    assert "Retention purge" in text and "Failed: RuntimeError: disk full" in text
    assert "Analytics roll-up" in text and "Never" in text
    assert "2 mails not delivered" in main_text(client.get("/admin/"))


def test_retry_now_sends_the_dead_mail_and_is_audited(client, auth, make_user, outbox):
    developer = make_user("developer")
    dead_mail(developer)
    admin = make_user("admin")
    auth.login(admin)
    response = client.post("/admin/queue/retry")
    assert response.status_code == 302 and response.headers["Location"] == "/admin/queue"
    assert [m.to for m in outbox] == [developer.email]
    db.session.expire_all()
    assert db.session.scalars(select(MailOutbox.state)).all() == ["sent"]
    entry = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "mail.retry")).one()
    assert (entry.actor_id, entry.target) == (admin.id, "mail:1")


def test_retry_now_without_the_form_token_is_refused(app, client, auth, make_user, outbox):
    dead_mail(make_user("developer"))
    auth.login(make_user("admin"))
    app.config["WTF_CSRF_ENABLED"] = True  # signed in; from now on every form needs its token
    assert client.post("/admin/queue/retry").status_code == 400
    assert outbox == []
    token = csrf_token(client.get("/admin/queue"))
    assert client.post("/admin/queue/retry", data={"csrf_token": token}).status_code == 302
    assert len(outbox) == 1
