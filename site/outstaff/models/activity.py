from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import Date, ForeignKey, Index, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from outstaff.core.extensions import db
from outstaff.models.base import PersonalData, UTCDateTime, utcnow


class ProfileView(db.Model):
    """An employer opened a developer's profile: at most one row per pair and day."""

    __tablename__ = "profile_view"
    __table_args__ = (
        UniqueConstraint("developer_id", "employer_id", "day"),
        Index("ix_profile_view_employer_day", "employer_id", "day"),
    )
    __personal_data__ = PersonalData(
        # The developer sees who viewed her ("who viewed my profile"): a row of both.
        subject=("developer_id",),
        author=("employer_id",),
        fields={"day": _l("Which employer viewed which questionnaire, and when")},
        purpose=_l("Showing developers who viewed their questionnaire; limiting harvesting"),
        category=_l("Profile views"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    developer_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    employer_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    day: Mapped[date] = mapped_column(Date)
    viewed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class EmployerDailyUsage(db.Model):
    """How much of the developers one employer opened on one day: different profiles and
    listing pages, for the daily limits that stop harvesting (outstaff.listing.service).
    Kept only while it counts: `flask privacy purge` drops earlier days."""

    __tablename__ = "employer_daily_usage"
    __table_args__ = (UniqueConstraint("employer_id", "day"),)
    __personal_data__ = PersonalData(
        owners=("employer_id",),
        fields={"day": _l("How many questionnaires and listing pages you opened today")},
        purpose=_l("Limiting the bulk collection of developers’ data"),
        category=_l("Profile views"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    employer_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    day: Mapped[date] = mapped_column(Date)
    profiles: Mapped[int] = mapped_column(default=0, server_default="0")
    listing_pages: Mapped[int] = mapped_column(default=0, server_default="0")
