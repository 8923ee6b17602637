"""The site's canonical address: links in mail are built from it, and requests must name it.

`SITE_URL` (e.g. https://outstaff.example) is configuration, never read from a request: a
forged `Host` or `X-Forwarded-Host` header cannot put its own host into a reset link. Flask's
`TRUSTED_HOSTS` is set to SITE_URL's host plus `ALLOWED_HOSTS`, and a request naming any other
host is answered 400 by `RefuseUnknownHosts` before it reaches the app (behind ProxyFix, so an
`X-Forwarded-Host` is checked the same way). `SERVER_NAME` is left unset on purpose: in Flask it
also changes how requests are routed (subdomains, host matching), which the site does not use.
"""

from urllib.parse import urlsplit

from flask import Flask, current_app
from werkzeug.exceptions import SecurityError
from werkzeug.wsgi import get_host


def check_site_url(app: Flask) -> None:
    """Refuse to start without a usable SITE_URL (https in production); trust its host."""
    url = app.config.get("SITE_URL")
    production = app.config["APP_ENV"] == "production"
    if not url:
        raise RuntimeError(
            "SITE_URL must be set to the site's address, like "
            "https://outstaff.example: links in mail are built from it."
        )
    parts = urlsplit(url)
    if (
        parts.scheme not in ("http", "https")
        or not parts.hostname
        or parts.query
        or parts.fragment
        or parts.username
        or parts.password
    ):
        raise RuntimeError(
            f"SITE_URL must be an address like https://outstaff.example, not {url!r}."
        )
    if production and parts.scheme != "https":
        raise RuntimeError("SITE_URL must start with https:// in production.")
    if app.config.get("TRUSTED_HOSTS") is None:
        app.config["TRUSTED_HOSTS"] = [parts.hostname, *app.config.get("ALLOWED_HOSTS", [])]


def external_url(endpoint: str, **values) -> str:
    """An absolute URL on SITE_URL for `endpoint`, inside a request or outside one (CLI)."""
    site = urlsplit(current_app.config["SITE_URL"])
    adapter = current_app.url_map.bind(
        site.netloc, script_name=site.path or "/", url_scheme=site.scheme
    )
    current_app.inject_url_defaults(endpoint, values)
    return adapter.build(endpoint, values, force_external=True)


class RefuseUnknownHosts:
    """WSGI middleware: a request whose host is not trusted gets a bare 400.

    Refused here, not in Flask: there, the request would still run the before-request hooks,
    and the error page (which builds URLs) cannot be rendered for a host Flask refuses.
    """

    def __init__(self, app: Flask):
        self.app, self.wsgi_app = app, app.wsgi_app

    def __call__(self, environ, start_response):
        try:
            get_host(environ, self.app.config["TRUSTED_HOSTS"])
        except SecurityError as error:
            response = error.get_response(environ)
            response.headers["X-Content-Type-Options"] = "nosniff"
            return response(environ, start_response)
        return self.wsgi_app(environ, start_response)
