"""Whose data a row is (issue 12, findings 1-3): what an attacker tries with exports and
deletions, through the pages a user has.

A row is about its subject and written by its author; a person's export holds what they are
the subject of, minus what another person wrote for themselves, plus what they wrote. A row
reaches an account by the account's id, or by an email address once the account proved it.
"""

import json
from datetime import timedelta

import pytest
import time_machine
from sqlalchemy import select

from outstaff import personal_data
from outstaff.core.extensions import db
from outstaff.feedback import service as feedback_service
from outstaff.feedback import spam
from outstaff.models import (
    AuditEntry,
    Feedback,
    ShortlistEntry,
    User,
    utcnow,
)
from tests.helpers import PASSWORD, export_of, sign_in, tables_of

pytestmark = pytest.mark.usefixtures("app_ctx")  # the tests read the database

VICTIM = "victim@example.org"
VICTIMS_MESSAGE = "Please tell me what you store about my family, Ruslana Orlova."
ADMINS_REPLY = "Dear Ruslana, we store nothing about your family."


@pytest.fixture
def app_overrides():
    return {"FEEDBACK_MIN_SECONDS": 0}


def victims_message_answered(client, make_user) -> Feedback:
    """The victim writes through the contact form as a visitor; an admin replies."""
    response = client.post(
        "/contact",
        data={
            "name": "Ruslana Orlova",
            "email": VICTIM,
            "topic": "privacy",
            "message": VICTIMS_MESSAGE,
            "started": spam.started_token(),
        },
    )
    assert response.status_code == 302
    message = db.session.scalars(select(Feedback)).one()
    feedback_service.reply(message, make_user("admin"), "Re: your message", ADMINS_REPLY)
    db.session.commit()
    return message


def impostor_signs_up_and_in(client, email: str = VICTIM) -> User:
    """Signs up with someone else's address, never confirms it, signs in anyway."""
    response = client.post(
        "/account/signup",
        data={
            "role": "developer",
            "email": email,
            "password": PASSWORD,
            "confirm": PASSWORD,
            "age_ok": "y",
            "accept_policy": "y",
        },
    )
    assert response.status_code == 302
    assert sign_in(client, email).status_code == 302
    impostor = db.session.scalars(select(User).where(User.email == email)).one()
    assert impostor.email_confirmed_at is None
    return impostor


def the_victims_messages() -> list[tuple]:
    db.session.expire_all()
    return [
        (m.email, m.message, m.reply)
        for m in db.session.scalars(select(Feedback).where(Feedback.email == VICTIM))
    ]


# --- Finding 1: the subject's export leaves out what another person wrote for themselves


def test_developer_export_holds_no_employer_notes_or_ids(client, auth, make_user):
    developer, employer = make_user("developer"), make_user("employer")
    db.session.add(
        ShortlistEntry(
            employer_id=employer.id,
            developer_id=developer.id,
            note="Lowball her, she needs the money",
        )
    )
    db.session.commit()
    auth.login(developer)
    body = export_of(client)
    assert "Lowball her" not in body
    assert "shortlist_entry" not in json.loads(body)["tables"]
    assert f'"employer_id": {employer.id}' not in body


def test_employer_export_holds_its_own_shortlist_notes(client, auth, make_user):
    developer, employer = make_user("developer"), make_user("employer")
    db.session.add(
        ShortlistEntry(employer_id=employer.id, developer_id=developer.id, note="Strong in Go")
    )
    db.session.commit()
    auth.login(employer)
    [entry] = tables_of(client)["shortlist_entry"]
    assert entry["note"] == "Strong in Go" and entry["developer_id"] == developer.id


@pytest.mark.parametrize("who_deletes", ["employer", "developer"])
def test_a_shortlist_entry_goes_when_either_side_deletes_the_account(
    client, make_user, who_deletes
):
    people = {"developer": make_user("developer"), "employer": make_user("employer")}
    db.session.add(
        ShortlistEntry(
            employer_id=people["employer"].id, developer_id=people["developer"].id, note="Note"
        )
    )
    db.session.commit()
    sign_in(client, people[who_deletes].email)
    client.post("/account/delete", data={"password": PASSWORD, "understood": "y"})
    assert db.session.scalars(select(ShortlistEntry)).all() == []


def test_developer_export_names_no_admin_behind_an_audit_entry(client, auth, make_user):
    developer, admin = make_user("developer"), make_user("admin")
    db.session.add(
        AuditEntry(
            actor_id=admin.id,
            action="profile.hide",
            target_user_id=developer.id,
            note="Photo is not a person",
        )
    )
    db.session.commit()
    auth.login(developer)
    [entry] = tables_of(client)["audit_entry"]
    assert entry["note"] == "Photo is not a person"  # what was done to her account: hers
    assert "actor_id" not in entry and admin.id not in entry.values()


def test_admin_export_holds_what_the_admin_did(client, auth, make_user):
    developer, admin = make_user("developer"), make_user("admin")
    db.session.add(
        AuditEntry(
            actor_id=admin.id,
            action="profile.hide",
            target_user_id=developer.id,
            note="Photo is not a person",
        )
    )
    db.session.commit()
    auth.login(admin)
    [entry] = tables_of(client)["audit_entry"]
    assert entry["note"] == "Photo is not a person"
    assert entry["target_user_id"] == developer.id


def test_senders_export_names_no_admin_who_answered(client, auth, make_user):
    sender = make_user("developer", email=VICTIM)
    victims_message_answered(client, make_user)
    auth.login(sender)
    [message] = tables_of(client)["feedback"]
    assert message["message"] == VICTIMS_MESSAGE and message["reply"] == ADMINS_REPLY
    assert not {"handled_by_id", "replied_by_id"} & set(message)


def test_deleting_an_account_keeps_a_message_another_account_wrote_to_its_address(
    client, make_user
):
    owner, writer = make_user("developer", email=VICTIM), make_user("employer")
    db.session.add(
        Feedback(
            user_id=writer.id,
            name="Writer",
            email=VICTIM,
            topic="other",
            message="Written by the employer, answer to that address",
        )
    )
    db.session.commit()
    sign_in(client, owner.email)
    assert "feedback" not in tables_of(client)
    client.post("/account/delete", data={"password": PASSWORD, "understood": "y"})
    assert [m.user_id for m in db.session.scalars(select(Feedback))] == [writer.id]


# --- Findings 2 and 3: an unconfirmed address is not identity


def test_impostor_with_unconfirmed_address_cannot_export_victims_messages(client, make_user):
    victims_message_answered(client, make_user)
    impostor_signs_up_and_in(client)
    body = export_of(client)
    assert VICTIMS_MESSAGE not in body and ADMINS_REPLY not in body
    assert "feedback" not in json.loads(body)["tables"]


def test_deleting_an_unconfirmed_impostor_keeps_the_victims_messages(client, make_user):
    victims_message_answered(client, make_user)
    before = the_victims_messages()
    impostor_id = impostor_signs_up_and_in(client).id
    response = client.post("/account/delete", data={"password": PASSWORD, "understood": "y"})
    assert response.status_code == 302
    assert db.session.get(User, impostor_id) is None
    assert the_victims_messages() == before == [(VICTIM, VICTIMS_MESSAGE, ADMINS_REPLY)]


def test_retention_deleting_an_unconfirmed_impostor_keeps_the_victims_messages(
    client, runner, make_user
):
    victims_message_answered(client, make_user)
    impostor = make_user("developer", email=VICTIM, confirmed=False)
    with time_machine.travel(utcnow() + timedelta(days=30), tick=False):
        result = runner.invoke(args=["privacy", "purge"])
    assert f"unconfirmed sign-ups deleted: 1 (ids {impostor.id})" in result.output
    assert the_victims_messages() == [(VICTIM, VICTIMS_MESSAGE, ADMINS_REPLY)]


def test_admin_is_not_shown_an_unconfirmed_impostor_as_the_sender(client, auth, make_user):
    message = victims_message_answered(client, make_user)
    impostor = make_user("developer", email=VICTIM, confirmed=False)
    auth.login(db.session.scalars(select(User).where(User.role == "admin")).one())
    page = client.get(f"/admin/feedback/{message.id}").get_data(as_text=True)
    assert f"/admin/users/{impostor.id}" not in page
    assert "No account has confirmed this address" in page
    account_page = client.get(f"/admin/users/{impostor.id}").get_data(as_text=True)
    assert VICTIMS_MESSAGE not in account_page


def test_the_owner_reaches_her_messages_once_she_confirms_the_address(client, make_user):
    victims_message_answered(client, make_user)
    owner = make_user("developer", email=VICTIM, confirmed=False)
    assert personal_data.export_user(owner).get("feedback") is None
    owner.email_confirmed_at = utcnow()
    db.session.commit()
    assert [m["message"] for m in personal_data.export_user(owner)["feedback"]] == [VICTIMS_MESSAGE]


def test_a_pending_email_change_to_the_victims_address_reaches_none_of_her_messages(
    client, outbox, make_user
):
    victims_message_answered(client, make_user)
    attacker = make_user("developer", email="attacker@example.com")
    sign_in(client, attacker.email)
    response = client.post("/account/email", data={"email": VICTIM, "current_password": PASSWORD})
    assert response.status_code == 302  # the link goes to the victim's mailbox, unclicked
    assert VICTIMS_MESSAGE not in export_of(client)
    client.post("/account/delete", data={"password": PASSWORD, "understood": "y"})
    assert the_victims_messages() == [(VICTIM, VICTIMS_MESSAGE, ADMINS_REPLY)]


def test_changing_the_email_keeps_the_old_addresses_messages_with_the_account(client, make_user):
    victims_message_answered(client, make_user)  # sent as a visitor before signing up
    owner = make_user("developer", email=VICTIM)
    owner.email = "new.address@example.org"
    owner.email_confirmed_at = utcnow()  # what the confirmation link does
    db.session.commit()
    assert [m["message"] for m in personal_data.export_user(owner)["feedback"]] == [VICTIMS_MESSAGE]
    sign_in(client, owner.email)
    client.post("/account/delete", data={"password": PASSWORD, "understood": "y"})
    assert the_victims_messages() == []


def test_the_next_holder_of_an_old_address_gets_none_of_the_previous_owners_messages(
    client, make_user
):
    victims_message_answered(client, make_user)
    owner = make_user("developer", email=VICTIM)
    owner.email, owner.email_confirmed_at = "moved@example.org", utcnow()
    db.session.commit()
    next_holder = make_user("developer", email=VICTIM)  # the mailbox was given to someone
    assert personal_data.export_user(next_holder).get("feedback") is None


def test_an_address_set_without_proof_is_not_confirmed(client, make_user):
    victims_message_answered(client, make_user)
    user = make_user("developer", email="someone@example.com")
    user.email = VICTIM  # any path that changes the address without the link
    db.session.commit()
    db.session.expire_all()
    assert db.session.get(User, user.id).email_confirmed_at is None
    assert personal_data.export_user(user).get("feedback") is None
