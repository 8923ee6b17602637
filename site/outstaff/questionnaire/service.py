"""Questionnaire operations: saving, derived columns, completeness, publishing, block list."""

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_ngettext
from sqlalchemy import select

from outstaff import visibility
from outstaff.accounts import service as accounts
from outstaff.choices import ENGLISH_RANK, PROFESSION_LABELS
from outstaff.core.extensions import db
from outstaff.listing.search import search_text
from outstaff.models import (
    BlockedCompany,
    ConsentRecord,
    DeveloperLanguage,
    DeveloperProfile,
    DeveloperSkill,
    User,
    utcnow,
)
from outstaff.search import index as search_index

PUBLISH_PURPOSE = "publish_profile"
BLOCKS_MAX = 100

# Needed before publishing: what employers filter and decide on. Photo, bio, company,
# phone and Telegram stay optional (the account's email always reaches the developer).
REQUIRED = {
    "first_name": _l("Name"),
    "last_name": _l("Surname"),
    "country": _l("Country"),
    "languages": _l("Languages you speak"),
    "english_level": _l("English level"),
    "profession": _l("Profession"),
    "skills": _l("Skills"),
    "years_experience": _l("Years of experience"),
    "availability": _l("Availability"),
}
RECOMMENDED = {"photo": _l("Photo"), "bio": _l("Short bio")}

SIMPLE_COLUMNS = (
    "first_name",
    "last_name",
    "current_company",
    "country",
    "english_level",
    "telegram",
    "phone",
    "profession",
    "profession_other",
    "years_experience",
    "availability",
    "bio",
    "contact_visibility",
)


def profile_of(user: User) -> DeveloperProfile | None:
    return db.session.scalar(select(DeveloperProfile).where(DeveloperProfile.user_id == user.id))


def get_or_create(user: User) -> DeveloperProfile:
    profile = profile_of(user)
    if profile is None:
        profile = DeveloperProfile(
            user_id=user.id, contact_visibility="after_accept", is_published=False, search_text=""
        )
        profile.user = user
        db.session.add(profile)
        db.session.flush()
    return profile


def profession_label(profile: DeveloperProfile) -> str:
    if profile.profession == "other":
        return profile.profession_other or ""
    label = PROFESSION_LABELS.get(profile.profession or "")
    return str(label) if label else ""


def refresh_derived(profile: DeveloperProfile) -> None:
    """Keep english_rank, updated_at and search_text in step with the fields; every save
    (the form, demo seeding) calls this."""
    profile.english_rank = ENGLISH_RANK.get(profile.english_level or "")
    profile.updated_at = utcnow()
    profile.search_text = search_text(
        profile.first_name,
        profile.last_name,
        profile.profession,
        profile.profession_other,
        [skill.name for skill in profile.skills],
        profile.bio,
    )


def set_languages(profile: DeveloperProfile, codes: list[str]) -> None:
    """Keep the rows of languages still chosen; add and remove the rest."""
    current = {lang.code: lang for lang in profile.languages}
    profile.languages = [
        current.get(code) or DeveloperLanguage(code=code) for code in sorted(set(codes))
    ]


def set_skills(profile: DeveloperProfile, names: list[str]) -> None:
    """Skills in the order typed; rows are updated in place (their key is the folded name)."""
    current = {skill.name_norm: skill for skill in profile.skills}
    skills = []
    for position, name in enumerate(names):
        skill = current.get(name.casefold()) or DeveloperSkill(name_norm=name.casefold())
        skill.name, skill.position = name, position
        skills.append(skill)
    profile.skills = skills


def save(profile: DeveloperProfile, values: dict, languages: list[str], skills: list[str]) -> None:
    """Store the questionnaire form's cleaned values (caller commits)."""
    for column in SIMPLE_COLUMNS:
        value = values.get(column)
        setattr(profile, column, value if value not in ("", None) else None)
    if profile.profession != "other":
        profile.profession_other = None
    profile.contact_visibility = values.get("contact_visibility") or "after_accept"
    set_languages(profile, languages)
    set_skills(profile, skills)
    refresh_derived(profile)
    search_index.sync(profile)


def missing(profile: DeveloperProfile | None) -> dict[str, object]:
    """Required fields still empty: {field name: label}."""
    if profile is None:
        return dict(REQUIRED)
    empty = {}
    for name, label in REQUIRED.items():
        value = getattr(profile, name)
        if value in (None, "", []) or (name == "profession" and not profession_label(profile)):
            empty[name] = label
    return empty


def missing_recommended(profile: DeveloperProfile | None) -> dict[str, object]:
    if profile is None:
        return dict(RECOMMENDED)
    return {name: label for name, label in RECOMMENDED.items() if not getattr(profile, name)}


def completeness(profile: DeveloperProfile | None) -> int:
    """Percent of the required, recommended and filtered-by fields filled in."""
    from outstaff.questionnaire import terms_service as terms

    total = len(REQUIRED) + len(RECOMMENDED) + len(terms.TERMS_FILTERED)
    total += len(terms.TERMS_RECOMMENDED)
    empty = len(missing(profile)) + len(missing_recommended(profile))
    empty += len(terms.missing_terms(profile)) + len(terms.missing_terms_recommended(profile))
    return round(100 * (total - empty) / total)


def publish_problems(user: User, profile: DeveloperProfile | None) -> list[str]:
    """Why the questionnaire cannot be published now (empty when it can)."""
    problems = []
    if not user.is_confirmed:
        problems.append(_l("Confirm your email address first: we sent you a link."))
    if empty := missing(profile):
        fields = ", ".join(str(label) for label in empty.values())
        problems.append(_l("Fill in: %(fields)s.", fields=fields))
    return problems


def publish(user: User, profile: DeveloperProfile) -> None:
    """Publish with the developer's consent, recorded in the ledger (caller commits)."""
    profile.is_published = True
    profile.published_at = utcnow()
    search_index.sync(profile)
    accounts.record_consent(user, PUBLISH_PURPOSE, True)


def unpublish(user: User, profile: DeveloperProfile) -> None:
    """Withdraw: invisible to employers from the next request on (caller commits)."""
    profile.is_published = False
    profile.published_at = None
    search_index.sync(profile)  # out of the index at once
    accounts.record_consent(user, PUBLISH_PURPOSE, False)


def consent_history(user: User, limit: int = 10) -> list[ConsentRecord]:
    return list(
        db.session.scalars(
            select(ConsentRecord)
            .where(ConsentRecord.user_id == user.id, ConsentRecord.purpose == PUBLISH_PURPOSE)
            .order_by(ConsentRecord.created_at.desc(), ConsentRecord.id.desc())
            .limit(limit)
        )
    )


def normalize_block(kind: str, value: str) -> str:
    if kind == "domain":
        return visibility.normalize_domain(value)
    return visibility.normalize_company(value)


def block_problem(profile: DeveloperProfile | None, kind: str, value: str):
    """Why `value` cannot be added to the block list, or None."""
    norm = normalize_block(kind, value)
    if not norm:
        return _l("Enter a name with letters or digits.")
    if kind == "domain" and not _looks_like_domain(norm):
        return _l("Enter a domain like acme.com.")
    blocked = profile.blocked if profile is not None else []
    if any(entry.kind == kind and entry.value_norm == norm for entry in blocked):
        return _l("This is already on your block list.")
    if len(blocked) >= BLOCKS_MAX:
        return lazy_ngettext(
            "Your block list is full (%(num)d entry).",
            "Your block list is full (%(num)d entries).",
            BLOCKS_MAX,
        )
    return None


def can_block_current_company(profile: DeveloperProfile | None) -> bool:
    """Offer a one-click block of the developer's current employer, when not blocked yet."""
    company = profile.current_company if profile is not None else None
    return bool(company) and block_problem(profile, "company", company) is None


def _looks_like_domain(text: str) -> bool:
    labels = text.split(".")
    return (
        len(labels) >= 2
        and len(text) <= 120
        and all(
            label
            and len(label) <= 63
            and all(ch.isalnum() or ch == "-" for ch in label)
            and not label.startswith("-")
            and not label.endswith("-")
            for label in labels
        )
    )


def add_block(profile: DeveloperProfile, kind: str, value: str) -> BlockedCompany:
    entry = BlockedCompany(
        profile_id=profile.id,
        user_id=profile.user_id,
        kind=kind,
        value=value,
        value_norm=normalize_block(kind, value)[:120],
    )
    profile.blocked.append(entry)
    return entry


def blocked_sorted(profile: DeveloperProfile | None) -> list[BlockedCompany]:
    if profile is None:
        return []
    return sorted(profile.blocked, key=lambda e: (e.kind, e.value_norm))
