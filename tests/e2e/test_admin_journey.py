"""The console in a real browser, under the real CSP and CSRF: feedback in, handled, approved."""

import re
import time

import pyotp
import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from outstaff.core.extensions import db
from outstaff.feedback.spam import DEFAULT_MIN_SECONDS
from outstaff.models import Feedback, User, utcnow


def collect_errors(page: Page) -> list[str]:
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    return errors


@pytest.fixture
def admin_signin(make_account, signin):
    """Sign in as a new admin with an authenticator app, answering the code step."""

    def do(page: Page) -> None:
        secret = pyotp.random_base32()
        email, password = make_account("admin", totp_secret=secret, totp_enabled_at=utcnow())
        signin(page, email, password)
        expect(page).to_have_url(re.compile(r"/account/2fa/challenge$"))
        page.get_by_label("Authentication code").fill(pyotp.TOTP(secret).now())
        page.get_by_role("button", name="Continue").click()
        expect(page.get_by_role("heading", name="Admin console")).to_be_visible()

    return do


def test_a_visitor_writes_and_an_admin_marks_it_handled(page: Page, live_server, admin_signin):
    errors = collect_errors(page)
    text = "Hello! What data do you store about me, exactly?"
    page.goto("/")
    page.get_by_role("link", name="Contact us").click()
    page.get_by_label("Your name").fill("Vera Visitor")
    page.get_by_label("Your email").fill("vera@example.org")
    page.get_by_label("A privacy request").check()
    page.get_by_label("Your message").fill(text)
    page.wait_for_timeout(DEFAULT_MIN_SECONDS * 1000 + 200)  # people take a moment to write
    page.get_by_role("button", name="Send message").click()
    expect(page.get_by_role("heading", name="Thank you")).to_be_visible()

    page.context.clear_cookies()
    admin_signin(page)
    page.get_by_label("Console").get_by_role("link", name="Feedback").click()
    page.get_by_role("link", name=re.compile("What data do you store")).click()
    expect(page.locator(".message-body").first).to_have_text(text)
    page.get_by_role("button", name="Mark as handled").click()
    expect(page.get_by_text("Marked as handled.")).to_be_visible()

    with live_server.app.app_context():
        message = db.session.scalar(select(Feedback).where(Feedback.email == "vera@example.org"))
        assert message.status == "handled" and message.handled_by_id is not None
    assert errors == []


def test_an_admin_sets_up_two_factor_on_first_visit(page: Page, make_account, signin):
    errors = collect_errors(page)
    email, password = make_account("admin")
    signin(page, email, password)
    expect(page).to_have_url(re.compile(r"/account/2fa/$"))
    expect(page.get_by_text("Administrators must turn on two-factor sign-in")).to_be_visible()
    page.get_by_role("button", name="Set up two-factor sign-in").click()
    expect(page.locator("img.qr")).to_be_visible()
    secret = page.locator("#totp-secret").inner_text().replace(" ", "")
    page.get_by_label("Code from the app").fill(pyotp.TOTP(secret).now())
    page.get_by_role("button", name="Turn on two-factor sign-in").click()
    expect(page.locator(".recovery-codes li")).to_have_count(10)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Console").click()
    expect(page.get_by_role("heading", name="Admin console")).to_be_visible()
    assert errors == []


def test_an_admin_approves_a_pending_employer(page: Page, live_server, make_account, admin_signin):
    errors = collect_errors(page)
    email, _password = make_account("employer", approved=False)
    admin_signin(page)
    page.get_by_label("Console").get_by_role("link", name="Users").click()
    page.get_by_label("Email or name").fill(email)
    page.get_by_label("Status").select_option("pending")
    page.get_by_role("button", name="Find").click()
    page.get_by_role("link", name=email).click()
    page.get_by_role("button", name="Approve the employer").click()
    page.wait_for_load_state()
    deadline = time.monotonic() + 5
    while True:
        with live_server.app.app_context():
            approval = db.session.scalar(select(User.approval).where(User.email == email))
        if approval == "approved" or time.monotonic() > deadline:
            break
        time.sleep(0.1)
    assert approval == "approved"
    assert errors == []
