"""Application logs: a request's context on every line, and never its secrets.

Each line carries the time (UTC), the request id, the route's rule (never the raw path,
which may hold a token), the method, browser and OS families and the app version. A filter
removes every value the request carried — form fields, query string, cookies, path
arguments, credentials — from the message and any traceback, so passwords, tokens, form
bodies and cookies never reach a log, whatever an exception's text says.
"""

import logging
import sys
import time

from flask import Flask, current_app, g, has_app_context, has_request_context, request
from flask.logging import default_handler

from outstaff.core import useragent

FORMAT = "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"
REDACTED = "[redacted]"
MIN_SECRET = 4  # shorter values ("y", "on", "en") are not secrets and would garble lines
SECRET_HEADERS = ("Authorization", "Cookie", "X-CSRFToken", "X-CSRF-Token")


class UTCFormatter(logging.Formatter):
    converter = time.gmtime

    def formatTime(self, record, datefmt=None):  # noqa: N802  (logging's name)
        return time.strftime("%Y-%m-%dT%H:%M:%S", self.converter(record.created)) + (
            f".{int(record.msecs):03d}Z"
        )


def request_context() -> dict[str, str]:
    """What a log line may say about the request being handled ("-" outside one)."""
    fields = dict.fromkeys(("request_id", "route", "method", "browser", "os"), "-")
    fields["app_version"] = current_app.config.get("APP_VERSION", "-") if has_app_context() else "-"
    if has_request_context():
        agent = useragent.current()
        fields.update(
            request_id=g.get("request_id") or "-",
            route=request.url_rule.rule if request.url_rule else "-",
            method=request.method,
            browser=agent.browser,
            os=agent.os,
        )
    return fields


def describe_request() -> str:
    return " ".join(f"{key}={value}" for key, value in request_context().items())


def request_secrets() -> list[str]:
    """Every value the current request carried that a log must not repeat, longest first."""
    if not has_request_context():
        return []
    values: list[str] = []
    for multidict in (request.form, request.args, request.cookies):
        for _key, value in multidict.items(multi=True):
            values.append(value)
    values.extend(str(v) for v in (request.view_args or {}).values() if isinstance(v, str))
    values.extend(request.headers.get(name, "") for name in SECRET_HEADERS)
    if request.query_string:
        values.append(request.query_string.decode("latin-1"))
    return sorted({v for v in values if len(v) >= MIN_SECRET}, key=len, reverse=True)


def redact(text: str, secrets: list[str]) -> str:
    for secret in secrets:
        text = text.replace(secret, REDACTED)
    return text


class RequestFilter(logging.Filter):
    """Adds the request's context to a record and strips the request's values from it."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "_outstaff_clean", False):
            return True
        try:
            record.request_id = (g.get("request_id") or "-") if has_request_context() else "-"
            secrets = request_secrets()
        except RuntimeError:  # no application context
            record.request_id, secrets = "-", []
        if secrets:
            message = redact(record.getMessage(), secrets)
            record.msg, record.args = message, ()
            if record.exc_info and not record.exc_text:
                record.exc_text = logging.Formatter().formatException(record.exc_info)
            if record.exc_text:
                record.exc_text = redact(record.exc_text, secrets)
            record.exc_info = None  # only the redacted text is left to format
            if record.stack_info:
                record.stack_info = redact(record.stack_info, secrets)
        record._outstaff_clean = True
        return True


_filter = RequestFilter()


def configure(app: Flask) -> None:
    """One stderr handler on the app's logger, with the filter on logger and handler."""
    logger = logging.getLogger("outstaff")
    logger.removeHandler(default_handler)
    if not any(getattr(h, "_outstaff", False) for h in logger.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(UTCFormatter(FORMAT))
        handler.addFilter(_filter)
        handler._outstaff = True
        logger.addHandler(handler)
    # Logger-level filters run for records logged on that very logger only; the error
    # logger's own filter also cleans what other handlers (pytest's, a log shipper) receive.
    for name in ("outstaff", "outstaff.core.errors"):
        lg = logging.getLogger(name)
        if _filter not in lg.filters:
            lg.addFilter(_filter)
    if logger.level == logging.NOTSET:
        logger.setLevel(logging.INFO)
