"""Publishing a new version of the privacy policy (from the admin console)."""

from sqlalchemy import func, select

from outstaff import audit
from outstaff.core.extensions import db
from outstaff.models import PolicyText, PolicyVersion, User
from outstaff.privacy.policy import current_version, forget_version_number


def _clean(text: str) -> str:
    return text.replace("\r\n", "\n").strip() + "\n"


def publish(
    admin: User, body: str, summary: str, translations: dict[str, tuple[str, str]] | None = None
) -> PolicyVersion:
    """Store the next version (English, plus {locale: (body, summary)}) with an audit row.

    The caller commits.
    """
    current_version()  # version 1 exists before version 2
    number = (db.session.scalar(select(func.max(PolicyVersion.version))) or 0) + 1
    version = PolicyVersion(
        version=number,
        body=_clean(body),
        summary=summary.strip(),
        published_by_id=admin.id,
    )
    for locale, (text, text_summary) in (translations or {}).items():
        version.texts[locale] = PolicyText(
            locale=locale, body=_clean(text), summary=text_summary.strip() or None
        )
    db.session.add(version)
    audit.record(admin, "policy.publish", target=f"policy:{number}")
    forget_version_number()
    return version
