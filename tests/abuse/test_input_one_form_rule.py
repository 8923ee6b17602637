"""Findings 14 and 19: one input rule for every form, and for URLs: no NUL bytes anywhere, no
line breaks in one-line fields, nor in a mail's headers."""

import importlib
import pkgutil

import pytest
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from sqlalchemy import func, select
from werkzeug.datastructures import MultiDict
from wtforms import TextAreaField

import outstaff
from outstaff import mail
from outstaff.core.extensions import db
from outstaff.forms import Form
from outstaff.models import Feedback
from tests.helpers import field_error

pytestmark = pytest.mark.usefixtures("app_ctx")  # the tests read the database

# Finding 14 and 19: one input rule for every form, and for URLs.
INVISIBLE = "invisible control characters"
ONE_LINE = "Write this on one line"


def form_classes() -> set[type]:
    """Every form class the app defines (all of its modules imported first)."""
    for module in pkgutil.walk_packages(outstaff.__path__, "outstaff."):
        importlib.import_module(module.name)
    found, stack = set(), [FlaskForm]
    while stack:
        for subclass in stack.pop().__subclasses__():
            found.add(subclass)
            stack.append(subclass)
    return {cls for cls in found if cls.__module__.startswith("outstaff.")}


def submitted(app, form_class, value: str):
    """The form validated against a POST that sends `value` in every one of its text fields
    (a file field takes only files: text sent to it is dropped before it is read)."""
    with app.test_request_context(method="POST"):
        names = [field.name for field in form_class(formdata=None)]
        if not names:  # a base class (PublicForm): nothing to send
            return {}, []
        form = form_class(formdata=MultiDict(dict.fromkeys(names, value)))
        form.validate()
        fields = [field for field in form if not isinstance(field, FileField)]
        return {field.name: [str(e) for e in field.errors] for field in fields}, fields


def test_every_form_in_the_app_is_built_on_the_one_input_rule():
    classes = form_classes()
    assert len(classes) > 25  # the walk found the app's forms
    assert [cls for cls in classes if not issubclass(cls, Form)] == []


def test_nul_byte_in_any_form_field_is_refused(app):
    for form_class in form_classes():
        errors, _fields = submitted(app, form_class, "x\x00y")
        for name, messages in errors.items():
            assert any(INVISIBLE in m for m in messages), (form_class.__name__, name)


def test_line_break_in_a_single_line_field_is_refused(app):
    for form_class in form_classes():
        errors, fields = submitted(app, form_class, "x\r\nBcc: evil@example.com")
        for field in fields:
            multiline = isinstance(field, TextAreaField)
            refused = any(ONE_LINE in m for m in errors[field.name])
            assert refused != multiline, (form_class.__name__, field.name)


def test_nul_byte_in_the_sign_in_email_is_refused_beside_the_field(client, make_user):
    user = make_user("developer")
    response = client.post(
        "/account/signin", data={"email": user.email + "\x00", "password": "whatever it is"}
    )
    assert response.status_code < 500
    assert INVISIBLE in field_error(response, "email")


def test_nul_byte_in_the_contact_form_is_refused_and_nothing_is_stored(client):
    response = client.post(
        "/contact",
        data={
            "name": "Ann\x00",
            "email": "ann@example.com",
            "topic": "general",
            "message": "Hello\x00 there, a question.",
            "started": "",
        },
    )
    assert response.status_code == 400
    assert INVISIBLE in field_error(response, "name")
    assert INVISIBLE in field_error(response, "message")
    assert db.session.scalar(select(func.count()).select_from(Feedback)) == 0


@pytest.mark.parametrize(
    "url",
    [
        "/developers?q=%00",
        "/developers?skills=Go%0d%0aX",
        "/admin/users?q=a%00b",
        "/admin/audit?action=%00",
        "/offers/?state=%00",
        "/?x%00=1",
    ],
)
def test_nul_byte_in_a_query_string_is_refused(client, auth, make_employer, make_user, url):
    auth.login(make_user("admin") if url.startswith("/admin") else make_employer())
    response = client.get(url)
    assert response.status_code == 400
    assert "control characters" in response.text


def test_line_break_in_a_company_name_is_refused_and_the_name_kept(client, auth, make_employer):
    employer = make_employer(company="Globex, Inc.")
    auth.login(employer)
    response = client.post(
        "/employer/profile",
        data={
            "first_name": "Erin",
            "last_name": "Hale",
            "country": "GB",
            "company_name": "ACME\r\nBcc: evil@example.com",
        },
    )
    assert response.status_code < 500
    assert ONE_LINE in field_error(response, "company_name")
    db.session.expire_all()
    assert employer.employer_profile.company_name == "Globex, Inc."


def test_line_break_in_an_admin_reply_subject_is_refused(client, auth, make_user, outbox):
    auth.login(make_user("admin"))
    message = Feedback(
        name="Ann",
        email="ann@example.org",
        topic="general",
        message="Hello, a question about vacancies.",
    )
    db.session.add(message)
    db.session.commit()
    response = client.post(
        f"/admin/feedback/{message.id}/reply",
        data={"subject": "Re: hi\r\nBcc: evil@example.com", "body": "We have two vacancies."},
    )
    assert response.status_code == 400
    assert ONE_LINE in field_error(response, "subject")
    assert outbox == []


@pytest.mark.parametrize(
    "app_overrides", [{"MAIL_BACKEND": "smtp", "MAIL_SERVER": "smtp.example.com"}]
)
def test_a_stored_line_break_in_a_subject_neither_injects_nor_drops_the_mail(app, smtp):
    # A company name saved before the input rule existed still reaches offer subjects.
    mail.send_mail(
        "dev@example.com",
        "A new offer from ACME\r\nBcc: evil@example.com",
        "reset",
        link="http://localhost/x",
    )
    db.session.commit()
    [(_calls, sent)] = smtp.sent
    assert sent["Subject"] == "A new offer from ACME Bcc: evil@example.com"
    assert sent["To"] == "dev@example.com" and sent["Bcc"] is None
    assert "evil@example.com" not in str(sent["To"])


def test_an_address_with_a_line_break_is_not_mailed_and_is_logged(app, outbox, caplog):
    mail.send_mail(
        "dev@example.com\r\nBcc: evil@example.com", "Hello", "reset", link="http://localhost/x"
    )
    db.session.commit()
    assert outbox == []
    assert any(r.levelname == "ERROR" and "not sent" in r.getMessage() for r in caplog.records)
