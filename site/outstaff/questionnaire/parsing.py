"""Turning what developers type into the stored values: Telegram, phone, skills, text.

Pure functions that raise `ValueError` with a user-facing message, so forms, the demo
seeding and other features (employer profiles have a phone and a Telegram too) share them.
"""

import re
import unicodedata

import phonenumbers
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_ngettext

SKILLS_MAX = 30
SKILL_MAX_CHARS = 40
BIO_MAX_CHARS = 1000

TELEGRAM_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]{4,31}")
TELEGRAM_LINK = re.compile(
    r"^(?:https?://)?(?:www\.)?(?:t\.me|telegram\.me|telegram\.dog)/([^/?#]*)/?$", re.I
)
# Control characters (but not newline and tab) never belong in a form value; PostgreSQL
# even refuses NUL in text columns.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_line(value: str | None) -> str:
    """One line of text: NFC, no control characters, inner whitespace collapsed."""
    if not value:
        return ""
    value = _CONTROL.sub("", unicodedata.normalize("NFC", value))
    return " ".join(value.split())


def clean_text(value: str | None) -> str:
    """Multi-line plain text: Unix newlines, no control characters, no trailing blanks."""
    if not value:
        return ""
    value = unicodedata.normalize("NFC", value).replace("\r\n", "\n").replace("\r", "\n")
    value = _CONTROL.sub("", value.replace("\t", " "))
    lines = [line.rstrip() for line in value.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def telegram_username(value: str | None) -> str:
    """`@name`, `t.me/name` or `https://t.me/name` -> "name", by Telegram's rules."""
    text = (value or "").strip()
    if not text:
        return ""
    if match := TELEGRAM_LINK.match(text):
        text = match.group(1)
    text = text.removeprefix("@")
    if not TELEGRAM_NAME.fullmatch(text):
        raise ValueError(_l(
            "A Telegram username has 5–32 Latin letters, digits or underscores and starts "
            "with a letter, like @jane_doe."
        ))
    return text


def phone_e164(value: str | None, region: str | None = None) -> str:
    """A phone number in E.164 ("+77011234567"), read with the country as a hint."""
    text = clean_line(value)
    if not text:
        return ""
    if len(text) > 40:
        raise ValueError(_l("That is too long for a phone number."))
    try:
        number = phonenumbers.parse(text, region or None)
    except phonenumbers.NumberParseException as exc:
        raise ValueError(_l(
            "Enter the number with the country code, like +7 701 123 4567."
        )) from exc
    if not phonenumbers.is_valid_number(number):
        raise ValueError(_l(
            "This is not a valid phone number. Check the digits and the country code."
        ))
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def phone_international(e164: str | None) -> str:
    """"+77011234567" -> "+7 701 123 4567" for display."""
    if not e164:
        return ""
    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return e164
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def skill_list(value: str | None) -> list[str]:
    """Comma-separated tags -> up to 30 names, each ≤ 40 characters, without repeats."""
    seen: set[str] = set()
    skills: list[str] = []
    for part in re.split(r"[,\n]", value or ""):
        name = clean_line(part)
        if not name:
            continue
        if len(name) > SKILL_MAX_CHARS or len(name.casefold()) > SKILL_MAX_CHARS:
            raise ValueError(lazy_ngettext(
                "Keep each skill to %(num)d character or fewer: “%(skill)s” is longer.",
                "Keep each skill to %(num)d characters or fewer: “%(skill)s” is longer.",
                SKILL_MAX_CHARS, skill=name[:SKILL_MAX_CHARS] + "…",
            ))
        if name.casefold() in seen:
            continue
        seen.add(name.casefold())
        skills.append(name)
    if len(skills) > SKILLS_MAX:
        raise ValueError(lazy_ngettext(
            "List at most %(num)d skill; you listed %(count)d.",
            "List at most %(num)d skills; you listed %(count)d.", SKILLS_MAX, count=len(skills)
        ))
    return skills
