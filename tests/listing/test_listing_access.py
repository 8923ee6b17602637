"""Who reaches the listing and profile pages: the role matrix, and the visibility rule."""

import pytest

from outstaff.core.extensions import db
from outstaff.models import utcnow
from tests.helpers import card_names


@pytest.fixture
def profile(make_profile):
    return make_profile(
        first_name="Olga",
        last_name="Secretova",
        phone="+442079460958",
        telegram="olga_dev",
        contact_visibility="employers",
    )


def test_anonymous_visitors_are_sent_to_sign_in(client, profile):
    for url in ("/developers", f"/developers/{profile.id}"):
        response = client.get(url)
        assert response.status_code == 302
        assert "/account/signin" in response.headers["Location"]


@pytest.mark.parametrize(
    "role,columns",
    [
        ("developer", {}),
        ("employer", {"approval": "pending"}),
        ("employer", {"approval": "rejected"}),
    ],
)
def test_signed_in_users_without_approval_see_nothing_personal(
    client, auth, make_user, profile, role, columns
):
    user = make_user(role, **columns)
    auth.login(user)
    for url in ("/developers", f"/developers/{profile.id}", "/developers?q=olga"):
        response = client.get(url)
        page = response.get_data(as_text=True)
        assert response.status_code == 403
        assert "Secretova" not in page and "olga_dev" not in page and "2079460958" not in page
    if role == "employer":
        assert "waiting for an administrator" in page  # says so plainly


def test_approved_employer_sees_the_listing_and_the_profile(client, auth, employer, profile):
    auth.login(employer)
    listing = client.get("/developers")
    assert listing.status_code == 200
    assert card_names(listing.get_data(as_text=True)) == ["Olga Secretova"]
    page = client.get(f"/developers/{profile.id}")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "Secretova" in text
    assert 'href="tel:+442079460958"' in text
    assert 'href="https://t.me/olga_dev" rel="noopener noreferrer"' in text


@pytest.mark.parametrize(
    "change",
    [
        {"is_published": False},
        {"hidden_at": utcnow()},
    ],
)
def test_unpublished_or_hidden_profiles_are_not_there_for_employers(
    client, auth, employer, make_profile, change
):
    gone = make_profile(first_name="Hidden", **change)
    make_profile(first_name="Shown")
    auth.login(employer)
    assert card_names(client.get("/developers").get_data(as_text=True)) == ["Shown Tester"]
    assert client.get(f"/developers/{gone.id}").status_code == 404


def test_suspended_owner_disappears(client, auth, employer, profile):
    profile.user.status = "suspended"
    db.session.commit()
    auth.login(employer)
    assert card_names(client.get("/developers").get_data(as_text=True)) == []
    assert client.get(f"/developers/{profile.id}").status_code == 404


def test_unknown_profile_is_404(client, auth, employer):
    auth.login(employer)
    assert client.get("/developers/999999").status_code == 404
    assert client.get("/developers/not-a-number").status_code == 404


def test_admin_lists_published_profiles_and_opens_hidden_ones(
    client, auth, make_user, make_profile
):
    admin = make_user("admin")
    make_profile(first_name="Draft", is_published=False)
    hidden = make_profile(first_name="Hidden", hidden_at=utcnow())
    make_profile(first_name="Public")
    auth.login(admin)
    page = client.get("/developers").get_data(as_text=True)
    assert sorted(card_names(page)) == ["Hidden Tester", "Public Tester"]
    assert "Hidden by an administrator" in page
    response = client.get(f"/developers/{hidden.id}")
    assert response.status_code == 200
    assert "An administrator has hidden this questionnaire" in response.get_data(as_text=True)


@pytest.mark.parametrize(
    "kind,value",
    [
        ("company", "Acme LLC"),
        ("domain", "example.com"),
        ("domain", "acme.example.com"),
    ],
)
def test_block_list_is_honoured_in_listing_search_and_profile(
    client, auth, employer, make_profile, kind, value
):
    blocked = make_profile(first_name="Blocking", blocked=[(kind, value)])
    make_profile(first_name="Open")
    auth.login(employer)
    for url in ("/developers", "/developers?q=blocking", "/developers?profession=backend"):
        page = client.get(url).get_data(as_text=True)
        assert "Blocking Tester" not in card_names(page)
    assert card_names(client.get("/developers").get_data(as_text=True)) == ["Open Tester"]
    assert client.get(f"/developers/{blocked.id}").status_code == 404


def test_a_block_of_another_company_changes_nothing(client, auth, employer, make_profile):
    profile = make_profile(
        first_name="Picky", blocked=[("company", "Globex"), ("domain", "globex.com")]
    )
    auth.login(employer)
    assert card_names(client.get("/developers").get_data(as_text=True)) == ["Picky Tester"]
    assert client.get(f"/developers/{profile.id}").status_code == 200


def test_contacts_wait_for_an_accepted_offer_when_the_developer_says_so(
    client, auth, employer, make_profile
):
    from outstaff.models import Offer

    profile = make_profile(first_name="Careful", phone="+442079460958", telegram="careful_dev")
    auth.login(employer)
    page = client.get(f"/developers/{profile.id}").get_data(as_text=True)
    assert "tel:" not in page and "careful_dev" not in page
    db.session.add(
        Offer(
            employer_id=employer.id,
            developer_id=profile.user_id,
            role_title="Backend",
            engagement="contract",
            message="Hi",
            state="accepted",
        )
    )
    db.session.commit()
    page = client.get(f"/developers/{profile.id}").get_data(as_text=True)
    assert 'href="tel:+442079460958"' in page and "careful_dev" in page


def test_python_and_sql_agree_that_a_bare_top_level_domain_blocks_nobody(
    client, auth, employer, make_profile
):
    from outstaff import visibility

    profile = make_profile(first_name="Broad", blocked=[("domain", "com")])
    assert visibility.can_view(employer, profile)
    auth.login(employer)
    assert card_names(client.get("/developers").get_data(as_text=True)) == ["Broad Tester"]
