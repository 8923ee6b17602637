"""The photo pipeline and the photo route: what is refused, what is served, and to whom."""

import io

import pytest
from PIL import Image
from sqlalchemy import func, select

from outstaff.accounts import service as accounts
from outstaff.core.extensions import db
from outstaff.models import ImageBlob, Photo
from outstaff.questionnaire import photos, service
from tests.helpers import (
    complete_profile,
    gps_jpeg,
    image_bytes,
    png_header_only,
    publish,
    sideways_jpeg,
    signed_in,
    upload,
)

pytestmark = pytest.mark.usefixtures("app_ctx")  # the tests read the database

MB = 1024 * 1024


@pytest.fixture
def developer(make_user, auth):
    user = make_user("developer", email="dev@example.com")
    auth.login(user)
    return user


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def photo_of(user) -> Photo | None:
    db.session.expire_all()
    profile = service.profile_of(user)
    return profile.photo if profile else None


def served(client, user, size="large"):
    profile = service.profile_of(user)
    return client.get(f"/questionnaire/{profile.id}/photo/{size}")


@pytest.mark.parametrize(
    "fmt,filename,content_type",
    [
        ("JPEG", "me.jpg", "image/jpeg"),
        ("PNG", "me.png", "image/png"),
        ("WEBP", "me.webp", "image/webp"),
    ],
)
def test_real_jpeg_png_and_webp_are_accepted_in_two_square_sizes(
    client, developer, fmt, filename, content_type
):
    response = upload(client, image_bytes(fmt, size=(900, 600)), filename, content_type)
    assert response.status_code == 302
    photo = photo_of(developer)
    for sha, size in ((photo.thumb_sha, 160), (photo.large_sha, 480)):
        blob = db.session.get(ImageBlob, sha)
        image = Image.open(io.BytesIO(blob.data))
        assert image.size == (size, size) and image.format == "WEBP"
        assert (blob.width, blob.height, blob.content_type) == (size, size, "image/webp")


def test_transparent_png_is_laid_on_white(client, developer):
    upload(client, image_bytes("PNG", color=(0, 0, 0, 0), alpha=True), "a.png", "image/png")
    blob = db.session.get(ImageBlob, photo_of(developer).thumb_sha)
    assert min(Image.open(io.BytesIO(blob.data)).convert("RGB").getpixel((80, 80))) > 240


def gif_bytes() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (50, 50), (255, 0, 0)).save(out, "GIF")
    return out.getvalue()


SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect/></svg>'
BAD_UPLOADS = {
    "text renamed .jpg": (
        b"Just some notes, not a photo.\n" * 40,
        "me.jpg",
        "image/jpeg",
        "not a JPEG, PNG or WebP",
    ),
    "truncated jpeg": (
        image_bytes("JPEG", size=(800, 800), quality=95)[:3000],
        "me.jpg",
        "image/jpeg",
        "damaged",
    ),
    "truncated png": (
        image_bytes("PNG", size=(400, 400), color=(1, 2, 3))[:200],
        "me.png",
        "image/png",
        "damaged",
    ),
    "svg": (SVG, "me.svg", "image/svg+xml", "not a JPEG, PNG or WebP"),
    "svg renamed .png": (SVG, "me.png", "image/png", "not a JPEG, PNG or WebP"),
    "gif": (gif_bytes(), "me.gif", "image/gif", "not a JPEG, PNG or WebP"),
    "bomb above the limit": (
        png_header_only(8000, 8000),
        "bomb.png",
        "image/png",
        "more than 40 megapixels",
    ),
    "bomb far above the limit": (
        png_header_only(30000, 30000),
        "bomb.png",
        "image/png",
        "more than 40 megapixels",
    ),
    "zero bytes": (b"", "me.jpg", "image/jpeg", "The file is empty"),
    "between 5 and 6 MB": (
        image_bytes("JPEG") + b"\0" * (5 * MB + 100_000),
        "me.jpg",
        "image/jpeg",
        "larger than 5 MB",
    ),
}


@pytest.mark.parametrize("name", BAD_UPLOADS)
def test_bad_uploads_are_refused_beside_the_field_and_nothing_changes(client, developer, name):
    upload(client, image_bytes("JPEG"))
    before = photo_of(developer)
    before_ids = (before.id, before.thumb_sha, before.large_sha)
    blobs = count(ImageBlob)
    data, filename, content_type, message = BAD_UPLOADS[name]
    response = upload(client, data, filename, content_type)
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert message in page.split('id="photo-error"')[1].split("</p>")[0]
    after = photo_of(developer)
    assert (after.id, after.thumb_sha, after.large_sha) == before_ids
    assert count(Photo) == 1 and count(ImageBlob) == blobs


def test_a_form_without_a_file_asks_for_one(client, developer):
    response = client.post("/questionnaire/photo", data={}, content_type="multipart/form-data")
    assert response.status_code == 400
    assert "Choose a photo to upload" in response.get_data(as_text=True)


def test_an_upload_over_6_mb_gets_the_sites_413_page(client, developer):
    response = upload(client, b"\xff" * (6 * MB + 10))
    assert response.status_code == 413
    assert "That upload is too large" in response.get_data(as_text=True)
    assert count(Photo) == 0


def test_pillow_guards_against_bombs_at_our_limit():
    assert Image.MAX_IMAGE_PIXELS == photos.MAX_PIXELS == 40_000_000
    with pytest.raises(photos.PhotoRejected):
        photos.process(png_header_only(6400, 6300))  # 40.3 MP: over by a little


def test_served_photo_has_no_exif_at_all_while_the_upload_had_gps(client, developer):
    upload(client, gps_jpeg())
    for size in ("thumb", "large"):
        response = served(client, developer, size)
        assert response.status_code == 200
        data = response.data
        image = Image.open(io.BytesIO(data))
        assert len(image.getexif()) == 0
        assert not {"exif", "xmp", "icc_profile", "XML:com.adobe.xmp"} & set(image.info)
        for marker in (b"Exif", b"LeakyCam", b"SECRET-HOME-ADDRESS", b"XMP", b"ICCP"):
            assert marker not in data


def test_exif_orientation_is_applied(client, developer):
    upload(client, sideways_jpeg())
    image = Image.open(io.BytesIO(served(client, developer).data)).convert("RGB")
    top, bottom = image.getpixel((240, 20)), image.getpixel((240, 460))
    assert top[0] > 150 and top[2] < 100  # red above
    assert bottom[2] > 150 and bottom[0] < 100  # blue below


def test_replacing_deletes_the_old_photo_and_its_images(client, developer):
    upload(client, image_bytes("JPEG", color=(10, 200, 10)))
    first = photo_of(developer)
    first_id, old = first.id, {first.thumb_sha, first.large_sha}
    upload(client, image_bytes("JPEG", color=(200, 10, 10)))
    second = photo_of(developer)
    assert second.id != first_id and count(Photo) == 1
    stored = set(db.session.scalars(select(ImageBlob.sha256)))
    assert stored == {second.thumb_sha, second.large_sha} and not stored & old


def test_removing_deletes_the_photo_and_its_images(client, developer):
    upload(client, image_bytes("JPEG"))
    response = client.post("/questionnaire/photo/remove")
    assert response.status_code == 302
    assert photo_of(developer) is None
    assert count(Photo) == 0 and count(ImageBlob) == 0


def test_shared_images_stay_while_another_photo_uses_them(client, developer, make_user):
    other = make_user("developer")
    data = image_bytes("JPEG", color=(9, 9, 9))
    upload(client, data)
    upload(signed_in(client.application, other), data)
    assert count(Photo) == 2 and count(ImageBlob) == 2  # same bytes, stored once
    client.post("/questionnaire/photo/remove")
    assert count(Photo) == 1 and count(ImageBlob) == 2


def test_deleting_the_account_deletes_the_photo_in_the_same_transaction(client, developer):
    upload(client, gps_jpeg())
    accounts.delete_account(developer)
    assert count(Photo) == 0 and count(ImageBlob) == 0


def test_a_profile_without_a_photo_is_404(app, make_user, developer, client):
    profile = complete_profile(developer)
    publish(profile)
    assert client.get(f"/questionnaire/{profile.id}/photo/thumb").status_code == 404


def test_storing_the_same_image_twice_keeps_one_row(app):
    """A double-clicked upload stores identical bytes twice at once: one row, no error."""
    encoded = photos.encode(Image.new("RGB", (200, 200), (1, 2, 3)), 160)
    assert photos.store_blob(encoded) == photos.store_blob(encoded) == encoded.sha256
    db.session.commit()
    assert count(ImageBlob) == 1


def test_a_photo_sent_as_plain_text_is_asked_for_again(client, developer):
    response = client.post("/questionnaire/photo", data={"photo": "not a file"})
    assert response.status_code == 400
    assert "Choose a photo to upload" in response.get_data(as_text=True)
    assert count(Photo) == 0
