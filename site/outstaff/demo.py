"""Realistic fake accounts for demos and benchmarks (`flask seed-demo`).

Fast at scale: Faker fills small pools of names and sentences per locale once, a seeded rng
combines them, and rows go in with bulk inserts in batches (100,000 developers in well under
two minutes). Every account shares one password hash of a random password; the known demo
logins get their own (printed, and kept in instance/demo-logins.txt).
"""

import random
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

import phonenumbers
from faker import Faker
from flask import current_app
from sqlalchemy import func, insert, select, text

from outstaff.choices import ENGLISH_RANK, PROFESSIONS
from outstaff.extensions import db
from outstaff.listing.search import search_text
from outstaff.models import (
    DeveloperLanguage,
    DeveloperProfile,
    DeveloperSkill,
    EmployerProfile,
    Photo,
    User,
    utcnow,
)
from outstaff.services import accounts
from outstaff.services.visibility import normalize_company
from outstaff.tokens import new_session_token

# Faker locale -> (country, the languages people there commonly speak)
REGIONS = [
    ("ru_RU", "RU", ["ru"]),
    ("uk_UA", "UA", ["uk", "ru"]),
    ("pl_PL", "PL", ["pl"]),
    ("de_DE", "DE", ["de"]),
    ("en_US", "US", []),
    ("en_GB", "GB", []),
    ("es_ES", "ES", ["es"]),
    ("tr_TR", "TR", ["tr"]),
    ("pt_BR", "BR", ["pt"]),
    ("hy_AM", "AM", ["hy", "ru"]),
    ("ka_GE", "GE", ["ka", "ru"]),
]
SKILLS = {
    "backend": ["Python", "Django", "Flask", "Go", "PostgreSQL", "Java", "Spring", "Kotlin",
                "Node.js", "Redis", "Kafka", "C#", ".NET", "PHP", "Laravel", "Rust"],
    "frontend": ["JavaScript", "TypeScript", "React", "Vue", "Angular", "CSS", "Svelte",
                 "Next.js", "Webpack", "Accessibility"],
    "mobile": ["Swift", "Kotlin", "Flutter", "React Native", "iOS", "Android", "Dart"],
    "qa": ["Selenium", "Playwright", "Pytest", "Cypress", "Test design", "JMeter"],
    "devops": ["Kubernetes", "Docker", "Terraform", "AWS", "GCP", "Ansible", "Linux", "CI/CD"],
    "data": ["SQL", "Spark", "Airflow", "dbt", "ClickHouse", "Python", "Kafka"],
    "ml": ["PyTorch", "TensorFlow", "scikit-learn", "NLP", "Computer vision", "Python"],
    "design": ["Figma", "UX research", "Prototyping", "Design systems"],
}
BIO_OPENINGS = [
    "{years} years of building things with {a} and {b}.",
    "I like hard problems, clear code and {a}.",
    "Mostly {a}, lately a lot of {b}.",
    "Shipped products for startups and banks; happiest with {a}.",
    "Looking for a team that cares about {a} and testing.",
]
LOGINS_FILE = "demo-logins.txt"
BATCH = 5000
POOL = 60


def photo_pool() -> list[tuple[str, str]]:
    """(thumb sha256, large sha256) of image blobs already stored, shared by demo photos.

    The questionnaire's photo pipeline provides a small generated pool; until it is wired in
    here, demo developers have no photo. Each developer still gets a Photo row of their own
    (deleting an account deletes only that row), pointing at the shared blobs.
    """
    return []


def feature_seeds() -> list[Callable]:
    """Each feature's `seed(rng, fakers, echo)`, run after the accounts exist."""
    return []


@dataclass
class Pools:
    """Small per-locale pools of Faker output; combining them is what makes seeding fast."""

    first: dict[str, list[str]] = field(default_factory=dict)
    last: dict[str, list[str]] = field(default_factory=dict)
    sentences: dict[str, list[str]] = field(default_factory=dict)
    companies: dict[str, list[str]] = field(default_factory=dict)
    usernames: dict[str, list[str]] = field(default_factory=dict)
    phones: dict[str, str] = field(default_factory=dict)

    @classmethod
    def build(cls, fakers: dict[str, Faker]) -> "Pools":
        pools = cls()
        for (locale, country, _spoken), fake in zip(REGIONS, fakers.values(), strict=True):
            pools.first[locale] = [fake.first_name() for _ in range(POOL)]
            pools.last[locale] = [fake.last_name() for _ in range(POOL)]
            pools.sentences[locale] = [fake.sentence(nb_words=8) for _ in range(POOL)]
            pools.companies[locale] = [fake.company() for _ in range(POOL // 2)]
            pools.usernames[locale] = [
                "".join(c for c in fake.user_name() if c.isalnum()) or "dev"
                for _ in range(POOL)
            ]
            example = phonenumbers.example_number(country)
            pools.phones[locale] = phonenumbers.format_number(
                example, phonenumbers.PhoneNumberFormat.E164) if example else ""
        return pools


class RowMaker:
    """Builds row dicts for bulk inserts from the pools and one seeded rng."""

    def __init__(self, rng: random.Random, pools: Pools, published: float = 0.85):
        self.rng, self.pools, self.published = rng, pools, published
        self.now = utcnow()
        self.professions = [code for code, _label in PROFESSIONS if code != "other"]
        self.levels = list(ENGLISH_RANK)

    def user(self, email: str, role: str, password_hash: str) -> dict:
        approval = None
        if role == "employer":
            approval = self.rng.choice(["approved", "approved", "pending"])
        return {
            "email": email, "password_hash": password_hash, "role": role, "status": "active",
            "approval": approval, "approved_at": self.now if approval == "approved" else None,
            "email_confirmed_at": self.now, "created_at": self.now,
            "session_token": new_session_token(), "password_changed_at": self.now,
        }

    def developer(self, user_id: int, region: tuple, photo_id: int | None) -> tuple:
        """(profile row, language codes, skill names) for one developer."""
        rng, pools = self.rng, self.pools
        locale, country, spoken = region
        profession = rng.choice(self.professions)
        level = rng.choice(self.levels)
        skills = rng.sample(pool := SKILLS.get(profession) or SKILLS[rng.choice(list(SKILLS))],
                            k=min(len(pool), rng.randint(3, 7)))
        years = rng.randint(0, 20)
        first, last = rng.choice(pools.first[locale]), rng.choice(pools.last[locale])
        bio = " ".join([rng.choice(BIO_OPENINGS).format(years=years, a=skills[0], b=skills[1]),
                        *rng.sample(pools.sentences[locale], 2)])
        phone = pools.phones[locale]
        published = rng.random() < self.published
        updated = self.now - timedelta(seconds=rng.randint(0, 365 * 24 * 3600))
        row = {
            "user_id": user_id, "first_name": first, "last_name": last,
            "current_company": rng.choice(pools.companies[locale]) if rng.random() < .5 else None,
            "country": country, "english_level": level, "english_rank": ENGLISH_RANK[level],
            "telegram": f"{rng.choice(pools.usernames[locale])[:20]}_{rng.randint(10, 999)}",
            "phone": phone[:-3] + f"{rng.randint(0, 999):03d}" if phone else None,
            "profession": profession, "profession_other": None, "years_experience": years,
            "availability": rng.choice(["open", "open", "not_now"]), "bio": bio,
            "contact_visibility": rng.choice(["after_accept", "employers"]),
            "photo_id": photo_id, "is_published": published,
            "published_at": updated if published else None, "hidden_at": None,
            "created_at": updated, "updated_at": updated,
            "search_text": search_text(first, last, profession, None, skills, bio),
        }
        if not row["telegram"][0].isalpha():
            row["telegram"] = "dev" + row["telegram"]
        codes = sorted(set(spoken + (["en"] if ENGLISH_RANK[level] >= 4 else [])))
        return row, codes, skills

    def employer(self, user_id: int, region: tuple) -> dict:
        locale, country, _spoken = region
        company = self.rng.choice(self.pools.companies[locale])
        slug = "".join(c for c in company.lower() if c.isascii() and c.isalnum())[:20] or "co"
        return {
            "user_id": user_id, "first_name": self.rng.choice(self.pools.first[locale]),
            "last_name": self.rng.choice(self.pools.last[locale]), "company_name": company,
            "company_name_norm": normalize_company(company), "country": country,
            "website": f"https://{slug}.example.com", "phone": None, "telegram": None,
            "updated_at": self.now,
        }


class Ids:
    """Hands out primary keys, so bulk inserts need no RETURNING (slow for big batches)."""

    def __init__(self):
        self.next = {}

    def take(self, model, count: int) -> list[int]:
        if model not in self.next:
            self.next[model] = (db.session.scalar(select(func.max(model.id))) or 0) + 1
        start = self.next[model]
        self.next[model] = start + count
        return list(range(start, start + count))

    def sync_sequences(self) -> None:
        """PostgreSQL's id sequences must continue after the ids given out here."""
        if db.session.get_bind().dialect.name != "postgresql":
            return
        for model in self.next:
            table = model.__table__.name
            db.session.execute(text(
                f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), "
                f"(SELECT COALESCE(MAX(id), 1) FROM \"{table}\"))"))


def _insert(ids: Ids, model, rows: list[dict]) -> list[int]:
    """Bulk-insert rows with fresh ids; returns the ids."""
    new = ids.take(model, len(rows))
    for row, row_id in zip(rows, new, strict=True):
        row["id"] = row_id
    if rows:
        db.session.execute(insert(model), rows)
    return new


def insert_developers(maker: RowMaker, ids: Ids, users: list[dict], regions: list[tuple],
                      photos: list[tuple[str, str]]) -> list[int]:
    """Bulk-insert developer accounts with questionnaires; returns the profile ids."""
    user_ids = _insert(ids, User, users)
    photo_ids: list[int | None] = [None] * len(user_ids)
    if photos:
        with_photo = [i for i in range(len(user_ids)) if maker.rng.random() < 0.8]
        picks = [maker.rng.choice(photos) for _ in with_photo]
        photo_ids_made = _insert(ids, Photo, [
            {"user_id": user_ids[i], "thumb_sha": t, "large_sha": lg, "created_at": maker.now}
            for i, (t, lg) in zip(with_photo, picks, strict=True)])
        for i, photo_id in zip(with_photo, photo_ids_made, strict=True):
            photo_ids[i] = photo_id
    made = [maker.developer(uid, region, pid)
            for uid, region, pid in zip(user_ids, regions, photo_ids, strict=True)]
    profile_ids = _insert(ids, DeveloperProfile, [row for row, _c, _s in made])
    languages, skills = [], []
    for pid, (_row, codes, names) in zip(profile_ids, made, strict=True):
        languages += [{"profile_id": pid, "code": code} for code in codes]
        skills += [{"profile_id": pid, "name": name, "name_norm": name.casefold(),
                    "position": i} for i, name in enumerate(names)]
    if languages:
        db.session.execute(insert(DeveloperLanguage), languages)
    db.session.execute(insert(DeveloperSkill), skills)
    return profile_ids


def seed(developers: int, employers: int, echo=print, seed_value: int = 2026,
         published: float = 0.85, logins: bool = True) -> None:
    """Add fake accounts; `published` is the share of published questionnaires, `logins`
    creates the known demo accounts (and writes their password to the instance folder)."""
    rng = random.Random(seed_value)
    fakers = {region[0]: Faker(region[0]) for region in REGIONS}
    for fake in fakers.values():
        fake.seed_instance(seed_value)
    maker = RowMaker(rng, Pools.build(fakers), published)
    shared_hash = accounts.hash_password(secrets.token_urlsafe(16))
    photos = photo_pool()
    run = secrets.token_hex(3)  # seeding twice into one database must not clash on emails
    ids = Ids()

    for start in range(0, developers, BATCH):
        count = min(BATCH, developers - start)
        regions = [rng.choice(REGIONS) for _ in range(count)]
        users = [maker.user(f"developer{start + i}.{run}@example.com", "developer", shared_hash)
                 for i in range(count)]
        insert_developers(maker, ids, users, regions, photos)
        db.session.commit()
        if developers >= 20 * BATCH and (start // BATCH) % 4 == 3:
            echo(f"  {start + count} developers…")
    regions = [rng.choice(REGIONS) for _ in range(employers)]
    user_ids = _insert(ids, User, [
        maker.user(f"employer{i}.{run}@example.com", "employer", shared_hash)
        for i in range(employers)])
    _insert(ids, EmployerProfile, [
        maker.employer(uid, region) for uid, region in zip(user_ids, regions, strict=True)])
    written = _create_demo_logins(_demo_logins(), maker, ids, photos) if logins else None
    ids.sync_sequences()
    db.session.commit()
    if written:
        path = Path(current_app.instance_path) / LOGINS_FILE
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(written, encoding="utf-8")
    for feature_seed in feature_seeds():
        feature_seed(rng, fakers, echo)
    db.session.execute(text("ANALYZE"))  # fresh planner statistics after a bulk load
    db.session.commit()
    echo(f"Added {developers} developers and {employers} employers.")


def _demo_logins() -> dict[str, str]:
    return {
        "developer": "developer@example.com",
        "employer": "employer@example.com",
        "admin": "admin@example.com",
    }


def _create_demo_logins(logins: dict[str, str], maker: RowMaker, ids: Ids,
                        photos: list) -> str | None:
    """Known accounts for trying the site; their shared password is random per install.
    Returns the text of the logins file (None when they exist already)."""
    if accounts.find_by_email(logins["admin"]):
        return None
    password = secrets.token_urlsafe(9)
    region = REGIONS[5]
    for role, email in logins.items():
        row = maker.user(email, role, accounts.hash_password(password))
        if role == "developer":
            insert_developers(maker, ids, [row], [region], photos)
            continue
        row["approval"] = "approved" if role == "employer" else None
        row["approved_at"] = maker.now if role == "employer" else None
        user_id = _insert(ids, User, [row])[0]
        if role == "employer":
            _insert(ids, EmployerProfile, [maker.employer(user_id, region)])
    lines = [f"{role:<10} {email:<26} {password}" for role, email in logins.items()]
    return "\n".join(lines) + "\n"


def print_logins(echo=print) -> None:
    path = Path(current_app.instance_path) / LOGINS_FILE
    if path.exists():
        echo("\nDemo logins (role, email, password):")
        echo(path.read_text(encoding="utf-8"))
