"""The shortlist as a pipeline: stages, cards, a hire recorded only on an accepted offer, and
hires per month on the admin dashboard."""

from sqlalchemy import select

from outstaff.core.extensions import db
from outstaff.models import DeveloperSkill, Offer, ShortlistEntry


def entry_of(employer, profile) -> ShortlistEntry:
    db.session.expire_all()
    return db.session.scalar(
        select(ShortlistEntry).where(
            ShortlistEntry.employer_id == employer.id,
            ShortlistEntry.developer_id == profile.user_id,
        )
    )


def test_cards_move_between_stages_and_show_what_an_employer_needs(client, auth, pair, make_offer):
    employer, profile = pair
    profile.profession = "backend"
    profile.rate_min, profile.rate_currency, profile.rate_period = 4000, "EUR", "month"
    db.session.add(DeveloperSkill(profile_id=profile.id, name="Django", name_norm="django"))
    db.session.commit()
    make_offer(employer, profile, state="viewed")
    auth.login(employer)
    client.post(f"/offers/shortlist/{profile.id}")
    assert entry_of(employer, profile).stage == "shortlisted"
    page = client.get("/offers/shortlist").get_data(as_text=True)
    assert "Django" in page and "Back-end developer" in page and "Viewed" in page
    assert "4,000" in page  # the developer's rate expectation
    assert (
        client.post(
            f"/offers/shortlist/{profile.id}/stage", data={"stage": "interviewing"}
        ).status_code
        == 302
    )
    assert entry_of(employer, profile).stage == "interviewing"
    assert profile.last_name in client.get("/offers/shortlist?stage=interviewing").get_data(
        as_text=True
    )
    assert profile.last_name not in client.get("/offers/shortlist?stage=contacted").get_data(
        as_text=True
    )
    assert (
        client.post(f"/offers/shortlist/{profile.id}/stage", data={"stage": "boss"}).status_code
        == 400
    )


def test_hired_without_an_accepted_offer_is_refused(client, auth, pair, make_offer):
    employer, profile = pair
    make_offer(employer, profile, state="viewed")
    auth.login(employer)
    client.post(f"/offers/shortlist/{profile.id}")
    response = client.post(
        f"/offers/shortlist/{profile.id}/stage", data={"stage": "hired"}, follow_redirects=True
    )
    assert "A hire is recorded on an accepted offer" in response.get_data(as_text=True)
    assert entry_of(employer, profile).stage == "shortlisted"


def test_the_employer_marks_the_hire_and_the_dashboard_counts_it(
    client, auth, pair, make_offer, make_user
):
    employer, profile = pair
    offer = make_offer(employer, profile, state="accepted")
    auth.login(employer)
    client.post(f"/offers/shortlist/{profile.id}")
    assert "Mark as hired" in client.get(f"/offers/{offer.id}").get_data(as_text=True)
    assert client.post(f"/offers/{offer.id}/hired").status_code == 302
    db.session.expire_all()
    assert db.session.get(Offer, offer.id).hired_at is not None
    assert entry_of(employer, profile).stage == "hired"
    auth.logout()
    auth.login(profile.user)
    assert client.post(f"/offers/{offer.id}/hired").status_code == 403  # not the employer's
    auth.logout()
    auth.login(make_user("admin"))
    page = client.get("/admin/").get_data(as_text=True)
    hires = page[page.index("Hires per month") :]
    assert "<td>1</td>" in hires


def test_an_open_offer_cannot_be_marked_hired(client, auth, pair, make_offer):
    employer, profile = pair
    offer = make_offer(employer, profile, state="sent")
    auth.login(employer)
    assert client.post(f"/offers/{offer.id}/hired").status_code == 409
