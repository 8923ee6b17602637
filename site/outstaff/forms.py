"""What every form of the site shares: the base `Form` (the input rule bound to every field),
`EmptyForm` for a bare POST button, and the validators several features use.

The base: the input rule is bound to every field it has.

`Form.Meta.bind_field` puts `NoControlCharacters` first in each field's validators, so no
form, field or later change can forget it: a value with a control character is refused with
a message beside its field before any other validator (or the database) sees it. Multi-line
fields (TextAreaField) may hold line ends; every other field is one line. The rule reads
the submitted text (`raw_data`), before filters could hide what was sent.
"""

import re
import unicodedata

from email_validator import EmailNotValidError, validate_email
from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_ngettext, ngettext
from flask_wtf import FlaskForm
from wtforms import SubmitField, TextAreaField, ValidationError
from wtforms.validators import StopValidation

from outstaff.core import contacts, public_csrf
from outstaff.core.input_rules import LINE_ENDS, has_control_characters

ONE_LINE = _l("Write this on one line, without line breaks.")
INVISIBLE = _l(
    "This contains invisible control characters (such as a NUL byte). Please "
    "type it again without them."
)


class NoControlCharacters:
    """Refuse control characters; line ends too unless the field is multi-line."""

    def __init__(self, multiline: bool):
        self.multiline = multiline

    def __call__(self, form, field) -> None:
        for value in field.raw_data or ():
            if not isinstance(value, str) or not has_control_characters(value, self.multiline):
                continue
            if (
                not self.multiline
                and LINE_ENDS.search(value)
                and not has_control_characters(LINE_ENDS.sub("", value))
            ):
                raise StopValidation(ONE_LINE)
            raise StopValidation(INVISIBLE)


class Form(FlaskForm):
    """Every form of the site derives from this (a test walks them all to make sure)."""

    class Meta(FlaskForm.Meta):
        def bind_field(self, form, unbound_field, options):
            field = super().bind_field(form, unbound_field, options)
            rule = NoControlCharacters(multiline=isinstance(field, TextAreaField))
            field.validators = [rule, *field.validators]
            return field


def strip(value):
    """The filter for a typed value: surrounding blanks dropped."""
    return value.strip() if isinstance(value, str) else value


def one_line(value):
    """The filter for a one-line value: NFC, inner whitespace collapsed to single spaces."""
    return contacts.one_line(value) if isinstance(value, str) else value


def plain_text(value):
    """The filter for multi-line text: NFC, Unix line ends, tabs as spaces, no trailing
    blanks, at most one empty line in a row."""
    if not isinstance(value, str):
        return value
    value = unicodedata.normalize("NFC", value).replace("\r\n", "\n").replace("\r", "\n")
    lines = [line.rstrip() for line in value.replace("\t", " ").split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def parsed(parse, *args):
    """`parse(*args)`, its ValueError turned into the field's error message."""
    try:
        return parse(*args)
    except ValueError as exc:
        raise ValidationError(exc.args[0]) from exc


class Telegram:
    """A Telegram username by Telegram's rules; stored without "@" or the t.me link."""

    def __call__(self, form, field) -> None:
        field.data = parsed(contacts.telegram_username, field.data) or None


class Phone:
    """A phone number, read with the form's country as a hint; stored in E.164."""

    def __init__(self, country_field: str = "country"):
        self.country_field = country_field

    def __call__(self, form, field) -> None:
        region = getattr(form, self.country_field).data
        field.data = parsed(contacts.phone_e164, field.data, region or None) or None


class Website:
    """An http(s) address with a real-looking host; "example.com" gets https://."""

    def __call__(self, form, field) -> None:
        if not field.data:
            return
        url = contacts.website_url(field.data)
        if url is None:
            raise ValidationError(_l("Enter the website's address, like https://example.com."))
        field.data = url


class PublicForm(Form):
    """A form shown on every page, to visitors without a session too."""

    class Meta:
        csrf_class = public_csrf.ClientBoundCSRF
        # Not "csrf_token": the page's other forms carry the session's token by that name.
        csrf_field_name = public_csrf.FIELD


class EmptyForm(Form):
    """Carries only the CSRF token, for a bare POST button."""

    submit = SubmitField(_l("Confirm"))


PASSWORD_MIN = 12  # OWASP ASVS 4.0 level 2, requirement 2.1.1
PASSWORD_MAX = 128


def normalize_email(address: str, check_deliverability: bool | None = None) -> str:
    """email-validator's normalized form, lower-cased so uniqueness ignores case.

    Raises EmailNotValidError for an address that cannot receive mail. Deliverability (a
    DNS lookup) follows EMAIL_CHECK_DELIVERABILITY unless the caller decides.
    """
    if check_deliverability is None:
        check_deliverability = current_app.config["EMAIL_CHECK_DELIVERABILITY"]
    result = validate_email(address.strip(), check_deliverability=check_deliverability)
    return result.normalized.lower()


class Counted:
    """A message for WTForms' Length in the reader's plural form.

    WTForms fills a failed field's message with `message % {"min", "max", "length"}`; the
    value named `count` picks the plural form. `make extract` knows `Counted:1,2`.
    """

    def __init__(self, singular: str, plural: str, count: str = "max"):
        self.singular, self.plural, self.count = singular, plural, count

    def __mod__(self, values: dict) -> str:
        return ngettext(self.singular, self.plural, values[self.count], **values)


def too_long(limit: int):
    """The message for text over `limit` characters, in the reader's plural form."""
    return lazy_ngettext("Use at most %(num)d character.", "Use at most %(num)d characters.", limit)


class Email:
    """Validates and normalizes an email field in place."""

    def __call__(self, form, field) -> None:
        if not field.data:
            return
        try:
            field.data = normalize_email(field.data)
        except EmailNotValidError as exc:
            message = _l("Enter a valid email address, like name@example.com.")
            raise ValidationError(message) from exc


def password_problem(password: str, hints: list[str] | tuple[str, ...] = ()):
    """Why `password` is refused (a lazy message), or None when it is good enough."""
    if len(password) < PASSWORD_MIN:
        return lazy_ngettext(
            "Use at least %(num)d character.", "Use at least %(num)d characters.", PASSWORD_MIN
        )
    if len(password) > PASSWORD_MAX:
        return too_long(PASSWORD_MAX)
    # zxcvbn knows the common-password lists (14 MB, loaded by the first password checked,
    # not by every web worker); long inputs are slow, and the first 64 characters decide.
    from zxcvbn import zxcvbn

    if zxcvbn(password[:64], user_inputs=list(hints))["score"] < 2:
        return _l("This password is too common or too easy to guess. Try a longer phrase.")
    return None


class StrongPassword:
    """At least PASSWORD_MIN characters and not a common or easily guessed password."""

    def __init__(self, email_field: str | None = "email"):
        self.email_field = email_field

    def __call__(self, form, field) -> None:
        hints = []
        if self.email_field and (email := getattr(form, self.email_field, None)) is not None:
            hints = [part for part in (email.data or "").replace("@", " ").split() if part]
        if (problem := password_problem(field.data or "", hints)) is not None:
            raise ValidationError(problem)
