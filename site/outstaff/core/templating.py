"""What every template can use."""

from babel import Locale
from flask import Flask, current_app
from flask_babel import format_date, format_datetime, format_number, get_locale

from outstaff.core import public_csrf


def register(app: Flask) -> None:
    app.jinja_env.globals.update(language_label=language_label, public_csrf_token=public_csrf.token)
    app.jinja_env.filters["date"] = format_date
    app.jinja_env.filters["datetime"] = format_datetime
    app.jinja_env.filters["number"] = format_number  # 12,345 / 12 345, as the reader writes it
    app.context_processor(_site_context)


def _site_context() -> dict:
    config = current_app.config
    return {
        "site_name": config["SITE_NAME"],
        "company_name": config["COMPANY_NAME"],
        "contact_email": config["CONTACT_EMAIL"],
        "min_age": config["MIN_AGE"],
        "current_locale": str(get_locale() or "en"),
    }


def language_label(code: str) -> str:
    """A language's name in that language ("English", "Русский"), for the switcher."""
    name = Locale.parse(code).get_display_name(code) or code
    return name[:1].upper() + name[1:]
