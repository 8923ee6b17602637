"""Issue 16 in Chromium: a developer fills the terms with and without JavaScript, at 375 and
1280 px, sees them in the preview; an employer filters by rate, overlap and remote."""

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from outstaff.core.extensions import db
from outstaff.models import DeveloperProfile, EmployerProfile, User, utcnow
from tests.helpers import set_rate

VIEWPORTS = {"phone": {"width": 375, "height": 800}, "desktop": {"width": 1280, "height": 900}}


def _fill_questionnaire(page, javascript: bool) -> None:
    page.goto("/questionnaire/edit")
    page.get_by_label("Name", exact=True).fill("Dana")
    page.get_by_label("Surname", exact=True).fill("Sarsenova")
    page.get_by_label("Country", exact=True).select_option("KZ")
    page.get_by_label("Profession", exact=True).select_option("backend")
    page.get_by_label("Skills", exact=True).fill("Python, PostgreSQL")
    if javascript:
        page.get_by_label("Skills", exact=True).press("Enter")
        expect(page.get_by_role("button", name="Remove Python")).to_be_visible()
        page.get_by_label("Find a language").fill("kaz")
        expect(page.get_by_label("Russian", exact=True)).to_be_hidden()
    page.get_by_label("Kazakh", exact=True).check()
    if javascript:
        expect(page.get_by_role("button", name="Remove Kazakh")).to_be_visible()
    page.get_by_label("Years of experience").fill("6")
    page.get_by_label("Phone number").fill("not a phone")
    page.get_by_role("button", name="Save").click()
    # One bad field: the rest is saved, the bad one stays with its error.
    expect(page.get_by_text("Saved: About you, Work, Languages")).to_be_visible()
    expect(page.locator("#phone-error")).to_be_visible()


def _fill_terms(page) -> None:
    page.goto("/questionnaire/terms")
    page.get_by_label("From", exact=True).fill("4000")
    page.get_by_label("To (optional").fill("5000")
    page.get_by_label("Currency").select_option("EUR")
    page.get_by_label("I work remotely").check()
    page.get_by_label("GitHub").fill("github.com/dana")
    page.get_by_label("LinkedIn").fill("https://evil.example/in/dana")
    page.get_by_label("Time zone", exact=True).select_option("Asia/Almaty")
    page.get_by_label("I work from (local time)").select_option("9")
    page.get_by_label("until").select_option("18")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#link_linkedin-error")).to_contain_text("linkedin.com")
    expect(page.get_by_text("Saved: Rate expectation, Where you work")).to_be_visible()
    page.get_by_label("LinkedIn").fill("")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Your terms are saved.")).to_be_visible()


@pytest.mark.parametrize(("javascript", "viewport"), [(True, "desktop"), (False, "phone")])
def test_a_developer_fills_the_terms_and_sees_them_in_the_preview(
    browser, base_url, live_server, make_account, signin, javascript, viewport
):
    context = browser.new_context(
        base_url=base_url, java_script_enabled=javascript, viewport=VIEWPORTS[viewport]
    )
    page = context.new_page()
    email, password = make_account("developer")
    signin(page, email, password)
    _fill_questionnaire(page, javascript)
    _fill_terms(page)
    page.goto("/questionnaire/history")
    page.get_by_label("Role", exact=True).fill("Senior back-end developer")
    page.get_by_label("Company", exact=True).fill("Kaspi")
    page.get_by_label("Hide the company").check()
    page.get_by_label("Started (year-month)").fill("2021-03")
    page.get_by_role("button", name="Add to my work history").click()
    expect(page.get_by_text("The entry is added")).to_be_visible()
    page.goto("/questionnaire/preview")
    for text in ("4,000–5,000 EUR per month", "Remote", "09:00–18:00", "Senior back-end developer"):
        expect(page.get_by_text(text, exact=False).first).to_be_visible()
    expect(page.get_by_text("Kaspi")).to_have_count(0)
    github = page.get_by_role("link", name="GitHub")
    expect(github).to_have_attribute("rel", "noopener noreferrer nofollow")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= VIEWPORTS[viewport]["width"]
    context.close()


def test_an_employer_filters_by_rate_overlap_and_remote(page, live_server, make_account, signin):
    app = live_server.app
    team = (("Remy", True, 9), ("Otto", False, 9), ("Nadia", True, 1))
    emails = [
        make_account("developer", email=f"{n.lower()}.terms@example.com")[0] for n, _r, _s in team
    ]
    with app.app_context():
        from outstaff import rates
        from outstaff.questionnaire import terms_service

        set_rate("EUR", 0.8, utcnow().date())
        db.session.commit()
        for (name, remote, start), user_email in zip(team, emails, strict=True):
            user = db.session.scalar(select(User).where(User.email == user_email))
            profile = DeveloperProfile(
                user_id=user.id,
                first_name=name,
                last_name="Terms",
                country="DE",
                profession="backend",
                years_experience=5,
                availability="open",
                is_published=True,
                published_at=utcnow(),
                search_text=name.lower(),
                rate_min=5000,
                rate_currency="EUR",
                rate_period="month",
                remote=remote,
                time_zone="Europe/Berlin",
                work_start=start,
                work_end=start + 8,
                availability_confirmed_at=utcnow(),
            )
            rates.refresh_profile(profile)
            terms_service.refresh_hours(profile)
            db.session.add(profile)
        db.session.commit()
    email, password = make_account("employer")
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == email))
        db.session.add(
            EmployerProfile(
                user_id=user.id,
                company_name="Terms GmbH",
                company_name_norm="terms",
                country="DE",
                time_zone="Europe/London",
                work_start=9,
                work_end=17,
            )
        )
        db.session.commit()
    signin(page, email, password)
    page.goto("/developers")
    page.get_by_label("From", exact=True).fill("5500")
    page.get_by_label("To", exact=True).fill("7000")
    page.locator("#f-rate-currency").select_option("USD")
    page.get_by_label("Remote", exact=True).check()
    page.get_by_label("Hours of overlap").select_option("6")
    page.get_by_role("button", name="Show developers").click()
    cards = page.locator(".dev-card h3")
    expect(cards).to_have_count(1)
    expect(cards.first).to_have_text("Remy Terms")
    expect(page.get_by_text("5,000 EUR per month")).to_be_visible()
    page.get_by_role("link", name="Remy Terms").click()
    expect(page.get_by_text("Rate expectation")).to_be_visible()
