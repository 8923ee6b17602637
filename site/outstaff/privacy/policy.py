"""The privacy policy as stored versions; the newest is in force."""

import re
import time
from functools import cache
from pathlib import Path

import nh3
from flask import current_app
from flask_babel import get_locale
from markdown_it import MarkdownIt
from markupsafe import Markup
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from outstaff.core.extensions import db
from outstaff.models import PolicyText, PolicyVersion

DEFAULT_TEXT = Path(__file__).with_name("policy_v1.md")
_markdown = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")


def current_version() -> PolicyVersion:
    """The policy in force; the first start stores version 1 from the bundled text."""
    version = db.session.scalar(
        select(PolicyVersion).order_by(PolicyVersion.version.desc()).limit(1)
    )
    if version is None:
        version = PolicyVersion(version=1, body=bundled_text(None))
        for locale in current_app.config["LANGUAGES"]:
            if (text := bundled_text(locale)) is not None:
                version.texts[locale] = PolicyText(locale=locale, body=text)
        db.session.add(version)
        try:
            db.session.commit()
        except IntegrityError:  # another request stored it first
            db.session.rollback()
            return current_version()
    return version


@cache
def _read(path: Path) -> str | None:
    return path.read_text(encoding="utf-8") if path.exists() else None


def bundled_text(locale: str | None) -> str | None:
    """Version 1 as shipped: policy_v1.md (English), policy_v1.<locale>.md for a translation."""
    if locale is None:
        return _read(DEFAULT_TEXT)
    return _read(DEFAULT_TEXT.with_name(f"policy_v1.{locale}.md"))


def localized(version: PolicyVersion) -> tuple[str, str | None]:
    """(body, summary) of a version in the reader's language, falling back to English.

    Version 1 stored before translations existed reads its translation from the bundled file.
    """
    locale = str(get_locale() or "en")
    if locale not in version.texts and version.version == 1 and version.body == bundled_text(None):
        if (text := bundled_text(locale)) is not None:
            return text, None
    return version.text_for(locale)


# The number in force, remembered briefly (POLICY_CACHE_SECONDS): every signed-in page
# compares it with the user's acknowledged version.
_number_cache: dict[str, tuple[float, int]] = {}


def current_version_number() -> int:
    key = current_app.config["SQLALCHEMY_DATABASE_URI"]
    cached = _number_cache.get(key)
    if cached and cached[0] > time.monotonic():
        return cached[1]
    number = db.session.scalar(select(func.max(PolicyVersion.version)))
    if number is None:
        number = current_version().version
    _number_cache[key] = (time.monotonic() + current_app.config["POLICY_CACHE_SECONDS"], number)
    return number


def forget_version_number() -> None:
    """Called when a version is published, so this process sees it at once."""
    _number_cache.clear()


PLACEHOLDER = re.compile(r"\{(site_name|company_name|contact_email|min_age)\}")


def fill_placeholders(text: str) -> str:
    """Put the configured brand and company facts into a policy text."""
    config = current_app.config

    def value(match: re.Match) -> str:
        text = str(config[match.group(1).upper()])
        return f"<{text}>" if match.group(1) == "contact_email" else text  # a mailto: link

    return PLACEHOLDER.sub(value, text)


# Where a policy text puts the table of stored data: a Markdown link definition, which renders
# as nothing. A text without it has the table after its end.
TABLE_MARK = re.compile(r"^\[data-table\]: #[ \t]*$", re.MULTILINE)


def split_at_table(text: str) -> tuple[str, str]:
    """The policy's text before and after the place of the data table."""
    parts = TABLE_MARK.split(text, maxsplit=1)
    return parts[0], parts[1] if len(parts) > 1 else ""


def render_markdown(text: str) -> Markup:
    """Markdown to HTML with raw HTML disabled, then sanitized once more."""
    return Markup(nh3.clean(_markdown.render(text)))
