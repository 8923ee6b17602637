"""What every template can use."""

from functools import lru_cache
from pathlib import Path

from babel import Locale
from flask import Flask, current_app, g
from flask_babel import format_date, format_number, format_time, get_locale, get_translations
from jinja2 import pass_context
from markupsafe import Markup, escape

from outstaff.core import icons, public_csrf, static_files


def register(app: Flask) -> None:
    app.jinja_env.globals.update(language_label=language_label, public_csrf_token=public_csrf.token)
    # Icons from the heroicons set, in one cached sprite (core/icons.py): decorative.
    app.jinja_env.globals.update(icon=icon, icon_mini=icon_mini, logo=logo)
    app.jinja_env.filters["date"] = date
    app.jinja_env.filters["datetime"] = date_time
    app.jinja_env.filters["number"] = format_number  # 12,345 / 12 345, as the reader writes it
    app.context_processor(_site_context)
    # Templates translate dozens of strings a page: through Flask-Babel each call looks up
    # the context, the domain and the locale again (~8 µs). These find the translations once
    # per locale per request and behave like Jinja's "newstyle" gettext (autoescaped,
    # %-formatted). Installed after Flask-Babel's own, which they replace.
    app.jinja_env.globals.update(gettext=_gettext, ngettext=_ngettext)


def _translations():
    """The translations of the locale in force, looked up once per request and locale
    (`force_locale`, as mail in the recipient's language uses, changes the locale)."""
    babel_context = getattr(g, "_flask_babel", None)
    locale = getattr(babel_context, "babel_locale", None)
    cached = g.get("_template_translations")
    if locale is None or cached is None or cached[0] is not locale:
        translations = get_translations()
        cached = (getattr(g._flask_babel, "babel_locale", None), translations)
        g._template_translations = cached
    return cached[1]


@pass_context
def _gettext(context, string: str, /, **variables) -> str:
    text = _translations().ugettext(string)
    if context.eval_ctx.autoescape:
        text = Markup(text)
    return text % variables


@pass_context
def _ngettext(context, singular: str, plural: str, num: int, /, **variables) -> str:
    variables.setdefault("num", num)
    text = _translations().ungettext(singular, plural, num)
    if context.eval_ctx.autoescape:
        text = Markup(text)
    return text % variables


def _site_context() -> dict:
    config = current_app.config
    return {
        "site_name": config["SITE_NAME"],
        "company_name": config["COMPANY_NAME"],
        "contact_email": config["CONTACT_EMAIL"],
        "min_age": config["MIN_AGE"],
        "current_locale": str(get_locale() or "en"),
    }


@lru_cache(maxsize=1)
def logo() -> Markup:
    """The logo mark (static/img/logo.svg), inline so the header costs no request."""
    path = Path(current_app.static_folder) / "img" / "logo.svg"
    return Markup(path.read_text(encoding="utf-8").strip())


def icon(name: str, size: int = 24) -> Markup:
    """A 24 px outline icon, hidden from screen readers (the text beside it says what it is)."""
    return _use("outline", name, size)


def icon_mini(name: str, size: int = 20) -> Markup:
    """A 20 px solid icon for dense places (links, buttons, lists)."""
    return _use("mini", name, size)


def _use(style: str, name: str, size: int) -> Markup:
    if name not in icons.ICONS[style]:
        raise KeyError(f"add {name!r} to icons.ICONS[{style!r}] and run `make icons`")
    href = static_files.static_url("img/icons.svg") + "#" + icons.symbol_id(style, name)
    return Markup(
        f'<svg class="icon" aria-hidden="true" width="{size}" height="{size}">'
        f'<use href="{escape(href)}"/></svg>'
    )


# One date format and one date-and-time format per locale, wherever a date is shown:
# "December 1, 2026" and "December 1, 2026, 14:05" in English, "1 декабря 2026 г." and
# "1 декабря 2026 г., 14:05" in Russian. A template's old format argument is accepted and not used.
def date(value, _format: str | None = None) -> str:
    """A date (or the date of a datetime) in the reader's locale."""
    return format_date(value, "long")


def date_time(value, _format: str | None = None) -> str:
    """A datetime in the reader's locale and time zone: the date as `date`, then the time."""
    return f"{format_date(value, 'long')}, {format_time(value, 'HH:mm')}"


@lru_cache(maxsize=32)
def language_label(code: str) -> str:
    """A language's name in that language ("English", "Русский"), for the switcher."""
    name = Locale.parse(code).get_display_name(code) or code
    return name[:1].upper() + name[1:]
