"""An approved employer searches the developers in a browser: other scripts, aliases, a
typo, a phrase; the filters stay in the URL and come back with "back"."""

import re

from playwright.sync_api import Page, expect
from sqlalchemy import select

from outstaff.accounts import service as accounts
from outstaff.core.extensions import db
from outstaff.models import (
    DeveloperLanguage,
    DeveloperProfile,
    DeveloperSkill,
    EmployerProfile,
    User,
    utcnow,
)
from outstaff.search import index

DEVELOPERS = [
    # first name, last name, skills, bio
    ("Всеволод", "Зайцев", ["Python", "Django"], "Payments at scale."),
    ("Grace", "Okafor", ["k8s", "Terraform"], "Runs a payment gateway on call."),
    ("Lena", "Vogel", ["JS", "React"], "Design systems."),
]


def publish(app) -> None:
    with app.app_context():
        for i, (first, last, skills, bio) in enumerate(DEVELOPERS):
            user = accounts.create_user(f"search{i}.journey@example.com", "x" * 12, "developer")
            profile = DeveloperProfile(
                user_id=user.id,
                first_name=first,
                last_name=last,
                country="DE",
                english_level="B2",
                english_rank=4,
                profession="backend",
                years_experience=5,
                availability="open",
                bio=bio,
                is_published=True,
                published_at=utcnow(),
                contact_visibility="employers",
                updated_at=utcnow(),
            )
            profile.languages = [DeveloperLanguage(code="en")]
            profile.skills = [
                DeveloperSkill(name=name, name_norm=name.casefold(), position=p)
                for p, name in enumerate(skills)
            ]
            db.session.add(profile)
            index.sync(profile)
            db.session.commit()


def approved_company(app, email: str) -> None:
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == email))
        db.session.add(
            EmployerProfile(
                user_id=user.id,
                first_name="Sam",
                last_name="Seeker",
                company_name="Search Works",
                country="DE",
                company_name_norm="search works",
            )
        )
        db.session.commit()


def cards(page: Page):
    return page.locator(".dev-cards h3")


OURS = {f"{first} {last}" for first, last, _skills, _bio in DEVELOPERS}


def found(page: Page, *names: str) -> None:
    """These of our developers are on the page, and none of the others (the live server
    holds other tests' developers too)."""
    for name in names:
        expect(page.get_by_role("link", name=name, exact=True)).to_be_visible()
    shown = set(cards(page).all_inner_texts())
    assert shown & OURS == set(names), shown


def search(page: Page, words: str) -> None:
    page.get_by_label("Search", exact=True).fill(words)
    page.get_by_role("button", name="Show developers").click()


def test_employer_finds_developers_the_way_a_person_would_type(
    page: Page, live_server, make_account, signin
):
    publish(live_server.app)
    email, password = make_account("employer")
    approved_company(live_server.app, email)
    signin(page, email, password)
    page.goto("/developers")

    search(page, "Vsevolod")
    found(page, "Всеволод Зайцев")
    expect(page.get_by_text("1 developer", exact=True)).to_be_visible()
    search(page, "Питон")
    found(page, "Всеволод Зайцев")
    search(page, "Kubernets")
    found(page, "Grace Okafor")
    search(page, "k8s")
    found(page, "Grace Okafor")
    search(page, '"payment gateway"')
    found(page, "Grace Okafor")
    expect(page).to_have_url(re.compile(r"q=%22payment\+gateway%22"))  # bookmarkable

    # A filter on top, then a profile, then back: the search and the filter are kept.
    search(page, "javascript")
    page.get_by_label("English, at least").select_option("B2")
    page.get_by_role("button", name="Show developers").click()
    found(page, "Lena Vogel")
    page.get_by_role("link", name="Lena Vogel").click()
    page.go_back()
    expect(page.get_by_label("Search", exact=True)).to_have_value("javascript")
    expect(page.get_by_label("English, at least")).to_have_value("B2")
    found(page, "Lena Vogel")

    # Nothing found: the page says which filter to drop.
    search(page, "zqxvwkjhg")
    expect(page.get_by_role("heading", name="No developers match these filters")).to_be_visible()
    page.get_by_role("link", name=re.compile("Without the search words")).click()
    for first, last, _skills, _bio in DEVELOPERS:  # the other tests' developers may be here too
        expect(page.get_by_role("link", name=f"{first} {last}")).to_be_visible()
