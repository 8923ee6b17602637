"""A developer's whole account life in a real browser, under the real CSP and CSRF."""

from playwright.sync_api import Page, expect
from sqlalchemy import func, select

from outstaff.core.extensions import db
from outstaff.models import User

PASSWORD = "violet harbour lantern 1987"


def test_sign_up_confirm_sign_out_sign_in_and_delete(page: Page, live_server, signin):
    errors = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    email = "Ada.Journey@Example.com"

    page.goto("/")
    page.get_by_role("link", name="Sign up").first.click()
    page.get_by_label("A developer looking for projects").check()
    page.get_by_label("Email", exact=True).fill(email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Repeat the password").fill(PASSWORD)
    page.get_by_label("I am at least 12 years old").check()
    page.get_by_label("I have read and accept the privacy policy").check()
    page.get_by_role("button", name="Create account").click()
    expect(page).to_have_url(f"{live_server.url}/account/signup/check-inbox")

    # The address is stored normalized; the confirmation link arrives by mail.
    page.goto(live_server.link("ada.journey@example.com", "/account/confirm/"))
    expect(page.get_by_text("your email address is confirmed")).to_be_visible()

    # Opened in the browser that signed up, the link has signed the new account in.
    page.get_by_role("link", name="Account", exact=True).click()
    expect(page.locator("dl.facts")).to_contain_text("Email confirmed")
    expect(page.locator("dl.facts")).to_contain_text("Yes")

    page.get_by_role("button", name="Sign out", exact=True).click()
    expect(page.get_by_text("You are signed out.")).to_be_visible()
    expect(page.get_by_role("link", name="Sign in")).to_be_visible()

    signin(page, email, PASSWORD)
    page.goto("/account/")
    page.get_by_role("link", name="Delete my account").click()
    page.get_by_label("Your password").fill(PASSWORD)
    page.get_by_label("I understand that this erases my account").check()
    page.get_by_role("button", name="Delete my account for good").click()
    expect(page.get_by_text("Your account and all your data have been deleted")).to_be_visible()
    expect(page.get_by_role("link", name="Sign in")).to_be_visible()

    with live_server.app.app_context():
        query = (
            select(func.count())
            .select_from(User)
            .where(func.lower(User.email) == "ada.journey@example.com")
        )
        assert db.session.scalar(query) == 0
    receipt = live_server.outbox()[-1]
    assert receipt["to"] == "ada.journey@example.com"
    assert "deleted" in receipt["subject"]

    # The old password no longer opens anything.
    page.goto("/account/signin")
    page.get_by_label("Email", exact=True).fill(email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text("The email or password is not correct.").first).to_be_visible()
    assert errors == [], f"browser console errors (CSP?): {errors}"
