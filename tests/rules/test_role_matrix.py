"""Every route x every role gets the status DESIGN.md gives.

The matrix reads `app.url_map`, so routes added later join it; what each view expects comes
from its `access` declaration (outstaff/auth.py), and views in the admin blueprint are all
"admin". Each route is requested once per role with its first method (GET preferred, else
POST with no data), URL arguments filled with fake values (int -> 1, others -> "x").

  public             nobody is sent to sign in or refused (403); never a 5xx
  member             anonymous -> 302 to sign in; every signed-in role allowed
  (roles...)         anonymous -> 302 to sign in; other roles -> 403
  approved_employer  anonymous -> 302 to sign in; approved employers and admins allowed;
                     developers and pending employers -> 403
  approved_employer_only   the same, but admins -> 403 too
  admin              404 for everyone but admins (every view of the admin blueprint)

"Admin" is an admin account whose session passed two-factor sign-in. "admin_without_two_factor"
(the password only: before setting it up, after a role change, after a remember-me restore)
has a plain member's rights: member pages, and 403 or 404 wherever admin powers are needed.

"Allowed" means not 403, not sent to sign in, and below 500: a 404 for a fake id is fine,
and so is any other redirect. Routes without URL arguments must not answer 404 to a role
that is allowed.
"""

from urllib.parse import parse_qs, urlsplit

import pytest
from flask_login import utils as login_utils
from werkzeug.routing import AnyConverter, IntegerConverter

from outstaff.core.extensions import db
from outstaff.twofactor import service as twofactor

ROLES = (
    "anonymous",
    "developer",
    "pending_employer",
    "approved_employer",
    "admin",
    "admin_without_two_factor",
)
ACCOUNT_ROLE = {
    "developer": "developer",
    "pending_employer": "employer",
    "approved_employer": "employer",
    "admin": "admin",
    "admin_without_two_factor": "admin",
}
ACCESS_KINDS = ("public", "member", "approved_employer", "approved_employer_only", "admin")


def routes(app):
    """(rule, method, path) for every route but static files."""
    found = []
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        if rule.endpoint == "static" or rule.endpoint.endswith(".static"):
            continue
        methods = sorted(rule.methods - {"HEAD", "OPTIONS"})
        method = "GET" if "GET" in methods else methods[0]
        values = {name: _fake_value(converter) for name, converter in rule._converters.items()}
        _, path = rule.build({**(rule.defaults or {}), **values}, append_unknown=False)
        found.append((rule, method, path))
    return found


def _fake_value(converter):
    if isinstance(converter, IntegerConverter):
        return 1
    if isinstance(converter, AnyConverter):
        return sorted(converter.items)[0]
    return "x"


def access_of(app, endpoint: str):
    return getattr(app.view_functions[endpoint], "access", None)


def allowed_roles(access) -> set[str]:
    if access == "public" or access == "member":
        return set(ACCOUNT_ROLE)
    if access == "approved_employer":
        return {"approved_employer", "admin"}
    if access == "approved_employer_only":
        return {"approved_employer"}
    if access == "admin":
        return {"admin"}
    return {
        role
        for role, account_role in ACCOUNT_ROLE.items()
        if account_role in access and role != "admin_without_two_factor"
    }


def sent_to_sign_in(response) -> bool:
    """Flask-Login's redirect for members-only pages: to the sign-in form with `next`."""
    if response.status_code != 302:
        return False
    location = urlsplit(response.headers["Location"])
    return location.path == "/account/signin" and "next" in parse_qs(location.query)


def problem(app, access, role, rule, response) -> str | None:
    """What is wrong with `response`, or None when it is what the matrix expects."""
    status, redirected_to_signin = response.status_code, sent_to_sign_in(response)
    if status >= 500:
        return f"{status}"
    if access == "public":
        return f"{status} (public)" if status == 403 or redirected_to_signin else None
    if access == "admin" and role not in allowed_roles(access):
        return None if status == 404 else f"{status}, expected 404"
    if role == "anonymous":
        return None if redirected_to_signin else f"{status}, expected 302 to sign in"
    if role not in allowed_roles(access):
        return None if status == 403 else f"{status}, expected 403"
    if status == 403 or redirected_to_signin:
        return f"{status}, expected the page"
    if status == 404 and not rule.arguments:
        return "404 for a page without arguments"
    return None


@pytest.fixture
def users(make_user):
    make_user("developer")  # bystanders: fake id 1 in a URL is none of the users below
    make_user("employer")
    return {
        "developer": make_user("developer"),
        "pending_employer": make_user("employer", approval="pending"),
        "approved_employer": make_user("employer", approval="approved"),
        "admin": make_user("admin"),
        "admin_without_two_factor": make_user("admin", totp_enabled_at=None, totp_secret=None),
    }


def client_as(app, user):
    """A browser signed in as `user`; an admin's session has passed two-factor sign-in."""
    client = app.test_client()
    if user is not None:
        db.session.refresh(user)
        user_id = user.get_id()  # opens a session record for this browser
        if user.totp_enabled_at is not None:
            twofactor.mark_passed(user)
        db.session.commit()
        with app.test_request_context(environ_base=client.environ_base):  # its address, browser
            identifier = login_utils._create_identifier()
        with client.session_transaction() as session:
            session["_user_id"], session["_fresh"], session["_id"] = user_id, True, identifier
    return client


@pytest.mark.parametrize("role", ROLES)
def test_every_route_answers_each_role_as_declared(app, users, role):
    user = users.get(role)
    problems = []
    for rule, method, path in routes(app):
        access = access_of(app, rule.endpoint)
        if access is None:
            continue  # test_every_view_declares_who_may_use_it reports it
        response = client_as(app, user).open(path, method=method)
        if (found := problem(app, access, role, rule, response)) is not None:
            problems.append(f"{method} {path} [{rule.endpoint}, {access}] as {role}: {found}")
    assert not problems, "\n".join(problems)


def test_every_view_declares_who_may_use_it(app):
    undeclared = []
    for rule, _, _ in routes(app):
        access = access_of(app, rule.endpoint)
        valid = access in ACCESS_KINDS or (
            isinstance(access, tuple) and access and set(access) <= set(ACCOUNT_ROLE.values())
        )
        if not valid:
            undeclared.append(f"{rule.endpoint} ({rule.rule}): {access!r}")
    assert undeclared == [], "decorate these views with an access rule from outstaff.access"


def test_the_matrix_covers_the_account_and_admin_pages(app):
    covered = {rule.endpoint: path for rule, _, path in routes(app)}
    assert covered["accounts.account"] == "/account/"
    assert covered["accounts.reset_password"] == "/account/password/reset/x"
    assert covered["admin.index"] == "/admin/"
    assert "static" not in covered


@pytest.mark.fresh_app  # adds a route
def test_the_matrix_catches_a_wrongly_open_page(app, users):
    """A members-only page declared but left open is reported, so the matrix can fail."""
    from outstaff.access import public

    view = public(lambda: "open to all")
    view.access = "member"  # declared members-only, yet nothing enforces it
    app.add_url_rule("/test/leaky", "leaky", view)
    rule = next(r for r in app.url_map.iter_rules() if r.endpoint == "leaky")
    response = client_as(app, None).get("/test/leaky")
    assert problem(app, "member", "anonymous", rule, response) == "200, expected 302 to sign in"


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.fresh_app  # adds routes
def test_each_access_decorator_answers_as_the_matrix_expects(app, users, role):
    """Every kind of declaration, even those no route uses yet, keeps its promise."""
    from outstaff.access import (
        admin_required,
        approved_employer_required,
        login_required,
        public,
        role_required,
    )

    decorators = {
        "public": public,
        "member": login_required,
        "developer": role_required("developer"),
        "employer": role_required("employer"),
        "employer_or_admin": role_required("employer", "admin"),
        "approved": approved_employer_required,
        "approved_only": approved_employer_required(admins=False),
        "admin": admin_required,
    }
    for name, decorate in decorators.items():
        app.add_url_rule(f"/test/{name}", f"test_{name}", decorate(lambda: "the page"))
    problems = []
    for name in decorators:
        view = app.view_functions[f"test_{name}"]
        rule = next(r for r in app.url_map.iter_rules() if r.endpoint == f"test_{name}")
        response = client_as(app, users.get(role)).get(f"/test/{name}")
        if (found := problem(app, view.access, role, rule, response)) is not None:
            problems.append(f"{name} as {role}: {found}")
    assert not problems, "\n".join(problems)
