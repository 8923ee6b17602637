"""The scratch site `make lighthouse` measures: demo data, one account per role with a known
password (the admin with an authenticator app), and their sessions, signed in through the
forms as a person would (CSRF tokens, the two-factor step and all)."""

import re
import secrets
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

import pyotp

import config
from outstaff import create_app
from outstaff.accounts import service as accounts
from outstaff.core.extensions import db
from outstaff.models import DeveloperProfile, User, utcnow

# One admin per browser Lighthouse poses as: a code is good once per account.
ADMINS = {"mobile": "admin-mobile@example.com", "desktop": "admin-desktop@example.com"}


@dataclass
class Accounts:
    password: str
    developer: str
    employer: str
    admin_totp: str


def seed(database_url: str, secret_key: str) -> Accounts:
    """Migrate the empty database, add the demo data and the three accounts."""
    from flask_migrate import upgrade

    from outstaff.demo import service as demo

    app = create_app(
        config.DevelopmentConfig, SQLALCHEMY_DATABASE_URI=database_url, SECRET_KEY=secret_key
    )
    password = secrets.token_urlsafe(12)
    totp = pyotp.random_base32()
    with app.app_context():
        upgrade()
        demo.seed(developers=40, employers=8, echo=lambda _: None, logins=False)
        hashed = accounts.hash_password(password)
        developer = _published_developer()
        employer = db.session.scalar(
            db.select(User).where(User.role == "employer", User.approval == "approved")
        )
        for user in (developer, employer):
            user.password_hash = hashed
        for email in ADMINS.values():
            admin = accounts.create_user(email, password, "admin")
            admin.email_confirmed_at = utcnow()
            admin.totp_secret, admin.totp_enabled_at = totp, utcnow()
        found = Accounts(password, developer.email, employer.email, totp)
        db.session.commit()
        db.engine.dispose()
    return found


def _published_developer() -> User:
    return db.session.scalar(
        db.select(User)
        .join(DeveloperProfile, DeveloperProfile.user_id == User.id)
        .where(User.role == "developer", DeveloperProfile.is_published.is_(True))
        .order_by(User.id)
    )


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Client:
    """A browser's cookies and form posts, enough to sign in (cookies kept by hand: the
    standard cookie jar would not send a Secure cookie over http)."""

    def __init__(self, base: str, user_agent: str):
        self.base, self.user_agent, self.cookies = base, user_agent, {}
        self.opener = urllib.request.build_opener(_NoRedirect)

    def header(self) -> str:
        return "; ".join(f"{name}={value}" for name, value in self.cookies.items())

    def request(self, path: str, form: dict | None = None) -> tuple[int, str, str]:
        """(status, Location, body) of one request, its cookies kept."""
        data = urllib.parse.urlencode(form).encode() if form is not None else None
        request = urllib.request.Request(self.base + path, data=data)
        request.add_header("Cookie", self.header())
        request.add_header("User-Agent", self.user_agent)
        try:
            answer = self.opener.open(request)
        except urllib.error.HTTPError as error:
            answer = error
        for cookie in answer.headers.get_all("Set-Cookie") or []:
            name, _, value = cookie.split(";")[0].partition("=")
            self.cookies[name] = value
        body = answer.read().decode("utf-8", errors="replace")
        return answer.status, answer.headers.get("Location", ""), body

    def submit(self, path: str, fields: dict) -> str:
        """Post a form as its page serves it (with its CSRF token); the redirect's target."""
        _, _, page = self.request(path)
        token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page)[1]
        status, location, _ = self.request(path, {**fields, "csrf_token": token})
        if status not in (302, 303):
            raise SystemExit(f"posting {path} answered {status}, not a redirect")
        return location


def session_cookie(
    base: str, user_agent: str, email: str, password: str, totp: str | None = None
) -> str:
    """The Cookie header of a fresh session signed in as `email` from `user_agent`."""
    client = Client(base, user_agent)
    location = client.submit("/account/signin", {"email": email, "password": password})
    if totp:
        if "/2fa/challenge" not in location:
            raise SystemExit(f"the admin's sign-in went to {location}, not the code step")
        client.submit("/account/2fa/challenge", {"code": pyotp.TOTP(totp).now()})
    return client.header()


def first_profile(base: str, user_agent: str, cookie: str) -> str:
    """The path of the first profile on the employer's listing."""
    client = Client(base, user_agent)
    client.cookies = dict(pair.split("=", 1) for pair in cookie.split("; "))
    _, _, page = client.request("/developers")
    found = re.search(r'href="(/developers/\d+)"', page)
    if not found:
        raise SystemExit("the employer's listing shows no profile")
    return found[1]
