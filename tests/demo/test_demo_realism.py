"""Demo data that looks like real use: skills that fit each profession, offers and bios in
real words, sign-ups spread over months, and avatars drawn by the site that look like faces."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from outstaff.core.extensions import db
from outstaff.demo import avatars
from outstaff.demo.rows import SKILLS
from outstaff.models import DeveloperProfile, DeveloperSkill, Offer, User, utcnow

pytestmark = pytest.mark.usefixtures("app_ctx")  # the tests read the database

LOREM = ("lorem", "ipsum", "dolor", "consectetur")


def seed(app, runner, tmp_path, developers=60):
    app.instance_path = str(tmp_path)
    result = runner.invoke(args=["seed-demo", "--developers", str(developers), "--employers", "6"])
    assert result.exit_code == 0, result.output


def test_every_developers_skills_fit_their_profession(app, runner, tmp_path):
    seed(app, runner, tmp_path)
    for profile in db.session.scalars(select(DeveloperProfile)):
        names = db.session.scalars(
            select(DeveloperSkill.name).where(DeveloperSkill.profile_id == profile.id)
        ).all()
        if profile.profession in SKILLS:
            assert set(names) <= set(SKILLS[profile.profession]), profile.profession


def test_bios_and_offers_read_as_real_words(app, runner, tmp_path):
    seed(app, runner, tmp_path)
    texts = [
        *db.session.scalars(select(DeveloperProfile.bio)),
        *db.session.scalars(select(Offer.message)),
    ]
    assert texts
    assert not [t for t in texts if any(word in (t or "").lower() for word in LOREM)]


def test_sign_ups_are_spread_over_months(app, runner, tmp_path):
    seed(app, runner, tmp_path)
    now = utcnow()
    months = {
        (now - u).days // 30
        for u in db.session.scalars(
            select(User.created_at).where(User.email.like("developer%.%@example.com"))
        )
    }
    assert len(months) >= 6
    confirmed = db.session.scalars(select(User).where(User.email_confirmed_at.is_not(None)))
    assert all(u.email_confirmed_at >= u.created_at - timedelta(seconds=1) for u in confirmed)


def test_generated_avatars_are_faces_not_blobs():
    image = avatars._face_avatar(3)
    w, h = image.size
    face = image.getpixel((w // 2, int(h * 0.45)))
    corner = image.getpixel((4, 4))
    assert face != corner  # a face in the middle, background in the corner
    assert avatars._face_avatar(3).tobytes() == image.tobytes()  # repeatable


def test_no_questionnaire_is_dated_before_its_owners_sign_up(app, runner, tmp_path):
    seed(app, runner, tmp_path)
    rows = db.session.execute(select(DeveloperProfile, User.created_at).join(User)).all()
    assert rows
    early = [
        (profile.id, column, signed_up)
        for profile, signed_up in rows
        for column in ("created_at", "updated_at", "published_at", "availability_confirmed_at")
        if getattr(profile, column) is not None and getattr(profile, column) < signed_up
    ]
    assert not early, f"{len(early)} dates before the sign-up, e.g. {early[:3]}"


def test_no_offer_is_dated_before_either_side_signed_up(app, runner, tmp_path):
    seed(app, runner, tmp_path)
    offers = db.session.scalars(select(Offer)).all()
    assert offers
    users = {u.id: u.created_at for u in db.session.scalars(select(User))}
    early = [
        o.id for o in offers if o.created_at < max(users[o.employer_id], users[o.developer_id])
    ]
    assert not early, f"{len(early)} of {len(offers)} offers made before a sign-up"
