"""Turning what developers type into the stored values: skills and free text.

Pure functions that raise `ValueError` with a user-facing message, so the form and the demo
seeding share them (Telegram and phone: outstaff.core.contacts).
"""

import re

from flask_babel import lazy_ngettext

from outstaff.core.contacts import one_line

SKILLS_MAX = 30
SKILL_MAX_CHARS = 40
BIO_MAX_CHARS = 1000


def skill_list(value: str | None) -> list[str]:
    """Comma-separated tags -> up to 30 names, each ≤ 40 characters, without repeats."""
    seen: set[str] = set()
    skills: list[str] = []
    for part in re.split(r"[,\n]", value or ""):
        name = one_line(part)
        if not name:
            continue
        if len(name) > SKILL_MAX_CHARS or len(name.casefold()) > SKILL_MAX_CHARS:
            raise ValueError(
                lazy_ngettext(
                    "Keep each skill to %(num)d character or fewer: “%(skill)s” is longer.",
                    "Keep each skill to %(num)d characters or fewer: “%(skill)s” is longer.",
                    SKILL_MAX_CHARS,
                    skill=name[:SKILL_MAX_CHARS] + "…",
                )
            )
        if name.casefold() in seen:
            continue
        seen.add(name.casefold())
        skills.append(name)
    if len(skills) > SKILLS_MAX:
        raise ValueError(
            lazy_ngettext(
                "List at most %(num)d skill; you listed %(count)d.",
                "List at most %(num)d skills; you listed %(count)d.",
                SKILLS_MAX,
                count=len(skills),
            )
        )
    return skills
