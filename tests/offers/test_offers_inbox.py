"""The offer page and the inbox: only the two parties, answers, contacts, counts, filters."""

import pytest
from sqlalchemy import event

from outstaff.core.extensions import db
from outstaff.models import Offer, utcnow


def test_only_the_two_parties_see_an_offer(
    client, auth, pair, make_offer, make_user, make_employer, make_developer
):
    employer, profile = pair
    offer = make_offer(employer, profile, message="Our secret project, in detail.")
    url = f"/offers/{offer.id}"
    anonymous = client.get(url)
    assert anonymous.status_code == 302 and "/account/signin" in anonymous.headers["Location"]
    for outsider in (make_employer(), make_developer().user, make_user("admin")):
        auth.login(outsider)
        response = client.get(url)
        assert response.status_code == 404
        assert "secret project" not in response.get_data(as_text=True)
        assert client.post(f"{url}/withdraw").status_code in (403, 404)
        assert client.post(f"{url}/accept").status_code in (403, 404)
        auth.logout()
    for party in (employer, profile.user):
        auth.login(party)
        assert "secret project" in client.get(url).get_data(as_text=True)
        auth.logout()
    db.session.expire_all()
    assert db.session.get(Offer, offer.id).state == "viewed"  # the developer opened it


def test_the_employer_sees_when_the_developer_read_it(client, auth, pair, make_offer):
    employer, profile = pair
    offer = make_offer(employer, profile)
    auth.login(employer)
    assert "Viewed" not in client.get(f"/offers/{offer.id}").get_data(as_text=True)
    auth.logout()
    auth.login(profile.user)
    client.get(f"/offers/{offer.id}")
    auth.logout()
    auth.login(employer)
    page = client.get(f"/offers/{offer.id}").get_data(as_text=True)
    assert "Viewed" in page and "read " in page
    assert "Viewed" in client.get("/offers/").get_data(as_text=True)


def test_accepting_mails_the_employer_and_shows_the_reply(client, auth, pair, make_offer, outbox):
    employer, profile = pair
    offer = make_offer(employer, profile)
    auth.login(profile.user)
    response = client.post(f"/offers/{offer.id}/accept", data={"reply": "Happy to talk!"})
    assert response.status_code == 302
    [mail] = outbox
    assert mail.to == employer.email and "accepted" in mail.subject
    assert f"/offers/{offer.id}" in mail.body
    assert profile.user.email not in mail.body and profile.last_name not in mail.body
    auth.logout()
    auth.login(employer)
    assert "Happy to talk!" in client.get(f"/offers/{offer.id}").get_data(as_text=True)


def test_declining_and_withdrawing_mail_the_other_side(client, auth, pair, make_offer, outbox):
    employer, profile = pair
    first = make_offer(employer, profile)
    auth.login(profile.user)
    client.post(f"/offers/{first.id}/decline", data={"reply": ""})
    auth.logout()
    second = make_offer(employer, profile)
    auth.login(employer)
    client.post(f"/offers/{second.id}/withdraw")
    assert [(m.to, "declined" in m.subject, "withdrew" in m.subject) for m in outbox] == [
        (employer.email, True, False),
        (profile.user.email, False, True),
    ]
    db.session.expire_all()
    assert db.session.get(Offer, first.id).reply is None


def test_a_too_long_reply_is_refused_and_kept(client, auth, pair, make_offer, outbox):
    employer, profile = pair
    offer = make_offer(employer, profile)
    auth.login(profile.user)
    reply = "Thanks, " + "r" * 2000
    response = client.post(f"/offers/{offer.id}/accept", data={"reply": reply})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Use at most 2000 characters; this has 2008." in page and reply in page
    db.session.expire_all()
    assert db.session.get(Offer, offer.id).state == "sent" and outbox == []


@pytest.mark.parametrize(
    "visibility,state,shown",
    [
        ("after_accept", "sent", False),
        ("after_accept", "viewed", False),
        ("after_accept", "declined", False),
        ("after_accept", "withdrawn", False),
        ("after_accept", "accepted", True),
        ("employers", "accepted", True),
    ],
)
def test_contacts_on_the_offer_page_only_after_acceptance(
    client, auth, make_employer, make_developer, make_offer, visibility, state, shown
):
    employer = make_employer()
    profile = make_developer(
        contact_visibility=visibility, telegram="ann_codes", phone="+77011234567"
    )
    offer = make_offer(employer, profile, state=state)
    auth.login(employer)
    page = client.get(f"/offers/{offer.id}").get_data(as_text=True)
    assert ('href="https://t.me/ann_codes" rel="noopener noreferrer"' in page) is shown
    assert ('href="tel:+77011234567"' in page) is shown
    assert (f'href="mailto:{profile.user.email}"' in page) is shown


def test_accepted_offer_hides_contacts_once_the_profile_is_unpublished(
    client, auth, pair, make_offer
):
    employer, profile = pair
    offer = make_offer(employer, profile, state="accepted", reply="Yes, let us talk")
    profile.is_published = False
    db.session.commit()
    auth.login(employer)
    page = client.get(f"/offers/{offer.id}").get_data(as_text=True)
    assert "Yes, let us talk" in page  # accepted offers keep their messages
    assert "t.me/" not in page and profile.last_name not in page
    assert "no longer visible to you" in page


def test_inbox_shows_each_side_its_own_offers_newest_first(
    client, auth, make_employer, make_developer, make_offer
):
    acme, globex = make_employer("ACME"), make_employer("Globex")
    ann, bob = make_developer(), make_developer(first_name="Bob")
    make_offer(acme, ann, role_title="Old role")
    make_offer(globex, ann, role_title="New role")
    make_offer(acme, bob, role_title="Bob role")
    auth.login(ann.user)
    page = client.get("/offers/").get_data(as_text=True)
    assert page.index("New role") < page.index("Old role") and "Bob role" not in page
    assert "From Globex" in page and "From ACME" in page
    auth.logout()
    auth.login(acme)
    page = client.get("/offers/").get_data(as_text=True)
    assert "Old role" in page and "Bob role" in page and "New role" not in page


@pytest.mark.parametrize(
    "query,expected",
    [
        ("state=accepted", {"Accepted role"}),
        ("state=sent", {"Sent role"}),
        ("state=bogus", {"Accepted role", "Sent role"}),
        ("state=", {"Accepted role", "Sent role"}),
        ("state=accepted&page=abc", {"Accepted role"}),
        ("page=-3", {"Accepted role", "Sent role"}),
        ("page=99", set()),
    ],
)
def test_inbox_filters_never_fail(
    client, auth, make_employer, make_developer, make_offer, query, expected
):
    employer, ann, bob = make_employer(), make_developer(), make_developer()
    make_offer(employer, ann, state="accepted", role_title="Accepted role")
    make_offer(employer, bob, state="sent", role_title="Sent role")
    auth.login(employer)
    response = client.get(f"/offers/?{query}")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert {t for t in ("Accepted role", "Sent role") if t in page} == expected


def test_inbox_is_paginated(client, auth, make_developer, make_employer, make_offer):
    profile = make_developer()
    for n in range(23):
        make_offer(make_employer(), profile, role_title=f"Role number {n:02d}")
    auth.login(profile.user)
    first = client.get("/offers/").get_data(as_text=True)
    assert "Role number 22" in first and "Role number 02" not in first
    assert "Page 1 of 2" in first
    second = client.get("/offers/?page=2").get_data(as_text=True)
    assert "Role number 02" in second and "Role number 22" not in second


def test_inbox_is_for_developers_and_employers(client, auth, make_user):
    assert client.get("/offers/").status_code == 302
    auth.login(make_user("admin"))
    assert client.get("/offers/").status_code == 403


def offer_queries(app):
    """Collect the SQL statements that read the offer table."""
    seen = []

    def record(conn, cursor, statement, parameters, context, executemany):
        if "FROM offer" in statement:
            seen.append(statement)

    event.listen(db.engine, "before_cursor_execute", record)
    return seen, lambda: event.remove(db.engine, "before_cursor_execute", record)


def test_navigation_counts_new_offers_for_developers(
    app, client, auth, pair, make_offer, make_employer
):
    employer, profile = pair
    first = make_offer(employer, profile)
    make_offer(make_employer(), profile)
    make_offer(make_employer(), profile, state="viewed")
    auth.login(profile.user)
    seen, stop = offer_queries(app)
    page = client.get("/account/").get_data(as_text=True)
    stop()
    assert '<span class="badge">2<span class="visually-hidden"> new' in page
    # Counted inside the query that loads the signed-in user: no query of its own.
    assert len(seen) == 1 and "count(" in seen[0].lower() and "user_session" in seen[0]
    detail = client.get(f"/offers/{first.id}").get_data(as_text=True)
    assert '<span class="badge">1<' in detail  # the offer opened on this very page
    assert '<span class="badge">1<' in client.get("/account/").get_data(as_text=True)


def test_navigation_counts_unread_answers_for_employers(
    client, auth, pair, make_offer, make_developer
):
    employer, profile = pair
    answered = make_offer(employer, profile, state="accepted")
    make_offer(employer, make_developer(), state="declined")
    make_offer(employer, make_developer(), state="declined", answer_seen_at=utcnow())
    make_offer(employer, make_developer(), state="sent")
    auth.login(employer)
    assert '<span class="badge">2<' in client.get("/account/").get_data(as_text=True)
    detail = client.get(f"/offers/{answered.id}").get_data(as_text=True)
    assert '<span class="badge">1<' in detail  # the answer read on this very page
    assert '<span class="badge">1<' in client.get("/account/").get_data(as_text=True)


def test_an_offer_sent_by_another_server_shows_on_the_next_page(client, auth, pair, make_offer):
    employer, profile = pair
    auth.login(profile.user)
    assert 'class="badge"' not in client.get("/account/").get_data(as_text=True)
    make_offer(employer, profile)  # written elsewhere, between two of her requests
    assert '<span class="badge">1<' in client.get("/account/").get_data(as_text=True)


def test_no_count_query_for_visitors_and_admins(app, client, auth, make_user):
    seen, stop = offer_queries(app)
    client.get("/privacy")  # the home page counts this month's offers, on purpose
    assert seen == []
    auth.login(make_user("admin"))
    client.get("/account/")
    stop()
    assert all("user_session" in statement for statement in seen)  # no query of its own
