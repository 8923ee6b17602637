"""Who gets the photo of a published profile: employers and admins, not anonymous visitors,
other developers or blocked companies; cache headers and bad photo URLs."""

import pytest

from outstaff.core.extensions import db
from outstaff.models import BlockedCompany
from outstaff.questionnaire import service
from tests.helpers import (
    complete_profile,
    image_bytes,
    publish,
    signed_in,
    upload,
)

pytestmark = pytest.mark.usefixtures("app_ctx")  # the tests read the database


# Who gets the photo of a published profile. 302 = sent to sign in, 404 = not revealed.
@pytest.fixture
def published_photo(make_user, client):
    owner = make_user("developer", email="owner@example.com")
    profile = complete_profile(owner)
    owner_client = signed_in(client.application, owner)
    assert upload(owner_client, image_bytes("JPEG")).status_code == 302
    publish(profile)
    return profile


@pytest.fixture
def viewer(make_user, make_employer):
    """viewer(kind) -> a user of that kind ("approved employer", "developer"...)."""
    columns = {
        "approved employer": {},
        "pending employer": {"approval": "pending"},
        "suspended employer": {"status": "suspended"},
    }

    def factory(kind):
        if kind in columns:
            return make_employer("Initech", email="hr@initech.example", **columns[kind])
        return make_user(kind)

    return factory


@pytest.mark.parametrize(
    "kind,status",
    [
        ("approved employer", 200),
        ("admin", 200),
        ("developer", 404),
        ("pending employer", 404),
    ],
)
def test_who_gets_a_published_photo(app, viewer, published_photo, kind, status):
    client = signed_in(app, viewer(kind))
    response = client.get(f"/questionnaire/{published_photo.id}/photo/thumb")
    assert response.status_code == status


def test_anonymous_visitors_are_sent_to_sign_in(client, published_photo):
    response = client.get(f"/questionnaire/{published_photo.id}/photo/thumb")
    assert response.status_code == 302
    assert "/account/signin" in response.headers["Location"]


@pytest.mark.parametrize(
    "kind,value",
    [
        ("company", "INITECH llc"),
        ("domain", "initech.example"),
        ("domain", "@Initech.Example"),
    ],
)
def test_blocked_companies_do_not_get_the_photo(app, viewer, published_photo, kind, value):
    employer = viewer("approved employer")
    db.session.add(
        BlockedCompany(
            profile_id=published_photo.id,
            user_id=published_photo.user_id,
            kind=kind,
            value=value,
            value_norm=service.normalize_block(kind, value),
        )
    )
    db.session.commit()
    response = signed_in(app, employer).get(f"/questionnaire/{published_photo.id}/photo/large")
    assert response.status_code == 404


def test_unpublishing_hides_the_photo_at_once(app, viewer, published_photo):
    employer = signed_in(app, viewer("approved employer"))
    url = f"/questionnaire/{published_photo.id}/photo/large"
    assert employer.get(url).status_code == 200
    owner = signed_in(app, published_photo.user)
    assert owner.post("/questionnaire/unpublish").status_code == 302
    assert employer.get(url).status_code == 404
    assert owner.get(url).status_code == 200  # the owner still sees it


def test_photo_headers_etag_and_304(app, viewer, published_photo):
    client = signed_in(app, viewer("approved employer"))
    url = f"/questionnaire/{published_photo.id}/photo/thumb"
    response = client.get(url)
    assert response.status_code == 200
    assert response.content_type == "image/webp"
    assert response.headers["Cache-Control"].startswith("private")
    assert "max-age=" in response.headers["Cache-Control"]
    assert response.headers["X-Robots-Tag"] == "noindex"
    assert response.headers["ETag"] == f'"{published_photo.photo.thumb_sha}"'
    again = client.get(url, headers={"If-None-Match": response.headers["ETag"]})
    assert again.status_code == 304 and again.data == b""
    assert again.headers["Cache-Control"].startswith("private")
    assert client.get(url, headers={"If-None-Match": '"other"'}).status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        "/questionnaire/{id}/photo/huge",
        "/questionnaire/{id}/photo/",
        "/questionnaire/999999/photo/thumb",
        "/questionnaire/abc/photo/thumb",
        "/questionnaire/{id}/photo/thumb.jpg",
    ],
)
def test_bad_photo_urls_are_404(app, viewer, published_photo, path):
    client = signed_in(app, viewer("approved employer"))
    assert client.get(path.format(id=published_photo.id)).status_code == 404
