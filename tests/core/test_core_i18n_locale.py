"""Which language the site speaks: the choice sticks; mail is in the reader's language; the
privacy policy has a text per language under one version number."""

import pytest
from sqlalchemy import select

from outstaff.core.extensions import db
from outstaff.models import PolicyText, PolicyVersion, User
from outstaff.privacy.policy import bundled_text, current_version
from outstaff.retention import service as retention
from tests.helpers import sign_in

pytestmark = pytest.mark.usefixtures("app_ctx")  # the tests read the database

ENGLISH = {"Accept-Language": "en-GB,en;q=0.9"}
RUSSIAN = {"Accept-Language": "ru-RU,ru;q=0.9,en;q=0.5"}


def lang(response) -> str:
    page = response.get_data(as_text=True)
    return page.split('<html lang="', 1)[1].split('"', 1)[0]


def choose(client, locale, next_path="/privacy", **headers):
    return client.post("/language", data={"locale": locale, "next": next_path}, headers=headers)


# --- The choice sticks ------------------------------------------------------------------


def test_accept_language_decides_the_first_time(client):
    assert lang(client.get("/", headers=RUSSIAN)) == "ru"
    assert lang(client.get("/", headers=ENGLISH)) == "en"
    assert lang(client.get("/")) == "en"  # no header: the default
    assert client.get_cookie("locale") is None  # nothing remembered without a choice


def test_a_visitors_choice_is_kept_in_a_cookie(client):
    response = choose(client, "ru")
    assert response.status_code == 302 and response.headers["Location"] == "/privacy"
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith("locale=ru;") and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    page = client.get("/privacy", headers=ENGLISH)
    assert lang(page) == "ru" and "Политика конфиденциальности" in page.get_data(as_text=True)
    assert lang(client.get("/account/signin", headers=ENGLISH)) == "ru"
    choose(client, "en")
    assert lang(client.get("/", headers=RUSSIAN)) == "en"


def test_the_footer_switch_works_without_a_session_or_script(client):
    page = client.get("/", headers=RUSSIAN)
    html = page.get_data(as_text=True)
    form = html.split('action="/language"', 1)[1].split("</form>", 1)[0]
    assert 'name="locale"' in form and '<option value="ru" selected lang="ru">Русский' in form
    assert 'type="submit"' in form and 'name="public_csrf_token"' in form
    assert "Set-Cookie" not in page.headers  # the form on every page starts no session


@pytest.mark.parametrize(
    "data, headers",
    [
        ({"locale": "ru"}, {"Origin": "https://evil.example"}),
        ({"locale": "ru"}, {"Sec-Fetch-Site": "cross-site"}),
    ],
)
def test_other_sites_cannot_switch_the_language(client, data, headers):
    response = client.post("/language", data=data, headers=headers)
    assert response.status_code == 400 and "Set-Cookie" not in response.headers


@pytest.mark.parametrize("data", [{"locale": "xx"}, {"locale": ""}, {}, {"locale": "ru" * 50}])
def test_an_unknown_language_changes_nothing(client, data):
    response = client.post("/language", data=data)
    assert response.status_code == 302 and "Set-Cookie" not in response.headers


@pytest.mark.parametrize("target", ["//evil.example/x", "https://evil.example/", "javascript:x"])
def test_the_switch_never_redirects_off_site(client, target):
    assert choose(client, "ru", target).headers["Location"] == "/"


def test_a_signed_in_users_choice_is_kept_on_the_account(app, client, auth, make_user):
    user = make_user("developer", email="olga@example.com")
    auth.login(user)
    choose(client, "ru", "/account/")
    assert db.session.get(User, user.id).locale == "ru"
    other_browser = app.test_client()
    auth.__class__(other_browser).login(user)
    page = other_browser.get("/account/", headers=ENGLISH)
    assert lang(page) == "ru" and "Ваш аккаунт" in page.get_data(as_text=True)


def test_signing_up_in_russian_remembers_russian(client, outbox):
    client.set_cookie("locale", "ru")
    response = client.post(
        "/account/signup",
        data={
            "role": "developer",
            "email": "ivan@example.com",
            "password": "a dancing quokka eats plums",
            "confirm": "a dancing quokka eats plums",
            "age_ok": "y",
            "accept_policy": "y",
        },
    )
    assert response.status_code == 302
    user = db.session.scalar(select(User).filter_by(email="ivan@example.com"))
    assert user.locale == "ru"
    [mail] = outbox
    assert mail.subject == "Подтвердите адрес почты"
    assert "Подтвердите адрес почты для" in mail.body and "Здравствуйте!" in mail.body


def test_signing_in_after_choosing_a_language_remembers_it(client, auth, make_user):
    user = make_user("developer")
    assert user.locale is None
    choose(client, "ru")
    auth.login(user)
    assert db.session.get(User, user.id).locale == "ru"
    assert lang(client.get("/account/", headers=ENGLISH)) == "ru"


def test_first_sign_in_keeps_the_language_it_was_made_in(client, auth, make_user):
    user = make_user("employer")
    client.get("/", headers=RUSSIAN)
    response = sign_in(client, user, headers=RUSSIAN)
    assert response.status_code == 302
    assert db.session.get(User, user.id).locale == "ru"


def test_the_language_cookie_is_explained(client):
    page = client.get("/privacy/cookies").get_data(as_text=True)
    assert "<code>locale</code>" in page
    assert "Remembers the language you chose for the site." in page


# --- Mail in the recipient's language ---------------------------------------------------


def test_an_offer_reaches_a_russian_developer_in_russian(
    client, auth, make_employer, make_developer, offer_form, outbox
):
    profile = make_developer(email="dev@example.com")
    profile.user.locale = "ru"
    db.session.commit()
    employer = make_employer("ACME Inc.", locale="en")
    auth.login(employer)
    assert (
        client.post(f"/offers/new/{profile.id}", data=offer_form, headers=ENGLISH).status_code
        == 302
    )
    [mail] = outbox
    assert mail.subject == "Новое предложение: ACME Inc."
    assert "Вам пришло предложение на" in mail.body and "Hello" not in mail.body
    assert "Есть вопросы? Пишите на" in mail.body
    assert "Offers you sent" in client.get("/offers/").get_data(as_text=True)  # employer: English


def test_an_english_developer_gets_english_from_a_russian_employer(
    client, auth, make_employer, make_developer, offer_form, outbox
):
    profile = make_developer(email="dev@example.com")
    profile.user.locale = "en"
    db.session.commit()
    auth.login(make_employer("ACME Inc.", locale="ru"))
    client.post(f"/offers/new/{profile.id}", data=offer_form)
    [mail] = outbox
    assert mail.subject == "A new offer from ACME Inc." and "Hello," in mail.body


def test_an_admins_action_reaches_the_developer_in_their_language(
    client, auth, make_user, make_developer, outbox
):
    profile = make_developer(email="dev@example.com")
    profile.user.locale = "ru"
    db.session.commit()
    auth.login(make_user("admin"))
    response = client.post(
        f"/admin/users/{profile.user_id}/hide",
        data={"note": "Contacts in the bio"},
        headers=ENGLISH,
    )
    assert response.status_code == 302
    [mail] = outbox
    assert mail.subject == "Ваша анкета скрыта"
    assert "скрыл вашу анкету" in mail.body and "Contacts in the bio" in mail.body


def test_a_deletion_receipt_is_in_the_deleted_users_language(client, auth, make_user, outbox):
    user = make_user("developer", email="gone@example.com", locale="ru")
    auth.login(make_user("admin"))
    response = client.post(
        f"/admin/users/{user.id}/delete", data={"understood": "y", "note": "Asked by email"}
    )
    assert response.status_code == 302
    [mail] = outbox
    assert mail.to == "gone@example.com" and mail.subject == "Ваш аккаунт удалён"
    assert "Администратор удалил ваш аккаунт" in mail.body


def test_mail_sent_by_the_cli_is_in_each_users_language(app, make_user, outbox):
    russian = make_user("employer", locale="ru", approval="rejected")
    english = make_user("employer", locale="en", approval="rejected")
    retention.erase(russian, "rejected_employer", mail="retention_deleted")
    retention.erase(english, "rejected_employer", mail="retention_deleted")
    assert [m.subject for m in outbox] == ["Ваш аккаунт удалён", "Your account has been deleted"]
    assert "не был одобрен" in outbox[0].body and "was not approved" in outbox[1].body


# --- The privacy policy per language ------------------------------------------------------


def test_version_1_is_shown_in_each_language(client):
    english = client.get("/privacy", headers=ENGLISH).get_data(as_text=True)
    russian = client.get("/privacy", headers=RUSSIAN).get_data(as_text=True)
    assert "is run by Crypton Studio KZ, LLP" in english
    assert "Сайтом Crypton Outstaff управляет Crypton Studio KZ, LLP" in russian
    assert "{site_name}" not in russian and "is run by" not in russian
    assert "Версия 1" in russian and "Version 1" in english
    version = current_version()
    assert version.texts["ru"].body == bundled_text("ru")


def test_version_1_stored_before_translations_still_reads_in_russian(client):
    db.session.add(PolicyVersion(version=1, body=bundled_text(None)))
    db.session.commit()
    assert db.session.scalar(select(PolicyText)) is None
    russian = client.get("/privacy", headers=RUSSIAN).get_data(as_text=True)
    assert "Сайтом Crypton Outstaff управляет" in russian


def publish(client, **extra):
    data = {
        "summary": "Sign-in records kept for a year.",
        "body": "## What is new\n\nEnglish.",
        **extra,
    }
    return client.post("/admin/policy", data=data)


def test_an_admin_publishes_a_version_in_english_and_russian(app, client, auth, make_user):
    auth.login(make_user("admin"))
    form = client.get("/admin/policy").get_data(as_text=True)
    assert 'name="body_ru"' in form and "Сайтом {site_name} управляет" in form  # prefilled
    assert 'name="summary_ru"' in form
    preview = publish(client, body_ru="## Что нового\n\nПо-русски.", preview="Preview")
    assert "<h2>Что нового</h2>" in preview.get_data(as_text=True)
    assert (
        publish(
            client,
            body_ru="## Что нового\n\nПо-русски.",
            summary_ru="Записи о входах хранятся год.",
        ).status_code
        == 302
    )
    version = current_version()
    assert version.version == 2 and version.texts["ru"].summary == "Записи о входах хранятся год."
    reader = app.test_client()  # a visitor: the admin's own account is set to English
    russian = reader.get("/privacy", headers=RUSSIAN).get_data(as_text=True)
    assert "<h2>Что нового</h2>" in russian and "Версия 2" in russian
    assert "Записи о входах хранятся год." in russian
    english = reader.get("/privacy", headers=ENGLISH).get_data(as_text=True)
    assert "<h2>What is new</h2>" in english and "Sign-in records kept for a year." in english


def test_without_a_russian_text_russian_readers_see_the_english_one(client, auth, make_user):
    admin = make_user("admin", locale="ru")
    auth.login(admin)
    assert publish(client, body_ru="   ").status_code == 302
    assert "ru" not in current_version().texts
    page = client.get("/privacy").get_data(as_text=True)
    assert "<h2>What is new</h2>" in page and "Политика конфиденциальности" in page
    notice = client.get("/account/").get_data(as_text=True)  # the new version's notice
    assert "Наша политика конфиденциальности изменилась" in notice
    assert "Sign-in records kept for a year." in notice


def test_a_too_long_russian_text_is_a_400_that_keeps_it(client, auth, make_user):
    auth.login(make_user("admin"))
    response = publish(client, summary_ru="я" * 501, body_ru="Текст")
    assert response.status_code == 400
    assert "Текст</textarea>" in response.get_data(as_text=True)
    assert current_version().version == 1
