from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from outstaff.core.extensions import db
from outstaff.models.base import PersonalData, UTCDateTime, utcnow


class RecoveryCode(db.Model):
    """A single-use two-factor recovery code; only its hash is stored."""

    __tablename__ = "recovery_code"
    __personal_data__ = PersonalData(
        owners=("user_id",),
        fields={
            "code_hash": _l("Two-factor recovery codes (only a hash of each)"),
            "used_at": _l("When a recovery code was used"),
        },
        purpose=_l("Letting you sign in when your authenticator app is not at hand"),
        category=_l("Two-factor sign-in"),
        export_exclude=("code_hash",),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    code_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
