"""Profile photos: each size a content-addressed image blob, stored once."""

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, SmallInteger, String
from sqlalchemy.orm import Mapped, mapped_column

from outstaff.core.extensions import db
from outstaff.models.base import PersonalData, UTCDateTime, utcnow
from outstaff.models.developer import QUESTIONNAIRE


class Photo(db.Model):
    """A processed profile photo: each size points at a content-addressed image blob."""

    __tablename__ = "photo"
    __personal_data__ = PersonalData(
        owners=("user_id",),
        fields={"thumb_sha": _l("Photo (re-encoded, without metadata)")},
        purpose=_l("Showing your photo on your questionnaire"),
        category=QUESTIONNAIRE,
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    thumb_sha: Mapped[str] = mapped_column(ForeignKey("image_blob.sha256"))
    large_sha: Mapped[str] = mapped_column(ForeignKey("image_blob.sha256"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class ImageBlob(db.Model):
    """Image bytes stored once per content hash (demo data reuses a small pool)."""

    __tablename__ = "image_blob"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    content_type: Mapped[str] = mapped_column(String(32))
    width: Mapped[int] = mapped_column(SmallInteger)
    height: Mapped[int] = mapped_column(SmallInteger)
    data: Mapped[bytes] = mapped_column(db.LargeBinary)
