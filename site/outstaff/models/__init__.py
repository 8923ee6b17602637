"""All models, imported here so Alembic and the personal-data registry see every table."""

from outstaff.models.activity import EmployerDailyUsage, ProfileView
from outstaff.models.alerts import ALERT_FREQUENCIES, SavedSearch
from outstaff.models.analytics import DailyPageViews, PageView
from outstaff.models.base import PersonalData, utcnow
from outstaff.models.data_version import DERIVED, VERSIONED, DataVersion
from outstaff.models.developer import (
    BlockedCompany,
    DeveloperHour,
    DeveloperLanguage,
    DeveloperProfile,
    DeveloperSkill,
    WorkHistoryEntry,
)
from outstaff.models.employer import EmployerDomain, EmployerProfile
from outstaff.models.feedback import FEEDBACK_STATES, FEEDBACK_TOPICS, Feedback
from outstaff.models.listing_indexes import FILTER_INDEXES
from outstaff.models.notifications import NOTIFICATION_KINDS, NotificationSettings
from outstaff.models.offers import (
    OFFER_DAYS_DEFAULT,
    OFFER_STATES,
    OPEN_OFFER_STATES,
    Offer,
    OfferMessage,
    ShortlistEntry,
)
from outstaff.models.photos import ImageBlob, Photo
from outstaff.models.privacy import AuditEntry, ConsentRecord, PolicyText, PolicyVersion
from outstaff.models.queue import MAIL_STATES, JobRun, MailOutbox
from outstaff.models.rates import ExchangeRate
from outstaff.models.search import SearchDocument, SearchFacet, SearchNeighbour, SearchTerm
from outstaff.models.security import SecurityEvent
from outstaff.models.session import UserSession
from outstaff.models.twofactor import RecoveryCode
from outstaff.models.user import User

__all__ = [
    "DERIVED",
    "VERSIONED",
    "DataVersion",
    "FILTER_INDEXES",
    "ALERT_FREQUENCIES",
    "SavedSearch",
    "AuditEntry",
    "BlockedCompany",
    "ConsentRecord",
    "DailyPageViews",
    "DeveloperHour",
    "DeveloperLanguage",
    "DeveloperProfile",
    "DeveloperSkill",
    "EmployerDailyUsage",
    "EmployerDomain",
    "EmployerProfile",
    "ExchangeRate",
    "FEEDBACK_STATES",
    "FEEDBACK_TOPICS",
    "Feedback",
    "ImageBlob",
    "JobRun",
    "MAIL_STATES",
    "MailOutbox",
    "NOTIFICATION_KINDS",
    "NotificationSettings",
    "OFFER_DAYS_DEFAULT",
    "OFFER_STATES",
    "OPEN_OFFER_STATES",
    "Offer",
    "OfferMessage",
    "PageView",
    "PersonalData",
    "Photo",
    "PolicyText",
    "PolicyVersion",
    "ProfileView",
    "SecurityEvent",
    "RecoveryCode",
    "SearchDocument",
    "SearchFacet",
    "SearchNeighbour",
    "SearchTerm",
    "ShortlistEntry",
    "User",
    "WorkHistoryEntry",
    "UserSession",
    "utcnow",
]
