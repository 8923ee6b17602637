"""Company names as block lists match them: on their Unicode confusables skeleton (UTS #39).

"АСМЕ" in Cyrillic letters, "AC\u200bME" with a zero-width space inside and "ACME" look the
same to a reader, so they are one name here. The skeleton comes from ICU's SpoofChecker
(PyICU), which carries Unicode's confusables data; ICU 72 keeps default-ignorable
characters in a skeleton, so invisible characters are removed first.

A skeleton is case-sensitive ("АСМЕ" matches "ACME" only in capitals, "аррӏе" matches
"apple" only in small letters), so the key takes the skeleton of the upper-case name, folds
its case and takes the skeleton again; then accents and other combining marks go (Turkish
"İ" is "I" with a dot above), and the legal form ("LLC", "ООО") is dropped. The key may
join a few names that only look nearly alike ("Ilia" and "Lila"): a block list would rather
hide a profile once too often than show it once to a company it names.
"""

import re
import unicodedata
from functools import cache

import icu
from flask_babel import lazy_gettext as _l

KEY_MAX = 120  # the width of the columns that store keys

LEGAL_FORMS = {
    "llc",
    "llp",
    "ltd",
    "limited",
    "inc",
    "incorporated",
    "corp",
    "corporation",
    "co",
    "gmbh",
    "ag",
    "sa",
    "srl",
    "bv",
    "oy",
    "ab",
    "plc",
    "pte",
    "pty",
    "ooo",
    "oao",
    "zao",
    "ип",
    "ооо",
    "оао",
    "зао",
    "пао",
    "тоо",
    "ао",
}

MIXED_SCRIPTS = _l(
    "The name mixes writing systems (for example Latin and Cyrillic letters): "
    "it may imitate another company’s name."
)
INVISIBLE = _l("The name contains invisible characters: it may imitate another company’s name.")

_SKELETON = icu.SpoofChecker()
# Highly restrictive: one script, or Latin with Han and Japanese kana, Bopomofo or Hangul.
_SCRIPTS = icu.SpoofChecker()
_SCRIPTS.setChecks(icu.USpoofChecks.RESTRICTION_LEVEL)
_SCRIPTS.setRestrictionLevel(icu.URestrictionLevel.HIGHLY_RESTRICTIVE)


def _char_class(unicode_set: icu.UnicodeSet) -> re.Pattern:
    """The set as one regular expression (PyICU gives each range's ends as strings)."""
    ranges = [
        (unicode_set.getRangeStart(i), unicode_set.getRangeEnd(i))
        for i in range(unicode_set.getRangeCount())
    ]
    return re.compile("[" + "".join(f"{re.escape(a)}-{re.escape(b)}" for a, b in ranges) + "]")


# Default-ignorable code points (zero-width spaces and joiners, soft hyphens, bidi controls,
# variation selectors, tags...) and other format and control characters.
_INVISIBLE = _char_class(icu.UnicodeSet("[[:Default_Ignorable_Code_Point:][:Cf:][:Cc:]]"))


def _skeleton(text: str) -> str:
    return _SKELETON.getSkeleton(0, text)


def _without_marks(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")


def _words(name: str) -> list[str]:
    text = _INVISIBLE.sub("", unicodedata.normalize("NFKC", name))
    text = _skeleton(_skeleton(text.upper()).casefold()).casefold()
    return re.findall(r"\w+", _without_marks(text))


@cache
def _legal_form_keys() -> frozenset[str]:
    return frozenset(word for form in LEGAL_FORMS for word in _words(form))


def company_key(name: str | None) -> str:
    """The key block lists match a company name on: "ACME, Inc.", "АСМЕ" and "AC\u200bME" are
    all "acrne" (the skeleton of "m" is "rn")."""
    if not name:
        return ""
    words = _words(name)
    kept = [word for word in words if word not in _legal_form_keys()]
    return " ".join(kept or words)[:KEY_MAX]


def reveal_invisible(name: str) -> str:
    """The name with each invisible character written out: "Init⟨U+200B⟩ech"."""
    return _INVISIBLE.sub(lambda match: f"⟨U+{ord(match.group()):04X}⟩", name)


def name_warnings(name: str | None) -> list:
    """What an admin should look at twice in a company name (lazy strings)."""
    if not name:
        return []
    warnings = []
    visible = _INVISIBLE.sub("", name)
    if _SCRIPTS.check(visible) & icu.USpoofChecks.RESTRICTION_LEVEL:
        warnings.append(MIXED_SCRIPTS)
    if visible != name:
        warnings.append(INVISIBLE)
    return warnings


def normalize_domain(value: str | None) -> str:
    """ "@Mail.Example.com" or "https://example.com/x" -> "example.com"-style lower host."""
    if not value:
        return ""
    text = value.strip().casefold()
    text = re.sub(r"^[a-z]+://", "", text).split("/")[0].lstrip("@")
    text = text.split("@")[-1]
    return text.removeprefix("www.")


def email_domain(email: str) -> str:
    return normalize_domain(email.rpartition("@")[2])


def parent_domains(domain: str) -> list[str]:
    """ "hr.acme.com" -> ["hr.acme.com", "acme.com"]: what a block on any of them matches.
    A bare top-level domain ("com") blocks nobody."""
    labels = domain.split(".")
    return [".".join(labels[i:]) for i in range(len(labels) - 1)]
