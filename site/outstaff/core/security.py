"""Security headers on every response, request ids, and safe redirects."""

import secrets
from urllib.parse import urlsplit

from flask import Flask, Response, g

CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "object-src 'none'",
    ]
)
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"


def register(app: Flask) -> None:
    app.before_request(_assign_request_id)
    defaults = [
        ("Content-Security-Policy", CSP),
        ("X-Content-Type-Options", "nosniff"),
        ("X-Frame-Options", "DENY"),
        ("Referrer-Policy", "strict-origin-when-cross-origin"),
        ("Permissions-Policy", PERMISSIONS_POLICY),
        ("Cross-Origin-Opener-Policy", "same-origin"),
    ]
    if app.config["HSTS"]:
        defaults.append(("Strict-Transport-Security", "max-age=31536000; includeSubDomains"))
    keyed = tuple((key.lower(), key, value) for key, value in defaults)

    def security_headers(response: Response) -> Response:
        return _security_headers(response, keyed)

    app.after_request(security_headers)


def _assign_request_id() -> None:
    g.request_id = secrets.token_hex(8)


def _security_headers(response: Response, defaults: tuple) -> Response:
    """Each default unless the view set its own; headers are read once, not once a name."""
    headers = response.headers
    present = {key.lower() for key, _ in headers}
    headers.extend([(key, value) for lower, key, value in defaults if lower not in present])
    if request_id := g.get("request_id"):
        headers["X-Request-ID"] = request_id
    if "cache-control" not in present and response.mimetype == "text/html":
        # Pages may show personal data: never let a shared cache keep them.
        headers["Cache-Control"] = "no-store"
    return response


def safe_next(target: str | None) -> str | None:
    """`target` if it is a path on this site, else None (no open redirects)."""
    if not target or not target.startswith("/") or target.startswith("//"):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or "\\" in target or any(ord(c) < 32 for c in target):
        return None
    return target
