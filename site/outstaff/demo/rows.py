"""What demo rows look like: Faker pools per locale, combined by a seeded rng into row
dicts for bulk inserts (outstaff.demo inserts them)."""

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import phonenumbers
from faker import Faker

from outstaff.choices import ENGLISH_RANK, PROFESSIONS
from outstaff.listing.search import search_text
from outstaff.models import utcnow
from outstaff.visibility import normalize_company

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
    "backend": [
        "Python",
        "Django",
        "Flask",
        "Go",
        "PostgreSQL",
        "Java",
        "Spring",
        "Kotlin",
        "Node.js",
        "Redis",
        "Kafka",
        "C#",
        ".NET",
        "PHP",
        "Laravel",
        "Rust",
    ],
    "frontend": [
        "JavaScript",
        "TypeScript",
        "React",
        "Vue",
        "Angular",
        "CSS",
        "Svelte",
        "Next.js",
        "Webpack",
        "Accessibility",
    ],
    "mobile": ["Swift", "Kotlin", "Flutter", "React Native", "iOS", "Android", "Dart"],
    "qa": ["Selenium", "Playwright", "Pytest", "Cypress", "Test design", "JMeter"],
    "devops": ["Kubernetes", "Docker", "Terraform", "AWS", "GCP", "Ansible", "Linux", "CI/CD"],
    "data": ["SQL", "Spark", "Airflow", "dbt", "ClickHouse", "Python", "Kafka"],
    "ml": ["PyTorch", "TensorFlow", "scikit-learn", "NLP", "Computer vision", "Python"],
    "design": ["Figma", "UX research", "Prototyping", "Design systems"],
    "fullstack": ["Python", "Django", "TypeScript", "React", "PostgreSQL", "Docker", "REST"],
    "gamedev": ["Unity", "C#", "Unreal Engine", "C++", "Shaders", "Game design"],
    "embedded": ["C", "C++", "RTOS", "ARM", "Embedded Linux", "CAN bus", "Rust"],
    "security": ["Penetration testing", "OWASP", "Threat modelling", "Burp Suite", "SIEM"],
    "pm": ["Scrum", "Roadmapping", "Jira", "Stakeholder management", "Product discovery"],
    "analyst": ["SQL", "Requirements", "BPMN", "Power BI", "Excel", "User stories"],
}
BIO_OPENINGS = [
    "{years} years of building things with {a} and {b}.",
    "I like hard problems, clear code and {a}.",
    "Mostly {a}, lately a lot of {b}.",
    "Shipped products for startups and banks; happiest with {a}.",
    "Looking for a team that cares about {a} and testing.",
]
# What people write about themselves: real sentences, not generated filler.
BIO_SENTENCES = [
    "I prefer small teams where I can talk to the people who use what I build.",
    "Last project: moved a payments service to a new database without downtime.",
    "I write tests first when the problem is unclear, and docs when it is done.",
    "Mentored two junior colleagues through their first year.",
    "Happy to work across time zones; I keep a few hours of overlap with the team.",
    "Open to long contracts; I like to stay long enough to see what I built grow.",
    "I care about accessibility and performance as much as about features.",
    "Spoke at a local meetup about code review that does not hurt.",
    "Before software I worked in logistics, so I know what a warehouse system must do.",
    "I like to measure before optimising, and to delete code as much as to write it.",
    "Remote for five years; I write clear status notes so nobody has to ask.",
    "Interested in products for healthcare, education and the public sector.",
]
POOL = 60


@dataclass
class Pools:
    """Small per-locale pools of Faker output; combining them is what makes seeding fast."""

    first: dict[str, list[str]] = field(default_factory=dict)
    last: dict[str, list[str]] = field(default_factory=dict)
    companies: dict[str, list[str]] = field(default_factory=dict)
    usernames: dict[str, list[str]] = field(default_factory=dict)
    phones: dict[str, str] = field(default_factory=dict)

    @classmethod
    def build(cls, fakers: dict[str, Faker]) -> "Pools":
        pools = cls()
        for (locale, country, _spoken), fake in zip(REGIONS, fakers.values(), strict=True):
            pools.first[locale] = [fake.first_name() for _ in range(POOL)]
            pools.last[locale] = [fake.last_name() for _ in range(POOL)]
            pools.companies[locale] = [fake.company() for _ in range(POOL // 2)]
            pools.usernames[locale] = [
                "".join(c for c in fake.user_name() if c.isalnum()) or "dev" for _ in range(POOL)
            ]
            example = phonenumbers.example_number(country)
            pools.phones[locale] = (
                phonenumbers.format_number(example, phonenumbers.PhoneNumberFormat.E164)
                if example
                else ""
            )
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
        # Sign-ups over the past year, growing: more of them in recent months.
        created = self.now - timedelta(days=365 * (1 - self.rng.random() ** 0.5))
        confirmed = created + timedelta(minutes=self.rng.randint(2, 600))
        return {
            "email": email,
            "password_hash": password_hash,
            "role": role,
            "status": "active",
            "approval": approval,
            "approved_at": min(confirmed + timedelta(hours=self.rng.randint(2, 40)), self.now)
            if approval == "approved"
            else None,
            "email_confirmed_at": min(confirmed, self.now),
            "created_at": created,
            "password_changed_at": created,
        }

    def developer(
        self, user_id: int, region: tuple, photo_id: int | None, since: datetime
    ) -> tuple:
        """(profile row, language codes, skill names) for one developer who signed up at
        `since` (the questionnaire is written after that, never before)."""
        rng, pools = self.rng, self.pools
        locale, country, spoken = region
        profession = rng.choice(self.professions)
        level = rng.choice(self.levels)
        pool = SKILLS[profession]  # every profession has its own: skills that fit it
        skills = rng.sample(pool, k=min(len(pool), rng.randint(3, 6)))
        years = rng.randint(0, 20)
        first, last = rng.choice(pools.first[locale]), rng.choice(pools.last[locale])
        bio = " ".join(
            [
                rng.choice(BIO_OPENINGS).format(years=years, a=skills[0], b=skills[1]),
                *rng.sample(BIO_SENTENCES, 2),
            ]
        )
        phone = pools.phones[locale]
        published = rng.random() < self.published
        updated = since + (self.now - since) * rng.random()
        row = {
            "user_id": user_id,
            "first_name": first,
            "last_name": last,
            "current_company": rng.choice(pools.companies[locale]) if rng.random() < 0.5 else None,
            "country": country,
            "english_level": level,
            "english_rank": ENGLISH_RANK[level],
            "telegram": f"{rng.choice(pools.usernames[locale])[:20]}_{rng.randint(10, 999)}",
            "phone": phone[:-3] + f"{rng.randint(0, 999):03d}" if phone else None,
            "profession": profession,
            "profession_other": None,
            "years_experience": years,
            "availability": rng.choice(["open", "open", "not_now"]),
            "bio": bio,
            "contact_visibility": rng.choice(["after_accept", "employers"]),
            "photo_id": photo_id,
            "is_published": published,
            "published_at": updated if published else None,
            "hidden_at": None,
            "created_at": updated,
            "updated_at": updated,
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
            "user_id": user_id,
            "first_name": self.rng.choice(self.pools.first[locale]),
            "last_name": self.rng.choice(self.pools.last[locale]),
            "company_name": company,
            "company_name_norm": normalize_company(company),
            "country": country,
            "website": f"https://{slug}.example.com",
            "phone": None,
            "telegram": None,
            "updated_at": self.now,
        }
