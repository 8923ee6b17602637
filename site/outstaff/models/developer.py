from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import Boolean, ForeignKey, Index, SmallInteger, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from outstaff.core.extensions import db
from outstaff.models.base import PersonalData, UTCDateTime, utcnow

QUESTIONNAIRE = _l("Questionnaire")
SHOWN_TO_EMPLOYERS = _l("Showing your questionnaire to approved employers so they can make offers")


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
        },
        purpose=SHOWN_TO_EMPLOYERS,
        category=QUESTIONNAIRE,
        export_exclude=("search_text",),
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
    # Case-folded name, profession, skills and bio: one column for text search that is
    # case-insensitive for Cyrillic on SQLite and PostgreSQL alike.
    search_text: Mapped[str] = mapped_column(Text, default="")

    user = relationship("User", backref=db.backref("developer_profile", uselist=False))
    photo = relationship("Photo", foreign_keys=[photo_id])
    languages = relationship(
        "DeveloperLanguage", cascade="all, delete-orphan", order_by="DeveloperLanguage.code"
    )
    skills = relationship(
        "DeveloperSkill", cascade="all, delete-orphan", order_by="DeveloperSkill.position"
    )
    blocked = relationship("BlockedCompany", cascade="all, delete-orphan")

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
