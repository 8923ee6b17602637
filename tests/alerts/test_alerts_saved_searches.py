"""Saved searches: saving the listing's filters, the daily alert with new matches under the
visibility rule at send time, and the unsubscribe link that works without signing in."""

import re
from datetime import timedelta

import pytest
import time_machine
from sqlalchemy import select

from outstaff.core.extensions import db
from outstaff.models import BlockedCompany, MailOutbox, SavedSearch, utcnow
from outstaff.queue import tasks


@pytest.fixture
def employer(make_employer):
    return make_employer("ACME Inc.")


def save_search(client, query="profession=backend", name="Backend devs", frequency="daily"):
    return client.post("/alerts/", data={"name": name, "query": query, "frequency": frequency})


def run_job_at(moment):
    with time_machine.travel(moment, tick=False):
        tasks.search_alerts.call_local()


def test_the_listing_offers_to_save_its_filters(client, auth, employer):
    auth.login(employer)
    page = client.get("/developers?profession=backend").get_data(as_text=True)
    assert "Save this search" in page and 'value="profession=backend"' in page


def test_a_saved_search_mails_a_new_matching_developer_the_next_day(
    client, auth, employer, make_developer, outbox
):
    auth.login(employer)
    assert save_search(client).status_code == 302
    search = db.session.scalar(select(SavedSearch))
    assert (search.name, search.query, search.frequency) == (
        "Backend devs",
        "profession=backend",
        "daily",
    )
    make_developer(profession="frontend", published_at=utcnow() + timedelta(hours=1))
    new = make_developer(profession="backend", published_at=utcnow() + timedelta(hours=1))
    outbox.clear()
    run_job_at(utcnow() + timedelta(days=1))
    [mail] = [m for m in outbox if m.to == employer.email]
    assert "Backend devs" in mail.subject
    assert f"/developers/{new.id}" in mail.body and mail.body.count("/developers/") == 1
    assert re.match(r"<https?://[^>]+/alerts/unsubscribe/[^>]+>$", mail.headers["List-Unsubscribe"])
    assert mail.headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    row = db.session.scalar(select(MailOutbox))
    assert "List-Unsubscribe" in row.headers
    # the next day, nothing new: no mail
    outbox.clear()
    run_job_at(utcnow() + timedelta(days=2))
    assert outbox == []


def test_a_developer_who_blocked_the_employer_is_not_in_the_alert(
    client, auth, employer, make_developer, outbox
):
    auth.login(employer)
    save_search(client)
    hidden = make_developer(profession="backend", published_at=utcnow() + timedelta(hours=1))
    from outstaff import visibility

    db.session.add(
        BlockedCompany(
            profile_id=hidden.id,
            user_id=hidden.user_id,
            kind="company",
            value="ACME",
            value_norm=visibility.normalize_company("ACME"),
        )
    )
    db.session.commit()
    outbox.clear()
    run_job_at(utcnow() + timedelta(days=1))
    assert outbox == []


def test_the_unsubscribe_link_works_without_signing_in_and_a_forged_one_does_not(
    app, client, auth, employer, make_developer, outbox
):
    auth.login(employer)
    save_search(client)
    make_developer(profession="backend", published_at=utcnow() + timedelta(hours=1))
    outbox.clear()
    run_job_at(utcnow() + timedelta(days=1))
    [mail] = outbox
    path = re.search(r"https?://[^/\s]+(/alerts/unsubscribe/\S+)", mail.body).group(1)
    stranger = app.test_client()
    assert stranger.get(path).status_code == 200  # asks, changes nothing
    assert db.session.scalar(select(SavedSearch.frequency)) == "daily"
    assert stranger.post(path[:-2] + "xx").status_code == 404
    # a mail program's one-click request (RFC 8058)
    done = stranger.post(path, data={"List-Unsubscribe": "One-Click"})
    assert done.status_code == 200 and "no longer mail you" in done.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.scalar(select(SavedSearch.frequency)) == "off"


def test_saving_needs_a_name_kept_beside_the_field(client, auth, employer):
    auth.login(employer)
    response = save_search(client, name="")
    assert response.status_code == 400
    assert "Give the search a name." in response.get_data(as_text=True)
    assert db.session.scalar(select(SavedSearch)) is None


def test_another_employer_cannot_change_or_delete_my_search(client, auth, employer, make_employer):
    auth.login(employer)
    save_search(client)
    search_id = db.session.scalar(select(SavedSearch.id))
    auth.logout()
    auth.login(make_employer("Other Co"))
    assert client.post(f"/alerts/{search_id}/delete").status_code == 404
    assert (
        client.post(
            f"/alerts/{search_id}/frequency", data={f"s{search_id}-frequency": "off"}
        ).status_code
        == 404
    )
    assert "Backend devs" not in client.get("/alerts/").get_data(as_text=True)
