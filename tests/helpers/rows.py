"""Rows in every table (the no-trace and export tests), browsers' user agents, a GeoIP
database."""

import hashlib
import io
from datetime import date

from PIL import Image

from outstaff import personal_data
from outstaff.core.extensions import db
from outstaff.models import (
    AuditEntry,
    BlockedCompany,
    ConsentRecord,
    DeveloperProfile,
    EmployerProfile,
    ImageBlob,
    Offer,
    Photo,
    ProfileView,
    SecurityEvent,
    ShortlistEntry,
    User,
    utcnow,
)
from outstaff.models.base import PersonalData

# --- Rows in every table, browsers, GeoIP -----------------------------------------

FIREFOX = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0"
IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1"
)


def png_bytes(color=(200, 30, 30), size=(8, 8)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, format="PNG")
    return buffer.getvalue()


def make_photo(user: User, profile: DeveloperProfile) -> tuple[Photo, bytes, bytes]:
    thumb, large = png_bytes((10, 20, 30)), png_bytes((40, 50, 60), (16, 16))
    for data, (w, h) in ((thumb, (8, 8)), (large, (16, 16))):
        db.session.add(
            ImageBlob(
                sha256=hashlib.sha256(data).hexdigest(),
                content_type="image/png",
                width=w,
                height=h,
                data=data,
            )
        )
    photo = Photo(
        user_id=user.id,
        thumb_sha=hashlib.sha256(thumb).hexdigest(),
        large_sha=hashlib.sha256(large).hexdigest(),
    )
    db.session.add(photo)
    db.session.flush()
    profile.photo_id = photo.id
    db.session.commit()
    return photo, thumb, large


# The developer's questionnaire in fill_everything: every column filled.
FULL_PROFILE = dict(
    first_name="Aigerim",
    last_name="Nurlanovna",
    current_company="Kaspi Lab",
    country="KZ",
    english_level="B2",
    english_rank=4,
    telegram="aigerim_dev",
    phone="+77011234567",
    profession="backend",
    profession_other="Backend wizard",
    years_experience=6,
    availability="open",
    bio="Python and PostgreSQL.",
    contact_visibility="after_accept",
    languages=("kk", "en"),
    skills=("PostgreSQL",),
)


def fill_everything(make_profile, developer: User, employer: User, admin: User) -> None:
    """A row of every kind the site keeps about the developer and the employer."""
    profile = make_profile(user=developer, published_at=utcnow(), **FULL_PROFILE)
    make_photo(developer, profile)
    db.session.add_all(
        [
            EmployerProfile(
                user_id=employer.id,
                first_name="Dana",
                last_name="Boss",
                company_name="Hire Co",
                company_name_norm="hire co",
                country="DE",
                website="https://hire.example",
                phone="+4915112345678",
                telegram="hireco_hr",
            ),
            BlockedCompany(
                profile_id=profile.id,
                user_id=developer.id,
                kind="company",
                value="Kaspi Lab",
                value_norm="kaspi lab",
            ),
            ProfileView(developer_id=developer.id, employer_id=employer.id, day=date.today()),
            Offer(
                employer_id=employer.id,
                developer_id=developer.id,
                role_title="Backend lead",
                engagement="contract",
                rate_amount=50,
                currency="EUR",
                rate_period="hour",
                start_date=date.today(),
                duration="6 months",
                message="Join us!",
                state="accepted",
                reply="Gladly",
            ),
            ShortlistEntry(employer_id=employer.id, developer_id=developer.id, note="Strong"),
            ConsentRecord(
                user_id=developer.id, purpose="publish_profile", granted=True, policy_version=1
            ),
            AuditEntry(
                actor_id=admin.id,
                action="profile.hide",
                target_user_id=developer.id,
                note="Checked the photo",
            ),
            SecurityEvent(
                user_id=developer.id,
                kind="signin",
                ip="203.0.113.9",
                browser="Firefox",
                os="Windows",
            ),
        ]
    )
    developer.last_seen_at = utcnow()
    db.session.commit()


def _mmdb_value(value) -> bytes:
    """MaxMind DB data-section encoding of the few types a country record needs."""
    if isinstance(value, dict):
        out = bytes([(7 << 5) | len(value)])
        for key, item in value.items():
            out += _mmdb_value(key) + _mmdb_value(item)
        return out
    if isinstance(value, str):
        data = value.encode()
        return bytes([(2 << 5) | len(data)]) + data
    if isinstance(value, list):  # array: extended type 11
        return bytes([len(value), 11 - 7]) + b"".join(_mmdb_value(v) for v in value)
    if isinstance(value, tuple):  # ("uint16"|"uint32"|"uint64", n)
        kind, number = value
        width = {"uint16": 2, "uint32": 4, "uint64": 8}[kind]
        data = number.to_bytes(width, "big").lstrip(b"\0")
        if kind == "uint64":
            return bytes([len(data), 9 - 7]) + data
        return bytes([({"uint16": 5, "uint32": 6}[kind] << 5) | len(data)]) + data
    raise TypeError(value)


def write_mmdb(path, network: str, iso_code: str) -> None:
    """A minimal IPv4 GeoIP2-Country-style database: one network -> one country."""
    import ipaddress

    net = ipaddress.ip_network(network)
    bits = format(int(net.network_address), "032b")[: net.prefixlen]
    node_count = len(bits)
    data = _mmdb_value({"country": {"iso_code": iso_code}})
    pointer = node_count + 16  # data offset 0, as a search-tree record value
    tree = b""
    for i, bit in enumerate(bits):
        follow = pointer if i == node_count - 1 else i + 1
        left, right = (follow, node_count) if bit == "0" else (node_count, follow)
        tree += left.to_bytes(3, "big") + right.to_bytes(3, "big")
    metadata = _mmdb_value(
        {
            "node_count": ("uint32", node_count),
            "record_size": ("uint16", 24),
            "ip_version": ("uint16", 4),
            "database_type": "Test-Country",
            "languages": ["en"],
            "binary_format_major_version": ("uint16", 2),
            "binary_format_minor_version": ("uint16", 0),
            "build_epoch": ("uint64", 1_700_000_000),
            "description": {"en": "test"},
        }
    )
    path.write_bytes(tree + b"\0" * 16 + data + b"\xab\xcd\xefMaxMind.com" + metadata)


# --- Personal-data declarations -------------------------------------------------


def declaration_of(table_name: str) -> PersonalData | None:
    for mapper in db.Model.registry.mappers:
        if mapper.local_table.name == table_name:
            return getattr(mapper.class_, "__personal_data__", None)
    return None


def id_columns(table, decl: PersonalData) -> list[str]:
    """The declared parties that hold a user's id (not a parent row's, like a skill's)."""
    return [c for c in decl.parties if personal_data.declared_parent(table.c[c]) is None]


def set_rate(currency: str, per_usd, valid_from: date) -> None:
    """The exchange rate of a day, written or replaced (browser tests share one database, so
    two of them may set today's rate of the same currency)."""
    from outstaff.models import ExchangeRate

    rate = db.session.scalar(
        db.select(ExchangeRate).filter_by(currency=currency, valid_from=valid_from)
    )
    if rate is None:
        db.session.add(ExchangeRate(currency=currency, per_usd=per_usd, valid_from=valid_from))
    else:
        rate.per_usd = per_usd
