"""Questionnaires and photos to test with."""

import io
import struct
import zlib

from flask.testing import FlaskClient
from PIL import ExifTags, Image, ImageDraw
from werkzeug.datastructures import FileStorage, MultiDict
from werkzeug.test import encode_multipart

from outstaff.core.extensions import db
from outstaff.models import (
    DeveloperProfile,
    utcnow,
)
from outstaff.questionnaire import photos
from outstaff.questionnaire import service as questionnaire

# --- Questionnaires and photos ----------------------------------------------------

COMPLETE_FORM = {
    "first_name": "Anna",
    "last_name": "Kowalska",
    "current_company": "Globex LLC",
    "country": "PL",
    "languages": ["pl", "en"],
    "english_level": "C1",
    "telegram": "@anna_kowalska",
    "phone": "+48 22 123 45 67",
    "profession": "backend",
    "profession_other": "",
    "skills": "Python, PostgreSQL, Docker",
    "years_experience": "7",
    "availability": "open",
    "bio": "Back-end developer who likes boring, reliable systems.",
    "contact_visibility": "employers",
}


def image_bytes(fmt: str = "JPEG", size=(640, 480), color=(40, 120, 200), **save) -> bytes:
    out = io.BytesIO()
    mode = "RGBA" if fmt == "PNG" and save.pop("alpha", False) else "RGB"
    Image.new(mode, size, color).save(out, fmt, **save)
    return out.getvalue()


def gps_jpeg() -> bytes:
    """A JPEG whose EXIF says where it was taken (and by which camera)."""
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "LeakyCam"
    exif[ExifTags.Base.ImageDescription] = "SECRET-HOME-ADDRESS"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (43.0, 14.0, 18.5)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (76.0, 53.0, 44.2)
    data = image_bytes("JPEG", exif=exif)
    assert Image.open(io.BytesIO(data)).getexif().get_ifd(ExifTags.IFD.GPSInfo)  # it leaks
    return data


def sideways_jpeg() -> bytes:
    """A portrait photo (red above blue) stored on its side with EXIF orientation 6."""
    upright = Image.new("RGB", (300, 450), (220, 30, 30))
    upright.paste((30, 30, 220), (0, 225, 300, 450))
    stored = upright.transpose(Image.Transpose.ROTATE_90)  # what the camera wrote
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6  # "rotate 90° clockwise to display"
    out = io.BytesIO()
    stored.save(out, "JPEG", exif=exif, quality=95)
    return out.getvalue()


def png_header_only(width: int, height: int) -> bytes:
    """A tiny PNG that claims huge dimensions: a decompression bomb's calling card."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body) & 0xFFFFFFFF
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 64)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def upload(
    client: FlaskClient, data: bytes, filename: str = "me.jpg", content_type: str = "image/jpeg"
):
    # Encoded in memory: the test client's own encoder leaves a temporary file open for
    # bodies over 500 KB, which warnings-as-errors turns into a failure.
    boundary, body = encode_multipart(
        MultiDict({"photo": FileStorage(io.BytesIO(data), filename, content_type=content_type)})
    )
    return client.post(
        "/questionnaire/photo", data=body, content_type=f"multipart/form-data; boundary={boundary}"
    )


def complete_profile(user, **columns) -> DeveloperProfile:
    """A questionnaire with every required field, stored directly."""
    profile = questionnaire.get_or_create(user)
    values = {
        **COMPLETE_FORM,
        "years_experience": 7,
        "phone": "+48221234567",
        "telegram": "anna_kowalska",
        **columns,
    }
    questionnaire.save(profile, values, values["languages"], ["Python", "PostgreSQL"])
    db.session.commit()
    return profile


def publish(profile: DeveloperProfile) -> None:
    """Publish as the developer's button does (consent recorded, the search index follows)."""
    questionnaire.publish(profile.user, profile)
    db.session.commit()


def with_photo(profile):
    """The profile, with a photo (JPEG) saved and committed."""
    photos.save_variants(profile, photos.process(image_bytes("JPEG")))
    db.session.commit()
    return profile


def portrait() -> bytes:
    """A friendly placeholder portrait (a JPEG), so pages show a real photo."""
    image = Image.new("RGB", (600, 600), (111, 177, 230))
    draw = ImageDraw.Draw(image)
    draw.ellipse((200, 110, 400, 310), fill=(31, 78, 121))
    draw.ellipse((110, 330, 490, 720), fill=(31, 78, 121))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=90)
    return out.getvalue()


def unseen_by_acme(make_profile, **columns) -> None:
    """Four published profiles the Acme employer may not see: hidden, owner suspended,
    blocked by company name, blocked by email domain."""
    hidden = make_profile(**columns)
    hidden.hidden_at = utcnow()
    suspended = make_profile(**columns)
    suspended.user.status = "suspended"
    db.session.commit()
    make_profile(**columns, blocked=[("company", "Acme Inc")])
    make_profile(**columns, blocked=[("domain", "acme.example.com")])
