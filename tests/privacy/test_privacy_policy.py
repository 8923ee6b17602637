"""Policy versions: published by admins, dated, acknowledged by signed-in users."""

import pytest

from outstaff.accounts import service as accounts
from outstaff.core.extensions import db
from outstaff.models import AuditEntry, ConsentRecord, PolicyVersion
from outstaff.privacy.policy import current_version

pytestmark = pytest.mark.usefixtures("app_ctx")  # the tests read the database

NEW_TEXT = """## What is new

We now keep sign-in records for one year.

<script>alert("x")</script> [a link](javascript:alert(1)) <img src=x onerror=alert(1)>
"""


def publish(client, summary="Sign-in records kept for a year.", body=NEW_TEXT, **extra):
    return client.post(
        "/admin/policy",
        data={"summary": summary, "body": body, "submit": "Publish new version", **extra},
    )


def test_promise_policy_page_shows_date_data_table_services_and_age(client):
    page = client.get("/privacy").get_data(as_text=True)
    version = current_version()
    assert "Last updated: " in page and str(version.published_at.year) in page
    assert "Version 1" in page
    for category in ("Account", "Questionnaire", "Consents", "Security log"):
        assert f'<th scope="row">{category}</th>' in page
    assert "Outside services" in page and "Hosting" in page
    assert "not for children under 12" in page
    assert 'href="/privacy/cookies"' in page


def test_promise_admin_publishes_a_new_version_safely(client, auth, make_user):
    admin = make_user("admin")
    auth.login(admin)
    form = client.get("/admin/policy").get_data(as_text=True)
    assert "Publish a new version" in form and "{site_name} is run by" in form
    response = publish(client)
    assert response.status_code == 302
    version = current_version()
    assert (version.version, version.published_by_id) == (2, admin.id)
    audit = db.session.scalars(db.select(AuditEntry)).one()
    assert (audit.actor_id, audit.action, audit.target) == (admin.id, "policy.publish", "policy:2")
    page = client.get("/privacy").get_data(as_text=True)
    assert "<h2>What is new</h2>" in page and "Version 2" in page
    assert "What changed in this version:</strong> Sign-in records kept for a year." in page
    assert "<script>alert" not in page and "<img src=x" not in page
    assert 'href="javascript' not in page
    assert "&lt;script&gt;" in page  # shown as text, never run


def test_preview_does_not_publish(client, auth, make_user):
    auth.login(make_user("admin"))
    response = client.post(
        "/admin/policy", data={"summary": "s", "body": "## Draft heading", "preview": "Preview"}
    )
    assert response.status_code == 200
    assert "<h2>Draft heading</h2>" in response.get_data(as_text=True)
    assert current_version().version == 1


@pytest.mark.parametrize(
    "summary, body, message",
    [
        ("", "## Text", "Say briefly what changed."),
        ("Something", "", "The policy cannot be empty."),
        ("x" * 501, "## Text", "Field cannot be longer than 500 characters."),
    ],
)
def test_bad_policy_input_is_a_400_that_keeps_the_text(
    client, auth, make_user, summary, body, message
):
    auth.login(make_user("admin"))
    response = publish(client, summary=summary, body=body)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert message in page
    if body:
        assert body in page
    assert db.session.scalar(db.select(db.func.count()).select_from(PolicyVersion)) == 1


@pytest.mark.parametrize("role", [None, "developer", "employer"])
def test_policy_console_is_for_admins_only(client, auth, make_user, role):
    if role:
        auth.login(make_user(role))
    assert client.get("/admin/policy").status_code == 404
    assert publish(client).status_code == 404
    assert current_version().version == 1


def notice_shown(client, path="/") -> bool:
    return 'class="notice policy-notice"' in client.get(path).get_data(as_text=True)


def test_promise_policy_notice_shown_until_acknowledged(client, auth, make_user):
    admin, developer = make_user("admin"), make_user("developer")
    # Signing up records the policy in force (as the sign-up view does): no notice then.
    fresh = make_user("developer")
    accounts.record_consent(fresh, "privacy_policy", True)
    db.session.commit()
    auth.login(fresh)
    assert not notice_shown(client)
    auth.logout()
    auth.login(admin)
    assert notice_shown(client)  # made without signing up: asked to read version 1
    client.post("/privacy/acknowledge", data={"version": 1})
    assert not notice_shown(client)
    publish(client)
    auth.logout()
    assert not notice_shown(client)  # visitors are not asked

    auth.login(developer)
    page = client.get("/offers-or-anything").get_data(as_text=True)
    assert "Our privacy policy has changed" in page
    assert "Sign-in records kept for a year." in page
    assert notice_shown(client, "/privacy")
    response = client.post("/privacy/acknowledge", data={"version": 2, "next": "/account/"})
    assert response.status_code == 302 and response.location == "/account/"
    record = db.session.scalars(
        db.select(ConsentRecord).filter_by(user_id=developer.id, purpose="privacy_policy")
    ).one()
    assert (record.granted, record.policy_version) == (True, 2)
    assert not notice_shown(client)
    assert not notice_shown(client, "/privacy")


@pytest.mark.parametrize("data", [{"version": 99}, {"version": "x"}, {}])
def test_acknowledging_a_version_that_does_not_exist_is_a_400(client, auth, make_user, data):
    auth.login(make_user("employer"))
    current_version()
    assert client.post("/privacy/acknowledge", data=data).status_code == 400
    assert db.session.scalar(db.select(db.func.count()).select_from(ConsentRecord)) == 0


def test_acknowledge_requires_sign_in(client):
    response = client.post("/privacy/acknowledge", data={"version": 1})
    assert response.status_code == 302 and "/account/signin" in response.location
