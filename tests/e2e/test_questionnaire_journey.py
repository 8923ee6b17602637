"""A developer fills the questionnaire, uploads a photo and publishes it, in Chromium."""

import re

from PIL import ExifTags, Image
from playwright.sync_api import Page, expect
from sqlalchemy import select

from outstaff.core.extensions import db
from outstaff.models import ConsentRecord, DeveloperProfile, User


def gps_photo(path) -> None:
    exif = Image.Exif()
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef], gps[ExifTags.GPS.GPSLatitude] = "N", (43.0, 14.0, 18.0)
    Image.new("RGB", (800, 600), (60, 130, 190)).save(path, "JPEG", exif=exif)


def test_fill_upload_a_photo_and_publish(page: Page, live_server, make_account, signin, tmp_path):
    errors = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    email, password = make_account("developer")
    signin(page, email, password)
    expect(page.get_by_role("heading", name="My questionnaire")).to_be_visible()

    page.get_by_role("link", name="Edit questionnaire").click()
    page.get_by_label("Name", exact=True).fill("Dana")
    page.get_by_label("Surname", exact=True).fill("Sarsenova")
    page.get_by_label("Country", exact=True).select_option("KZ")
    page.get_by_label("Profession", exact=True).select_option("backend")
    page.get_by_label("Skills", exact=True).fill("Python, Go, python, PostgreSQL")
    page.get_by_label("Years of experience").fill("6")
    page.get_by_label("Open to offers").check()
    page.get_by_label("English level").select_option("B2")
    page.get_by_label("Kazakh", exact=True).check()
    page.get_by_label("Russian", exact=True).check()
    page.get_by_label("Telegram account").fill("https://t.me/dana_dev")
    page.get_by_label("Phone number").fill("bad number")
    page.get_by_label("To every approved employer").check()
    page.get_by_label("Short bio").fill("I build calm back-end systems.")
    page.get_by_role("button", name="Save").click()
    # A bad phone number: a message beside it, and everything else kept.
    expect(page.locator("#phone-error")).to_contain_text("country code")
    expect(page.get_by_label("Surname", exact=True)).to_have_value("Sarsenova")
    expect(page.get_by_label("Kazakh", exact=True)).to_be_checked()
    page.get_by_label("Phone number").fill("8 701 123 45 67")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Your questionnaire is saved.")).to_be_visible()

    page.get_by_role("link", name="Photo", exact=True).first.click()
    text_file = tmp_path / "notes.jpg"
    text_file.write_text("not a photo at all")
    page.get_by_label("Photo", exact=True).set_input_files(str(text_file))
    page.get_by_role("button", name="Upload photo").click()
    expect(page.locator("#photo-error")).to_contain_text("not a JPEG, PNG or WebP")
    photo = tmp_path / "me.jpg"
    gps_photo(photo)
    page.get_by_label("Photo", exact=True).set_input_files(str(photo))
    page.get_by_role("button", name="Upload photo").click()
    expect(page.get_by_text("Your photo is saved.")).to_be_visible()
    current = page.get_by_alt_text("Your current photo")
    expect(current).to_be_visible()
    assert current.evaluate("img => img.naturalWidth") == 480

    page.get_by_role("link", name="Overview").click()
    page.get_by_role("button", name="Publish my questionnaire").click()
    expect(page.locator("#consent-error")).to_contain_text("Tick the box")
    page.get_by_label("I want approved employers to see my questionnaire").check()
    page.get_by_role("button", name="Publish my questionnaire").click()
    expect(page.get_by_text("Your questionnaire is published")).to_be_visible()
    expect(page.get_by_role("cell", name="Consent given: published")).to_be_visible()

    page.get_by_role("link", name="Preview", exact=True).click()
    expect(page.get_by_role("heading", name="Dana Sarsenova")).to_be_visible()
    expect(page.get_by_text("+7 701 123 4567")).to_be_visible()
    telegram = page.get_by_role("link", name=re.compile("@dana_dev"))
    expect(telegram).to_have_attribute("href", "https://t.me/dana_dev")
    expect(telegram).to_have_attribute("rel", "noopener noreferrer")
    assert (
        page.get_by_alt_text("Photo of Dana Sarsenova").evaluate("img => img.naturalWidth") == 480
    )

    with live_server.app.app_context():
        user = db.session.scalar(select(User).where(User.email == email))
        profile = db.session.scalar(
            select(DeveloperProfile).where(DeveloperProfile.user_id == user.id)
        )
        assert profile.is_published and profile.phone == "+77011234567"
        assert [s.name for s in profile.skills] == ["Python", "Go", "PostgreSQL"]
        assert profile.photo is not None
        consents = db.session.scalars(
            select(ConsentRecord.granted).where(
                ConsentRecord.user_id == user.id, ConsentRecord.purpose == "publish_profile"
            )
        )
        assert list(consents) == [True]
    # Form errors answer 400, which Chromium logs; exactly the three refused submissions.
    refused = [e for e in errors if "status of 400" in e]
    assert len(refused) == 3, errors
    assert [e for e in errors if e not in refused] == [], f"console errors (CSP?): {errors}"
