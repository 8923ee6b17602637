from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Date, Numeric, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from outstaff.core.extensions import db
from outstaff.models.base import UTCDateTime, utcnow


class ExchangeRate(db.Model):
    """How many units of a currency one US dollar buys from a date on; admins keep the table
    in the console (no outside service). The latest row dated today or earlier is in force."""

    __tablename__ = "exchange_rate"
    __table_args__ = (UniqueConstraint("currency", "valid_from"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    currency: Mapped[str] = mapped_column(String(3))  # ISO 4217
    per_usd: Mapped[Decimal] = mapped_column(Numeric(18, 6))
    valid_from: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
