"""Demo rows for the privacy feature: page views for the analytics console, and a security
log for the demo accounts. Works on the users already seeded."""

import random
from datetime import timedelta

from sqlalchemy import insert, select

from outstaff.core.extensions import db
from outstaff.models import PageView, SecurityEvent, User, utcnow

ROUTES = [
    ("/", 40),
    ("/privacy", 8),
    ("/account/signin", 14),
    ("/account/signup", 6),
    ("/developers/", 20),
    ("/developers/<int:profile_id>", 25),
    ("/privacy/cookies", 3),
    ("/feedback/", 4),
    ("/questionnaire/", 10),
    ("/offers/", 7),
]
REFERRERS = [
    (None, 70),
    ("www.google.com", 12),
    ("t.me", 6),
    ("www.linkedin.com", 7),
    ("duckduckgo.com", 3),
    ("news.ycombinator.com", 2),
]
AGENTS = [
    (("Chrome", "Windows", "desktop"), 30),
    (("Chrome", "Android", "mobile"), 22),
    (("Mobile Safari", "iOS", "mobile"), 18),
    (("Firefox", "Linux", "desktop"), 8),
    (("Safari", "Mac OS X", "desktop"), 10),
    (("Edge", "Windows", "desktop"), 7),
    (("Chrome", "Android", "tablet"), 3),
    (("Googlebot", "Other", "bot"), 2),
]
COUNTRIES = [
    (None, 20),
    ("KZ", 30),
    ("RU", 15),
    ("UA", 8),
    ("DE", 8),
    ("PL", 6),
    ("US", 7),
    ("GE", 6),
]


def _pick(rng: random.Random, weighted):
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights=weights)[0]


SECURITY_LOG_SAMPLE = 300


def seed(rng: random.Random, fakers: dict, echo) -> None:
    """About 30 days of page views, and a few sign-ins for every seeded account."""
    now = utcnow()
    rows = []
    for days_ago in range(30):
        day = (now - timedelta(days=days_ago)).replace(minute=0, second=0, microsecond=0)
        weekday_factor = 0.6 if day.weekday() >= 5 else 1.0
        for _ in range(int(rng.randint(40, 90) * weekday_factor)):
            browser, os_family, device = _pick(rng, AGENTS)
            at = day.replace(hour=rng.randrange(24))
            rows.append(
                {
                    "viewed_at": at,
                    "day": at.date(),
                    "route": _pick(rng, ROUTES),
                    "referrer_host": _pick(rng, REFERRERS),
                    "browser": browser,
                    "os": os_family,
                    "device": device,
                    "country": _pick(rng, COUNTRIES),
                }
            )
    db.session.execute(insert(PageView), rows)
    # The known demo accounts and a sample: a 100,000-developer seed needs no more.
    sample = select(User.id).order_by(User.id.desc()).limit(SECURITY_LOG_SAMPLE)
    users = db.session.scalars(select(User).where(User.id.in_(sample))).all()
    for user in users:
        for _ in range(rng.randint(1, 4)):
            browser, os_family, _device = _pick(rng, AGENTS[:6])
            db.session.add(
                SecurityEvent(
                    user_id=user.id,
                    kind=rng.choice(["signin"] * 5 + ["signin_failed"]),
                    ip=f"192.0.2.{rng.randint(1, 254)}",
                    browser=browser,
                    os=os_family,
                    created_at=now
                    - timedelta(days=rng.randint(0, 25), minutes=rng.randint(0, 900)),
                )
            )
    db.session.commit()
    echo(f"Added {len(rows)} page views over 30 days and security logs for {len(users)} accounts.")
