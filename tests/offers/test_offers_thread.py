"""An offer's conversation: who may read and write it, mail, the badge, limits, safe links,
and the report an admin must act on (audited) before reading a thread."""

import re

import pytest
from sqlalchemy import func, select

from outstaff.core.extensions import db
from outstaff.models import AuditEntry, OfferMessage


def messages_count() -> int:
    return db.session.scalar(select(func.count()).select_from(OfferMessage))


def badge(page: str) -> str | None:
    found = re.search(r'class="badge">(\d+)', page)
    return found.group(1) if found else None


@pytest.fixture
def offer(pair, make_offer):
    employer, profile = pair
    return make_offer(employer, profile, state="viewed")


def test_employer_asks_developer_answers_and_both_are_mailed_a_link(
    client, auth, pair, offer, outbox
):
    employer, profile = pair
    auth.login(employer)
    response = client.post(f"/offers/{offer.id}/messages", data={"body": "Is remote work fine?"})
    assert response.status_code == 302
    assert response.headers["Location"] == f"/offers/{offer.id}#thread"
    [mail] = [m for m in outbox if m.to == profile.user.email]
    assert f"/offers/{offer.id}#thread" in mail.body
    assert "Is remote work fine?" not in mail.body  # the link, not the text
    auth.logout()

    auth.login(profile.user)
    home = client.get("/").get_data(as_text=True)
    assert badge(home) == "1"
    page = client.get(f"/offers/{offer.id}").get_data(as_text=True)
    assert "Is remote work fine?" in page and "ACME Inc." in page
    assert badge(client.get("/").get_data(as_text=True)) is None  # read now
    client.post(f"/offers/{offer.id}/messages", data={"body": "Yes, fully remote works."})
    [answer] = [m for m in outbox if m.to == employer.email]
    assert f"/offers/{offer.id}#thread" in answer.body
    # the developer's contacts stay hidden before acceptance
    auth.logout()
    auth.login(employer)
    page = client.get(f"/offers/{offer.id}").get_data(as_text=True)
    assert "Yes, fully remote works." in page
    assert profile.telegram not in page and profile.phone not in page


def test_a_stranger_cannot_read_or_write_in_a_thread(
    client, auth, offer, make_employer, make_developer
):
    db.session.add(
        OfferMessage(
            offer_id=offer.id,
            author_id=offer.employer_id,
            recipient_id=offer.developer_id,
            body="Secret terms here",
        )
    )
    db.session.commit()
    for stranger in (make_employer("Other Co"), make_developer().user):
        auth.login(stranger)
        assert client.get(f"/offers/{offer.id}").status_code == 404
        assert (
            client.post(f"/offers/{offer.id}/messages", data={"body": "let me in"}).status_code
            == 404
        )
        assert client.post(f"/offers/{offer.id}/report").status_code == 404
        auth.logout()
    assert messages_count() == 1


def test_an_empty_or_huge_message_is_refused_beside_the_field_and_kept(client, auth, pair, offer):
    employer, _ = pair
    auth.login(employer)
    response = client.post(f"/offers/{offer.id}/messages", data={"body": "   "})
    assert response.status_code == 400
    assert "Write a message." in response.get_data(as_text=True)
    huge = "x" * 4001
    response = client.post(f"/offers/{offer.id}/messages", data={"body": huge})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Use at most 4000 characters" in page and huge in page
    assert messages_count() == 0


def test_a_script_or_javascript_link_in_a_message_is_shown_as_text(client, auth, pair, offer):
    employer, profile = pair
    auth.login(employer)
    body = "<script>alert(1)</script> javascript:alert(1) see https://example.com/job?a=1&b=2."
    client.post(f"/offers/{offer.id}/messages", data={"body": body})
    auth.logout()
    auth.login(profile.user)
    page = client.get(f"/offers/{offer.id}").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert 'href="javascript' not in page
    assert (
        '<a href="https://example.com/job?a=1&amp;b=2" rel="nofollow noopener noreferrer ugc">'
        in page
    )


@pytest.mark.parametrize(
    "app_overrides", [{"RATELIMIT_ENABLED": True, "OFFER_MESSAGE_RATE_LIMIT": "2 per hour"}]
)
def test_flooding_a_thread_is_rate_limited(client, auth, pair, offer):
    employer, _ = pair
    auth.login(employer)
    statuses = [
        client.post(f"/offers/{offer.id}/messages", data={"body": f"hello {n}"}).status_code
        for n in range(3)
    ]
    assert statuses == [302, 302, 429]
    assert messages_count() == 2


def test_an_admin_cannot_read_a_thread_unless_reported_and_reading_is_audited(
    client, auth, pair, offer, make_user
):
    employer, profile = pair
    db.session.add(
        OfferMessage(
            offer_id=offer.id,
            author_id=offer.employer_id,
            recipient_id=offer.developer_id,
            body="Pay me in gift cards",
        )
    )
    db.session.commit()
    admin = make_user("admin")
    auth.login(admin)
    assert client.get(f"/offers/{offer.id}").status_code == 404  # not a party
    assert "Pay me in gift cards" not in client.get("/admin/reports").get_data(as_text=True)
    assert client.post(f"/admin/reports/{offer.id}/read").status_code == 404
    auth.logout()

    auth.login(profile.user)
    assert client.post(f"/offers/{offer.id}/report").status_code == 302
    assert "was reported" in client.get(f"/offers/{offer.id}").get_data(as_text=True)
    auth.logout()

    auth.login(admin)
    listing = client.get("/admin/reports").get_data(as_text=True)
    assert f"#{offer.id}" in listing and "Pay me in gift cards" not in listing
    page = client.post(f"/admin/reports/{offer.id}/read")
    assert page.status_code == 200 and "Pay me in gift cards" in page.get_data(as_text=True)
    actions = db.session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)).all()
    assert actions == ["offer.thread_reported", "offer.thread_read"]
    read = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "offer.thread_read"))
    assert read.actor_id == admin.id and read.target == f"offer:{offer.id}"
