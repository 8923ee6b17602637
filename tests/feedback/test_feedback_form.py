"""The contact form: anyone can write; bad input is explained and kept; spam is held back."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from sqlalchemy import select

from outstaff import personal_data
from outstaff.accounts import service as accounts
from outstaff.core.extensions import db
from outstaff.feedback import spam
from outstaff.models import DeveloperProfile, EmployerProfile, Feedback

pytestmark = pytest.mark.usefixtures("app_ctx")  # the tests read the database

GOOD = {
    "name": "Ann Visitor",
    "email": "ann@example.org",
    "topic": "privacy",
    "message": "What data do you store about me?",
}


@pytest.fixture
def app_overrides():
    return {"FEEDBACK_MIN_SECONDS": 0}


def send(client, **changes):
    data = {**GOOD, "started": spam.started_token(), **changes}
    return client.post("/contact", data={k: v for k, v in data.items() if v is not None})


def stored():
    return db.session.scalars(select(Feedback)).all()


def test_visitor_sends_a_message_and_reads_what_happens_next(client):
    page = client.get("/contact").get_data(as_text=True)
    assert "Contact us" in page and 'name="started"' in page
    response = send(client)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/contact/thanks")
    thanks = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "What happens next" in thanks and "download everything" in thanks
    assert "delete it 730 days later" in thanks
    [message] = stored()
    assert (message.name, message.email, message.topic, message.status) == (
        "Ann Visitor",
        "ann@example.org",
        "privacy",
        "new",
    )
    assert message.user_id is None


@pytest.mark.parametrize(
    "changes,error",
    [
        ({"name": ""}, "Tell us your name."),
        ({"name": "x" * 121}, "Use at most 120 characters."),
        ({"email": ""}, "Enter your email address, so we can answer."),
        ({"email": "not-an-address"}, "Enter a valid email address"),
        ({"topic": None}, "Choose what your message is about."),
        ({"topic": "lottery"}, "Not a valid choice"),
        ({"message": ""}, "Write your message."),
        ({"message": "too short"}, "Write at least 10 characters."),
        ({"message": "   short   \n "}, "Write at least 10 characters."),
        ({"message": "x" * 5001}, "Please keep it to 5000 characters; it has 5001 now."),
    ],
)
def test_bad_input_is_explained_and_the_text_kept(client, changes, error):
    response = send(client, **changes)
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert error in page
    kept = {k: v for k, v in GOOD.items() if k not in changes and k != "topic"}
    for value in kept.values():
        assert value in page
    assert stored() == []


@pytest.mark.parametrize("message", ["x" * 10, "y" * 5000])
def test_message_length_limits_are_inclusive(client, message):
    assert send(client, message=message).status_code == 302
    assert stored()[0].message == message


def test_line_ends_count_once_as_the_browser_counts_them(client):
    message = "line of text\r\n" * 380  # 5,320 characters with CRLF, 4,940 with LF
    assert send(client, message=message).status_code == 302
    assert "\r" not in stored()[0].message


def test_signed_in_developer_finds_the_form_filled_in(client, make_user, auth):
    user = make_user("developer", email="dev@example.com")
    db.session.add(DeveloperProfile(user_id=user.id, first_name="Dana", last_name="Kim"))
    db.session.commit()
    auth.login(user)
    page = client.get("/contact").get_data(as_text=True)
    assert 'value="dev@example.com"' in page and 'value="Dana Kim"' in page
    send(client, email="dev@example.com")
    assert stored()[0].user_id == user.id


def test_signed_in_employer_gets_the_name_from_the_company_profile(client, make_user, auth):
    user = make_user("employer", email="hr@example.com")
    db.session.add(EmployerProfile(user_id=user.id, first_name="Eva", last_name="Berg"))
    db.session.commit()
    auth.login(user)
    page = client.get("/contact").get_data(as_text=True)
    assert 'value="hr@example.com"' in page and 'value="Eva Berg"' in page


def test_filled_honeypot_seems_to_succeed_but_stores_and_sends_nothing(app, client, outbox):
    app.config["FEEDBACK_NOTIFY_EMAIL"] = "team@example.com"
    response = send(client, website="http://spam.example")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/contact/thanks")
    assert stored() == [] and outbox == []


def test_honeypot_is_hidden_from_people_and_assistive_technology(client):
    page = client.get("/contact").get_data(as_text=True)
    start = page.index('class="hp-field"')
    block = page[page.rindex("<div", 0, start) : page.index("</div>", start)]
    assert 'aria-hidden="true"' in block
    assert 'tabindex="-1"' in block and 'autocomplete="off"' in block


class TestMinimumFillTime:
    @pytest.fixture
    def app_overrides(self):
        return {"FEEDBACK_MIN_SECONDS": 3}

    def test_a_form_sent_at_once_is_held_back_with_the_text_kept(self, client):
        response = send(client)
        page = response.get_data(as_text=True)
        assert response.status_code == 400
        assert "quicker than anyone can type" in page
        assert GOOD["message"] in page and GOOD["name"] in page
        assert stored() == []

    def test_the_same_form_sent_after_a_few_seconds_goes_through(self, client):
        token = spam.started_token()
        with time_machine.travel(datetime.now(UTC) + timedelta(seconds=4), tick=False):
            assert send(client, started=token).status_code == 302
        assert len(stored()) == 1

    @pytest.mark.parametrize("token", ["", "forged.token.value"])
    def test_a_missing_or_forged_timestamp_is_held_back(self, client, token):
        response = send(client, started=token)
        assert response.status_code == 400
        assert "quicker than anyone can type" in response.get_data(as_text=True)
        assert stored() == []

    def test_a_form_older_than_a_day_must_be_sent_again(self, client):
        token = spam.started_token()
        with time_machine.travel(datetime.now(UTC) + timedelta(days=2), tick=False):
            assert send(client, started=token).status_code == 400
        assert stored() == []


class TestRateLimit:
    @pytest.fixture
    def app_overrides(self):
        return {"FEEDBACK_MIN_SECONDS": 0, "RATELIMIT_ENABLED": True}

    def test_the_sixth_message_in_ten_minutes_is_refused(self, client):
        for _ in range(5):
            assert send(client).status_code == 302
        response = send(client)
        assert response.status_code == 429
        assert "Too many attempts" in response.get_data(as_text=True)
        assert len(stored()) == 5

    def test_correcting_mistakes_does_not_use_up_the_limit(self, client):
        for _ in range(6):
            assert send(client, message="short").status_code == 400
        assert send(client).status_code == 302


class TestNotification:
    @pytest.fixture
    def app_overrides(self):
        return {"FEEDBACK_MIN_SECONDS": 0, "FEEDBACK_NOTIFY_EMAIL": "team@example.com"}

    def test_the_team_is_told_with_a_link_but_not_the_text(self, client, outbox):
        send(client)
        [mail] = [m for m in outbox if m.to != GOOD["email"]]  # the sender's is its own test
        message = stored()[0]
        assert mail.to == "team@example.com"
        assert "privacy request" in mail.subject.lower()
        assert f"/admin/feedback/{message.id}" in mail.body
        assert GOOD["message"] not in mail.body and GOOD["email"] not in mail.body


def test_no_notification_without_an_address(client, outbox):
    send(client)
    assert len(stored()) == 1 and [m.to for m in outbox] == [GOOD["email"]]  # only the thanks


def test_csrf_is_checked_when_on(app, client):
    app.config["WTF_CSRF_ENABLED"] = True
    response = send(client)
    assert response.status_code == 400
    assert stored() == []


def test_messages_are_exported_and_erased_by_account_and_by_address(client, make_user):
    user = make_user("developer", email="ann@example.org")
    send(client)  # as a visitor, from the same address
    db.session.add(
        Feedback(
            user_id=user.id,
            name="A",
            email="other@example.org",
            topic="general",
            message="Sent while signed in",
        )
    )
    db.session.commit()
    exported = personal_data.export_user(user)["feedback"]
    assert {row["message"] for row in exported} == {GOOD["message"], "Sent while signed in"}
    accounts.delete_account(user)
    assert stored() == []
