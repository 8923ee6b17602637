"""Forms of an offer's conversation and of the developer's counter-offer."""

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_ngettext
from wtforms import StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from outstaff.forms import Form, strip
from outstaff.offers.forms import TOO_LONG_NOW, FriendlyDateField, OfferForm

THREAD_MESSAGE_MAX = 4000


class MessageForm(Form):
    body = TextAreaField(
        _l("Your message"),
        filters=[strip],
        description=lazy_ngettext(
            "Plain text; links are shown as links. At most %(num)d character.",
            "Plain text; links are shown as links. At most %(num)d characters.",
            THREAD_MESSAGE_MAX,
        ),
        validators=[
            DataRequired(_l("Write a message.")),
            Length(max=THREAD_MESSAGE_MAX, message=TOO_LONG_NOW),
        ],
    )
    submit = SubmitField(_l("Send the message"))


class CounterForm(Form):
    """Another rate (in the offer's currency and period) or another start date."""

    rate_amount = StringField(
        _l("Your rate"),
        filters=[strip],
        description=_l("In the offer's currency and period, like 5000"),
        render_kw={"inputmode": "decimal"},
    )
    start_date = FriendlyDateField(_l("Your start date"), validators=[Optional()])
    submit = SubmitField(_l("Propose"))

    validate_rate_amount = OfferForm.validate_rate_amount
    validate_start_date = OfferForm.validate_start_date

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.amount = None

    def validate(self, extra_validators=None) -> bool:
        if not super().validate(extra_validators):
            return False
        if self.amount is None and self.start_date.data is None:
            self.rate_amount.errors = [_l("Propose a rate, a start date or both.")]
            return False
        return True
