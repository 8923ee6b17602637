"""An admin approves a waiting employer, who then filters the developers and opens one."""

import re
from datetime import timedelta

import pyotp
from playwright.sync_api import Page, expect
from sqlalchemy import select

from outstaff.accounts import service as accounts
from outstaff.core.extensions import db
from outstaff.listing.search import search_text
from outstaff.models import (
    DeveloperLanguage,
    DeveloperProfile,
    DeveloperSkill,
    EmployerProfile,
    User,
    utcnow,
)
from outstaff.search import index as search_index

DEVELOPERS = [
    # first name, profession, English, availability
    ("Agata", "backend", "C1", "open"),
    ("Bruno", "backend", "A2", "open"),
    ("Ciara", "frontend", "C2", "open"),
    ("Dmitri", "backend", "B2", "not_now"),
]


def publish_developers(app) -> dict[str, int]:
    ids = {}
    with app.app_context():
        for i, (name, profession, level, availability) in enumerate(DEVELOPERS):
            user = accounts.create_user(
                f"{name.lower()}.journey@example.com", "x" * 12, "developer"
            )
            profile = DeveloperProfile(
                user_id=user.id,
                first_name=name,
                last_name="Journey",
                country="PL",
                english_level=level,
                english_rank={"A2": 2, "B2": 4, "C1": 5, "C2": 6}[level],
                profession=profession,
                years_experience=4 + i,
                availability=availability,
                bio="Writes careful code.",
                is_published=True,
                published_at=utcnow(),
                contact_visibility="employers",
                telegram=f"{name.lower()}_journey",
                updated_at=utcnow() - timedelta(minutes=i),
                search_text=search_text(name, "Journey", profession, None, ["Python"], ""),
            )
            profile.languages = [DeveloperLanguage(code="pl"), DeveloperLanguage(code="en")]
            profile.skills = [DeveloperSkill(name="Python", name_norm="python", position=0)]
            db.session.add(profile)
            db.session.flush()
            search_index.sync(profile)  # as publishing does, in the same transaction
            db.session.commit()
            ids[name] = profile.id
    return ids


def add_company(app, email: str) -> None:
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == email))
        db.session.add(
            EmployerProfile(
                user_id=user.id,
                first_name="Hana",
                last_name="Hiring",
                company_name="Journey Works",
                country="PL",
                company_name_norm="journey works",
            )
        )
        db.session.commit()


def test_admin_approves_then_employer_filters_and_opens_a_profile(
    page: Page, live_server, make_account, signin
):
    errors = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    ids = publish_developers(live_server.app)
    secret = pyotp.random_base32()  # admins sign in with a second factor
    admin_email, admin_password = make_account(
        "admin", totp_secret=secret, totp_enabled_at=utcnow()
    )
    employer_email, employer_password = make_account("employer", approved=False)
    add_company(live_server.app, employer_email)

    # Before approval the employer sees no developer data, and is told why.
    signin(page, employer_email, employer_password)
    response = page.goto("/developers")
    assert response.status == 403
    expect(page.get_by_text("waiting for an administrator")).to_be_visible()
    page.get_by_role("button", name="Sign out").click()
    errors.clear()  # the two expected 403s above

    # The admin approves the company from the queue.
    signin(page, admin_email, admin_password)
    expect(page).to_have_url(re.compile(r"/account/2fa/challenge$"))
    page.get_by_label("Authentication code").fill(pyotp.TOTP(secret).now())
    page.get_by_role("button", name="Continue").click()
    page.goto("/admin/approvals")
    card = page.locator("li.card", has_text="Journey Works")
    expect(card).to_contain_text(employer_email)
    card.get_by_label("Note to the employer").fill("Welcome, Journey Works.")
    card.get_by_role("button", name="Approve").click()
    expect(page.get_by_text(f"{employer_email} is approved.")).to_be_visible()
    expect(page.locator("li.card", has_text="Journey Works")).to_have_count(0)
    assert live_server.link(employer_email, "/developers") == "/developers"
    page.get_by_role("button", name="Sign out").click()

    # The employer filters: back-end, English B1 or better, open to offers.
    signin(page, employer_email, employer_password)
    expect(page).to_have_url(re.compile(r"/developers$"))
    # The browser tests share one server: other tests' published developers are listed too.
    ours = page.locator(".dev-card", has_text="Journey")
    expect(ours).to_have_count(4)
    page.get_by_label("Profession").select_option("backend")
    page.get_by_label("English, at least").select_option("B1")
    page.get_by_label("Availability").select_option("open")
    page.get_by_role("button", name="Show developers").click()
    expect(page).to_have_url(re.compile(r"profession=backend.*english=B1.*availability=open"))
    expect(ours).to_have_count(1)
    expect(ours.locator("h3")).to_have_text("Agata Journey")
    expect(page.get_by_label("Profession")).to_have_value("backend")

    # ...and opens the one that matches.
    with page.expect_response(re.compile(rf"/developers/{ids['Agata']}$")) as answer:
        page.get_by_role("link", name="Agata Journey").click()
    assert answer.value.status == 200
    assert answer.value.headers["cache-control"] == "no-store"
    expect(page.get_by_role("heading", name="Agata Journey")).to_be_visible()
    link = page.get_by_role("link", name="@agata_journey")
    expect(link).to_have_attribute("rel", "noopener noreferrer")
    assert errors == []
