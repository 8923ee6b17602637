"""The sender of a contact-form message gets an acknowledgement; the form cannot be turned
into a way of mailing someone else words of the sender's choosing, or many mails."""

import pytest

from outstaff.feedback import spam

pytestmark = pytest.mark.usefixtures("app_ctx")  # the tests read the database


@pytest.fixture
def app_overrides():
    return {"FEEDBACK_MIN_SECONDS": 0, "FEEDBACK_NOTIFY_EMAIL": None}


def send(client, **changes):
    data = {
        "name": "Ann Visitor",
        "email": "ann@example.org",
        "topic": "privacy",
        "message": "What data do you store about me?",
        "started": spam.started_token(),
        **changes,
    }
    return client.post("/contact", data=data)


def test_the_sender_is_told_the_message_arrived_and_what_happens_next(client, outbox):
    assert send(client).status_code in (200, 302, 303)
    [mail] = [m for m in outbox if m.to == "ann@example.org"]
    assert mail.subject == "We received your message"
    assert "within two working days" in mail.body and "privacy request" in mail.body


def test_an_attacker_cannot_put_their_words_into_a_mail_to_someone_else(client, outbox):
    send(
        client,
        email="victim@example.org",
        name="Buy pills at pills.example",
        message="Visit pills.example now for cheap pills, best prices",
    )
    [mail] = outbox
    assert "pills" not in mail.body and "pills" not in mail.subject
    assert "Ann" not in mail.body


def test_an_attacker_cannot_flood_one_address_with_acknowledgements(client, outbox):
    for n in range(3):
        send(client, email="victim@example.org", message=f"Message number {n} to the team")
    assert len([m for m in outbox if m.to == "victim@example.org"]) == 1
