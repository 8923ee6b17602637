"""`DeveloperProfile.search_text`: the questionnaire's case-folded words, kept for the admin.

The listing searches the index (outstaff.search), which holds published questionnaires
only. The admin's user search must also find unpublished and hidden questionnaires by
name, case-insensitively in any script, and SQLite's LIKE and lower() fold ASCII only
("Иван" would miss "иван"); so every save still keeps `search_text` case-folded (name,
profession, skills, bio) and the admin matches it with LIKE (outstaff.admin.users). Demo
rows and test fixtures fill it with `search_text()`, the same rule as the save.
"""

import unicodedata
from functools import cache

from flask_babel import force_locale

from outstaff.choices import PROFESSION_LABELS

MAX_QUERY = 100


def fold(text: str | None) -> str:
    """The one folding both sides use: Unicode NFKC, then case-folded ("ИВАН" -> "иван")."""
    return unicodedata.normalize("NFKC", text or "").casefold()


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
