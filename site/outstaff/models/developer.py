from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, SmallInteger, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from outstaff.core.extensions import db
from outstaff.models.base import PersonalData, UTCDateTime, utcnow

QUESTIONNAIRE = _l("Questionnaire")
SHOWN_TO_EMPLOYERS = _l("Showing your questionnaire to approved employers so they can make offers")
PROFILE_EXTRA_FIELDS = {
    "rate_min": _l("Rate expectation (from)"),
    "rate_max": _l("Rate expectation (to)"),
    "rate_currency": _l("Currency of your rate"),
    "rate_period": _l("Rate per hour or per month"),
    "remote": _l("Whether you work remotely"),
    "relocation": _l("Whether you would relocate"),
    "relocation_countries": _l("Countries you would relocate to"),
    "onsite": _l("Whether you work on-site"),
    "onsite_city": _l("City where you work on-site"),
    "link_github": _l("GitHub profile"),
    "link_gitlab": _l("GitLab profile"),
    "link_linkedin": _l("LinkedIn profile"),
    "link_website": _l("Portfolio or personal site"),
    "time_zone": _l("Time zone"),
    "work_start": _l("Working hours (from)"),
    "work_end": _l("Working hours (to)"),
    "available_from": _l("Available from"),
    "availability_confirmed_at": _l("When you last confirmed your availability"),
    "availability_reminded_at": _l("When we last reminded you to confirm your availability"),
}


class DeveloperProfile(db.Model):
    """A developer's questionnaire: what approved employers see once it is published."""

    __tablename__ = "developer_profile"
    # The listing (outstaff/listing/queries.py): published rows, narrowed by the most common
    # filter, already in sort order, so one index range filters and orders a keyset page.
    __table_args__ = (
        Index("ix_developer_profile_listing_updated", "is_published", "updated_at", "id"),
        Index(
            "ix_developer_profile_listing_profession",
            "is_published",
            "profession",
            "updated_at",
            "id",
        ),
        Index(
            "ix_developer_profile_listing_country", "is_published", "country", "updated_at", "id"
        ),
        Index("ix_developer_profile_listing_years", "is_published", "years_experience", "id"),
        # The few hidden profiles a count of matches subtracts (outstaff.listing.counts).
        # Partial, so both planners know it holds only the few (statistics count NULLs).
        Index(
            "ix_developer_profile_hidden",
            "id",
            sqlite_where=text("hidden_at IS NOT NULL"),
            postgresql_where=text("hidden_at IS NOT NULL"),
        ),
        Index(
            "ix_developer_profile_listing_profession_years",
            "is_published",
            "profession",
            "years_experience",
            "id",
        ),
    )
    __personal_data__ = PersonalData(
        owners=("user_id",),
        fields={
            "first_name": _l("Name"),
            "last_name": _l("Surname"),
            "current_company": _l("Current employer"),
            "country": _l("Country"),
            "english_level": _l("English level"),
            "telegram": _l("Telegram account"),
            "phone": _l("Phone number"),
            "profession": _l("Profession"),
            "profession_other": _l("Profession (your own words)"),
            "years_experience": _l("Years of experience"),
            "availability": _l("Availability"),
            "bio": _l("Short bio"),
            "contact_visibility": _l("Who sees your contacts"),
            "is_published": _l("Whether your questionnaire is published"),
            "updated_at": _l("When you last updated the questionnaire"),
            **PROFILE_EXTRA_FIELDS,
        },
        purpose=SHOWN_TO_EMPLOYERS,
        category=QUESTIONNAIRE,
        export_exclude=("search_text", "rate_min_base", "rate_max_base"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), unique=True)
    first_name: Mapped[str | None] = mapped_column(String(80))
    last_name: Mapped[str | None] = mapped_column(String(80))
    current_company: Mapped[str | None] = mapped_column(String(120))
    country: Mapped[str | None] = mapped_column(String(2))  # ISO 3166-1 alpha-2
    english_level: Mapped[str | None] = mapped_column(String(8))  # A1..C2, native
    english_rank: Mapped[int | None] = mapped_column(SmallInteger)  # 1 (A1) .. 7 (native)
    telegram: Mapped[str | None] = mapped_column(String(32))
    phone: Mapped[str | None] = mapped_column(String(20))  # E.164
    profession: Mapped[str | None] = mapped_column(String(32))
    profession_other: Mapped[str | None] = mapped_column(String(80))
    years_experience: Mapped[int | None] = mapped_column(SmallInteger)
    availability: Mapped[str | None] = mapped_column(String(16))  # open | not_now
    bio: Mapped[str | None] = mapped_column(Text)
    # "employers": approved employers see contacts at once; "after_accept": only after the
    # developer accepts their offer.
    contact_visibility: Mapped[str] = mapped_column(String(16), default="after_accept")
    photo_id: Mapped[int | None] = mapped_column(ForeignKey("photo.id", ondelete="SET NULL"))
    is_published: Mapped[bool] = mapped_column(Boolean, default=False)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    hidden_at: Mapped[datetime | None] = mapped_column(UTCDateTime())  # hidden by an admin
    hidden_note: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    stale_reminded_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Case-folded name, profession, skills and bio, for the admin's user search, which must
    # find unpublished questionnaires too (the listing searches the index: outstaff.search).
    search_text: Mapped[str] = mapped_column(Text, default="")
    # Rate expectation: a range (or one figure: min == max) in a currency, per hour or month;
    # *_base: the same in US dollars per month at the admins' rates (the listing filters on it).
    rate_min: Mapped[int | None] = mapped_column(Integer)
    rate_max: Mapped[int | None] = mapped_column(Integer)
    rate_currency: Mapped[str | None] = mapped_column(String(3))  # ISO 4217
    rate_period: Mapped[str | None] = mapped_column(String(8))  # hour | month
    rate_min_base: Mapped[int | None] = mapped_column(Integer)
    rate_max_base: Mapped[int | None] = mapped_column(Integer)
    # Where: any combination of remote, relocation (to which countries) and on-site (a city).
    remote: Mapped[bool] = mapped_column(Boolean, default=False)
    relocation: Mapped[bool] = mapped_column(Boolean, default=False)
    relocation_countries: Mapped[str | None] = mapped_column(String(100))  # ",DE,PL,"
    onsite: Mapped[bool] = mapped_column(Boolean, default=False)
    onsite_city: Mapped[str | None] = mapped_column(String(80))
    # Links: shown, never fetched by the server.
    link_github: Mapped[str | None] = mapped_column(String(255))
    link_gitlab: Mapped[str | None] = mapped_column(String(255))
    link_linkedin: Mapped[str | None] = mapped_column(String(255))
    link_website: Mapped[str | None] = mapped_column(String(255))
    # An IANA zone and the hours (local, whole hours; end may pass midnight) of work.
    time_zone: Mapped[str | None] = mapped_column(String(64))
    work_start: Mapped[int | None] = mapped_column(SmallInteger)  # 0..23
    work_end: Mapped[int | None] = mapped_column(SmallInteger)  # 1..24
    # "Available from" at most a year ahead, confirmed by the developer every 30 days.
    available_from: Mapped[date | None] = mapped_column(Date)
    availability_confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    availability_reminded_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    user = relationship("User", backref=db.backref("developer_profile", uselist=False))
    photo = relationship("Photo", foreign_keys=[photo_id])
    languages = relationship(
        "DeveloperLanguage", cascade="all, delete-orphan", order_by="DeveloperLanguage.code"
    )
    skills = relationship(
        "DeveloperSkill", cascade="all, delete-orphan", order_by="DeveloperSkill.position"
    )
    blocked = relationship("BlockedCompany", cascade="all, delete-orphan")
    work_hours = relationship("DeveloperHour", cascade="all, delete-orphan")
    history = relationship(
        "WorkHistoryEntry",
        cascade="all, delete-orphan",
        order_by=lambda: (WorkHistoryEntry.start_month.desc(), WorkHistoryEntry.id.desc()),
    )

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.first_name, self.last_name) if p)


class DeveloperLanguage(db.Model):
    __tablename__ = "developer_language"
    __table_args__ = (Index("ix_developer_language_code_profile", "code", "profile_id"),)
    __personal_data__ = PersonalData(
        owners=("profile_id",),  # the questionnaire's developer
        fields={"code": _l("Languages you speak")},
        purpose=SHOWN_TO_EMPLOYERS,
        category=QUESTIONNAIRE,
    )

    profile_id: Mapped[int] = mapped_column(
        ForeignKey("developer_profile.id", ondelete="CASCADE"), primary_key=True
    )
    code: Mapped[str] = mapped_column(String(2), primary_key=True)  # ISO 639-1


class DeveloperSkill(db.Model):
    __tablename__ = "developer_skill"
    __table_args__ = (Index("ix_developer_skill_norm_profile", "name_norm", "profile_id"),)
    __personal_data__ = PersonalData(
        owners=("profile_id",),  # the questionnaire's developer
        fields={"name": _l("Skills")},
        purpose=SHOWN_TO_EMPLOYERS,
        category=QUESTIONNAIRE,
        export_exclude=("name_norm",),
    )

    profile_id: Mapped[int] = mapped_column(
        ForeignKey("developer_profile.id", ondelete="CASCADE"), primary_key=True
    )
    name_norm: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[str] = mapped_column(String(40))
    position: Mapped[int] = mapped_column(SmallInteger, default=0)


class DeveloperHour(db.Model):
    """One whole UTC hour the developer works (from the zone and hours, at the last save):
    the listing counts the hours shared with the employer's."""

    __tablename__ = "developer_hour"
    __personal_data__ = PersonalData(
        owners=("profile_id",),
        fields={"utc_hour": _l("Your working hours, in UTC")},
        purpose=SHOWN_TO_EMPLOYERS,
        category=QUESTIONNAIRE,
    )

    profile_id: Mapped[int] = mapped_column(
        ForeignKey("developer_profile.id", ondelete="CASCADE"), primary_key=True
    )
    utc_hour: Mapped[int] = mapped_column(SmallInteger, primary_key=True)


class WorkHistoryEntry(db.Model):
    """A job: role, company (may be hidden from employers), months, a short summary."""

    __tablename__ = "work_history_entry"
    __personal_data__ = PersonalData(
        owners=("profile_id",),
        fields={
            "role": _l("Work history: role"),
            "company": _l("Work history: company"),
            "company_hidden": _l("Work history: whether the company is hidden from employers"),
            "start_month": _l("Work history: start month"),
            "end_month": _l("Work history: end month"),
            "summary": _l("Work history: summary"),
        },
        purpose=SHOWN_TO_EMPLOYERS,
        category=QUESTIONNAIRE,
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    profile_id: Mapped[int] = mapped_column(
        ForeignKey("developer_profile.id", ondelete="CASCADE"), index=True
    )
    role: Mapped[str] = mapped_column(String(120))
    company: Mapped[str | None] = mapped_column(String(120))
    company_hidden: Mapped[bool] = mapped_column(Boolean, default=False)
    start_month: Mapped[date] = mapped_column(Date)  # the first of the month
    end_month: Mapped[date | None] = mapped_column(Date)  # None: still there
    summary: Mapped[str | None] = mapped_column(String(500))


class BlockedCompany(db.Model):
    """A company name or email domain the developer's profile is never shown to."""

    __tablename__ = "blocked_company"
    # The listing looks up the entries naming one employer (PostgreSQL: once per query).
    __table_args__ = (Index("ix_blocked_company_value_norm_kind", "value_norm", "kind"),)
    __personal_data__ = PersonalData(
        owners=("user_id",),
        fields={"value": _l("Companies and email domains you block")},
        purpose=_l("Hiding your questionnaire from the companies you name"),
        category=QUESTIONNAIRE,
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    profile_id: Mapped[int] = mapped_column(
        ForeignKey("developer_profile.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(8))  # company | domain
    value: Mapped[str] = mapped_column(String(120))  # as the developer typed it
    value_norm: Mapped[str] = mapped_column(String(120))
