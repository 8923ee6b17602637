"""In Chromium: switch the site to Russian in the footer, sign up, fill the questionnaire."""

from playwright.sync_api import Page, expect
from sqlalchemy import select

from outstaff.core.extensions import db
from outstaff.models import DeveloperProfile, User

PASSWORD = "lilac ferry orchard 2031"
EMAIL = "irina.journey@example.com"


def expect_russian(page: Page) -> None:
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    expect(page.get_by_role("navigation", name="Нижнее меню")).to_be_visible()


def test_switch_to_russian_sign_up_and_fill_the_questionnaire(page: Page, live_server):
    errors = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))

    page.goto("/privacy")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.get_by_label("Language").select_option("ru")
    page.get_by_role("button", name="Change").click()
    expect(page).to_have_url(f"{live_server.url}/privacy")  # back on the same page
    expect_russian(page)
    expect(page.get_by_role("heading", name="Политика конфиденциальности", level=1)).to_be_visible()
    expect(page.get_by_text("Сайтом Crypton Outstaff управляет")).to_be_visible()
    expect(page.get_by_label("Язык")).to_have_value("ru")

    page.goto("/")
    expect_russian(page)
    page.get_by_role("link", name="Регистрация").first.click()
    expect(page.get_by_role("heading", name="Регистрация")).to_be_visible()
    page.get_by_role("button", name="Зарегистрироваться").click()  # empty: errors in Russian
    expect(page.get_by_role("alert")).to_contain_text("Исправьте, пожалуйста, ошибки")
    page.get_by_label("Разработчик, ищу проекты").check()
    page.get_by_label("Электронная почта", exact=True).fill(EMAIL)
    page.get_by_label("Пароль", exact=True).fill(PASSWORD)
    page.get_by_label("Повторите пароль").fill(PASSWORD)
    page.get_by_label("Мне уже исполнилось 12 лет").check()
    page.get_by_label("Я прочитал(а) и принимаю политику конфиденциальности").check()
    page.get_by_role("button", name="Зарегистрироваться").click()
    expect(page.get_by_role("heading", name="Проверьте почту")).to_be_visible()

    mail = live_server.outbox()[-1]
    assert mail["to"] == EMAIL and mail["subject"] == "Подтвердите адрес почты"
    page.goto(live_server.link(EMAIL, "/account/confirm/"))
    expect(page.get_by_text("Спасибо, адрес почты подтверждён.")).to_be_visible()

    # The link, opened where the account was made, has signed it in: on to the questionnaire.
    expect(page.get_by_role("heading", name="Моя анкета", level=1)).to_be_visible()
    expect(page.get_by_text("Не опубликована.")).to_be_visible()

    page.get_by_role("link", name="Редактировать анкету").click()
    expect_russian(page)
    page.get_by_label("Имя", exact=True).fill("Ирина")
    page.get_by_label("Фамилия", exact=True).fill("Соколова")
    page.get_by_label("Страна", exact=True).select_option(label="Казахстан")
    page.get_by_label("Профессия", exact=True).select_option(label="Фронтенд-разработчик")
    page.get_by_label("Навыки", exact=True).fill("TypeScript, React")
    page.get_by_label("Опыт работы, лет").fill("4")
    page.get_by_label("Аккаунт в Telegram").fill("1bad")
    page.get_by_label("Рассматриваю предложения").check()
    page.get_by_label("Уровень английского").select_option(label="C1 — продвинутый")
    page.get_by_label("Русский", exact=True).check()
    page.get_by_label("Казахский", exact=True).check()
    page.get_by_role("button", name="Сохранить").click()
    expect(page.locator("#telegram-error")).to_contain_text(
        "Имя пользователя в Telegram — от 5 до 32 латинских букв"
    )
    expect(page.get_by_label("Фамилия", exact=True)).to_have_value("Соколова")
    page.get_by_label("Аккаунт в Telegram").fill("@irina_dev")
    page.get_by_role("button", name="Сохранить").click()
    expect(page.get_by_text("Анкета сохранена.")).to_be_visible()

    page.get_by_role("link", name="Посмотреть глазами работодателя").click()
    expect_russian(page)
    expect(page.get_by_role("heading", name="Ирина Соколова")).to_be_visible()
    expect(page.get_by_text("Фронтенд-разработчик")).to_be_visible()
    expect(page.get_by_text("4 года")).to_be_visible()
    facts = page.locator("dl.facts")
    for text in (
        "Страна",
        "Казахстан",
        "Языки",
        "Казахский",
        "Русский",
        "Английский",
        "C1 — продвинутый",
    ):
        expect(facts).to_contain_text(text)
    expect(page.get_by_text("Рассматриваю предложения")).to_be_visible()

    with live_server.app.app_context():
        user = db.session.scalar(select(User).filter_by(email=EMAIL))
        profile = db.session.scalar(select(DeveloperProfile).filter_by(user_id=user.id))
        assert user.locale == "ru"
        assert (profile.country, profile.profession, profile.years_experience) == (
            "KZ",
            "frontend",
            4,
        )
    refused = [e for e in errors if "status of 400" in e]  # the form sent back with errors
    assert len(refused) == 1, errors
    assert [e for e in errors if e not in refused] == [], f"console errors (CSP?): {errors}"
