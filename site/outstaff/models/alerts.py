from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from outstaff.core.extensions import db
from outstaff.models.base import PersonalData, UTCDateTime, utcnow

ALERT_FREQUENCIES = ("daily", "weekly", "off")


class SavedSearch(db.Model):
    """An employer's named listing filters, mailed daily or weekly with new matches."""

    __tablename__ = "saved_search"
    __personal_data__ = PersonalData(
        owners=("employer_id",),
        private=True,
        fields={
            "name": _l("Name of a saved search"),
            "query": _l("Filters of a saved search"),
            "frequency": _l("How often its alerts are mailed"),
        },
        purpose=_l("Mailing employers the developers newly matching their searches"),
        category=_l("Saved searches"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    employer_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(80))
    query: Mapped[str] = mapped_column(String(2000))  # the listing's query string
    frequency: Mapped[str] = mapped_column(String(6), default="daily")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # Developers published after this moment are "new" for the next alert.
    last_sent_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
