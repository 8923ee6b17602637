"""An attacker's tries at admin powers, block lists, TOTP codes and bulk harvesting.

Each test is named for what the attacker tries; each asserts what a user would notice
(status codes, what the page says, what the database holds afterwards).
"""

import re
import time

import pyotp
import pytest

from outstaff.core.extensions import db
from outstaff.models import User
from tests.helpers import PASSWORD, answer_challenge, link_in, sign_in, with_photo


def fresh(user) -> User:
    db.session.expire_all()
    return db.session.get(User, user.id)


def password_only(app, user):
    """A browser that gave the right password and stopped before any two-factor step."""
    client = app.test_client()
    client.post("/account/signin", data={"email": user.email, "password": PASSWORD})
    return client


def header_of(response) -> str:
    return re.search(
        r'<header class="site-header">.*?</header>', response.get_data(as_text=True), re.S
    ).group(0)


# --- 4: admin powers exist only in a session that passed two-factor -----------------------


@pytest.fixture
def secret_profile(make_profile):
    """An unpublished questionnaire with contacts and a photo: for its owner and admins."""
    return with_photo(
        make_profile(
            is_published=False,
            first_name="Secretia",
            phone="+48221234567",
            contact_visibility="employers",
        )
    )


def test_admin_without_two_factor_sees_no_unpublished_profile(app, make_user, secret_profile):
    admin = make_user("admin", totp_enabled_at=None, totp_secret=None)
    client = password_only(app, admin)
    assert client.get("/account/").status_code == 200  # signed in, as a plain member
    for path in (
        f"/developers/{secret_profile.id}",
        "/developers",
        f"/questionnaire/{secret_profile.id}/photo/large",
        "/admin/",
        "/admin/users",
    ):
        response = client.get(path)
        assert response.status_code in (403, 404), path
        assert "Secretia" not in response.get_data(as_text=True)
    header = header_of(client.get("/account/"))
    assert ">Console<" not in header and 'href="/account/2fa/"' in header  # set it up
    # The same admin, once two-factor is done in this session, sees it all.
    verified = app.test_client()
    admin.totp_secret, admin.totp_enabled_at = pyotp.random_base32(), admin.created_at
    db.session.commit()
    sign_in(verified, admin.email)
    page = verified.get(f"/developers/{secret_profile.id}").get_data(as_text=True)
    assert "Secretia" in page and "+48221234567" in page


def test_promoted_admin_with_password_only_gets_no_contacts(
    app, auth, client, make_user, make_profile
):
    profile = make_profile(
        first_name="Contacta", phone="+48221234567", contact_visibility="after_accept"
    )
    promoted = make_user("developer", email="soon-admin@example.com")
    auth.login(make_user("admin"))
    client.post(f"/admin/users/{promoted.id}/role", data={"role": "admin", "note": "help"})
    assert fresh(promoted).role == "admin"
    browser = password_only(app, promoted)
    assert browser.get(f"/developers/{profile.id}").status_code in (403, 404)
    assert browser.get(f"/questionnaire/{profile.id}/photo/thumb").status_code == 404
    home = browser.get("/account/signin")
    assert home.status_code == 302 and home.headers["Location"].startswith("/account/2fa")


def test_admin_restored_by_remember_me_is_not_admin_until_two_factor_again(
    app, make_user, secret_profile
):
    admin = make_user("admin")
    first = app.test_client()
    sign_in(first, admin.email, remember="y")
    assert first.get(f"/developers/{secret_profile.id}").status_code == 200
    restored = app.test_client()
    restored.set_cookie("remember_token", first.get_cookie("remember_token").value)
    assert restored.get("/account/").status_code == 200  # remember-me signs in...
    assert restored.get(f"/developers/{secret_profile.id}").status_code in (403, 404)
    assert restored.get("/admin/").status_code == 404  # ...but is no admin
    challenge = restored.get("/account/2fa/challenge")
    assert challenge.status_code == 200  # steered to prove the second factor again
    assert "administrator powers are off" in challenge.get_data(as_text=True)
    assert answer_challenge(restored, admin).status_code == 302
    assert restored.get("/admin/").status_code == 200


# --- "Also": /admin shows that the console exists -----------------------------------------


@pytest.mark.parametrize("who", ["anonymous", "developer", "admin without two-factor"])
@pytest.mark.parametrize(
    "method,path",
    [
        ("GET", "/admin"),
        ("GET", "/admin/"),
        ("GET", "/admin/users/"),
        ("GET", "/admin/approvals/1/approve"),
        ("POST", "/admin/users"),
        ("GET", "/admin/nothing"),
    ],
)
def test_admin_url_without_slash_is_404_for_visitors(app, make_user, who, method, path):
    client = app.test_client()
    if who == "developer":
        sign_in(client, make_user("developer").email)
    elif who != "anonymous":
        client = password_only(app, make_user("admin", totp_enabled_at=None, totp_secret=None))
    response = client.open(path, method=method)
    assert response.status_code == 404
    assert "Location" not in response.headers


def test_admin_urls_with_or_without_slash_stay_reachable_for_a_two_factor_admin(app, make_user):
    client = app.test_client()
    sign_in(client, make_user("admin").email)
    assert client.get("/admin", follow_redirects=True).status_code == 200
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/users/", follow_redirects=True).status_code == 200


# --- 5: a domain block follows the employer's whole email history -------------------------


def change_email(client, outbox, new_email):
    client.post("/account/email", data={"email": new_email, "current_password": PASSWORD})
    return client.get(link_in(outbox[-1], "/account/email/confirm/"), follow_redirects=True)


def test_employer_cannot_escape_a_domain_block_by_changing_email(
    client, auth, outbox, make_employer, make_profile
):
    employer = make_employer(company="Initech", email="hr@mail.initech.example")
    blocked = make_profile(first_name="Blockina", blocked=[("domain", "initech.example")])
    make_profile(first_name="Openia")
    auth.login(employer)
    assert client.get(f"/developers/{blocked.id}").status_code == 404
    page = change_email(client, outbox, "hr@fresh-start.example").get_data(as_text=True)
    assert fresh(employer).email == "hr@fresh-start.example"
    assert fresh(employer).approval == "pending"  # a new domain is a new look by an admin
    assert "review your account again" in page
    assert client.get("/developers").status_code == 403
    fresh(employer).approval = "approved"  # the admin approves the new address
    db.session.commit()
    listing = client.get("/developers").get_data(as_text=True)
    assert "Openia" in listing and "Blockina" not in listing  # the SQL rule
    for path in (f"/developers/{blocked.id}", f"/offers/new/{blocked.id}"):  # the Python rule
        assert client.get(path).status_code == 404, path


def test_an_email_change_within_the_domain_keeps_the_approval(client, auth, outbox, make_employer):
    employer = make_employer(email="hr@initech.example")
    auth.login(employer)
    change_email(client, outbox, "boss@initech.example")
    assert fresh(employer).approval == "approved"


# --- 7: company-name blocks on the confusables skeleton -----------------------------------


@pytest.mark.parametrize(
    "blocked,evasion",
    [
        ("ACME", "АСМЕ"),  # Cyrillic А, С, М, Е
        ("Acme Corp", "Асme Corp"),  # Cyrillic а, с among Latin letters
        ("ACME", "AC\u200bME"),  # a zero-width space inside the word
        ("Initech", "Init\u00adech\u2060"),  # a soft hyphen, a word joiner
        ("Istanbul Soft", "İSTANBUL SOFT"),  # the Turkish dotted capital I
        ("Globex", "ＧＬＯＢＥＸ Ltd"),  # full-width letters
    ],
)
def test_company_block_matches_cyrillic_lookalikes(
    client, auth, make_employer, make_profile, blocked, evasion
):
    profile = make_profile(first_name="Hiddenia", blocked=[("company", blocked)])
    auth.login(make_employer(company=evasion))
    assert client.get(f"/developers/{profile.id}").status_code == 404
    assert "Hiddenia" not in client.get("/developers").get_data(as_text=True)


def test_a_company_that_only_looks_different_is_not_blocked(
    client, auth, make_employer, make_profile
):
    profile = make_profile(blocked=[("company", "ACME")])
    auth.login(make_employer(company="ACNE Studios"))
    assert client.get(f"/developers/{profile.id}").status_code == 200


@pytest.mark.parametrize(
    "name,warning",
    [
        ("AСМЕ Corp", "mixes writing systems"),
        ("Init\u200bech", "contains invisible characters"),
    ],
)
def test_admin_is_warned_about_a_lookalike_company_name(
    client, auth, make_user, make_employer, name, warning
):
    employer = make_employer(company=name, approval="pending")
    plain = make_employer(company="Globex", approval="pending")
    auth.login(make_user("admin"))
    queue = client.get("/admin/approvals").get_data(as_text=True)
    assert queue.count(warning) == 1
    assert warning in client.get(f"/admin/users/{employer.id}").get_data(as_text=True)
    assert warning not in client.get(f"/admin/users/{plain.id}").get_data(as_text=True)


# --- 9: a TOTP code works once ------------------------------------------------------------


def test_totp_code_cannot_be_used_twice(app, make_user):
    admin = make_user("admin")
    first, second = password_only(app, admin), password_only(app, admin)
    code = pyotp.TOTP(admin.totp_secret).now()
    assert first.post("/account/2fa/challenge", data={"code": code}).status_code == 302
    replay = second.post("/account/2fa/challenge", data={"code": code})
    assert replay.status_code == 400 and "That code is not right" in replay.get_data(as_text=True)
    assert second.get("/admin/").status_code == 404
    assert first.get("/admin/").status_code == 200


def test_totp_code_used_to_sign_in_cannot_confirm_anything_else(app, make_user):
    user = make_user("developer", totp_secret=pyotp.random_base32())
    user.totp_enabled_at = user.created_at
    db.session.commit()
    client = password_only(app, user)
    totp = pyotp.TOTP(user.totp_secret)
    code = totp.now()
    assert client.post("/account/2fa/challenge", data={"code": code}).status_code == 302
    for earlier in (code, totp.at(int(time.time()) - totp.interval)):
        response = client.post(
            "/account/2fa/recovery-codes", data={"password": PASSWORD, "code": earlier}
        )
        assert response.status_code == 400
    assert (
        client.post("/account/2fa/disable", data={"password": PASSWORD, "code": code}).status_code
        == 400
    )
    assert fresh(user).totp_enabled_at is not None
