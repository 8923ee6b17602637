from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, RadioField, SelectChoice, StringField, SubmitField
from wtforms.validators import DataRequired, Length

from outstaff.forms import Form, strip, too_long

FREQUENCY_CHOICES = [SelectChoice("daily", _l("Daily")), SelectChoice("weekly", _l("Weekly"))]


class SaveSearchForm(Form):
    name = StringField(
        _l("Name of this search"),
        filters=[strip],
        description=_l("For example: Python developers in Kazakhstan"),
        validators=[
            DataRequired(_l("Give the search a name.")),
            Length(max=80, message=too_long(80)),
        ],
    )
    frequency = RadioField(
        _l("Mail me new matches"),
        choices=FREQUENCY_CHOICES,
        default="daily",
        validators=[DataRequired(_l("Choose daily or weekly."))],
    )
    query = HiddenField(validators=[Length(max=2000)])
    submit = SubmitField(_l("Save this search"))


class FrequencyForm(Form):
    frequency = RadioField(
        _l("Mail"),
        choices=[*FREQUENCY_CHOICES, SelectChoice("off", _l("Never"))],
        validators=[DataRequired(_l("Choose how often."))],
    )
    submit = SubmitField(_l("Save"))
