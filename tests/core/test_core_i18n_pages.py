"""Russian pages carry no English UI strings: public pages, forms with errors, the
developer's, employer's and admin's pages, dates, numbers and plurals. (The catalog and the
checks: test_core_i18n.py.)"""

import re

import pytest

from outstaff import audit
from outstaff.core.extensions import db
from outstaff.listing.service import CAP_ALERT
from outstaff.models import Feedback, Offer, utcnow
from tests.helpers import (
    english_left_in,
)

# --- Russian pages carry no English UI strings ------------------------------------------


def russian(client):
    client.set_cookie("locale", "ru")
    return client


def assert_russian(response, status=200):
    page = response.get_data(as_text=True)
    assert response.status_code == status
    assert '<html lang="ru">' in page
    assert english_left_in(page) == []
    return page


def test_english_check_finds_an_untranslated_string():
    page = "<p>How employers are vetted</p>"
    assert english_left_in(page) == ["How employers are vetted"]


@pytest.mark.parametrize(
    "path, status",
    [
        ("/", 200),
        ("/account/signin", 200),
        ("/account/signup", 200),
        ("/privacy", 200),
        ("/privacy/cookies", 200),
        ("/contact", 200),
        ("/no/such/page", 404),
        ("/account/password/forgot", 200),
    ],
)
def test_public_pages_in_russian(client, path, status):
    assert_russian(russian(client).get(path), status)


def test_sign_up_with_errors_in_russian(client):
    response = russian(client).post(
        "/account/signup",
        data={"role": "developer", "email": "not-an-address", "password": "short", "confirm": "x"},
    )
    page = assert_russian(response, 200)
    assert "Исправьте, пожалуйста, ошибки" in page
    assert "Введите правильный адрес почты" in page
    assert "Не меньше 12 символов." in page
    assert "Прочитайте и примите политику конфиденциальности." in page


def test_sign_in_with_errors_and_contact_form_with_errors_in_russian(client):
    assert_russian(russian(client).post("/account/signin", data={"email": ""}))
    page = assert_russian(russian(client).post("/contact", data={"message": "short"}), 400)
    assert "Напишите хотя бы 10 символов." in page


def test_developer_pages_in_russian(client, auth, make_developer, make_employer):
    profile = make_developer(
        email="dev@example.com",
        country="KZ",
        years_experience=3,
        profession="backend",
        english_level="B2",
    )
    employer = make_employer(company="Globex LLC")
    db.session.add(
        Offer(
            employer_id=employer.id,
            developer_id=profile.user_id,
            state="sent",
            role_title="Python",
            engagement="contract",
            message="Hello " * 5,
        )
    )
    db.session.commit()
    profile.user.locale = "ru"
    db.session.commit()
    auth.login(profile.user)
    for path in (
        "/questionnaire/",
        "/questionnaire/preview",
        "/offers/",
        "/account/",
        "/questionnaire/blocks",
        "/questionnaire/photo",
        "/offers/viewers",
    ):
        assert_russian(client.get(path))
    page = assert_russian(client.get("/questionnaire/edit"))
    assert "Казахстан" in page and "B2 — выше среднего" in page
    preview = assert_russian(client.get("/questionnaire/preview"))
    assert "3 года" in preview and "Бэкенд-разработчик" in preview
    bad = client.post(
        "/questionnaire/edit", data={"telegram": "1", "years_experience": "x", "skills": "a" * 50}
    )
    assert "Каждый навык — не длиннее 40 символов" in assert_russian(bad, 400)


def test_admin_console_in_russian(client, auth, make_user, make_developer):
    admin = make_user("admin", locale="ru")
    make_developer()
    db.session.add(
        Feedback(
            name="Dana",
            email="d@example.com",
            topic="privacy",
            message="What do you store about me?",
        )
    )
    db.session.commit()
    auth.login(admin)
    for path in (
        "/admin/",
        "/admin/users",
        "/admin/feedback",
        "/admin/audit",
        "/admin/policy",
        "/admin/analytics",
        f"/admin/users/{admin.id}",
    ):
        assert_russian(client.get(path))
    dashboard = client.get("/admin/").get_data(as_text=True)
    assert re.search(r"1</span> разработчик\b", dashboard)
    assert "1 аккаунт" in client.get("/admin/users?role=admin").get_data(as_text=True)


def test_dates_and_numbers_follow_the_language(app, client):
    from flask import render_template_string
    from flask_babel import force_locale

    page = russian(client).get("/privacy").get_data(as_text=True)
    months = "января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря"
    assert re.search(rf"Обновлено: \d+ ({months}) \d{{4}}", page)
    with app.test_request_context():
        with force_locale("ru"):
            assert render_template_string("{{ 1234567|number }}") == "1\xa0234\xa0567"
        with force_locale("en"):
            assert render_template_string("{{ 1234567|number }}") == "1,234,567"


def test_error_pages_in_russian(client, make_employer, auth):
    employer = make_employer(approval="pending", locale="ru")
    auth.login(employer)
    page = assert_russian(client.get("/offers/shortlist"), 403)
    assert "ждёт одобрения администратора" in page


def test_plural_forms_follow_russian_rules(app):
    from flask_babel import force_locale, ngettext

    with app.test_request_context(), force_locale("ru"):
        years = [ngettext("%(num)d year", "%(num)d years", n) for n in (1, 3, 5, 11, 21, 24)]
    assert years == ["1 год", "3 года", "5 лет", "11 лет", "21 год", "24 года"]


def test_offer_terms_in_russian(client, auth, make_developer, make_employer):
    profile = make_developer()
    employer = make_employer(locale="ru")
    offer = Offer(
        employer_id=employer.id,
        developer_id=profile.user_id,
        state="sent",
        role_title="Python",
        engagement="full_time",
        message="Hello " * 5,
        rate_amount=4500,
        currency="EUR",
        rate_period="month",
        created_at=utcnow(),
    )
    db.session.add(offer)
    db.session.commit()
    auth.login(employer)
    page = assert_russian(client.get(f"/offers/{offer.id}"))
    assert "Полная занятость" in page and "в месяц" in page and "4\xa0500,00\xa0€" in page


def test_listing_and_employer_pages_in_russian(app, client, auth, make_developer, make_employer):
    profile = make_developer(
        country="KZ", years_experience=3, profession="backend", english_level="B2"
    )
    employer = make_employer(company="Globex LLC", locale="ru")
    auth.login(employer)
    page = assert_russian(client.get("/developers"))
    assert "На этой странице 1 разработчик" in page and "Бэкенд-разработчик" in page
    notices = assert_russian(
        client.get("/developers?years=x&lang=zz&sort=nope&per_page=999&q=" + "a" * 150)
    )
    assert "Текст поиска сокращён до 100 символов." in notices
    assert_russian(client.get("/developers?profession=backend&years=40"))  # nobody matches
    assert "3 года" in assert_russian(client.get(f"/developers/{profile.id}"))
    assert_russian(client.get("/employer/profile"))
    bad = client.post("/employer/profile", data={"first_name": "x" * 81, "country": "ZZ"})
    assert "Не больше 80 символов." in assert_russian(bad)  # the view answers 200
    app.config["PROFILE_VIEW_DAILY_CAP"] = 1
    capped = assert_russian(client.get(f"/developers/{make_developer().id}"), 429)
    assert "не больше 1 анкеты разработчика" in capped


def test_approval_queue_in_russian(client, auth, make_user, make_employer, outbox):
    admin = make_user("admin", locale="ru")
    pending = make_employer(company="Initech", approval="pending", locale="ru")
    unconfirmed = make_employer(approval="pending", confirmed=False, locale="ru")
    russian(client)  # the flash after signing out is in the visitor's language
    auth.login(unconfirmed)
    assert "Сначала подтвердите адрес почты" in assert_russian(client.get("/employer/profile"))
    auth.logout()
    audit.record(None, CAP_ALERT, make_employer(company="Harvest Ltd"), note="daily cap")
    db.session.commit()
    auth.login(admin)
    queue = assert_russian(client.get("/admin/approvals"))
    assert "Работодатели, ожидающие одобрения" in queue and "Harvest Ltd" in queue
    too_long = client.post(f"/admin/approvals/{pending.id}/reject", data={"note": "n" * 501})
    assert "Примечание должно уложиться в 500 символов." in assert_russian(too_long, 400)
    client.post(f"/admin/approvals/{pending.id}/reject", data={"note": "Нет сайта."})
    [mail] = outbox
    assert mail.subject == "Ваш аккаунт работодателя не одобрен" and "Hello" not in mail.body
    auth.logout()
    auth.login(pending)
    assert "Нет сайта." in assert_russian(client.get("/employer/profile"))
