"""The shortlist: saved developers with private notes, only while they stay visible."""

import pytest
from flask import render_template_string
from sqlalchemy import func, select

from outstaff import visibility
from outstaff.core.extensions import db
from outstaff.models import BlockedCompany, ShortlistEntry, utcnow
from outstaff.offers import service


def entries() -> list[tuple[int, int, str | None]]:
    rows = db.session.scalars(select(ShortlistEntry).order_by(ShortlistEntry.id))
    return [(e.employer_id, e.developer_id, e.note) for e in rows]


def test_employer_saves_notes_and_removes_a_developer(client, auth, pair):
    employer, profile = pair
    auth.login(employer)
    response = client.post(f"/offers/shortlist/{profile.id}", data={"next": "/offers/shortlist"})
    assert response.status_code == 302
    assert client.post(f"/offers/shortlist/{profile.id}").status_code == 302  # twice: one row
    assert entries() == [(employer.id, profile.user_id, None)]
    page = client.get("/offers/shortlist").get_data(as_text=True)
    assert profile.full_name in page and "Make an offer" in page

    response = client.post(
        f"/offers/shortlist/{profile.id}/note",
        data={f"p{profile.id}-note": "  Strong in Go; call in May.  "},
    )
    assert response.status_code == 302
    assert entries() == [(employer.id, profile.user_id, "Strong in Go; call in May.")]
    assert "Strong in Go; call in May." in client.get("/offers/shortlist").get_data(as_text=True)

    assert client.post(f"/offers/shortlist/{profile.id}/remove").status_code == 302
    assert entries() == []
    assert profile.full_name not in client.get("/offers/shortlist").get_data(as_text=True)


def test_a_too_long_note_is_refused_and_kept(client, auth, pair):
    employer, profile = pair
    auth.login(employer)
    client.post(f"/offers/shortlist/{profile.id}")
    client.post(f"/offers/shortlist/{profile.id}/note", data={f"p{profile.id}-note": "Old"})
    note = "Remember: " + "n" * 1000
    response = client.post(
        f"/offers/shortlist/{profile.id}/note", data={f"p{profile.id}-note": note}
    )
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Use at most 1000 characters; this has 1010." in page and note in page
    assert entries()[0][2] == "Old"


def test_notes_are_private_to_their_employer(client, auth, pair, make_employer):
    employer, profile = pair
    other = make_employer()
    db.session.add(
        ShortlistEntry(
            employer_id=employer.id, developer_id=profile.user_id, note="Only ACME reads this"
        )
    )
    db.session.commit()
    auth.login(other)
    page = client.get("/offers/shortlist").get_data(as_text=True)
    assert "Only ACME reads this" not in page and profile.full_name not in page
    # editing another employer's entry is not possible: the other has none to edit
    assert (
        client.post(
            f"/offers/shortlist/{profile.id}/note", data={f"p{profile.id}-note": "mine"}
        ).status_code
        == 404
    )
    assert entries() == [(employer.id, profile.user_id, "Only ACME reads this")]
    auth.logout()
    auth.login(profile.user)  # not even the developer reads the note
    assert client.get("/offers/shortlist").status_code == 403


def hide(profile, how: str) -> None:
    if how == "unpublished":
        profile.is_published = False
    elif how == "hidden by admin":
        profile.hidden_at = utcnow()
    elif how == "owner suspended":
        profile.user.status = "suspended"
    elif how == "company blocked":
        db.session.add(
            BlockedCompany(
                profile_id=profile.id,
                user_id=profile.user_id,
                kind="company",
                value="ACME",
                value_norm=visibility.normalize_company("ACME"),
            )
        )
    elif how == "domain blocked":
        db.session.add(
            BlockedCompany(
                profile_id=profile.id,
                user_id=profile.user_id,
                kind="domain",
                value="example.com",
                value_norm="example.com",
            )
        )
    db.session.commit()


@pytest.mark.parametrize(
    "how",
    ["unpublished", "hidden by admin", "owner suspended", "company blocked", "domain blocked"],
)
def test_invisible_profiles_vanish_from_the_shortlist_at_once(
    client, auth, pair, make_developer, how
):
    employer, profile = pair
    still = make_developer(first_name="Still")
    for p in (profile, still):
        db.session.add(
            ShortlistEntry(
                employer_id=employer.id, developer_id=p.user_id, note=f"note on {p.last_name}"
            )
        )
    db.session.commit()
    hide(profile, how)
    auth.login(employer)
    page = client.get("/offers/shortlist").get_data(as_text=True)
    assert profile.full_name not in page and f"note on {profile.last_name}" not in page
    assert still.full_name in page
    # the row stays (it comes back if the profile does); it cannot be saved again meanwhile
    assert db.session.scalar(select(func.count()).select_from(ShortlistEntry)) == 2
    assert client.post(f"/offers/shortlist/{profile.id}").status_code == 404
    assert (
        client.post(
            f"/offers/shortlist/{profile.id}/note", data={f"p{profile.id}-note": "x"}
        ).status_code
        == 404
    )


def test_shortlist_is_for_approved_employers(client, auth, make_user, make_developer):
    profile = make_developer()
    assert client.get("/offers/shortlist").status_code == 302
    for user in (make_user("employer", approval="pending"), make_user("developer")):
        auth.login(user)
        assert client.get("/offers/shortlist").status_code == 403
        assert client.post(f"/offers/shortlist/{profile.id}").status_code == 403
        auth.logout()
    auth.login(make_user("admin"))
    assert client.post(f"/offers/shortlist/{profile.id}").status_code == 403
    assert entries() == []


def test_shortlist_redirects_back_only_to_this_site(client, auth, pair):
    employer, profile = pair
    auth.login(employer)
    back = client.post(f"/offers/shortlist/{profile.id}", data={"next": "/some/page"})
    assert back.headers["Location"] == "/some/page"
    evil = client.post(f"/offers/shortlist/{profile.id}/remove", data={"next": "//evil.example/x"})
    assert evil.headers["Location"] == "/offers/shortlist"


def render_actions(app, user, profile) -> str:
    """The partial as the listing's profile page includes it."""
    with app.test_request_context("/developers/x"):
        from flask_login import login_user

        login_user(user)
        return render_template_string(
            "{% include 'offers/_profile_actions.html' %}",
            profile=profile,
            offer_state=service.profile_actions(user, profile),
        )


def test_profile_actions_for_approved_employers(app, pair, make_offer):
    employer, profile = pair
    html = render_actions(app, employer, profile)
    assert "Save to shortlist" in html and f'action="/offers/shortlist/{profile.id}"' in html
    assert f'href="/offers/new/{profile.id}"' in html and 'name="next"' in html
    db.session.add(ShortlistEntry(employer_id=employer.id, developer_id=profile.user_id))
    db.session.commit()
    offer = make_offer(employer, profile, state="viewed")
    html = render_actions(app, employer, profile)
    assert "Remove from shortlist" in html and "Save to shortlist" not in html
    assert "You have an open offer" in html and f'href="/offers/{offer.id}"' in html
    assert "Make an offer" not in html


def test_profile_actions_show_nothing_to_others(app, pair, make_user):
    _employer, profile = pair
    for user in (profile.user, make_user("admin"), make_user("employer", approval="pending")):
        assert render_actions(app, user, profile).strip() == ""
