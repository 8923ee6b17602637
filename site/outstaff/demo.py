"""Realistic fake accounts for demos and benchmarks (`flask seed-demo`)."""

import random
import secrets
from pathlib import Path

from faker import Faker
from flask import current_app

from outstaff.choices import ENGLISH_RANK, PROFESSIONS
from outstaff.extensions import db
from outstaff.models import (
    DeveloperLanguage,
    DeveloperProfile,
    DeveloperSkill,
    EmployerProfile,
    User,
    utcnow,
)
from outstaff.services import accounts

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
LOGINS_FILE = "demo-logins.txt"


def _skills_for(profession: str, rng: random.Random) -> list[str]:
    pool = SKILLS.get(profession) or SKILLS[rng.choice(list(SKILLS))]
    return rng.sample(pool, k=min(len(pool), rng.randint(3, 7)))


def fill_developer(user: User, fake: Faker, region: tuple, rng: random.Random) -> None:
    _locale, country, spoken = region
    profession = rng.choice([code for code, _label in PROFESSIONS if code != "other"])
    level = rng.choice(list(ENGLISH_RANK))
    profile = DeveloperProfile(
        user_id=user.id,
        first_name=fake.first_name(),
        last_name=fake.last_name(),
        current_company=fake.company() if rng.random() < 0.5 else None,
        country=country,
        english_level=level,
        english_rank=ENGLISH_RANK[level],
        telegram=f"{fake.user_name()[:20].replace('.', '_')}_{rng.randint(10, 999)}",
        phone=None,
        profession=profession,
        years_experience=rng.randint(0, 20),
        availability=rng.choice(["open", "open", "not_now"]),
        bio=fake.paragraph(nb_sentences=3)[:600],
        contact_visibility=rng.choice(["after_accept", "employers"]),
        is_published=rng.random() < 0.85,
        updated_at=utcnow(),
    )
    if not profile.telegram[0].isalpha():
        profile.telegram = "dev" + profile.telegram
    profile.published_at = utcnow() if profile.is_published else None
    codes = sorted(set(spoken + (["en"] if level in ("B2", "C1", "C2", "native") else [])))
    profile.languages = [DeveloperLanguage(code=code) for code in codes]
    skills = _skills_for(profession, rng)
    profile.skills = [
        DeveloperSkill(name=name, name_norm=name.casefold(), position=i)
        for i, name in enumerate(skills)
    ]
    profile.search_text = " ".join(
        [profile.first_name, profile.last_name, profession, *skills, profile.bio or ""]
    ).casefold()
    db.session.add(profile)


def fill_employer(user: User, fake: Faker, region: tuple) -> None:
    company = fake.company()
    db.session.add(
        EmployerProfile(
            user_id=user.id,
            first_name=fake.first_name(),
            last_name=fake.last_name(),
            company_name=company,
            company_name_norm=company.casefold(),
            country=region[1],
            website=f"https://{fake.domain_name()}",
        )
    )


def seed(developers: int, employers: int, echo=print, seed_value: int = 2026) -> None:
    rng = random.Random(seed_value)
    fakers = {region[0]: Faker(region[0]) for region in REGIONS}
    for fake in fakers.values():
        fake.seed_instance(seed_value)
    logins = _demo_logins()
    random_hash = accounts.hash_password(secrets.token_urlsafe(16))
    now = utcnow()

    for i in range(developers + employers):
        role = "developer" if i < developers else "employer"
        region = rng.choice(REGIONS)
        fake = fakers[region[0]]
        user = User(email=f"{role}{i}.{fake.user_name()}@example.com".lower(),
                    password_hash=random_hash, role=role, email_confirmed_at=now)
        if role == "employer":
            user.approval = rng.choice(["approved", "approved", "pending"])
        db.session.add(user)
        db.session.flush()
        if role == "developer":
            fill_developer(user, fake, region, rng)
        else:
            fill_employer(user, fake, region)
    db.session.commit()
    _create_demo_logins(logins, fakers, rng)
    echo(f"Added {developers} developers and {employers} employers.")


def _demo_logins() -> dict[str, str]:
    return {
        "developer": "developer@example.com",
        "employer": "employer@example.com",
        "admin": "admin@example.com",
    }


def _create_demo_logins(logins: dict[str, str], fakers: dict, rng: random.Random) -> None:
    """Known accounts for trying the site; their shared password is random per install."""
    if accounts.find_by_email(logins["admin"]):
        return
    password = secrets.token_urlsafe(9)
    now = utcnow()
    for role, email in logins.items():
        user = accounts.create_user(email, password, role)
        user.email_confirmed_at = now
        if role == "employer":
            user.approval, user.approved_at = "approved", now
            fill_employer(user, fakers["en_GB"], REGIONS[5])
        if role == "developer":
            fill_developer(user, fakers["en_GB"], REGIONS[5], rng)
    db.session.commit()
    path = Path(current_app.instance_path) / LOGINS_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [f"{role:<10} {email:<26} {password}" for role, email in logins.items()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def print_logins(echo=print) -> None:
    path = Path(current_app.instance_path) / LOGINS_FILE
    if path.exists():
        echo("\nDemo logins (role, email, password):")
        echo(path.read_text(encoding="utf-8"))
