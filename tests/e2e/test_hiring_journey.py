"""Issue 17 in Chromium: a question on an offer and its answer, both mailed with links to the
thread; acceptance shows the employer's contact; the hire is marked and counted on the admin
dashboard; a saved search mails a new developer after a real run of the scheduled job, and
its unsubscribe link works without signing in; a deleted developer's offer stays for the
employer without their data."""

import os
import re
import subprocess
import sys
from datetime import timedelta

import pyotp
from playwright.sync_api import Page, expect

from outstaff.accounts import service as accounts
from outstaff.core.extensions import db
from outstaff.models import (
    DeveloperProfile,
    EmployerProfile,
    Offer,
    SavedSearch,
    User,
    utcnow,
)
from outstaff.search import index as search_index

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def _user(email: str) -> User:
    return db.session.scalar(db.select(User).where(User.email == email))


def _setup(live_server, make_account):
    employer, developer = make_account("employer"), make_account("developer")
    with live_server.app.app_context():
        emp = _user(employer[0])
        db.session.add(
            EmployerProfile(
                user_id=emp.id,
                company_name="Hire Labs",
                company_name_norm="hire labs",
                first_name="Iris",
                last_name="Recruiter",
                website="https://hire.example",
            )
        )
        dev = _user(developer[0])
        profile = DeveloperProfile(
            user_id=dev.id,
            first_name="Tomas",
            last_name="Brightwell",
            is_published=True,
            published_at=utcnow(),
            profession="backend",
            contact_visibility="after_accept",
            telegram="tomas_bright",
        )
        db.session.add(profile)
        db.session.flush()
        offer = Offer(
            employer_id=emp.id,
            developer_id=dev.id,
            state="sent",
            role_title="Flask lead",
            engagement="contract",
            message="We would love you to lead our Flask team.",
            expires_on=(utcnow() + timedelta(days=14)).date(),
        )
        db.session.add(offer)
        db.session.commit()
        return employer, developer, offer.id


def _run_job(live_server, name: str) -> None:
    """`flask queue run-job NAME`, as the scheduler would, against the server's database."""
    app = live_server.app
    env = {
        **os.environ,
        "APP_ENV": "development",
        "FLASK_DEBUG": "0",
        "SECRET_KEY": app.config["SECRET_KEY"],
        "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
        "MAIL_BACKEND": "file",
        "MAIL_OUTBOX_DIR": str(live_server.outbox_dir),
        "MAIL_SERVER": "",
        "SITE_URL": live_server.url,
        "ALLOWED_HOSTS": "",
        "HUEY_IMMEDIATE": "1",
        "RATELIMIT_ENABLED": "0",
    }
    done = subprocess.run(
        [sys.executable, "-m", "flask", "--app", "wsgi", "queue", "run-job", name],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr[-2000:]


def test_from_a_question_to_a_hire(
    page: Page, browser, base_url, live_server, make_account, signin
):
    employer, developer, offer_id = _setup(live_server, make_account)

    # The employer asks a question before the developer has answered.
    signin(page, *employer)
    page.goto(f"/offers/{offer_id}")
    page.get_by_label("Your message").fill("Is a four-day week fine? See https://hire.example/jobs")
    page.get_by_role("button", name="Send the message").click()
    expect(page.get_by_text("Your message is sent.")).to_be_visible()

    # The developer follows the mailed link to the thread and answers.
    dev_context = browser.new_context(base_url=base_url)
    dev = dev_context.new_page()
    signin(dev, *developer)
    dev.goto(live_server.link(developer[0], f"/offers/{offer_id}"))
    thread = dev.locator("#thread")
    expect(thread.get_by_text("Is a four-day week fine?")).to_be_visible()
    expect(thread.get_by_role("link", name="https://hire.example/jobs")).to_have_attribute(
        "rel", "nofollow noopener noreferrer ugc"
    )
    dev.get_by_label("Your message").fill("Yes, four days suit me well.")
    dev.get_by_role("button", name="Send the message").click()
    expect(dev.get_by_text("Your message is sent.")).to_be_visible()

    # The employer's mail links to the thread too (from another page: the same URL with a
    # fragment would only scroll).
    page.goto("/offers/")
    page.goto(live_server.link(employer[0], f"/offers/{offer_id}"))
    expect(page.locator("#thread").get_by_text("Yes, four days suit me well.")).to_be_visible()

    # The developer accepts and sees the employer's hiring contact.
    dev.get_by_role("button", name="Accept the offer").click()
    contact = dev.locator(".contacts-card")
    expect(contact.get_by_text("Iris Recruiter")).to_be_visible()
    expect(contact.get_by_text(employer[0])).to_be_visible()

    # The employer marks the hire; the admin dashboard counts it.
    page.goto(f"/offers/{offer_id}")
    page.get_by_role("button", name="Mark as hired").click()
    expect(page.get_by_text("The hire is recorded.")).to_be_visible()
    admin_context = browser.new_context(base_url=base_url)
    admin = admin_context.new_page()
    secret = pyotp.random_base32()
    admin_email, password = make_account("admin", totp_secret=secret, totp_enabled_at=utcnow())
    signin(admin, admin_email, password)
    admin.get_by_label("Authentication code").fill(pyotp.TOTP(secret).now())
    admin.get_by_role("button", name="Continue").click()
    hires = admin.locator("section", has=admin.get_by_role("heading", name=re.compile("Hires")))
    expect(hires.locator("tbody tr").first.locator("td").nth(1)).to_have_text("1")
    admin_context.close()

    # A saved search; the next day a new matching developer is mailed by the real job.
    page.goto("/developers?profession=backend")
    page.get_by_label("Name of this search").fill("Back-end people")
    page.get_by_role("button", name="Save this search").click()
    expect(page.get_by_text("Your search is saved.")).to_be_visible()
    newcomer = make_account("developer")
    with live_server.app.app_context():
        search = db.session.scalar(
            db.select(SavedSearch).where(SavedSearch.employer_id == _user(employer[0]).id)
        )
        search.last_sent_at = utcnow() - timedelta(days=1)  # as if saved yesterday
        nia = DeveloperProfile(
            user_id=_user(newcomer[0]).id,
            first_name="Nia",
            last_name="Newcomer",
            is_published=True,
            published_at=utcnow() - timedelta(hours=1),
            profession="backend",
        )
        db.session.add(nia)
        db.session.flush()
        search_index.sync(nia)  # as publishing does: the filters are words of the index
        db.session.commit()
        newcomer_id = db.session.scalar(
            db.select(DeveloperProfile.id).where(DeveloperProfile.last_name == "Newcomer")
        )
    _run_job(live_server, "search_alerts")
    alert = [
        m
        for m in live_server.outbox()
        if m["to"] == employer[0] and "Back-end people" in m["subject"]
    ][-1]
    assert f"/developers/{newcomer_id}" in alert["body"]
    assert alert["headers"]["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    stranger_context = browser.new_context(base_url=base_url)
    stranger = stranger_context.new_page()
    stranger.goto(live_server.link(employer[0], "/alerts/unsubscribe/"))
    stranger.get_by_role("button", name="Unsubscribe").click()
    expect(stranger.get_by_text("we no longer mail you new matches")).to_be_visible()
    stranger_context.close()

    # The developer deletes the account: the employer keeps the offer, without them.
    with live_server.app.app_context(), live_server.app.test_request_context():
        accounts.delete_account(_user(developer[0]))
    dev_context.close()
    page.goto(f"/offers/{offer_id}")
    expect(page.get_by_text("A deleted account").first).to_be_visible()
    expect(page.get_by_role("heading", name="Flask lead")).to_be_visible()
    body = page.content()
    assert "Brightwell" not in body and "four days suit me" not in body
    assert "tomas_bright" not in body
