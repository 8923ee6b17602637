"""What admins do to accounts: each action is confirmed, guarded and written to the audit log."""

import pytest
from sqlalchemy import select

from outstaff import visibility
from outstaff.accounts.sessions import load_user
from outstaff.core import signals
from outstaff.core.extensions import db
from outstaff.models import AuditEntry, DeveloperProfile, EmployerProfile, User
from tests.helpers import PASSWORD

pytestmark = pytest.mark.usefixtures("app_ctx")  # the tests read the database


@pytest.fixture
def admin(make_user, auth):
    user = make_user("admin", email="boss@example.com")
    auth.login(user)
    return user


@pytest.fixture
def developer(make_user):
    user = make_user("developer", email="dev@example.com")
    db.session.add(DeveloperProfile(user_id=user.id, first_name="Dana", is_published=True))
    db.session.commit()
    return user


@pytest.fixture
def employer(make_user):
    user = make_user("employer", email="hr@acme.example")
    db.session.add(EmployerProfile(user_id=user.id, company_name="Acme"))
    db.session.commit()
    return user


def audit_rows(action=None):
    stmt = select(AuditEntry).order_by(AuditEntry.id)
    if action:
        stmt = stmt.where(AuditEntry.action == action)
    return db.session.scalars(stmt).all()


def act(client, user, action, **data):
    return client.post(f"/admin/users/{user.id}/{action}", data=data)


def visible_to(viewer) -> set[int]:
    return set(
        db.session.scalars(
            select(DeveloperProfile.user_id).where(visibility.visible_clause(viewer))
        )
    )


@pytest.mark.parametrize("action", ["suspend", "role", "hide", "reset-2fa", "delete"])
def test_destructive_actions_have_a_confirmation_page(client, admin, developer, action):
    developer.totp_enabled_at = developer.created_at  # so "reset-2fa" applies
    db.session.commit()
    page = client.get(f"/admin/users/{developer.id}/{action}").get_data(as_text=True)
    assert "dev@example.com" in page and 'method="post"' in page and "Cancel" in page
    assert audit_rows() == []  # looking at the page changes nothing


def test_suspended_users_cannot_sign_in_and_leave_every_listing(
    client, admin, developer, employer, auth
):
    assert developer.id in visible_to(employer)
    response = act(client, developer, "suspend", note="Spam reports")
    assert response.status_code == 302
    db.session.refresh(developer)
    assert developer.status == "suspended"
    [row] = audit_rows("user.suspend")
    assert (row.actor_id, row.target_user_id, row.note) == (admin.id, developer.id, "Spam reports")
    assert developer.id not in visible_to(employer)
    assert not visibility.can_view(employer, developer.developer_profile)
    auth.logout()
    page = auth.login(developer).get_data(as_text=True)
    assert "This account is suspended" in page
    assert client.get("/account/").status_code == 302


def test_suspending_ends_the_users_sessions(client, admin, developer):
    session_id = developer.get_id()  # what their session and remember-me cookies carry
    assert load_user(session_id) is not None
    assert act(client, developer, "suspend").status_code == 302
    assert load_user(session_id) is None
    act(client, developer, "reactivate")
    assert load_user(session_id) is None  # reactivating does not revive old sessions


def test_reactivate_lets_them_back_in(client, admin, developer, employer):
    act(client, developer, "suspend")
    assert act(client, developer, "reactivate").status_code == 302
    db.session.refresh(developer)
    assert developer.status == "active"
    assert [r.action for r in audit_rows()] == ["user.suspend", "user.reactivate"]
    assert developer.id in visible_to(employer)


def test_hiding_a_questionnaire_needs_a_reason_and_tells_the_owner(
    client, admin, developer, employer, outbox
):
    response = act(client, developer, "hide", note="")
    assert response.status_code == 400 and "Say why" in response.get_data(as_text=True)
    assert act(client, developer, "hide", note="Contact details in the bio").status_code == 302
    profile = db.session.scalar(select(DeveloperProfile))
    assert profile.hidden_at is not None and profile.hidden_note == "Contact details in the bio"
    assert developer.id not in visible_to(employer)
    [mail] = outbox
    assert mail.to == "dev@example.com" and "Contact details in the bio" in mail.body
    assert audit_rows("profile.hide")[0].target_user_id == developer.id
    assert act(client, developer, "unhide").status_code == 302
    assert developer.id in visible_to(employer)
    assert outbox[-1].subject == "Your questionnaire is visible again"
    assert [r.action for r in audit_rows()] == ["profile.hide", "profile.unhide"]


def test_changing_a_role_signs_the_user_out_and_is_logged(client, admin, employer):
    act(client, employer, "role", role="admin", note="New colleague")
    db.session.refresh(employer)
    assert employer.role == "admin" and employer.approval is None
    [row] = audit_rows("user.role")
    assert row.note == "employer -> admin; New colleague"


def test_admin_can_turn_off_two_factor_for_someone_locked_out(client, admin, make_user):
    locked = make_user("admin", email="locked@example.com")
    events = []
    with signals.two_factor_changed.connected_to(
        lambda _s, **kw: events.append({**kw, "user": kw["user"].id})
    ):
        response = act(client, locked, "reset-2fa", note="Lost phone, checked by call")
    assert response.status_code == 302
    assert events == [{"user": locked.id, "event": "reset", "enabled": False}]
    db.session.refresh(locked)
    assert locked.totp_enabled_at is None and locked.totp_secret is None
    assert audit_rows("twofactor.reset")[0].target_user_id == locked.id


def test_deleting_an_account_erases_it_and_keeps_an_audit_row_with_ids(
    client, admin, developer, outbox
):
    developer_id = developer.id
    response = act(client, developer, "delete", note="Asked by phone")
    assert response.status_code == 400  # the box was not ticked
    assert db.session.get(User, developer_id) is not None
    response = act(client, developer, "delete", note="Asked by phone", understood="y")
    assert response.headers["Location"] == "/admin/users"
    db.session.expire_all()
    assert db.session.get(User, developer_id) is None
    assert db.session.scalars(select(DeveloperProfile)).all() == []
    [row] = audit_rows("account.delete")
    assert (row.actor_id, row.target_user_id) == (admin.id, developer_id)
    assert outbox[-1].to == "dev@example.com" and "administrator" in outbox[-1].body


class TestTheLastAdmin:
    def test_cannot_be_suspended(self, client, admin):
        response = act(client, admin, "suspend")
        assert response.status_code == 302
        assert "last active administrator" in client.get(response.headers["Location"]).get_data(
            as_text=True
        )
        db.session.refresh(admin)
        assert admin.status == "active" and audit_rows() == []

    def test_cannot_be_demoted(self, client, admin):
        act(client, admin, "role", role="developer")
        db.session.refresh(admin)
        assert admin.role == "admin" and audit_rows() == []

    def test_cannot_be_deleted_from_the_console(self, client, admin):
        act(client, admin, "delete", understood="y")
        assert db.session.get(User, admin.id) is not None and audit_rows() == []

    def test_cannot_delete_their_own_account(self, client, admin):
        page = client.post("/account/delete", data={"password": PASSWORD, "understood": "y"})
        assert "You are the last administrator" in page.get_data(as_text=True)
        assert db.session.get(User, admin.id) is not None

    def test_with_a_second_admin_the_other_one_can_be_suspended(self, client, admin, make_user):
        other = make_user("admin", email="second@example.com")
        act(client, other, "suspend")
        db.session.refresh(other)
        assert other.status == "suspended"
        # ... and now the first is the last active one again.
        act(client, admin, "suspend")
        assert db.session.get(User, admin.id).status == "active"


def test_admins_do_not_suspend_or_delete_themselves_from_the_console(client, admin, make_user):
    make_user("admin", email="second@example.com")
    act(client, admin, "suspend")
    act(client, admin, "delete", understood="y")
    db.session.refresh(admin)
    assert admin.status == "active" and audit_rows() == []


def test_actions_need_the_csrf_token(app, client, admin, developer):
    app.config["WTF_CSRF_ENABLED"] = True
    assert act(client, developer, "suspend").status_code == 400
    db.session.refresh(developer)
    assert developer.status == "active" and audit_rows() == []


def test_user_page_shows_their_data(client, admin, developer):
    from outstaff.models import ConsentRecord, Feedback

    db.session.add(
        ConsentRecord(
            user_id=developer.id, purpose="publish_profile", granted=True, policy_version=1
        )
    )
    db.session.add(
        Feedback(
            name="Dana", email="dev@example.com", topic="privacy", message="What do you store?"
        )
    )
    db.session.commit()
    act(client, developer, "suspend", note="Checking")
    page = client.get(f"/admin/users/{developer.id}").get_data(as_text=True)
    for text in (
        "dev@example.com",
        "Dana",
        "publish_profile",
        "What do you store?",
        "Suspended an account",
        "Checking",
        "Reactivate",
    ):
        assert text in page


def test_pending_employer_page_links_to_the_approval_queue(app, client, admin, make_user):
    pending = make_user("employer", approval="pending")
    page = client.get(f"/admin/users/{pending.id}").get_data(as_text=True)
    assert "Waiting for approval" in page
    assert f'action="/admin/approvals/{pending.id}/approve"' in page
    assert 'href="/admin/approvals"' in page
