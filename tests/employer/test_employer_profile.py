"""The employer's company profile and what the page says about approval."""

import pytest

from outstaff.core.extensions import db
from outstaff.models import EmployerProfile

VALID = {
    "first_name": "Erin",
    "last_name": "Hale",
    "company_name": "Globex, Inc.",
    "country": "GB",
    "website": "",
    "phone": "",
    "telegram": "",
}


def company_of(user) -> EmployerProfile | None:
    db.session.expire_all()
    return db.session.get(type(user), user.id).employer_profile


def test_anonymous_and_developers_cannot_open_it(client, auth, make_user):
    assert client.get("/employer/profile").status_code == 302
    auth.login(make_user("developer"))
    assert client.get("/employer/profile").status_code == 403


def test_pending_employer_is_told_plainly(client, auth, make_user):
    auth.login(make_user("employer", approval="pending", confirmed=False))
    page = client.get("/employer/profile").get_data(as_text=True)
    assert "Waiting for approval" in page
    assert "you see no developer data" in page
    assert "Confirm your email address first" in page


def test_rejected_employer_reads_the_note(client, auth, make_user):
    auth.login(make_user("employer", approval="rejected", approval_note="Company not found."))
    page = client.get("/employer/profile").get_data(as_text=True)
    assert "Not approved" in page and "Company not found." in page


def test_saving_the_profile(client, auth, make_user):
    user = make_user("employer", approval="pending")
    auth.login(user)
    response = client.post(
        "/employer/profile",
        data={
            **VALID,
            "website": "globex.example.com",
            "phone": "020 7946 0958",
            "telegram": "https://t.me/erin_hale",
        },
    )
    assert response.status_code == 302
    company = company_of(user)
    assert (company.first_name, company.last_name, company.company_name, company.country) == (
        "Erin",
        "Hale",
        "Globex, Inc.",
        "GB",
    )
    assert company.company_name_norm == "globex"
    assert company.website == "https://globex.example.com"
    assert company.phone == "+442079460958"  # national format read with the country, E.164
    assert company.telegram == "erin_hale"
    page = client.get("/employer/profile").get_data(as_text=True)
    assert "Your company profile is saved." in page and 'value="Globex, Inc."' in page


@pytest.mark.parametrize(
    "telegram,stored",
    [
        ("@erin_hale", "erin_hale"),
        ("t.me/erin_hale", "erin_hale"),
        ("ErinH", "ErinH"),
    ],
)
def test_telegram_forms_accepted(client, auth, make_user, telegram, stored):
    user = make_user("employer")
    auth.login(user)
    client.post("/employer/profile", data={**VALID, "telegram": telegram})
    assert company_of(user).telegram == stored


@pytest.mark.parametrize(
    "field,value,message",
    [
        ("first_name", "", "Enter your name."),
        ("company_name", "   ", "Enter the company"),
        ("company_name", "x" * 121, "120"),
        ("country", "", "Choose the company"),
        ("country", "ZZ", "Choose a country from the list."),
        ("website", "javascript:alert(1)", "Enter the website"),
        ("website", "ftp://example.com", "Enter the website"),
        ("website", "http://localhost", "Enter the website"),
        ("website", "https://exa mple.com", "Enter the website"),
        ("phone", "12345", "This is not a valid phone number"),
        ("phone", "call me", "Enter the number with the country code"),
        ("telegram", "1abcdef", "A Telegram username has 5–32"),
        ("telegram", "abc", "A Telegram username has 5–32"),
        ("telegram", "a" * 33, "A Telegram username has 5–32"),
        ("telegram", "t.me/bad-name", "A Telegram username has 5–32"),
    ],
)
def test_bad_input_is_explained_and_the_rest_kept(client, auth, make_user, field, value, message):
    user = make_user("employer")
    auth.login(user)
    data = {**VALID, "website": "https://globex.example.com", field: value}
    response = client.post("/employer/profile", data=data)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert message in page
    assert f'id="{field}-error"' in page
    if field != "company_name":
        assert 'value="Globex, Inc."' in page
    if field != "website":
        assert 'value="https://globex.example.com"' in page
    assert company_of(user) is None  # nothing stored


def test_renaming_an_approved_company_needs_a_new_approval(client, auth, make_employer):
    user = make_employer(company="ACME")
    auth.login(user)
    client.post("/employer/profile", data={**VALID, "company_name": "ACME Ltd"})
    assert company_of(user).user.approval == "approved"  # same normalized name
    response = client.post(
        "/employer/profile", data={**VALID, "company_name": "Initech"}, follow_redirects=True
    )
    assert "will review your account again" in response.get_data(as_text=True)
    assert company_of(user).user.approval == "pending"
    assert client.get("/developers").status_code == 403


def test_a_rejected_employer_goes_back_to_the_queue(client, auth, make_user):
    user = make_user("employer", approval="rejected", approval_note="Tell us more.")
    auth.login(user)
    client.post("/employer/profile", data=VALID)
    assert company_of(user).user.approval == "pending"


@pytest.mark.parametrize("app_overrides", [{"WTF_CSRF_ENABLED": True}])
def test_the_form_needs_its_csrf_token(client, auth, make_user):
    user = make_user("employer")
    with client.session_transaction() as session:
        session["_user_id"] = user.get_id()
        session["_fresh"] = True
    response = client.post("/employer/profile", data=VALID)
    assert response.status_code == 400
    assert company_of(user) is None
