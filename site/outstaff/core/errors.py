"""Error pages in the site's layout, and error logs that carry no personal payloads."""

import logging

from flask import Flask, render_template
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

from outstaff.core import logs
from outstaff.core.extensions import db

log = logging.getLogger("outstaff.core.errors")


class NotFound(LookupError):
    """What a service raises for a row that is not there for this user: answered as 404.
    Services speak of the domain; only views and this handler speak HTTP."""


TITLES = {
    400: _l("That request could not be understood"),
    403: _l("You cannot open this page"),
    404: _l("Page not found"),
    405: _l("That action is not allowed here"),
    413: _l("That upload is too large"),
    429: _l("Too many attempts"),
    500: _l("Something went wrong on our side"),
}
MESSAGES = {
    400: _l("Please go back, check what you sent and try again."),
    403: _l("Your account does not have access to this page."),
    404: _l("The address may be mistyped, or the page has been removed."),
    405: _l("Please use the buttons and forms on the site."),
    413: _l("Files may be at most 5 MB. Please choose a smaller one."),
    429: _l("Please wait a little before trying again."),
    500: _l("We have been told and will look into it. Please try again in a moment."),
}


def register(app: Flask) -> None:
    logs.configure(app)
    app.register_error_handler(NotFound, lambda _error: _render(404))
    app.register_error_handler(CSRFError, _csrf_error)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(Exception, _unexpected_error)


def _render(code: int, message=None):
    return (
        render_template(
            "errors/error.html",
            code=code,
            title=TITLES.get(code, TITLES[400]),
            message=message or MESSAGES.get(code, MESSAGES[400]),
        ),
        code,
    )


def _csrf_error(error: CSRFError):
    return _render(
        400,
        _l("The form had expired or was sent from another site. Please reload it and try again."),
    )


def _http_error(error: HTTPException):
    if error.code is None or error.code < 400:
        return error
    custom = error.description if error.description != type(error).description else None
    if error.code == 429:
        custom = None  # Flask-Limiter's description is the raw limit ("10 per 1 minute")
    response = _render(error.code, custom)
    if error.code == 405 and error.response is None:
        valid = error.get_headers()
        return response[0], 405, [h for h in valid if h[0] == "Allow"]
    return response


def _unexpected_error(error: Exception):
    if isinstance(error, HTTPException):
        return _http_error(error)
    db.session.rollback()
    # The route's rule, never the path or query (tokens live there); see outstaff/logs.py.
    log.error("unhandled error %s", logs.describe_request(), exc_info=error)
    return _render(InternalServerError.code)
