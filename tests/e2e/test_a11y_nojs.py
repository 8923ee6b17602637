"""With JavaScript switched off, every main journey still works: sign-up, the questionnaire
with a photo, the listing's filters, offers, the cookie choice and the contact form. Real CSP
and CSRF."""

import re
import uuid

import pytest
from PIL import Image
from playwright.sync_api import expect
from sqlalchemy import select

from outstaff.core.extensions import db
from outstaff.feedback.spam import DEFAULT_MIN_SECONDS
from outstaff.models import DeveloperProfile, EmployerProfile, Feedback, Offer, User, utcnow
from outstaff.questionnaire import service as questionnaire
from tests.e2e.a11y_world import PASSWORD


@pytest.fixture
def nojs(browser, base_url):
    """A page in a browser context with JavaScript disabled."""
    context = browser.new_context(base_url=base_url, java_script_enabled=False)
    yield context.new_page()
    context.close()


def sign_in(page, email: str) -> None:
    page.goto("/account/signin")
    page.get_by_label("Email", exact=True).fill(email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).not_to_have_url(re.compile(r"/account/signin"))


def user_id(live_server, email: str) -> int:
    with live_server.app.app_context():
        return db.session.scalar(select(User.id).where(User.email == email))


def test_sign_up_and_confirm_without_javascript(nojs, live_server):
    email = f"nojs-{uuid.uuid4().hex[:8]}@example.com"
    nojs.goto("/account/signup")
    nojs.get_by_role("button", name="Create account").click()
    expect(nojs.locator(".error-summary")).to_be_visible()
    nojs.get_by_label("A developer looking for projects").check()
    nojs.get_by_label("Email", exact=True).fill(email)
    nojs.get_by_label("Password", exact=True).fill(PASSWORD)
    nojs.get_by_label("Repeat the password").fill(PASSWORD)
    nojs.get_by_label("I am at least 12 years old").check()
    nojs.get_by_label("I have read and accept the privacy policy").check()
    nojs.get_by_role("button", name="Create account").click()
    expect(nojs.get_by_role("heading", name="Check your inbox")).to_be_visible()
    nojs.goto(live_server.link(email, "/account/confirm/"))
    expect(nojs.get_by_text("your email address is confirmed")).to_be_visible()


def test_questionnaire_with_a_photo_without_javascript(nojs, live_server, make_account, tmp_path):
    email, _ = make_account("developer")
    sign_in(nojs, email)
    nojs.get_by_role("link", name="Edit questionnaire").click()
    nojs.get_by_label("Name", exact=True).fill("Aigerim")
    nojs.get_by_label("Surname", exact=True).fill("Nurlanovna")
    nojs.get_by_label("Country", exact=True).select_option("KZ")
    nojs.get_by_label("Profession", exact=True).select_option("qa")
    nojs.get_by_label("Skills", exact=True).fill("Playwright, Pytest")
    nojs.get_by_label("Years of experience").fill("4")
    nojs.get_by_label("Open to offers").check()
    nojs.get_by_label("English level").select_option("C1")
    nojs.get_by_label("Kazakh", exact=True).check()
    nojs.get_by_role("button", name="Save").click()
    expect(nojs.get_by_text("Your questionnaire is saved.")).to_be_visible()

    photo = tmp_path / "me.png"
    Image.new("RGB", (400, 300), (13, 122, 95)).save(photo, "PNG")
    nojs.get_by_role("link", name="Photo", exact=True).first.click()
    nojs.get_by_label("Photo", exact=True).set_input_files(str(photo))
    nojs.get_by_role("button", name="Upload photo").click()
    expect(nojs.get_by_text("Your photo is saved.")).to_be_visible()
    expect(nojs.get_by_alt_text("Your current photo")).to_be_visible()

    nojs.get_by_role("link", name="Overview").click()
    nojs.get_by_label("I want approved employers to see my questionnaire").check()
    nojs.get_by_role("button", name="Publish my questionnaire").click()
    expect(nojs.get_by_text("Your questionnaire is published")).to_be_visible()
    with live_server.app.app_context():
        profile = db.session.scalar(
            select(DeveloperProfile).where(DeveloperProfile.user_id == user_id(live_server, email))
        )
        assert profile.is_published and profile.photo is not None
        assert [lang.code for lang in profile.languages] == ["kk"]


def test_listing_filters_without_javascript(nojs, live_server, make_account):
    employer, _ = make_account("employer")
    developer, _ = make_account("developer")
    with live_server.app.app_context():
        db.session.add(
            EmployerProfile(
                user_id=user_id(live_server, employer),
                company_name="Filter Works",
                company_name_norm="filter works",
            )
        )
        user = db.session.get(User, user_id(live_server, developer))
        profile = questionnaire.get_or_create(user)
        questionnaire.save(
            profile,
            {
                "first_name": "Zarina",
                "last_name": "Filtered",
                "country": "UZ",
                "english_level": "B2",
                "profession": "data",
                "years_experience": 9,
                "availability": "open",
            },
            ["uz"],
            ["Airflow", "ClickHouse"],
        )
        questionnaire.publish(user, profile)
        db.session.commit()

    sign_in(nojs, employer)
    nojs.goto("/developers")
    nojs.get_by_label("Country").select_option("UZ")
    nojs.get_by_label("Has all of these skills").fill("clickhouse")
    nojs.get_by_role("button", name="Show developers").click()
    expect(nojs).to_have_url(re.compile(r"/developers\?.*country=UZ"))
    expect(nojs.get_by_label("Country")).to_have_value("UZ")  # the filters stay as chosen
    expect(nojs.get_by_role("link", name=re.compile("Zarina Filtered"))).to_be_visible()
    nojs.get_by_label("Has all of these skills").fill("COBOL")
    nojs.get_by_role("button", name="Show developers").click()
    expect(nojs.get_by_role("heading", name="No developers match these filters")).to_be_visible()
    nojs.get_by_role("link", name="Clear all filters").click()
    expect(nojs.get_by_label("Country")).to_have_value("")


def test_an_offer_sent_and_accepted_without_javascript(nojs, live_server, make_account):
    employer, _ = make_account("employer")
    developer, _ = make_account("developer")
    with live_server.app.app_context():
        db.session.add(
            EmployerProfile(
                user_id=user_id(live_server, employer),
                company_name="Quiet Labs",
                company_name_norm="quiet labs",
            )
        )
        profile = DeveloperProfile(
            user_id=user_id(live_server, developer),
            first_name="Ilya",
            last_name="Orlov",
            is_published=True,
            published_at=utcnow(),
            contact_visibility="after_accept",
            telegram="ilya_orlov",
        )
        db.session.add(profile)
        db.session.commit()
        profile_id = profile.id

    sign_in(nojs, employer)
    nojs.goto(f"/offers/new/{profile_id}")
    nojs.get_by_label("Role").fill("Test automation lead")
    nojs.get_by_label("Engagement").select_option("part_time")
    nojs.get_by_label("Message to the developer").fill("We would like you to lead our QA.")
    nojs.get_by_role("button", name="Send the offer").click()
    expect(nojs.get_by_role("heading", name="Test automation lead")).to_be_visible()

    nojs.context.clear_cookies()
    sign_in(nojs, developer)
    nojs.goto("/offers/")
    nojs.get_by_role("link", name="Test automation lead").click()
    nojs.get_by_label("Your reply (optional)").fill("Gladly.")
    nojs.get_by_role("button", name="Accept the offer").click()
    expect(nojs.locator(".state-accepted").first).to_be_visible()
    with live_server.app.app_context():
        offer = db.session.scalar(select(Offer).where(Offer.role_title == "Test automation lead"))
        assert offer.state == "accepted" and offer.reply == "Gladly."


def test_cookie_choice_without_javascript(nojs, base_url):
    nojs.goto("/contact")
    banner = nojs.get_by_role("region", name=re.compile("Cookies on"))
    banner.get_by_role("button", name="Refuse analytics cookies").click()
    expect(nojs).to_have_url(base_url + "/contact")  # back where the visitor was
    expect(nojs.get_by_role("region", name=re.compile("Cookies on"))).to_have_count(0)
    cookies = {c["name"]: c["value"] for c in nojs.context.cookies()}
    assert cookies["cookie_consent"] == "refused"
    nojs.get_by_role("contentinfo").get_by_role("link", name="Cookie settings").click()
    expect(nojs.get_by_text("you have refused analytics cookies")).to_be_visible()


def test_contact_form_without_javascript(nojs, live_server):
    nojs.goto("/contact")
    nojs.get_by_label("Your name").fill("Nadia No-Script")
    nojs.get_by_label("Your email").fill("nadia@example.org")
    nojs.get_by_label("A general question").check()
    nojs.get_by_label("Your message").fill("Does the site work with JavaScript off? It seems so.")
    nojs.wait_for_timeout(DEFAULT_MIN_SECONDS * 1000 + 200)  # people take a moment to write
    nojs.get_by_role("button", name="Send message").click()
    expect(nojs.get_by_role("heading", name=re.compile("Thank you"))).to_be_visible()
    with live_server.app.app_context():
        assert db.session.scalar(select(Feedback.id).where(Feedback.email == "nadia@example.org"))
