"""Who viewed my profile: the developer sees companies and dates; nobody else does."""

from datetime import date, datetime, timedelta

from outstaff.core.extensions import db
from outstaff.models import ProfileView


def view(profile, employer, day: date) -> None:
    db.session.add(
        ProfileView(
            developer_id=profile.user_id,
            employer_id=employer.id,
            day=day,
            viewed_at=datetime(day.year, day.month, day.day, 10),
        )
    )
    db.session.commit()


def test_developer_sees_which_companies_viewed_and_when(
    client, auth, make_employer, make_developer
):
    ann, bob = make_developer(), make_developer()
    acme, globex, initech = (
        make_employer("ACME"),
        make_employer("Globex"),
        make_employer("Initech"),
    )
    view(ann, acme, date(2026, 3, 1))
    view(ann, globex, date(2026, 3, 5))
    view(bob, initech, date(2026, 3, 6))
    auth.login(ann.user)
    response = client.get("/offers/viewers")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert page.index("Globex") < page.index("ACME")  # newest first
    assert "March 5, 2026" in page and "March 1, 2026" in page
    assert "Initech" not in page  # someone else's viewers


def test_viewers_page_is_paginated(client, auth, make_employer, make_developer):
    ann = make_developer()
    first = date(2026, 1, 1)
    for n in range(21):
        view(ann, make_employer(f"Company {n:02d}"), first + timedelta(days=n))
    auth.login(ann.user)
    page = client.get("/offers/viewers").get_data(as_text=True)
    assert "Company 20" in page and "Company 00" not in page
    assert "Company 00" in client.get("/offers/viewers?page=2").get_data(as_text=True)


def test_only_developers_see_viewers(client, auth, make_employer, make_user, make_developer):
    ann = make_developer()
    acme = make_employer("ACME")
    view(ann, acme, date(2026, 3, 1))
    assert client.get("/offers/viewers").status_code == 302
    for user in (acme, make_user("admin")):
        auth.login(user)
        response = client.get("/offers/viewers")
        assert response.status_code == 403 and "ACME" not in response.get_data(as_text=True)
        auth.logout()
