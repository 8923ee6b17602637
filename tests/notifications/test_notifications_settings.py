"""Notification settings: each kind of mail on or off; security and legal mail always goes."""

from sqlalchemy import select

from outstaff.core.extensions import db
from outstaff.models import NotificationSettings, OfferMessage


def test_a_person_turns_message_mail_off_and_gets_none(client, auth, pair, make_offer, outbox):
    employer, profile = pair
    offer = make_offer(employer, profile, state="viewed")
    auth.login(profile.user)
    page = client.get("/account/notifications/")
    assert page.status_code == 200 and "Notification settings" in page.get_data(as_text=True)
    response = client.post(
        "/account/notifications/", data={"offers": "y", "alerts": "y", "reminders": "y"}
    )
    assert response.status_code == 302
    row = db.session.get(NotificationSettings, profile.user_id)
    assert (row.offers, row.messages, row.alerts, row.reminders) == (True, False, True, True)
    auth.logout()

    auth.login(employer)
    outbox.clear()
    client.post(f"/offers/{offer.id}/messages", data={"body": "A question"})
    assert db.session.scalar(select(OfferMessage)) is not None  # written, just not mailed
    assert [m for m in outbox if m.to == profile.user.email] == []
    client.post(f"/offers/{offer.id}/withdraw")
    assert [m.to for m in outbox] == [profile.user.email]  # offers mail still on


def test_security_mail_goes_even_with_everything_off(client, auth, make_user, outbox):
    user = make_user("developer")
    db.session.add(
        NotificationSettings(
            user_id=user.id, offers=False, messages=False, alerts=False, reminders=False
        )
    )
    db.session.commit()
    outbox.clear()
    client.post("/account/password/forgot", data={"email": user.email})
    assert [m.to for m in outbox] == [user.email]


def test_the_settings_page_needs_a_signed_in_person_and_a_csrf_token(app, client, make_user):
    assert client.get("/account/notifications/").status_code == 302
    app.config["WTF_CSRF_ENABLED"] = True
    from tests.helpers import sign_in

    user = make_user("developer")
    sign_in(client, user.email)
    assert client.post("/account/notifications/", data={"offers": "y"}).status_code == 400
    assert db.session.get(NotificationSettings, user.id) is None
