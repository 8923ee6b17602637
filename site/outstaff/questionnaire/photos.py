"""The photo pipeline: a hostile upload in, two clean square images out.

The upload is read up to MAX_BYTES, decoded at a bounded cost into an upright sRGB square
(outstaff.questionnaire.photo_decode), and re-encoded at the sizes the pages use from the bare
pixels, so no metadata follows (GPS positions in EXIF give away where people live). Images
are stored in the database by their SHA-256, so one image serves every photo that has the
same bytes (demo data).
"""

import hashlib
import io
from dataclasses import dataclass
from functools import lru_cache

from flask_babel import lazy_gettext as _l
from PIL import Image, ImageOps
from sqlalchemy import bindparam, select

from outstaff import personal_data, visibility
from outstaff.accounts import viewer
from outstaff.core.extensions import db
from outstaff.core.sql import insert_unless_present
from outstaff.models import DeveloperProfile, ImageBlob, Photo
from outstaff.questionnaire.photo_decode import LARGEST, MAX_PIXELS, PhotoRejected, decode

__all__ = ["MAX_PIXELS", "PhotoRejected", "decode", "process", "read_upload"]
MAX_BYTES = 5 * 1024 * 1024
SIZES = {"thumb": 160, "large": LARGEST}
OUTPUT_FORMAT, OUTPUT_TYPE, QUALITY = "WEBP", "image/webp", 85


@dataclass(frozen=True)
class Encoded:
    data: bytes
    width: int
    height: int

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def read_upload(stream) -> bytes:
    """At most MAX_BYTES + 1 bytes of the upload: enough to tell that it is too large."""
    data = stream.read(MAX_BYTES + 1) if stream is not None else b""
    if not data:
        raise PhotoRejected(_l("The file is empty. Please choose a photo."))
    if len(data) > MAX_BYTES:
        raise PhotoRejected(
            _l(
                "The file is larger than %(mb)d MB. Please choose a smaller photo.",
                mb=MAX_BYTES // (1024 * 1024),
            )
        )
    return data


def encode(image: Image.Image, size: int) -> Encoded:
    """A centred square of `size` pixels, re-encoded with no metadata at all."""
    square = ImageOps.fit(image, (size, size), Image.Resampling.LANCZOS, centering=(0.5, 0.5))
    # A fresh image from the bare pixels: nothing of the original's info can follow it.
    clean = Image.frombytes("RGB", square.size, square.tobytes())
    out = io.BytesIO()
    clean.save(out, OUTPUT_FORMAT, quality=QUALITY, method=4)
    return Encoded(out.getvalue(), size, size)


def process(data: bytes) -> dict[str, Encoded]:
    """Upload bytes -> {"thumb": ..., "large": ...}, or PhotoRejected."""
    image = decode(data)
    return {name: encode(image, size) for name, size in SIZES.items()}


def store_blob(encoded: Encoded) -> str:
    """Store the bytes once per hash; returns the hash.

    INSERT .. ON CONFLICT DO NOTHING: two requests storing the same image at once (a
    double-clicked upload) must not fail on the primary key.
    """
    sha = encoded.sha256
    values = {
        "sha256": sha,
        "content_type": OUTPUT_TYPE,
        "width": encoded.width,
        "height": encoded.height,
        "data": encoded.data,
    }
    insert_unless_present(ImageBlob, values, ["sha256"])
    return sha


def set_photo(profile: DeveloperProfile, thumb_sha: str, large_sha: str) -> Photo:
    """Point the profile at a new photo; the old one and unused bytes go (caller commits)."""
    photo = Photo(user_id=profile.user_id, thumb_sha=thumb_sha, large_sha=large_sha)
    db.session.add(photo)
    old = profile.photo
    profile.photo = photo
    if old is not None:
        db.session.delete(old)
    db.session.flush()
    personal_data.delete_orphan_images()
    return photo


def save_variants(profile: DeveloperProfile, variants: dict[str, Encoded]) -> Photo:
    """Store processed images and make them the profile's photo (caller commits)."""
    return set_photo(profile, store_blob(variants["thumb"]), store_blob(variants["large"]))


def remove(profile: DeveloperProfile) -> None:
    """Delete the profile's photo and its bytes when no one else uses them (caller commits)."""
    old = profile.photo
    if old is None:
        return
    profile.photo = None
    db.session.delete(old)
    db.session.flush()
    personal_data.delete_orphan_images()


def visible_image(viewer, profile_id: int, size: str, connection=None, checks=None):
    """(data, content_type, sha256, owner's user id) of a profile's photo in `size`, if
    `viewer` may see the profile; else None. One query: the visibility rule in SQL, and with
    `checks` (outstaff.accounts.viewer) the viewer's session and account too."""
    shape, values = visibility.viewer_binds(viewer)
    query = _visible_image_query(shape, size, checks is not None)
    connection = connection or db.session.connection()
    values = {**values, **(checks or {}), "profile_id": profile_id}
    return connection.execute(query, values).first()


@lru_cache(maxsize=64)
def _visible_image_query(shape: tuple, size: str, checked: bool):
    """Built once per viewer shape and size: building costs more than running it."""
    sha = getattr(Photo, f"{size}_sha")
    query = (
        select(ImageBlob.data, ImageBlob.content_type, ImageBlob.sha256, DeveloperProfile.user_id)
        .join(Photo, sha == ImageBlob.sha256)
        .join(DeveloperProfile, DeveloperProfile.photo_id == Photo.id)
        .where(DeveloperProfile.id == bindparam("profile_id"), visibility.visible_clause_for(shape))
    )
    if checked:
        query = query.where(viewer.still_signed_in(shape[0] == "employer"))
    return query
