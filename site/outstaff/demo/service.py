"""Realistic fake accounts for demos and benchmarks (`flask seed-demo`).

Fast at scale: Faker fills small pools of names and sentences per locale once, a seeded rng
combines them, and rows go in with bulk inserts in batches (100,000 developers in well under
two minutes). Every account shares one password hash of a random password; the known demo
logins get their own (printed, and kept in instance/demo-logins.txt).
"""

import random
import secrets
from collections.abc import Callable
from pathlib import Path

from faker import Faker
from flask import current_app
from sqlalchemy import func, select, text

from outstaff.accounts import service as accounts
from outstaff.core import bulk
from outstaff.core.extensions import db
from outstaff.demo import terms as demo_terms
from outstaff.demo.rows import REGIONS, Pools, RowMaker
from outstaff.models import (
    DeveloperHour,
    DeveloperLanguage,
    DeveloperProfile,
    DeveloperSkill,
    EmployerProfile,
    Photo,
    User,
    WorkHistoryEntry,
)
from outstaff.search import index as search_index

LOGINS_FILE = "demo-logins.txt"
BATCH = 5000


def photo_pool() -> list[tuple[str, str]]:
    """(thumb sha256, large sha256) of a small pool of generated avatars, stored once.

    Each developer still gets a Photo row of their own (deleting an account deletes only
    that row), pointing at the shared, content-addressed blobs.
    """
    from outstaff.demo import avatars

    return avatars.pool(12)


def feature_seeds() -> list[Callable]:
    """Each feature's `seed(rng, fakers, echo)`, run after the accounts exist."""
    from outstaff.demo import feedback as feedback_demo
    from outstaff.demo import offers as offers_demo
    from outstaff.demo import privacy as privacy_demo

    return [demo_terms.seed, offers_demo.seed, feedback_demo.seed, privacy_demo.seed]


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
            db.session.execute(
                text(
                    f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), "
                    f'(SELECT COALESCE(MAX(id), 1) FROM "{table}"))'
                )
            )


def _insert(ids: Ids, model, rows: list[dict]) -> list[int]:
    """Bulk-insert rows with fresh ids; returns the ids."""
    new = ids.take(model, len(rows))
    for row, row_id in zip(rows, new, strict=True):
        row["id"] = row_id
    _rows(model, rows)
    return new


def _rows(model, rows: list[dict]) -> None:
    bulk.insert(db.session.connection(), model.__table__, rows)


def insert_developers(
    maker: RowMaker,
    ids: Ids,
    users: list[dict],
    regions: list[tuple],
    photos: list[tuple[str, str]],
) -> list[int]:
    """Bulk-insert developer accounts with questionnaires; returns the profile ids."""
    user_ids = _insert(ids, User, users)
    photo_ids: list[int | None] = [None] * len(user_ids)
    if photos:
        with_photo = [i for i in range(len(user_ids)) if maker.rng.random() < 0.8]
        picks = [maker.rng.choice(photos) for _ in with_photo]
        photo_ids_made = _insert(
            ids,
            Photo,
            [
                {"user_id": user_ids[i], "thumb_sha": t, "large_sha": lg, "created_at": maker.now}
                for i, (t, lg) in zip(with_photo, picks, strict=True)
            ],
        )
        for i, photo_id in zip(with_photo, photo_ids_made, strict=True):
            photo_ids[i] = photo_id
    made = [
        maker.developer(uid, region, pid, user["email_confirmed_at"] or user["created_at"])
        for uid, region, pid, user in zip(user_ids, regions, photo_ids, users, strict=True)
    ]
    extras = [
        demo_terms.for_developer(maker, row, region[0])
        for (row, _c, _s), region in zip(made, regions, strict=True)
    ]
    profile_ids = _insert(ids, DeveloperProfile, [row for row, _c, _s in made])
    _insert_terms(ids, profile_ids, extras)
    languages, skills = [], []
    for pid, (_row, codes, names) in zip(profile_ids, made, strict=True):
        languages += [{"profile_id": pid, "code": code} for code in codes]
        skills += [
            {"profile_id": pid, "name": name, "name_norm": name.casefold(), "position": i}
            for i, name in enumerate(names)
        ]
    _rows(DeveloperLanguage, languages)
    _rows(DeveloperSkill, skills)
    return profile_ids


def _insert_terms(ids: Ids, profile_ids: list[int], extras: list[tuple]) -> None:
    """Each developer's UTC working hours and work history (outstaff.demo.terms)."""
    hours, history = [], []
    for pid, (utc_hours, entries) in zip(profile_ids, extras, strict=True):
        hours += [{"profile_id": pid, "utc_hour": h} for h in utc_hours]
        history += [{**entry, "profile_id": pid} for entry in entries]
    _rows(DeveloperHour, hours)
    _insert(ids, WorkHistoryEntry, history)


def seed(
    developers: int,
    employers: int,
    echo=print,
    seed_value: int = 2026,
    published: float = 0.85,
    logins: bool = True,
) -> None:
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
        users = [
            maker.user(f"developer{start + i}.{run}@example.com", "developer", shared_hash)
            for i in range(count)
        ]
        insert_developers(maker, ids, users, regions, photos)
        db.session.commit()
        if developers >= 20 * BATCH and (start // BATCH) % 4 == 3:
            echo(f"  {start + count} developers…")
    regions = [rng.choice(REGIONS) for _ in range(employers)]
    user_ids = _insert(
        ids,
        User,
        [
            maker.user(f"employer{i}.{run}@example.com", "employer", shared_hash)
            for i in range(employers)
        ],
    )
    _insert(
        ids,
        EmployerProfile,
        [maker.employer(uid, region) for uid, region in zip(user_ids, regions, strict=True)],
    )
    written = _create_demo_logins(_demo_logins(), maker, ids, photos) if logins else None
    ids.sync_sequences()
    search_index.rebuild(echo=echo)
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


def _create_demo_logins(
    logins: dict[str, str], maker: RowMaker, ids: Ids, photos: list
) -> str | None:
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
        echo("The admin sets up two-factor sign-in (any authenticator app) at first sign-in.")
