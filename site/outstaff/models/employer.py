from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, SmallInteger, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from outstaff.core.extensions import db
from outstaff.models.base import PersonalData, UTCDateTime, utcnow


class EmployerProfile(db.Model):
    __tablename__ = "employer_profile"
    __personal_data__ = PersonalData(
        owners=("user_id",),
        fields={
            "first_name": _l("Name"),
            "last_name": _l("Surname"),
            "company_name": _l("Company name"),
            "country": _l("Country"),
            "website": _l("Company website"),
            "phone": _l("Phone number"),
            "telegram": _l("Telegram account"),
            "time_zone": _l("Time zone"),
            "work_start": _l("Working hours (from)"),
            "work_end": _l("Working hours (to)"),
        },
        purpose=_l("Approving your employer account and showing developers who writes to them"),
        category=_l("Employer profile"),
        export_exclude=("company_name_norm",),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), unique=True)
    first_name: Mapped[str | None] = mapped_column(String(80))
    last_name: Mapped[str | None] = mapped_column(String(80))
    company_name: Mapped[str | None] = mapped_column(String(120))
    company_name_norm: Mapped[str | None] = mapped_column(String(120), index=True)
    country: Mapped[str | None] = mapped_column(String(2))
    website: Mapped[str | None] = mapped_column(String(255))
    phone: Mapped[str | None] = mapped_column(String(20))
    telegram: Mapped[str | None] = mapped_column(String(32))
    # The listing's "hours of overlap" filter compares developers' hours with these.
    time_zone: Mapped[str | None] = mapped_column(String(64))
    work_start: Mapped[int | None] = mapped_column(SmallInteger)
    work_end: Mapped[int | None] = mapped_column(SmallInteger)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    user = relationship("User", backref=db.backref("employer_profile", uselist=False))


class EmployerDomain(db.Model):
    """An email domain (or a parent of one) the employer's account has used: developers'
    domain blocks keep matching it after the address changes (outstaff.services.
    employer_domains)."""

    __tablename__ = "employer_domain"
    __table_args__ = (UniqueConstraint("user_id", "domain"),)
    __personal_data__ = PersonalData(
        owners=("user_id",),
        fields={
            "domain": _l("Email domains your account has used"),
            "first_used_at": _l("When your account first used each email domain"),
        },
        purpose=_l(
            "Keeping developers’ blocks of a company’s domain in force after an email change"
        ),
        category=_l("Employer profile"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    domain: Mapped[str] = mapped_column(String(255))
    first_used_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    user = relationship("User", backref=db.backref("email_domains", passive_deletes=True))
