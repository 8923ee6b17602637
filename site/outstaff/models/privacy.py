from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import Boolean, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, attribute_keyed_dict, mapped_column, relationship

from outstaff.core.extensions import db
from outstaff.models.base import PersonalData, UTCDateTime, utcnow

CONSENT_PURPOSES = ("publish_profile", "analytics_cookies", "privacy_policy")


class PolicyVersion(db.Model):
    """One published version of the privacy policy; the newest is in force."""

    __tablename__ = "policy_version"

    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[int] = mapped_column(Integer, unique=True)
    published_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    body: Mapped[str] = mapped_column(Text)  # Markdown, rendered safely
    summary: Mapped[str | None] = mapped_column(String(500))  # what changed
    published_by_id: Mapped[int | None] = mapped_column(Integer)  # an admin's id, kept bare
    # `body` and `summary` are in the default language (English); other languages here.
    texts: Mapped[dict[str, "PolicyText"]] = relationship(
        collection_class=attribute_keyed_dict("locale"),
        cascade="all, delete-orphan",
        lazy="selectin",
    )

    def text_for(self, locale: str) -> tuple[str, str | None]:
        """(body, summary) in `locale` where given, else in English."""
        text = self.texts.get(locale)
        if text is None:
            return self.body, self.summary
        return text.body, text.summary or self.summary


class PolicyText(db.Model):
    """A policy version in another language, under the same version number."""

    __tablename__ = "policy_text"

    version_id: Mapped[int] = mapped_column(
        ForeignKey("policy_version.id", ondelete="CASCADE"), primary_key=True
    )
    locale: Mapped[str] = mapped_column(String(8), primary_key=True)
    body: Mapped[str] = mapped_column(Text)  # Markdown, like PolicyVersion.body
    summary: Mapped[str | None] = mapped_column(String(500))


class ConsentRecord(db.Model):
    """The consent ledger: every consent given or withdrawn, with the policy version."""

    __tablename__ = "consent_record"
    __personal_data__ = PersonalData(
        owners=("user_id",),
        fields={
            "purpose": _l("What you consented to"),
            "granted": _l("Given or withdrawn"),
            "policy_version": _l("Policy version in force"),
            "created_at": _l("When"),
        },
        purpose=_l("Proving what you agreed to and when"),
        category=_l("Consents"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    purpose: Mapped[str] = mapped_column(String(32))
    granted: Mapped[bool] = mapped_column(Boolean)
    policy_version: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class AuditEntry(db.Model):
    """What an admin did. Kept after the people involved are deleted, holding only ids."""

    __tablename__ = "audit_entry"
    __personal_data__ = PersonalData(
        subject=("target_user_id",),
        author=("actor_id",),
        fields={"note": _l("Admin's note on an action about your account")},
        purpose=_l("Accountability for what admins do"),
        category=_l("Admin actions"),
        on_erase="keep_ids",
        # The target's export says what was done and why, not which admin did it.
        export_exclude=("actor_id",),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    actor_id: Mapped[int | None] = mapped_column(Integer, index=True)
    action: Mapped[str] = mapped_column(String(40), index=True)
    target_user_id: Mapped[int | None] = mapped_column(Integer, index=True)
    target: Mapped[str | None] = mapped_column(String(80))  # e.g. "feedback:12"
    note: Mapped[str | None] = mapped_column(String(1000))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
