"""Which language a page is shown in, and remembering a choice for signed-in users."""

from flask import current_app, has_request_context, request
from flask_babel import get_locale
from flask_login import current_user

from outstaff.core import signals

LOCALE_COOKIE = "locale"


def select_locale() -> str:
    languages = current_app.config["LANGUAGES"]
    if not has_request_context():  # mail rendered by a CLI command (`flask privacy purge`)
        return languages[0]
    if current_user and current_user.is_authenticated and current_user.locale in languages:
        return current_user.locale
    if request.cookies.get(LOCALE_COOKIE) in languages:
        return request.cookies[LOCALE_COOKIE]
    return request.accept_languages.best_match(languages) or languages[0]


def current_locale() -> str | None:
    """The language of the page being served; None outside a request (CLI, demo data)."""
    return str(get_locale()) if has_request_context() else None


@signals.signin_succeeded.connect
def _remember_on_signin(sender, user, **extra) -> None:
    """The language chosen in the footer before signing in wins; otherwise the first one
    the account was seen with is kept. (The sign-in view commits.)"""
    chosen = request.cookies.get(LOCALE_COOKIE)
    if chosen in current_app.config["LANGUAGES"]:
        user.locale = chosen
    elif user.locale is None:
        user.locale = current_locale()
