"""Text search over questionnaires: one case-folded column, matched with LIKE.

SQLite's LIKE and lower() fold ASCII only, so "Иван" would miss "иван" there. Instead the
questionnaire keeps `DeveloperProfile.search_text` case-folded (name, profession, skills,
bio) and the query is folded the same way here, which works alike on SQLite and PostgreSQL.
"""

import unicodedata
from functools import cache

from flask_babel import force_locale

from outstaff.choices import PROFESSION_LABELS

MAX_TERMS = 8
MAX_QUERY = 100


def fold(text: str | None) -> str:
    """The one folding both sides use: Unicode NFKC, then case-folded ("ИВАН" -> "иван")."""
    return unicodedata.normalize("NFKC", text or "").casefold()


def terms(query: str | None) -> list[str]:
    """Folded words of a search box, at most MAX_TERMS, duplicates dropped."""
    words = fold((query or "")[:MAX_QUERY]).split()
    return list(dict.fromkeys(words))[:MAX_TERMS]


@cache
def _english_professions() -> dict[str, str]:
    with force_locale("en"):  # one stored language; works outside a request too
        return {code: str(label) for code, label in PROFESSION_LABELS.items()}


def search_text(
    first_name=None, last_name=None, profession=None, profession_other=None, skills=(), bio=None
) -> str:
    """What `search_text` should hold for these values (demo data and tests use it; the
    questionnaire's save path must produce the same)."""
    label = _english_professions().get(profession, "") if profession else ""
    parts = [first_name, last_name, profession, label, profession_other, *skills, bio]
    return fold(" ".join(p for p in parts if p))
