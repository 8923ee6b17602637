"""All models, imported here so Alembic and the personal-data registry see every table."""

from outstaff.models.activity import ProfileView
from outstaff.models.base import PersonalData, utcnow
from outstaff.models.developer import (
    BlockedCompany,
    DeveloperLanguage,
    DeveloperProfile,
    DeveloperSkill,
    ImageBlob,
    Photo,
)
from outstaff.models.employer import EmployerProfile
from outstaff.models.feedback import FEEDBACK_STATES, FEEDBACK_TOPICS, Feedback
from outstaff.models.offers import OFFER_STATES, OPEN_OFFER_STATES, Offer, ShortlistEntry
from outstaff.models.privacy import AuditEntry, ConsentRecord, PolicyVersion
from outstaff.models.twofactor import RecoveryCode
from outstaff.models.user import User

__all__ = [
    "AuditEntry",
    "BlockedCompany",
    "ConsentRecord",
    "DeveloperLanguage",
    "DeveloperProfile",
    "DeveloperSkill",
    "EmployerProfile",
    "FEEDBACK_STATES",
    "FEEDBACK_TOPICS",
    "Feedback",
    "ImageBlob",
    "OFFER_STATES",
    "OPEN_OFFER_STATES",
    "Offer",
    "PersonalData",
    "Photo",
    "PolicyVersion",
    "ProfileView",
    "RecoveryCode",
    "ShortlistEntry",
    "User",
    "utcnow",
]
