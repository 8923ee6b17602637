"""Field validators shared by forms across features."""

from email_validator import EmailNotValidError, validate_email
from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_ngettext, ngettext
from wtforms import ValidationError
from zxcvbn import zxcvbn

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
    return lazy_ngettext(
        "Use at most %(num)d character.", "Use at most %(num)d characters.", limit
    )


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
        return lazy_ngettext("Use at least %(num)d character.",
                             "Use at least %(num)d characters.", PASSWORD_MIN)
    if len(password) > PASSWORD_MAX:
        return too_long(PASSWORD_MAX)
    # zxcvbn knows the common-password lists; long inputs are slow, and the first 64
    # characters decide anyway.
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
