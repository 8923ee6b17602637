"""Telegram usernames, phone numbers and website addresses: read one way, shown one way.

Pure functions: the parsers return the stored form or raise `ValueError` with a message for
the person who typed it (forms turn it into a message beside the field; demo data and other
callers share them). Phones are stored in E.164, Telegram names without "@", websites with
their scheme.
"""

import re
import unicodedata
from urllib.parse import urlsplit

import phonenumbers
from flask_babel import lazy_gettext as _l

TELEGRAM_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]{4,31}")
TELEGRAM_LINK = re.compile(
    r"^(?:https?://)?(?:www\.)?(?:t\.me|telegram\.me|telegram\.dog)/([^/?#]*)/?$", re.I
)
HOST_LABEL = re.compile(r"(?!-)[a-z0-9-]{1,63}(?<!-)")


def one_line(value: str | None) -> str:
    """NFC, inner whitespace collapsed (control characters never get this far: forms refuse
    them)."""
    return " ".join(unicodedata.normalize("NFC", value or "").split())


def telegram_username(value: str | None) -> str:
    """`@name`, `t.me/name` or `https://t.me/name` -> "name", by Telegram's rules."""
    text = (value or "").strip()
    if not text:
        return ""
    if match := TELEGRAM_LINK.match(text):
        text = match.group(1)
    text = text.removeprefix("@")
    if not TELEGRAM_NAME.fullmatch(text):
        raise ValueError(
            _l(
                "A Telegram username has 5–32 Latin letters, digits or underscores and starts "
                "with a letter, like @jane_doe."
            )
        )
    return text


def phone_e164(value: str | None, region: str | None = None) -> str:
    """A phone number in E.164 ("+77011234567"), read with the country as a hint."""
    text = one_line(value)
    if not text:
        return ""
    if len(text) > 40:
        raise ValueError(_l("That is too long for a phone number."))
    try:
        number = phonenumbers.parse(text, region or None)
    except phonenumbers.NumberParseException as exc:
        raise ValueError(
            _l("Enter the number with the country code, like +7 701 123 4567.")
        ) from exc
    if not phonenumbers.is_valid_number(number):
        raise ValueError(
            _l("This is not a valid phone number. Check the digits and the country code.")
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def phone_international(e164: str | None) -> str:
    """ "+77011234567" -> "+7 701 123 4567" for display."""
    if not e164:
        return ""
    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return e164
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def website_url(value: str) -> str | None:
    """An http(s) URL with a real-looking host ("example.com" gets https://), or None."""
    value = value.strip()
    if not re.match(r"^[a-z][a-z0-9+.-]*://", value, re.IGNORECASE):
        value = "https://" + value
    try:
        parts = urlsplit(value)
        host = (parts.hostname or "").encode("idna").decode("ascii")
        parts.port  # noqa: B018  (raises ValueError for a bad port)
    except (ValueError, UnicodeError):
        return None
    labels = host.split(".")
    if (
        parts.scheme.lower() not in ("http", "https")
        or len(labels) < 2
        or any(not HOST_LABEL.fullmatch(label) for label in labels)
        or any(c.isspace() for c in value)
    ):
        return None
    return value
