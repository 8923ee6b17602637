"""The thumbnail takes a lean path (one query for the viewer and the rule, no page hooks):
what changes in the database shows on the very next request, a browser's cached copy
(If-None-Match) included, and the lean answer is still a safe one."""

import pytest

from outstaff.accounts import service as accounts
from outstaff.core.extensions import db
from outstaff.models import BlockedCompany, EmployerDomain, UserSession
from outstaff.questionnaire import photos, service
from tests.helpers import (
    complete_profile,
    counted_statements,
    image_bytes,
    publish,
    signed_in,
    upload,
)

pytestmark = pytest.mark.usefixtures("app_ctx")


@pytest.fixture
def profile(make_user, client):
    owner = make_user("developer", email="owner@example.com")
    profile = complete_profile(owner)
    assert upload(signed_in(client.application, owner), image_bytes("JPEG")).status_code == 302
    publish(profile)
    return profile


@pytest.fixture
def employer(make_employer):
    return make_employer("Initech", email="hr@jobs.initech.example")


def thumb(profile) -> str:
    return f"/questionnaire/{profile.id}/photo/thumb"


def cached(client, profile):
    """The employer's browser holds the thumbnail: (client, its ETag)."""
    first = client.get(thumb(profile))
    assert first.status_code == 200
    assert (
        client.get(thumb(profile), headers={"If-None-Match": first.headers["ETag"]}).status_code
        == 304
    )
    return first.headers["ETag"]


def refused(answer) -> bool:
    """No image and no "keep your copy": 404, or sent to sign in (a suspended account)."""
    return answer.status_code in (302, 404) and not answer.content_type.startswith("image/")


def block(profile, kind: str, value: str) -> None:
    norm = service.normalize_block(kind, value)
    db.session.add(
        BlockedCompany(
            profile_id=profile.id, user_id=profile.user_id, kind=kind, value=value, value_norm=norm
        )
    )
    db.session.commit()


def suspend(user):
    user.status = "suspended"


def revoke(user):
    user.approval = "pending"


def unpublish(profile):
    service.unpublish(profile.user, profile)


def remove_photo(profile):
    photos.remove(profile)


CHANGES = {
    "employer suspended": lambda employer, profile: suspend(employer),
    "approval revoked": lambda employer, profile: revoke(employer),
    "profile unpublished": lambda employer, profile: unpublish(profile),
    "profile hidden by an admin": lambda e, profile: setattr(profile, "hidden_at", db.func.now()),
    "owner suspended": lambda employer, profile: suspend(profile.user),
    "photo removed": lambda employer, profile: remove_photo(profile),
    "company blocked": lambda employer, profile: block(profile, "company", "INITECH Ltd"),
    "parent domain blocked": lambda employer, profile: block(profile, "domain", "initech.example"),
}


@pytest.mark.parametrize("change", CHANGES)
def test_a_change_hides_a_cached_thumbnail_on_the_very_next_request(app, employer, profile, change):
    client = signed_in(app, employer)
    etag = cached(client, profile)
    CHANGES[change](employer, profile)
    db.session.commit()
    assert refused(client.get(thumb(profile), headers={"If-None-Match": etag}))
    assert refused(client.get(thumb(profile)))


def test_a_block_on_a_domain_the_employer_used_before_hides_the_thumbnail(app, employer, profile):
    db.session.add(EmployerDomain(user_id=employer.id, domain="old-initech.example"))
    db.session.commit()
    client = signed_in(app, employer)
    etag = cached(client, profile)
    block(profile, "domain", "old-initech.example")
    assert client.get(thumb(profile), headers={"If-None-Match": etag}).status_code == 404


def test_a_new_address_on_a_blocked_domain_hides_the_thumbnail_at_once(app, employer, profile):
    client = signed_in(app, employer)
    etag = cached(client, profile)
    block(profile, "domain", "globex.example")
    employer.email = "hr@globex.example"
    db.session.commit()
    assert refused(client.get(thumb(profile), headers={"If-None-Match": etag}))


def test_a_lifted_block_shows_the_thumbnail_again(app, employer, profile):
    client = signed_in(app, employer)
    cached(client, profile)
    block(profile, "company", "Initech")
    assert refused(client.get(thumb(profile)))
    db.session.execute(db.delete(BlockedCompany))
    db.session.commit()
    assert client.get(thumb(profile)).status_code == 200


def test_a_listing_s_thumbnails_cost_one_statement_each(app, employer, profile):
    client = signed_in(app, employer)
    cached(client, profile)
    url = thumb(profile)
    with counted_statements() as statements:
        assert client.get(url).status_code == 200
    assert len(statements) == 1, statements


def test_signing_out_everywhere_stops_a_copied_cookie_at_once(app, employer, profile):
    client = signed_in(app, employer)
    etag = cached(client, profile)
    for record in db.session.scalars(db.select(UserSession)):
        record.ended_at = db.func.now()
    db.session.commit()
    again = client.get(thumb(profile), headers={"If-None-Match": etag})
    assert again.status_code == 302 and "/account/signin" in again.headers["Location"]


def test_a_deleted_owner_takes_the_thumbnail_along(app, employer, profile):
    client = signed_in(app, employer)
    etag = cached(client, profile)
    accounts.delete_account(profile.user)
    db.session.commit()
    assert client.get(thumb(profile), headers={"If-None-Match": etag}).status_code == 404


def test_a_forged_session_cookie_is_sent_to_sign_in(app, employer, profile):
    client = app.test_client()
    client.set_cookie("session", "eyJfdXNlcl9pZCI6ImZvcmdlZCJ9.forged.signature")
    answer = client.get(thumb(profile))
    assert answer.status_code == 302 and "/account/signin" in answer.headers["Location"]


def test_the_remember_me_cookie_alone_still_gets_the_thumbnail(app, employer, profile):
    client = signed_in(app, employer, remember="y")
    client.delete_cookie("session")  # the browser was closed; only remember-me is left
    assert client.get(thumb(profile)).status_code == 200


def test_the_owner_sees_an_unpublished_thumbnail_and_another_developer_does_not(
    app, make_user, profile
):
    unpublish(profile)
    db.session.commit()
    assert signed_in(app, profile.user).get(thumb(profile)).status_code == 200
    assert signed_in(app, make_user("developer")).get(thumb(profile)).status_code == 404


def test_the_lean_thumbnail_keeps_the_security_headers_and_the_cookie(app, employer, profile):
    client = signed_in(app, employer)
    answer = client.get(thumb(profile))
    assert answer.headers["X-Content-Type-Options"] == "nosniff"
    assert "default-src 'self'" in answer.headers["Content-Security-Policy"]
    assert answer.headers["X-Frame-Options"] == "DENY"
    assert answer.headers["Cache-Control"] == "private, max-age=600"
    assert "X-Request-ID" in answer.headers
    assert "Set-Cookie" not in answer.headers  # nothing rewrites the session for an image
    assert client.get("/account/").status_code == 200  # still signed in
