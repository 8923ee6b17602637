"""Pages in the states a plain visit does not show: forms with errors (whose summaries must
link to the fields and move the focus there), a policy preview, and the two-factor pages that
exist only in the middle of a sign-in or a set-up. axe-core checks each one."""

import re

import pyotp
import pytest
from playwright.sync_api import Page, expect

from tests.e2e.a11y_pages import DESKTOP, LAYOUT_JS, PHONE, arg_values, run_axe
from tests.e2e.a11y_world import PASSWORD

pytest_plugins = ["tests.e2e.a11y_fixtures"]

# role -> [(path, button to press, {label: value to type}, errors expected)]; the paths are
# formatted with the fixture world, and nothing here is valid, so nothing changes.
FORMS = {
    "anonymous": [
        ("/account/signup", "Create account", {"Email": "not an address"}, True),
        ("/account/signin", "Sign in", {}, True),
        ("/account/password/forgot", "Send me a reset link", {"Email": "nobody@"}, True),
        ("{reset}", "Set new password", {"New password": "short"}, True),
        ("/contact", "Send message", {"Your email": "me@"}, True),
    ],
    "developer": [
        ("/account/", "Change password", {}, True),
        ("/account/", "Send confirmation link", {"New email": "nope"}, True),
        ("/account/delete", "Delete my account for good", {}, True),
        ("/questionnaire/edit", "Save", {"Phone number": "12", "Telegram account": "9x"}, True),
        ("/questionnaire/photo", "Upload photo", {}, True),
        ("/questionnaire/blocks", "Add to block list", {}, True),
    ],
    "employer_pending": [
        (
            "/employer/profile",
            "Save company profile",
            {"Company website (optional)": "not a site", "Phone number (optional)": "12"},
            True,
        ),
    ],
    "employer_new": [
        ("/offers/new/{w.profile_id}", "Send the offer", {"Amount": "lots"}, True),
    ],
    "admin": [
        ("/admin/policy", "Publish new version", {"What changed": ""}, True),
        ("/admin/policy", "Preview", {"What changed": "Clearer words"}, False),
        ("/admin/feedback/{w.feedback_id}", "Send the reply", {"Subject": ""}, True),
        ("/admin/users/{developer}/hide", "Hide the questionnaire", {}, True),
        ("/admin/approvals", "Reject", {}, True),  # a rejection needs a reason
    ],
}


def violations(page: Page) -> list[str]:
    """axe-core's findings, then the layout checks at 1280 and 375 px (a11y_layout.js)."""
    found = [f"{page.url}: {v['id']} {v['help']} -> {v['nodes']}" for v in run_axe(page)]
    found += [f"{page.url} at 1280 px: {problem}" for problem in page.evaluate(LAYOUT_JS)]
    page.set_viewport_size(PHONE)
    found += [f"{page.url} at 375 px: {problem}" for problem in page.evaluate(LAYOUT_JS)]
    page.set_viewport_size(DESKTOP)
    return found


def summary_links_focus_their_fields(page: Page) -> list[str]:
    """Follow each link of the error summary; the field it names must get the focus."""
    wrong = []
    for link in page.locator(".error-summary a").all():
        target = link.get_attribute("href").removeprefix("#")
        link.click()
        if page.evaluate("document.activeElement.id") != target:
            wrong.append(f"{page.url}: the link to #{target} does not focus it")
    return wrong


@pytest.mark.parametrize("role", sorted(FORMS))
def test_forms_with_errors_are_accessible_and_their_summaries_lead_to_the_fields(
    role, axe_context, live_server, a11y_world
):
    page = axe_context(role).new_page()
    values = arg_values(live_server.app, a11y_world, role)
    paths = {
        "reset": "/account/password/reset/" + values["token"]["accounts.reset_password"],
        "developer": a11y_world.user_ids["developer"],
    }
    problems = []
    for path, button, fills, errors in FORMS[role]:
        page.goto(path.format(w=a11y_world, **paths))
        for label, value in fills.items():
            page.get_by_label(label, exact=True).fill(value)
        page.get_by_role("button", name=button, exact=True).first.click()
        if errors:
            expect(page.locator(".error-summary")).to_be_visible()
            assert page.locator(".error-summary a").count() >= 1, page.url
            problems += summary_links_focus_their_fields(page)
        else:
            expect(page.locator(".error-summary")).to_have_count(0)
        problems += violations(page)
    assert problems == [], "\n".join(problems)


def test_two_factor_set_up_and_sign_in_pages(axe_context, make_account):
    """An admin's first visit (set-up, a wrong code, recovery codes), then a sign-in's code
    step, wrong and right."""
    page = axe_context("anonymous").new_page()
    email, _ = make_account("admin")
    problems = []

    def sign_in():
        page.goto("/account/signin")
        page.get_by_label("Email", exact=True).fill(email)
        page.get_by_label("Password", exact=True).fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()

    sign_in()
    expect(page).to_have_url(re.compile(r"/account/2fa/$"))
    problems += violations(page)
    page.get_by_role("button", name="Set up two-factor sign-in").click()
    secret = page.locator("#totp-secret").inner_text().replace(" ", "")
    problems += violations(page)
    page.get_by_label("Code from the app").fill("000000")
    page.get_by_role("button", name="Turn on two-factor sign-in").click()
    expect(page.locator(".error-summary")).to_be_visible()
    problems += summary_links_focus_their_fields(page) + violations(page)
    page.get_by_label("Code from the app").fill(pyotp.TOTP(secret).now())
    page.get_by_role("button", name="Turn on two-factor sign-in").click()
    codes = page.locator(".recovery-codes li")
    expect(codes).to_have_count(10)
    recovery = codes.first.inner_text()
    problems += violations(page)

    page.context.clear_cookies()
    sign_in()
    expect(page).to_have_url(re.compile(r"/account/2fa/challenge$"))
    problems += violations(page)
    page.get_by_label("Authentication code").fill("123")
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".error-summary")).to_be_visible()
    problems += summary_links_focus_their_fields(page) + violations(page)
    page.get_by_label("Authentication code").fill(recovery)
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name="Admin console")).to_be_visible()
    assert problems == [], "\n".join(problems)


def test_a_reported_conversation_read_by_an_admin(axe_context):
    """The console's reports list and the thread it opens (a POST, so the sweep cannot reach
    it), with the fixture world's long, reported conversation."""
    page = axe_context("admin").new_page()
    page.goto("/admin/reports")
    problems = violations(page)
    page.get_by_role("button", name=re.compile("Read the conversation")).first.click()
    expect(page.get_by_text("Understood. Keep us in mind.")).to_be_visible()
    problems += violations(page)
    assert problems == [], "\n".join(problems)


def test_the_layout_check_sees_a_table_cut_off_and_sideways_scroll_at_either_width(
    axe_context,
):
    """The sweep's layout check is not blind: a table cut off by a box that hides its overflow
    and a page wider than the window are both reported, at 1280 px as at 375 px."""
    page = axe_context("anonymous").new_page()
    cut = '<div style="overflow:hidden;width:200px"><table><tr><td>{}</td></tr></table></div>'
    for viewport in (DESKTOP, PHONE):
        page.set_viewport_size(viewport)
        page.set_content(cut.format("x" * 400) + '<div style="width:2000px">wide</div>')
        found = page.evaluate(LAYOUT_JS)
        assert any(p.startswith("table cut off") for p in found), found
        assert any(p.startswith("scrolls sideways") for p in found), found
        page.set_content(cut.format("short"))
        assert page.evaluate(LAYOUT_JS) == []
