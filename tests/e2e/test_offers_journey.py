"""An employer shortlists a developer and sends an offer; the developer accepts; the employer
sees the contacts. In Chromium, under the real CSP and CSRF."""

import re

from playwright.sync_api import Page, expect

from outstaff.core.extensions import db
from outstaff.models import DeveloperProfile, EmployerProfile, User, utcnow


def _setup(live_server, make_account) -> tuple[tuple, tuple, int]:
    employer = make_account("employer")
    developer = make_account("developer")
    with live_server.app.app_context():
        emp = db.session.scalar(db.select(User).where(User.email == employer[0]))
        db.session.add(
            EmployerProfile(
                user_id=emp.id, company_name="Journey Labs", company_name_norm="journey labs"
            )
        )
        dev = db.session.scalar(db.select(User).where(User.email == developer[0]))
        profile = DeveloperProfile(
            user_id=dev.id,
            first_name="Dana",
            last_name="Quill",
            is_published=True,
            published_at=utcnow(),
            contact_visibility="after_accept",
            phone="+77011234567",
            telegram="dana_quill",
        )
        db.session.add(profile)
        db.session.commit()
        return employer, developer, profile.id


def test_shortlist_offer_accept_and_contacts(
    page: Page, browser, base_url, live_server, make_account, signin
):
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    # Console errors catch CSP refusals; the one 400 below is the validation we provoke.
    page.on(
        "console",
        lambda msg: (
            errors.append(msg.text)
            if msg.type == "error" and "status of 400" not in msg.text
            else None
        ),
    )
    employer, developer, profile_id = _setup(live_server, make_account)

    # The employer saves Dana to the shortlist (the listing's profile page will carry the same
    # button; here the offer page's does) and writes a private note.
    signin(page, *employer)
    page.goto(f"/offers/new/{profile_id}")
    page.get_by_role("button", name="Save to shortlist").click()
    expect(page.get_by_text("Saved to your shortlist.")).to_be_visible()
    page.get_by_role("link", name="Shortlist", exact=True).click()
    item = page.locator(".shortlist-item", has_text="Dana Quill")
    item.get_by_label("Private note").fill("Great Flask experience")
    item.get_by_role("button", name="Save note").click()
    expect(page.get_by_text("Your note is saved.")).to_be_visible()
    expect(page.get_by_label("Private note")).to_have_value("Great Flask experience")

    # ... and sends an offer from the shortlist.
    page.get_by_role("link", name="Make an offer").click()
    page.get_by_label("Role").fill("Senior Flask developer")
    page.get_by_label("Engagement").select_option("contract")
    page.get_by_label("Amount").fill("45")
    page.get_by_label("Currency").select_option("EUR")
    page.get_by_label("Period").select_option("hour")
    page.get_by_label("Message to the developer").fill("Short")
    page.get_by_role("button", name="Send the offer").click()
    expect(page.locator("#message-error")).to_contain_text("Write between 20 and 5000")
    expect(page.get_by_label("Role")).to_have_value("Senior Flask developer")
    page.get_by_label("Message to the developer").fill(
        "We are building a hiring platform and would love your help with it."
    )
    page.get_by_role("button", name="Send the offer").click()
    expect(page.get_by_text("Your offer is sent.")).to_be_visible()
    expect(page.locator(".state")).to_have_text("Sent")
    offer_url = page.url

    # The developer follows the link in the mail, reads and accepts.
    link = live_server.link(developer[0], "/offers/")
    context = browser.new_context(base_url=base_url)
    dev_page = context.new_page()
    signin(dev_page, *developer)
    expect(dev_page.get_by_role("link", name=re.compile(r"Offers\s*1 new"))).to_be_visible()
    dev_page.goto(link)
    expect(dev_page.get_by_text("Journey Labs").first).to_be_visible()
    expect(dev_page.get_by_text("€45.00 per hour")).to_be_visible()
    dev_page.get_by_label("Your reply (optional)").fill("Happy to talk this week.")
    dev_page.get_by_role("button", name="Accept the offer").click()
    expect(dev_page.get_by_text("You accepted the offer.")).to_be_visible()
    context.close()

    # The employer was told by mail and now sees the reply and the contacts.
    assert any(m["to"] == employer[0] and "accepted" in m["subject"] for m in live_server.outbox())
    page.goto(offer_url)
    expect(page.locator(".state")).to_have_text("Accepted")
    expect(page.get_by_text("Happy to talk this week.")).to_be_visible()
    contacts = page.locator(".contacts-card")
    expect(contacts.get_by_role("link", name=developer[0])).to_have_attribute(
        "href", f"mailto:{developer[0]}"
    )
    expect(contacts.get_by_role("link", name="+7 701 123 4567")).to_have_attribute(
        "href", "tel:+77011234567"
    )
    telegram = contacts.get_by_role("link", name="@dana_quill")
    expect(telegram).to_have_attribute("href", "https://t.me/dana_quill")
    expect(telegram).to_have_attribute("rel", "noopener noreferrer")
    assert errors == []
