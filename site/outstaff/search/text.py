"""Words as the index keeps them: case-folded, in Latin letters, skill aliases resolved.

Both sides (a questionnaire being indexed, a search box) go through `word_forms`, so
"Тимур" and "Timur" both become "timur", and "k8s", "кубернетес" and "Kubernetes" all carry
the skill's key "kubernetes".
"""

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import icu

from outstaff.choices import PROFESSION_LABELS

# A word: letters and digits, inner dots kept ("node.js"), trailing + or # kept ("c++").
WORD = re.compile(r"[^\W_]+(?:\.[^\W_]+)*[+#]*")
ASCII_WORD = re.compile(r"[^a-z0-9]+")
MAX_WORD = 40


@dataclass(frozen=True)
class Skill:
    name: str  # canonical name, as shown: "PostgreSQL"
    key: str  # the index's word for it: "postgresql"


def fold(text: str | None) -> str:
    return unicodedata.normalize("NFKC", text or "").casefold()


@cache
def _transliterator():
    # Russian BGN for Cyrillic ("Юлия" -> "yuliya"), any other script to Latin, then ASCII.
    return icu.Transliterator.createInstance("Russian-Latin/BGN; Any-Latin; Latin-ASCII; Lower")


@lru_cache(maxsize=65536)  # bounded: search boxes send any words
def latin(word: str) -> str:
    """One folded word in ASCII letters and digits ("Щукин" -> "shchukin")."""
    if word.isascii():
        return ASCII_WORD.sub("", word.lower())[:MAX_WORD]
    return ASCII_WORD.sub("", _transliterator().transliterate(word))[:MAX_WORD]


@cache
def vocabulary() -> dict[str, Skill]:
    """Every alias, canonical name and key, folded -> its Skill (skills.txt)."""
    found: dict[str, Skill] = {}
    path = Path(__file__).with_name("skills.txt")
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, key, aliases = (part.strip() for part in line.split("|"))
        skill = Skill(name, key)
        for alias in [name, key, *aliases.split(",")]:
            found.setdefault(" ".join(fold(alias).split()), skill)
    return found


def skill_of(text: str) -> Skill | None:
    """The vocabulary's skill for a typed skill or search word ("k8s" -> Kubernetes)."""
    return vocabulary().get(" ".join(fold(text).split()))


@cache
def _spellings_by_key() -> dict[str, tuple[str, ...]]:
    found: dict[str, list[str]] = {}
    for alias, skill in vocabulary().items():
        found.setdefault(skill.key, []).append(alias)
    return {key: tuple(sorted(aliases)) for key, aliases in found.items()}


def spellings(name: str) -> tuple[str, ...]:
    """Every folded spelling of a skill filter's skill ("k8s" -> kubernetes, k8s, кубер, …),
    itself included; a skill the vocabulary does not know: itself."""
    folded = " ".join(fold(name).split())
    skill = skill_of(folded)
    if skill is None:
        return (folded,)
    return tuple(dict.fromkeys((folded, *_spellings_by_key()[skill.key])))


def suggestion(typed: str) -> str | None:
    """The canonical name to suggest for a typed skill, when it differs ("postgres")."""
    skill = skill_of(typed)
    return skill.name if skill and skill.name != typed.strip() else None


def words(text: str | None) -> list[str]:
    """The folded words of a text, in order."""
    return WORD.findall(fold(text))


@lru_cache(maxsize=65536)  # indexing a million bios meets the same few thousand words
def word_forms(word: str) -> tuple[str, ...]:
    """The index words one folded word stands for: its Latin form and its skill's key."""
    forms = []
    if (skill := skill_of(word)) is not None:
        forms.append(skill.key)
    if (plain := latin(word)) and plain not in forms:
        forms.append(plain)
    return tuple(forms)


def index_words(text: str | None) -> list[str]:
    """A text as the index keeps it: each word's forms, in order."""
    return [form for word in words(text) for form in word_forms(word)]


@cache
def _profession_words() -> dict[str, str]:
    from flask_babel import force_locale

    labels = {}
    for locale in ("en", "ru"):  # both languages' labels find the profession
        with force_locale(locale):
            for code, label in PROFESSION_LABELS.items():
                labels[code] = f"{labels.get(code, '')} {code} {label}"
    return labels


def document(first_name, last_name, profession, profession_other, skills, bio) -> tuple[str, str]:
    """(strong, weak): name, profession and skills; the bio."""
    parts = [first_name, last_name, profession_other]
    if profession:
        parts.append(_profession_words().get(profession, profession))
    strong = [*index_words(" ".join(p for p in parts if p))]
    for name in skills:
        if (skill := skill_of(name)) is not None:
            strong.append(skill.key)
        strong += index_words(name)
    return " ".join(strong), " ".join(index_words(bio))


STRONG_PAIR = "+"  # before a pair of neighbours in `strong` (no index word has a "+")


def neighbours(strong: str, weak: str) -> set[str]:
    """Every two words one after the other in a document ("barbara jones"), the last of
    `strong` and the first of `weak` too (PostgreSQL's tsvector joins the two), and again
    after STRONG_PAIR those in `strong` ("+barbara jones"): the pairs a phrase needs
    anywhere, and in the name, profession or skills (search_neighbour; the triggers spell
    them alike)."""

    def pairs(text: str) -> set[str]:
        found = text.split()
        return {f"{a} {b}" for a, b in zip(found, found[1:], strict=False)}

    return pairs(f"{strong} {weak}") | {STRONG_PAIR + pair for pair in pairs(strong)}
