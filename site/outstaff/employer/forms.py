from flask import has_request_context, request
from flask_babel import lazy_gettext as _l
from wtforms import SelectField, StringField, SubmitField, TelField, URLField, ValidationError
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from outstaff.choices import COUNTRY_CODES, country_choices
from outstaff.core import zones
from outstaff.forms import Form, Phone, Telegram, Website, strip, too_long


class KnownCountry:
    def __call__(self, form, field) -> None:
        if field.data and field.data not in COUNTRY_CODES:
            raise ValidationError(_l("Choose a country from the list."))


class EmployerProfileForm(Form):
    first_name = StringField(
        _l("Name"),
        filters=[strip],
        validators=[DataRequired(_l("Enter your name.")), Length(max=80, message=too_long(80))],
    )
    last_name = StringField(
        _l("Surname"),
        filters=[strip],
        validators=[DataRequired(_l("Enter your surname.")), Length(max=80, message=too_long(80))],
    )
    company_name = StringField(
        _l("Company name"),
        filters=[strip],
        description=_l("As developers know it: they can block companies by name."),
        validators=[
            DataRequired(_l("Enter the company's name.")),
            Length(max=120, message=too_long(120)),
        ],
    )
    country = SelectField(
        _l("Country"),
        validate_choice=False,
        validators=[InputRequired(_l("Choose the company's country.")), KnownCountry()],
    )
    website = URLField(
        _l("Company website (optional)"),
        filters=[strip],
        validators=[Optional(), Length(max=255, message=too_long(255)), Website()],
    )
    phone = TelField(
        _l("Phone number (optional)"),
        filters=[strip],
        description=_l("With the country code, like +44 20 7946 0958."),
        validators=[Optional(), Length(max=40, message=too_long(40)), Phone()],
    )
    telegram = StringField(
        _l("Telegram (optional)"),
        filters=[strip],
        description=_l("Your username: @name or t.me/name."),
        validators=[Optional(), Length(max=64, message=too_long(64)), Telegram()],
    )
    time_zone = SelectField(
        _l("Time zone (optional)"),
        validate_choice=False,
        description=_l("With your working hours: find developers whose hours overlap yours."),
    )
    work_start = SelectField(_l("Your team works from (local time)"), validate_choice=False)
    work_end = SelectField(_l("until"), validate_choice=False)
    submit = SubmitField(_l("Save company profile"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.country.choices = [("", _l("Choose a country"))] + country_choices()
        profile = kwargs.get("obj")
        country = self.country.data or getattr(profile, "country", None)
        everything = has_request_context() and request.args.get("zones") == "all"
        zone_list = zones.zone_choices(country, self.time_zone.data, everything)
        self.time_zone.choices = [("", _l("Choose…"))] + zone_list
        self.work_start.choices = [("", _l("Choose…"))] + zones.hour_choices(0, 23)
        self.work_end.choices = [("", _l("Choose…"))] + zones.hour_choices(1, 24)
        for field in (self.work_start, self.work_end):
            if isinstance(field.data, int):
                field.data = str(field.data)

    def validate_time_zone(self, field) -> None:
        if field.data and not zones.is_zone(field.data):
            raise ValidationError(_l("Choose a time zone from the list."))

    def validate_work_start(self, field) -> None:
        zones.check_hours(self.time_zone.data, field.data, self.work_end.data)

    def hours(self) -> dict:
        """The zone and hours as the profile stores them."""
        return {
            "time_zone": self.time_zone.data or None,
            "work_start": zones.parse_hour(self.work_start.data, 0, 23),
            "work_end": zones.parse_hour(self.work_end.data, 1, 24),
        }
