"""The cookie choice: one strictly necessary cookie that remembers accept or refuse.

Cookies the site sets (also explained on the "Cookie settings" page):
- `cookie_consent` ("accepted" | "refused"): the choice itself, one year, set only when the
  visitor presses Accept or Refuse.
- `session`: Flask's signed session cookie. Set only when there is something to keep: a
  signed-in user, the CSRF token of a form that was shown (Flask-WTF keeps it in the
  session), a one-time message after an action, or a two-factor sign-in in progress.
- `remember_token`: Flask-Login's, only when "Keep me signed in" is ticked at sign-in.
- `locale` ("en" | "ru" …): the language chosen in the footer, one year, set only then.
Analytics add no cookie: with consent accepted, page views are counted without any id.
"""

from datetime import timedelta
from urllib.parse import urlsplit

from flask import Response, current_app, request

COOKIE = "cookie_consent"
ACCEPTED, REFUSED = "accepted", "refused"
CHOICES = {"accept": ACCEPTED, "refuse": REFUSED}
LIFETIME = timedelta(days=365)


def choice() -> str | None:
    """The visitor's stored choice, or None before one is made (or when it is garbled)."""
    value = request.cookies.get(COOKIE)
    return value if value in (ACCEPTED, REFUSED) else None


def analytics_allowed() -> bool:
    return choice() == ACCEPTED


def remember(response: Response, value: str) -> None:
    response.set_cookie(
        COOKIE,
        value,
        max_age=int(LIFETIME.total_seconds()),
        path="/",
        secure=current_app.config["SESSION_COOKIE_SECURE"],
        httponly=True,
        samesite="Lax",
    )


def same_origin() -> bool:
    """Whether a POST comes from this site's own pages (browsers say so in headers).

    Checked before the choice form's CSRF token, which needs no session (see
    outstaff/public_csrf.py): browsers send `Origin` and `Sec-Fetch-Site` with every form
    POST, which refuses other sites' forms even before the token is read.
    """
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site and fetch_site not in ("same-origin", "none"):
        return False
    origin = request.headers.get("Origin")
    if origin is None:
        return True  # older browsers and non-browser clients
    return urlsplit(origin).netloc == request.host
