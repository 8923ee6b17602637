import re
from urllib.parse import urlsplit

import phonenumbers
from flask_babel import lazy_gettext as _l
from wtforms import SelectField, StringField, SubmitField, TelField, URLField, ValidationError
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from outstaff.choices import COUNTRY_CODES, country_choices
from outstaff.forms import Form, too_long

TELEGRAM = re.compile(r"[A-Za-z][A-Za-z0-9_]{4,31}")
TELEGRAM_PREFIX = re.compile(r"^(?:https?://)?(?:www\.)?(?:t|telegram)\.me/|^@", re.IGNORECASE)
HOST_LABEL = re.compile(r"(?!-)[a-z0-9-]{1,63}(?<!-)")


def strip(value):
    return value.strip() if isinstance(value, str) else value


def telegram_username(value: str) -> str | None:
    """"@name", "t.me/name" or "https://t.me/name" -> "name", by Telegram's rules."""
    name = TELEGRAM_PREFIX.sub("", value.strip()).rstrip("/")
    return name if TELEGRAM.fullmatch(name) else None


def website_url(value: str) -> str | None:
    """An http(s) URL with a real-looking host ("example.com" gets https://), or None."""
    value = value.strip()
    if not re.match(r"^[a-z][a-z0-9+.-]*://", value, re.IGNORECASE):
        value = "https://" + value
    try:
        parts = urlsplit(value)
        host = (parts.hostname or "").encode("idna").decode("ascii")
        parts.port  # noqa: B018  (raises ValueError for a bad port)
    except (ValueError, UnicodeError):
        return None
    labels = host.split(".")
    if parts.scheme.lower() not in ("http", "https") or len(labels) < 2 or any(
        not HOST_LABEL.fullmatch(label) for label in labels
    ) or any(c.isspace() for c in value):
        return None
    return value


class Telegram:
    def __call__(self, form, field) -> None:
        if not field.data:
            return
        name = telegram_username(field.data)
        if name is None:
            raise ValidationError(_l(
                "A Telegram username has 5–32 letters, digits or underscores and starts with "
                "a letter, like @jane_doe or t.me/jane_doe."))
        field.data = name


class Phone:
    def __init__(self, country_field: str = "country"):
        self.country_field = country_field

    def __call__(self, form, field) -> None:
        if not field.data:
            return
        region = getattr(form, self.country_field).data or None
        message = _l("Enter a valid phone number, with the country code, like +44 20 7946 0958.")
        try:
            number = phonenumbers.parse(field.data, region if region in COUNTRY_CODES else None)
        except phonenumbers.NumberParseException as exc:
            raise ValidationError(message) from exc
        if not phonenumbers.is_valid_number(number):
            raise ValidationError(message)
        field.data = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


class Website:
    def __call__(self, form, field) -> None:
        if not field.data:
            return
        url = website_url(field.data)
        if url is None:
            raise ValidationError(_l("Enter the website's address, like https://example.com."))
        field.data = url


class KnownCountry:
    def __call__(self, form, field) -> None:
        if field.data and field.data not in COUNTRY_CODES:
            raise ValidationError(_l("Choose a country from the list."))


class EmployerProfileForm(Form):
    first_name = StringField(
        _l("Name"), filters=[strip],
        validators=[DataRequired(_l("Enter your name.")), Length(max=80, message=too_long(80))])
    last_name = StringField(
        _l("Surname"), filters=[strip],
        validators=[DataRequired(_l("Enter your surname.")), Length(max=80, message=too_long(80))])
    company_name = StringField(
        _l("Company name"), filters=[strip],
        description=_l("As developers know it: they can block companies by name."),
        validators=[DataRequired(_l("Enter the company's name.")),
                    Length(max=120, message=too_long(120))])
    country = SelectField(
        _l("Country"), validate_choice=False,
        validators=[InputRequired(_l("Choose the company's country.")), KnownCountry()])
    website = URLField(
        _l("Company website (optional)"), filters=[strip],
        validators=[Optional(), Length(max=255, message=too_long(255)), Website()])
    phone = TelField(
        _l("Phone number (optional)"), filters=[strip],
        description=_l("With the country code, like +44 20 7946 0958."),
        validators=[Optional(), Length(max=40, message=too_long(40)), Phone()])
    telegram = StringField(
        _l("Telegram (optional)"), filters=[strip],
        description=_l("Your username: @name or t.me/name."),
        validators=[Optional(), Length(max=64, message=too_long(64)), Telegram()])
    submit = SubmitField(_l("Save company profile"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.country.choices = [("", _l("Choose a country"))] + country_choices()
