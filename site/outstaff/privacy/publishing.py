"""Publishing a new version of the privacy policy (from the admin console)."""

from sqlalchemy import func, select

from outstaff.extensions import db
from outstaff.models import PolicyVersion, User
from outstaff.privacy.policy import current_version
from outstaff.services import accounts


def publish(admin: User, body: str, summary: str) -> PolicyVersion:
    """Store the next version with an audit row; the caller commits."""
    current_version()  # version 1 exists before version 2
    number = (db.session.scalar(select(func.max(PolicyVersion.version))) or 0) + 1
    version = PolicyVersion(
        version=number, body=body.replace("\r\n", "\n").strip() + "\n",
        summary=summary.strip(), published_by_id=admin.id,
    )
    db.session.add(version)
    accounts.audit(admin, "policy.publish", target=f"policy:{number}")
    return version
