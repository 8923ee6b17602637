"""Which language a page is shown in."""

from flask import current_app, has_request_context, request
from flask_login import current_user

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
