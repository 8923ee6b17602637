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

COUNTRY_CODES = tuple(sorted(c.alpha_2 for c in pycountry.countries))
LANGUAGE_CODES = tuple(
    sorted(lang.alpha_2 for lang in pycountry.languages if hasattr(lang, "alpha_2"))
)


def _locale() -> Locale:
    return get_locale() or Locale("en")


def country_name(code: str | None) -> str:
    if not code:
        return ""
    return _locale().territories.get(code) or pycountry.countries.get(alpha_2=code).name


def language_name(code: str | None) -> str:
    if not code:
        return ""
    name = _locale().languages.get(code)
    return name[:1].upper() + name[1:] if name else pycountry.languages.get(alpha_2=code).name


@cache
def _sorted_choices(kind: str, locale: str) -> list[tuple[str, str]]:
    codes, name = (COUNTRY_CODES, country_name) if kind == "country" else (
        LANGUAGE_CODES, language_name)
    # "ё" sorts with "е", as Russian dictionaries do (by code point it would follow "я").
    return sorted(((code, name(code)) for code in codes),
                  key=lambda pair: pair[1].casefold().replace("ё", "е"))


def country_choices() -> list[tuple[str, str]]:
    """(code, localized name) for every country, sorted by name in the reader's language."""
    return _sorted_choices("country", str(_locale()))


def language_choices() -> list[tuple[str, str]]:
    return _sorted_choices("language", str(_locale()))
