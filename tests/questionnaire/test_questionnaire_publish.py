"""Publishing with consent, the ledger, the dashboard, the preview, the block list, demo."""

import pytest
from sqlalchemy import func, select

from outstaff import visibility
from outstaff.core.extensions import db
from outstaff.demo import avatars
from outstaff.models import BlockedCompany, ConsentRecord, DeveloperProfile, ImageBlob
from tests.helpers import complete_profile, image_bytes, signed_in, upload

pytestmark = pytest.mark.usefixtures("app_ctx")  # the tests read the database

CONSENT = {"consent": "y"}


@pytest.fixture
def developer(make_user, auth):
    user = make_user("developer", email="dev@example.com")
    auth.login(user)
    return user


def ledger(user) -> list[tuple[str, bool, int]]:
    rows = db.session.scalars(
        select(ConsentRecord)
        .where(ConsentRecord.user_id == user.id, ConsentRecord.purpose != "privacy_policy")
        .order_by(ConsentRecord.id)
    )
    return [(r.purpose, r.granted, r.policy_version) for r in rows]


def refreshed(profile: DeveloperProfile) -> DeveloperProfile:
    db.session.expire_all()
    return db.session.get(DeveloperProfile, profile.id)


def test_publish_with_consent_then_unpublish_writes_the_ledger(client, developer):
    profile = complete_profile(developer)
    response = client.post("/questionnaire/publish", data=CONSENT)
    assert response.status_code == 302
    assert refreshed(profile).is_published and profile.published_at is not None
    assert ledger(developer) == [("publish_profile", True, 1)]
    page = client.get("/questionnaire/").get_data(as_text=True)
    assert "Published." in page and "Consent given: published" in page

    assert client.post("/questionnaire/unpublish").status_code == 302
    assert not refreshed(profile).is_published
    assert ledger(developer) == [("publish_profile", True, 1), ("publish_profile", False, 1)]
    page = client.get("/questionnaire/").get_data(as_text=True)
    assert "Not published." in page and "Consent withdrawn: unpublished" in page


def test_publishing_twice_or_unpublishing_a_draft_records_nothing_new(client, developer):
    complete_profile(developer)
    client.post("/questionnaire/unpublish")
    assert ledger(developer) == []
    client.post("/questionnaire/publish", data=CONSENT)
    client.post("/questionnaire/publish", data=CONSENT)
    assert ledger(developer) == [("publish_profile", True, 1)]


def test_publish_refused_without_the_consent_box(client, developer):
    profile = complete_profile(developer)
    response = client.post("/questionnaire/publish", data={})
    assert response.status_code == 400
    assert "Tick the box to agree" in response.get_data(as_text=True)
    assert not refreshed(profile).is_published and ledger(developer) == []


def test_publish_refused_while_incomplete(client, developer):
    profile = complete_profile(developer, country=None, availability=None)
    response = client.post("/questionnaire/publish", data=CONSENT)
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Fill in: Country, Availability." in page
    assert not refreshed(profile).is_published and ledger(developer) == []


def test_publish_refused_without_any_questionnaire(client, developer):
    assert client.post("/questionnaire/publish", data=CONSENT).status_code == 400
    assert ledger(developer) == []


def test_publish_refused_until_the_email_is_confirmed(client, make_user, auth):
    user = make_user("developer", confirmed=False)
    auth.login(user)
    profile = complete_profile(user)
    response = client.post("/questionnaire/publish", data=CONSENT)
    assert response.status_code == 400
    assert "Confirm your email address first" in response.get_data(as_text=True)
    assert not refreshed(profile).is_published and ledger(user) == []


def test_dashboard_shows_what_is_missing_and_the_consent_text(client, developer):
    page = client.get("/questionnaire/").get_data(as_text=True)
    assert "Needed to publish" in page and 'href="/questionnaire/edit#country"' in page
    complete_profile(developer)
    page = client.get("/questionnaire/").get_data(as_text=True)
    assert "Every field needed to publish is filled in" in page
    assert "only employers whose accounts the site" in page and "unpublish it at any time" in page
    assert 'name="consent"' in page


def test_dashboard_tells_when_an_admin_hid_the_profile(client, developer):
    profile = complete_profile(developer, hidden_note=None)
    profile.hidden_at, profile.hidden_note = profile.updated_at, "Fake photo"
    db.session.commit()
    page = client.get("/questionnaire/").get_data(as_text=True)
    assert "Hidden by an administrator" in page and "Fake photo" in page


def test_preview_is_the_employer_view_with_contacts_as_chosen(client, developer):
    complete_profile(
        developer, contact_visibility="after_accept", bio="<b>bold</b> claims\nsecond line"
    )
    upload(client, image_bytes("JPEG"))
    page = client.get("/questionnaire/preview").get_data(as_text=True)
    assert "Anna Kowalska" in page and "Back-end developer" in page
    assert "Poland" in page and "Polish" in page and "C1" in page
    assert "&lt;b&gt;bold&lt;/b&gt;" in page  # plain text, escaped
    assert "/questionnaire/" in page and "/photo/large" in page
    assert "+48221234567" not in page and "once they accept your offer" in page

    page = client.get("/questionnaire/preview?contacts=shown").get_data(as_text=True)
    assert 'href="tel:+48221234567"' in page and "+48 22 123 45 67" in page
    assert 'href="mailto:dev@example.com"' in page
    assert '<a href="https://t.me/anna_kowalska" rel="noopener noreferrer" target="_blank">' in page


def test_preview_before_filling_in_sends_to_the_form(client, developer):
    response = client.get("/questionnaire/preview")
    assert response.status_code == 302 and response.headers["Location"].endswith("/edit")


def test_employer_profile_page_can_include_the_partial(app, make_user):
    """The listing's profile page renders the same partial with the same variables."""
    owner = make_user("developer", email="owner@example.com")
    profile = complete_profile(owner, contact_visibility="employers")
    with app.test_request_context():
        from flask import render_template_string

        html = render_template_string(
            '{% include "profiles/_profile.html" %}', profile=profile, show_contacts=False
        )
    assert "Anna Kowalska" in html and "mailto:" not in html


# The block list
def test_block_list_adds_normalized_entries_and_refuses_repeats(client, developer):
    response = client.post("/questionnaire/blocks", data={"kind": "company", "value": "ACME, Inc."})
    assert response.status_code == 302
    response = client.post("/questionnaire/blocks", data={"kind": "company", "value": "acme llc"})
    assert response.status_code == 400
    assert "already on your block list" in response.get_data(as_text=True)
    client.post("/questionnaire/blocks", data={"kind": "domain", "value": "@Mail.ACME.com"})
    rows = db.session.scalars(select(BlockedCompany).order_by(BlockedCompany.id)).all()
    assert [(r.kind, r.value, r.value_norm) for r in rows] == [
        ("company", "ACME, Inc.", visibility.normalize_company("acme")),
        ("domain", "@Mail.ACME.com", "mail.acme.com"),
    ]
    assert all(r.user_id == developer.id for r in rows)
    page = client.get("/questionnaire/blocks").get_data(as_text=True)
    assert "ACME, Inc." in page and "@Mail.ACME.com" in page


@pytest.mark.parametrize(
    "kind,value,message",
    [
        ("domain", "not a domain", "Enter a domain like acme.com"),
        ("domain", "localhost", "Enter a domain like acme.com"),
        ("company", "", "Enter a company name or a domain"),
        ("company", "!!!", "Enter a name with letters or digits"),
        ("company", "x" * 121, "at most 120"),
        ("planet", "Mars", "Choose a company or a domain"),
    ],
)
def test_block_list_refuses_bad_entries(client, developer, kind, value, message):
    response = client.post("/questionnaire/blocks", data={"kind": kind, "value": value})
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(BlockedCompany)) == 0


def test_block_list_offers_the_current_employer(client, developer):
    complete_profile(developer, current_company="Globex LLC")
    assert "Block my current employer, Globex LLC" in client.get("/questionnaire/blocks").get_data(
        as_text=True
    )
    client.post("/questionnaire/blocks", data={"kind": "company", "value": "Globex LLC"})
    assert "Block my current employer" not in client.get("/questionnaire/blocks").get_data(
        as_text=True
    )


def test_removing_a_block_and_not_someone_elses(app, client, developer, make_user):
    client.post("/questionnaire/blocks", data={"kind": "company", "value": "Initech"})
    entry = db.session.scalar(select(BlockedCompany))
    other = signed_in(app, make_user("developer"))
    assert other.post(f"/questionnaire/blocks/{entry.id}/remove").status_code == 404
    assert client.post(f"/questionnaire/blocks/{entry.id}/remove").status_code == 302
    assert db.session.scalar(select(func.count()).select_from(BlockedCompany)) == 0
    assert client.post("/questionnaire/blocks/999/remove").status_code == 404


def test_blocked_employer_no_longer_sees_the_photo(app, client, developer, make_employer):
    profile = complete_profile(developer)
    upload(client, image_bytes("JPEG"))
    client.post("/questionnaire/publish", data=CONSENT)
    employer = signed_in(app, make_employer("Initech", email="boss@initech.example"))
    url = f"/questionnaire/{profile.id}/photo/thumb"
    assert employer.get(url).status_code == 200
    client.post("/questionnaire/blocks", data={"kind": "domain", "value": "initech.example"})
    assert employer.get(url).status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "/questionnaire/",
        "/questionnaire/edit",
        "/questionnaire/preview",
        "/questionnaire/blocks",
        "/questionnaire/photo",
    ],
)
def test_only_developers_use_the_questionnaire_pages(app, make_user, path):
    assert signed_in(app, make_user("employer")).get(path).status_code == 403
    assert signed_in(app, make_user("admin")).get(path).status_code == 403
    assert app.test_client().get(path).status_code == 302


# Demo data
def test_demo_pool_is_stored_once_and_repeatable(app):
    first = avatars.pool(4)
    again = avatars.pool(4)
    assert first == again and len(set(first)) == 4
    assert db.session.scalar(select(func.count()).select_from(ImageBlob)) == 8
