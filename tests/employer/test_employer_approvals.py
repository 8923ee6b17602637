"""The approval queue in the admin console: approve, reject with a note, every decision
audited and mailed; unconfirmed accounts cannot be approved."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from outstaff.core.extensions import db
from outstaff.models import AuditEntry, User, utcnow


@pytest.fixture
def admin(make_user, auth):
    user = make_user("admin")
    auth.login(user)
    return user


def audit_rows():
    return db.session.execute(
        select(
            AuditEntry.actor_id, AuditEntry.action, AuditEntry.target_user_id, AuditEntry.note
        ).order_by(AuditEntry.id)
    ).all()


def fresh(user) -> User:
    db.session.expire_all()
    return db.session.get(User, user.id)


def test_the_queue_lists_pending_employers_oldest_first(client, admin, make_employer):
    newer = make_employer(company="Newer Ltd", approval="pending", email="b@newer.example")
    older = make_employer(
        company="Older GmbH", approval="pending", email="a@older.example", confirmed=False
    )
    older.created_at = utcnow() - timedelta(days=3)
    make_employer(company="Decided Inc", approval="approved")
    db.session.commit()
    page = client.get("/admin/approvals").get_data(as_text=True)
    assert page.index("Older GmbH") < page.index("Newer Ltd")
    assert "Decided Inc" not in page
    assert "Not yet — cannot be approved" in page  # older has not confirmed its email
    assert f"/admin/approvals/{newer.id}/approve" in page
    assert f"/admin/approvals/{older.id}/approve" not in page


def test_others_do_not_even_see_the_queue(client, auth, make_user):
    for user in (None, make_user("employer"), make_user("developer")):
        if user:
            auth.login(user)
        assert client.get("/admin/approvals").status_code == 404
        assert client.post(f"/admin/approvals/{user.id if user else 1}/approve").status_code == 404
        auth.logout()


def test_approving(client, admin, make_employer, outbox):
    employer = make_employer(approval="pending")
    response = client.post(
        f"/admin/approvals/{employer.id}/approve", data={"note": "Welcome aboard."}
    )
    assert response.status_code == 302
    employer = fresh(employer)
    assert employer.approval == "approved" and employer.approved_at is not None
    assert employer.approval_note == "Welcome aboard."
    assert audit_rows() == [(admin.id, "employer.approve", employer.id, "Welcome aboard.")]
    [mail] = outbox
    assert mail.to == employer.email and "approved" in mail.subject
    assert "Welcome aboard." in mail.body and "/developers" in mail.body
    assert "is approved" in client.get("/admin/approvals").get_data(as_text=True)


def test_an_approved_employer_then_sees_developers(
    client, auth, admin, make_employer, make_profile
):
    make_profile(first_name="Visible")
    employer = make_employer(approval="pending")
    client.post(f"/admin/approvals/{employer.id}/approve", data={"note": ""})
    auth.logout()
    auth.login(employer)
    assert "Visible Tester" in client.get("/developers").get_data(as_text=True)


def test_rejecting_with_a_note(client, auth, admin, make_employer, outbox):
    employer = make_employer(approval="pending")
    response = client.post(
        f"/admin/approvals/{employer.id}/reject", data={"note": "We could not find your company."}
    )
    assert response.status_code == 302
    employer = fresh(employer)
    assert employer.approval == "rejected" and employer.approved_at is None
    assert audit_rows() == [
        (admin.id, "employer.reject", employer.id, "We could not find your company.")
    ]
    [mail] = outbox
    assert "not approved" in mail.subject and "We could not find your company." in mail.body
    auth.logout()
    auth.login(employer)
    page = client.get("/employer/profile").get_data(as_text=True)
    assert "We could not find your company." in page
    assert client.get("/developers").status_code == 403


def test_a_rejection_needs_a_note(client, admin, make_employer, outbox):
    employer = make_employer(approval="pending")
    response = client.post(f"/admin/approvals/{employer.id}/reject", data={"note": "  "})
    assert response.status_code == 400
    assert "Write the employer a short reason" in response.get_data(as_text=True)
    assert fresh(employer).approval == "pending"
    assert audit_rows() == [] and outbox == []


def test_an_overlong_note_is_refused_and_kept(client, admin, make_employer):
    employer = make_employer(approval="pending")
    response = client.post(f"/admin/approvals/{employer.id}/reject", data={"note": "n" * 501})
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "under 500 characters" in page and "n" * 501 in page
    assert fresh(employer).approval == "pending"


def test_unconfirmed_accounts_cannot_be_approved(client, admin, make_employer, outbox):
    employer = make_employer(approval="pending", confirmed=False)
    response = client.post(f"/admin/approvals/{employer.id}/approve", data={"note": ""})
    assert response.status_code == 400
    assert "has not confirmed its email address" in response.get_data(as_text=True)
    assert fresh(employer).approval == "pending"
    assert audit_rows() == [] and outbox == []


def test_only_pending_employers_are_decided(client, admin, make_employer, make_user, outbox):
    approved = make_employer(approval="approved")
    response = client.post(
        f"/admin/approvals/{approved.id}/reject", data={"note": "Oops"}, follow_redirects=True
    )
    assert "already decided" in response.get_data(as_text=True)
    assert fresh(approved).approval == "approved" and outbox == []
    developer = make_user("developer")
    assert client.post(f"/admin/approvals/{developer.id}/approve").status_code == 404
    assert client.post("/admin/approvals/999999/approve").status_code == 404


@pytest.mark.parametrize("app_overrides", [{"WTF_CSRF_ENABLED": True}])
def test_decisions_need_the_csrf_token(client, make_user, make_employer):
    admin = make_user("admin")
    employer = make_employer(approval="pending")
    with client.session_transaction() as session:
        session["_user_id"] = admin.get_id()
        session["_fresh"] = True
    page = client.get("/admin/approvals").get_data(as_text=True)
    assert 'name="csrf_token"' in page
    response = client.post(f"/admin/approvals/{employer.id}/approve", data={"note": ""})
    assert response.status_code == 400
    assert fresh(employer).approval == "pending" and audit_rows() == []
