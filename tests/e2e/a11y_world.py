"""The accessibility suite's fixture world: one account per role, with data on every page.

Built once per test session in the live server's database (rows written directly, no mail):
- developer: a published questionnaire with a photo, a block list, offers received, a
  company that viewed the questionnaire, consent history;
- developer_new and employer_new: fresh accounts, for the empty states;
- employer_pending: waiting for approval (and shown the privacy-policy notice);
- employer: approved, a company profile, a shortlist with a note, offers sent (one accepted);
- admin: two-factor on; feedback in the inbox, audit entries, analytics counts.

Every signed-in role has acknowledged the policy and refused analytics cookies (so pages
look as they usually do), except employer_pending, who sees both the cookie banner and the
policy notice; anonymous visitors see the cookie banner.
"""

import random
import uuid
from dataclasses import dataclass, field
from datetime import date, timedelta

import pyotp

from outstaff.accounts import service as accounts
from outstaff.core.extensions import db
from outstaff.models import (
    AuditEntry,
    BlockedCompany,
    ConsentRecord,
    DailyPageViews,
    EmployerProfile,
    Feedback,
    Offer,
    OfferMessage,
    ProfileView,
    SavedSearch,
    ShortlistEntry,
    User,
    utcnow,
)
from outstaff.privacy.policy import current_version_number
from outstaff.questionnaire import photos
from outstaff.questionnaire import service as questionnaire
from outstaff.visibility import normalize_company
from tests.helpers.profiles import portrait

PASSWORD = "correct horse battery staple"
ROLES = (
    "anonymous",
    "developer",
    "developer_new",
    "employer_pending",
    "employer",
    "employer_new",
    "admin",
)
# The account's base role, for the pages' `view.access` declarations.
BASE_ROLE = {
    "developer": "developer",
    "developer_new": "developer",
    "employer": "employer",
    "employer_pending": "employer",
    "employer_new": "employer",
    "admin": "admin",
}


@dataclass
class World:
    emails: dict[str, str] = field(default_factory=dict)
    user_ids: dict[str, int] = field(default_factory=dict)
    totp_secret: str = ""
    profile_id: int = 0  # the developer's published questionnaire
    other_profile_id: int = 0  # a second published developer, without a photo
    offer_to_developer: int = 0  # employer -> developer, unanswered
    accepted_offer: int = 0  # employer -> the other developer, accepted with a reply
    feedback_id: int = 0
    saved_search_id: int = 0  # the employer's saved search (issue 17)


def _user(world: World, key: str, role: str, **columns) -> User:
    email = f"a11y-{key.replace('_', '-')}-{uuid.uuid4().hex[:8]}@example.com"
    user = accounts.create_user(email, PASSWORD, role)
    user.email_confirmed_at = utcnow()
    for name, value in columns.items():
        setattr(user, name, value)
    db.session.flush()
    world.emails[key], world.user_ids[key] = email, user.id
    return user


def _developer(user: User, first: str, last: str, **values):
    profile = questionnaire.get_or_create(user)
    form = {
        "first_name": first,
        "last_name": last,
        "current_company": "Initech LLP",
        "country": "KZ",
        "english_level": "C1",
        "telegram": f"{first.lower()}_dev",
        "phone": "+77011234567",
        "profession": "backend",
        "years_experience": 7,
        "availability": "open",
        "contact_visibility": "after_accept",
        "bio": "I build calm, well-tested back-end systems and like to explain them.",
        **values,
    }
    questionnaire.save(profile, form, ["kk", "ru", "en"], ["Python", "PostgreSQL", "Go"])
    questionnaire.publish(user, profile)
    return profile


def _employer(user: User, company: str) -> None:
    db.session.add(
        EmployerProfile(
            user_id=user.id,
            first_name="Erik",
            last_name="Berg",
            company_name=company,
            company_name_norm=normalize_company(company),
            country="DE",
            website="https://globex.example.com",
        )
    )


def build(app) -> World:
    """Create the accounts and their data in the live server's database."""
    world = World(totp_secret=pyotp.random_base32())
    with app.app_context():
        now = utcnow()
        dev = _user(world, "developer", "developer")
        profile = _developer(dev, "Dana", "Sarsenova")
        photos.save_variants(profile, photos.process(portrait()))
        db.session.add(
            BlockedCompany(
                profile_id=profile.id,
                user_id=dev.id,
                kind="company",
                value="Initech LLP",
                value_norm="initech llp",
            )
        )
        other = _user(world, "other_developer", "developer")
        other_profile = _developer(
            other,
            "Timur",
            "Akhmetov",
            profession="frontend",
            contact_visibility="employers",
            current_company=None,
        )
        _user(world, "developer_new", "developer")

        employer = _user(world, "employer", "employer", approval="approved", approved_at=now)
        _employer(employer, "Globex LLC")
        pending = _user(world, "employer_pending", "employer")
        _employer(pending, "Umbrella Ltd")
        fresh = _user(world, "employer_new", "employer", approval="approved", approved_at=now)
        _employer(fresh, "Hooli GmbH")
        admin = _user(world, "admin", "admin", totp_secret=world.totp_secret, totp_enabled_at=now)
        db.session.flush()

        offer = Offer(
            employer_id=employer.id,
            developer_id=dev.id,
            state="sent",
            role_title="Senior Python developer",
            engagement="contract",
            rate_amount=4500,
            currency="EUR",
            rate_period="month",
            start_date=date.today() + timedelta(days=30),
            duration="6 months",
            message="We build a payments platform and would love you on the team.",
        )
        accepted = Offer(
            employer_id=employer.id,
            developer_id=other.id,
            state="accepted",
            role_title="Front-end developer",
            engagement="full_time",
            message="Our design system needs an owner.",
            viewed_at=now,
            answered_at=now,
            reply="Happy to talk: write to me on Telegram.",
        )
        db.session.add_all([offer, accepted])
        db.session.flush()
        search = SavedSearch(
            employer_id=employer.id,
            name="Python in Kazakhstan",
            query="country=KZ&skills=Python",
            frequency="weekly",
        )
        db.session.add_all(
            [
                search,
                OfferMessage(
                    offer_id=accepted.id,
                    author_id=employer.id,
                    recipient_id=accepted.developer_id,
                    body="Could you start in March? See https://example.com/plan",
                ),
            ]
        )
        db.session.add(
            ShortlistEntry(
                employer_id=employer.id,
                developer_id=dev.id,
                note="Strong on PostgreSQL; ask about the payments work.",
            )
        )
        db.session.add(
            ProfileView(developer_id=dev.id, employer_id=employer.id, day=now.date(), viewed_at=now)
        )

        feedback = Feedback(
            name="Vera Visitor",
            email="a11y-vera@example.org",
            topic="privacy",
            message="Hello! Which of my data do you keep, and for how long?",
        )
        handled = Feedback(
            name="Oleg",
            email="a11y-oleg@example.org",
            topic="general",
            message="Do you also place designers?",
            status="handled",
            handled_at=now,
            handled_by_id=admin.id,
            reply="Yes, we do.",
            replied_at=now,
        )
        db.session.add_all([feedback, handled])
        db.session.flush()
        db.session.add_all(
            [
                AuditEntry(
                    actor_id=admin.id, action="feedback.reply", target=f"feedback:{handled.id}"
                ),
                AuditEntry(
                    actor_id=admin.id,
                    action="employer.approve",
                    target_user_id=employer.id,
                    note="Known company.",
                ),
            ]
        )
        _analytics(now.date())

        version = current_version_number()
        for key in ("developer", "developer_new", "employer", "employer_new", "admin"):
            db.session.add(
                ConsentRecord(
                    user_id=world.user_ids[key],
                    purpose="privacy_policy",
                    granted=True,
                    policy_version=version,
                )
            )
            db.session.get(User, world.user_ids[key]).policy_acknowledged = version
        db.session.commit()
        world.profile_id, world.other_profile_id = profile.id, other_profile.id
        world.offer_to_developer, world.accepted_offer = offer.id, accepted.id
        world.feedback_id, world.saved_search_id = feedback.id, search.id
    return world


def _analytics(today: date) -> None:
    """Thirty days of daily counts for the console's charts (not raw page views: other
    browser tests count those)."""
    rng = random.Random(8)
    routes = ["/", "/privacy", "/account/signin", "/questionnaire/", "/offers/"]
    agents = [("Chrome", "Android", "mobile"), ("Firefox", "Linux", "desktop")]
    for days_ago in range(30):
        for route in routes:
            browser, os_family, device = rng.choice(agents)
            db.session.add(
                DailyPageViews(
                    day=today - timedelta(days=days_ago + 1),
                    route=route,
                    browser=browser,
                    os=os_family,
                    device=device,
                    referrer_host=rng.choice([None, "t.me"]),
                    country=rng.choice([None, "KZ", "DE"]),
                    views=rng.randint(1, 40),
                )
            )
