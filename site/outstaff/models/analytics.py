"""First-party page-view counts, recorded only with the visitor's consent.

Not personal data: no IP address, no user id, no raw URL (only the route's rule), no
cookie or visitor id. Raw rows are rolled into daily counts by `flask privacy purge`.
"""

from datetime import date, datetime

from sqlalchemy import Date, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from outstaff.core.extensions import db
from outstaff.models.base import UTCDateTime, utcnow

# Columns both tables count by, in this order.
DIMENSIONS = ("route", "referrer_host", "browser", "os", "device", "country")


class PageView(db.Model):
    """One page view, by route and coarse client facts."""

    __tablename__ = "page_view"
    __table_args__ = (Index("ix_page_view_day_route", "day", "route"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    viewed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)  # to the hour
    day: Mapped[date] = mapped_column(Date)
    route: Mapped[str] = mapped_column(String(200))  # the URL rule, e.g. /developers/<int:id>
    referrer_host: Mapped[str | None] = mapped_column(String(255))  # other sites only
    browser: Mapped[str] = mapped_column(String(50))
    os: Mapped[str] = mapped_column(String(50))
    device: Mapped[str] = mapped_column(String(16))  # desktop | mobile | tablet | bot | other
    country: Mapped[str | None] = mapped_column(String(2))  # only with a GeoIP database


class DailyPageViews(db.Model):
    """Page views of one day with the same facts, counted (raw rows past retention)."""

    __tablename__ = "page_view_daily"

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date] = mapped_column(Date, index=True)
    route: Mapped[str] = mapped_column(String(200))
    referrer_host: Mapped[str | None] = mapped_column(String(255))
    browser: Mapped[str] = mapped_column(String(50))
    os: Mapped[str] = mapped_column(String(50))
    device: Mapped[str] = mapped_column(String(16))
    country: Mapped[str | None] = mapped_column(String(2))
    views: Mapped[int] = mapped_column(Integer, default=0)
