from flask_babel import lazy_gettext as _l
from wtforms import SelectField, StringField, SubmitField, TelField, URLField, ValidationError
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from outstaff.choices import COUNTRY_CODES, country_choices
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
    submit = SubmitField(_l("Save company profile"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.country.choices = [("", _l("Choose a country"))] + country_choices()
