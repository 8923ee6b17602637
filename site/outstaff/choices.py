"""The domain's fixed vocabularies, one place for forms, filters and pages.

Countries are ISO 3166-1 alpha-2 and languages ISO 639-1 (pycountry), named in the reader's
language by Babel.
"""

from functools import cache

import pycountry
from babel import Locale
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l

ENGLISH_LEVELS = [
    ("A1", _l("A1 — Beginner")),
    ("A2", _l("A2 — Elementary")),
    ("B1", _l("B1 — Intermediate")),
    ("B2", _l("B2 — Upper intermediate")),
    ("C1", _l("C1 — Advanced")),
    ("C2", _l("C2 — Proficient")),
    ("native", _l("Native speaker")),
]
ENGLISH_RANK = {code: rank for rank, (code, _label) in enumerate(ENGLISH_LEVELS, start=1)}

PROFESSIONS = [
    ("backend", _l("Back-end developer")),
    ("frontend", _l("Front-end developer")),
    ("fullstack", _l("Full-stack developer")),
    ("mobile", _l("Mobile developer")),
    ("qa", _l("QA engineer")),
    ("devops", _l("DevOps engineer")),
    ("data", _l("Data engineer")),
    ("ml", _l("Machine learning engineer")),
    ("gamedev", _l("Game developer")),
    ("embedded", _l("Embedded developer")),
    ("security", _l("Security engineer")),
    ("design", _l("UI/UX designer")),
    ("pm", _l("Project manager")),
    ("analyst", _l("Business analyst")),
    ("other", _l("Other")),
]
PROFESSION_LABELS = dict(PROFESSIONS)

AVAILABILITY = [
    ("open", _l("Open to offers")),
    ("not_now", _l("Not looking right now")),
]
AVAILABILITY_LABELS = dict(AVAILABILITY)

CONTACT_VISIBILITY = [
    ("after_accept", _l("Only to employers whose offer I accept")),
    ("employers", _l("To every approved employer who can see my questionnaire")),
]

ENGAGEMENTS = [
    ("full_time", _l("Full-time")),
    ("part_time", _l("Part-time")),
    ("contract", _l("Contract")),
    ("freelance", _l("Freelance")),
]
RATE_PERIODS = [
    ("hour", _l("per hour")),
    ("month", _l("per month")),
    ("project", _l("for the project")),
]

OFFER_STATES = {
    "sent": _l("Sent"),
    "viewed": _l("Viewed"),
    "accepted": _l("Accepted"),
    "declined": _l("Declined"),
    "withdrawn": _l("Withdrawn"),
    "expired": _l("Expired"),
}
PIPELINE_STAGES = [
    ("shortlisted", _l("Shortlisted")),
    ("contacted", _l("Contacted")),
    ("interviewing", _l("Interviewing")),
    ("hired", _l("Hired")),
    ("not_a_fit", _l("Not a fit")),
]
DECLINE_REASONS = [
    ("rate", _l("The rate")),
    ("timing", _l("The timing")),
    ("domain", _l("The domain or the project")),
    ("other", _l("Something else")),
]

FEEDBACK_TOPICS = {
    "general": _l("A general question"),
    "vacancy": _l("A vacancy"),
    "services": _l("Our services"),
    "privacy": _l("A privacy request (for example: what data do you store about me?)"),
    "other": _l("Something else"),
}

SECURITY_EVENTS = {
    "signin": _l("Signed in"),
    "signin_failed": _l("Failed sign-in (wrong password)"),
    "signin_limited": _l("Sign-in paused after too many wrong passwords"),
    "password_changed": _l("Password changed"),
    "password_reset": _l("Password reset by email link"),
    "email_changed": _l("Email address changed"),
    "two_factor_changed": _l("Two-factor sign-in changed"),
}

COUNTRY_CODES = tuple(sorted(c.alpha_2 for c in pycountry.countries))
LANGUAGE_CODES = tuple(
    sorted(lang.alpha_2 for lang in pycountry.languages if hasattr(lang, "alpha_2"))
)


def _locale() -> Locale:
    return get_locale() or Locale("en")


def country_name(code: str | None) -> str:
    if not code:
        return ""
    known = pycountry.countries.get(alpha_2=code)
    return _locale().territories.get(code) or (known.name if known else code)


def language_name(code: str | None) -> str:
    if not code:
        return ""
    name = _locale().languages.get(code)
    if name:
        return name[:1].upper() + name[1:]
    known = pycountry.languages.get(alpha_2=code)
    return known.name if known else code


@cache
def _sorted_choices(kind: str, locale: str) -> list[tuple[str, str]]:
    codes, name = (
        (COUNTRY_CODES, country_name) if kind == "country" else (LANGUAGE_CODES, language_name)
    )
    # "ё" sorts with "е", as Russian dictionaries do (by code point it would follow "я").
    return sorted(
        ((code, name(code)) for code in codes),
        key=lambda pair: pair[1].casefold().replace("ё", "е"),
    )


def country_choices() -> list[tuple[str, str]]:
    """(code, localized name) for every country, sorted by name in the reader's language."""
    return _sorted_choices("country", str(_locale()))


def language_choices() -> list[tuple[str, str]]:
    return _sorted_choices("language", str(_locale()))


def _vocabularies() -> dict:
    return {
        "country": country_name,
        "language": language_name,
        "english": dict(ENGLISH_LEVELS),
        "profession": PROFESSION_LABELS,
        "availability": AVAILABILITY_LABELS,
        "contact_visibility": dict(CONTACT_VISIBILITY),
        "engagement": dict(ENGAGEMENTS),
        "rate_period": dict(RATE_PERIODS),
        "offer_state": OFFER_STATES,
        "decline_reason": dict(DECLINE_REASONS),
        "pipeline_stage": dict(PIPELINE_STAGES),
        "feedback_topic": FEEDBACK_TOPICS,
        "security_event": SECURITY_EVENTS,
    }


def label(kind: str, code: str | None) -> str:
    """The reader's words for a stored code of one vocabulary ("" for none): the one lookup
    that pages, mail and the console use."""
    if not code:
        return ""
    names = _vocabularies()[kind]
    name = names(code) if callable(names) else names.get(code)
    return str(name) if name else code
