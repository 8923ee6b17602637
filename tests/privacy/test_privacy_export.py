"""Download my data: a JSON file with every declared field of every row of the user's."""

import base64
import json

import pytest

from outstaff.core.extensions import db
from outstaff.personal_data import declaration, declared_models, in_export_of
from tests.helpers import fill_everything

# Every table that holds personal data today; a new declared model joins fill_everything.
EXPECTED_TABLES = {
    "user",
    "developer_profile",
    "developer_skill",
    "developer_language",
    "employer_profile",
    "blocked_company",
    "photo",
    "profile_view",
    "offer",
    "shortlist_entry",
    "consent_record",
    "audit_entry",
    "security_event",
}


def download(client, method="get"):
    response = getattr(client, method)("/privacy/export")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert response.headers["Content-Disposition"].startswith(
        'attachment; filename="outstaff-data-'
    )
    assert response.headers["Cache-Control"] == "no-store"
    return json.loads(response.get_data(as_text=True))


def test_promise_export_contains_every_declared_field(client, auth, make_user, make_profile):
    developer, employer, admin = make_user("developer"), make_user("employer"), make_user("admin")
    fill_everything(make_profile, developer, employer, admin)
    covered = set()
    for user in (developer, employer):
        auth.login(user)
        data = download(client)
        assert data["account_id"] == user.id
        tables = data["tables"]
        for model in declared_models():
            has_rows = db.session.scalar(
                db.select(db.func.count()).select_from(model).where(in_export_of(model, user))
            )
            if not has_rows:
                assert model.__tablename__ not in tables
                continue
            covered.add(model.__tablename__)
            rows = tables[model.__tablename__]
            assert len(rows) == has_rows, model.__tablename__
            for field in declaration(model).fields:
                assert all(field in row for row in rows), (model.__tablename__, field)
            for excluded in declaration(model).export_exclude:
                assert all(excluded not in row for row in rows)
        auth.logout()
    assert covered >= EXPECTED_TABLES


def test_export_holds_the_photo_bytes_and_the_questionnaire(client, auth, make_user, make_profile):
    developer, employer, admin = make_user("developer"), make_user("employer"), make_user("admin")
    fill_everything(make_profile, developer, employer, admin)
    auth.login(developer)
    data = download(client, "post")
    profile = data["tables"]["developer_profile"][0]
    assert profile["telegram"] == "aigerim_dev" and profile["phone"] == "+77011234567"
    assert "search_text" not in profile
    account = data["tables"]["user"][0]
    assert account["email"] == developer.email
    assert not {"password_hash", "session_token", "totp_secret"} & set(account)
    photo = data["tables"]["photo"][0]
    blobs = {b["sha256"]: b for b in data["tables"]["image_blob"]}
    assert set(blobs) == {photo["thumb_sha"], photo["large_sha"]}
    for blob in blobs.values():
        assert base64.b64decode(blob["data"]).startswith(b"\x89PNG")
    assert data["tables"]["security_event"][0]["ip"] == "203.0.113.9"


@pytest.mark.parametrize("role", ["developer", "employer", "admin"])
def test_every_role_can_download_from_the_account_page(client, auth, make_user, role):
    user = make_user(role)
    auth.login(user)
    page = client.get("/account/").get_data(as_text=True)
    assert 'action="/privacy/export"' in page and "Download my data" in page
    assert download(client)["tables"]["user"][0]["email"] == user.email


def test_export_needs_sign_in(client):
    response = client.get("/privacy/export")
    assert response.status_code == 302 and "/account/signin" in response.location


@pytest.mark.parametrize("app_overrides", [{"WTF_CSRF_ENABLED": True}])
def test_export_by_post_needs_the_form_token(client, auth, make_user, app_overrides):
    user = make_user("developer")
    with client.session_transaction() as session:
        session["_user_id"] = user.get_id()
        session["_fresh"] = True
    assert client.post("/privacy/export").status_code == 400
    assert client.get("/privacy/export").status_code == 200
