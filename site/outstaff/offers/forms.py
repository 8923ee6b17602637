"""Forms for sending, answering and noting offers; their vocabularies live here too."""

from datetime import timedelta
from decimal import Decimal

from babel.numbers import NumberFormatError, get_currency_name, list_currencies, parse_decimal
from flask_babel import get_locale, lazy_ngettext
from flask_babel import lazy_gettext as _l
from wtforms import (
    DateField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import AnyOf, DataRequired, InputRequired, Length, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from outstaff.choices import DECLINE_REASONS, ENGAGEMENTS, RATE_PERIODS
from outstaff.forms import Counted, Form, strip, too_long
from outstaff.models import OFFER_DAYS_DEFAULT, utcnow

# The currencies employers here pay in; every one must be in Babel's ISO 4217 list.
CURRENCIES = (
    "USD",
    "EUR",
    "GBP",
    "CHF",
    "KZT",
    "UZS",
    "KGS",
    "RUB",
    "UAH",
    "PLN",
    "CZK",
    "GEL",
    "AMD",
    "TRY",
    "AED",
    "ILS",
    "CAD",
    "AUD",
)
AMOUNT_MAX = Decimal("9999999999.99")  # what Numeric(12, 2) holds
MESSAGE_MIN, MESSAGE_MAX = 20, 5000
OFFER_DAYS_MAX = 90
REPLY_MAX = 2000
NOTE_MAX = 1000
TOO_LONG_NOW = Counted(
    "Use at most %(max)d character; this has %(length)d.",
    "Use at most %(max)d characters; this has %(length)d.",
)


def currency_choices() -> list[tuple[str, str]]:
    """ISO 4217 codes with their names in the reader's language."""
    locale = get_locale() or "en"
    known = list_currencies()
    return [
        SelectChoice(code, f"{code} — {get_currency_name(code, locale=locale)}")
        for code in CURRENCIES
        if code in known
    ]


def _choices(pairs) -> list[SelectChoice]:
    return [SelectChoice(code, label) for code, label in pairs]


def earliest_start_date():
    """Today somewhere on Earth: the date at UTC−12, so no one's today counts as past."""
    return (utcnow() - timedelta(hours=12)).date()


class MultiCheckboxField(SelectMultipleField):
    """Several choices as checkboxes (the questionnaire's field; not imported from it, which
    would import the listing, which imports this module)."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class FriendlyDateField(DateField):
    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError as exc:
            raise ValueError(_l("Enter the date as year-month-day, like 2030-03-01.")) from exc


class OfferForm(Form):
    role_title = StringField(
        _l("Role"),
        filters=[strip],
        description=_l("For example: Senior Python developer"),
        validators=[
            DataRequired(_l("Enter the role you offer.")),
            Length(max=120, message=too_long(120)),
        ],
    )
    engagement = SelectField(
        _l("Engagement"),
        choices=_choices([("", _l("Choose…")), *ENGAGEMENTS]),
        validate_choice=False,
        validators=[
            InputRequired(_l("Choose the type of engagement.")),
            AnyOf(
                [code for code, _label in ENGAGEMENTS],
                message=_l("Choose one of the listed types of engagement."),
            ),
        ],
    )
    rate_amount = StringField(
        _l("Amount"),
        filters=[strip],
        description=_l("Like 4500 or 35.50"),
        render_kw={"inputmode": "decimal"},
    )
    currency = SelectField(_l("Currency"), validate_choice=False, default="USD")
    rate_period = SelectField(
        _l("Period"), choices=_choices(RATE_PERIODS), validate_choice=False, default="month"
    )
    start_date = FriendlyDateField(_l("Start date (optional)"), validators=[Optional()])
    duration = StringField(
        _l("Duration (optional)"),
        filters=[strip],
        description=_l("For example: 6 months, with a possible extension"),
        validators=[Length(max=80, message=too_long(80))],
    )
    expires_on = FriendlyDateField(
        _l("Answer by"),
        validators=[Optional()],
        description=lazy_ngettext(
            "The offer expires after this day if unanswered: %(num)d day from today unless "
            "you choose.",
            "The offer expires after this day if unanswered: %(num)d days from today unless "
            "you choose.",
            OFFER_DAYS_DEFAULT,
        ),
    )
    message = TextAreaField(
        _l("Message to the developer"),
        filters=[strip],
        description=lazy_ngettext(
            "Between %(min)d and %(max)d character: the project, the team, what happens next.",
            "Between %(min)d and %(max)d characters: the project, the team, what happens next.",
            MESSAGE_MAX,
            min=MESSAGE_MIN,
            max=MESSAGE_MAX,
        ),
        validators=[
            DataRequired(_l("Write a message to the developer.")),
            Length(
                min=MESSAGE_MIN,
                max=MESSAGE_MAX,
                message=Counted(
                    "Write between %(min)d and %(max)d character; this has %(length)d.",
                    "Write between %(min)d and %(max)d characters; this has %(length)d.",
                ),
            ),
        ],
    )
    submit = SubmitField(_l("Send the offer"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.currency.choices = currency_choices()
        self.amount: Decimal | None = None

    def validate_rate_amount(self, field) -> None:
        if not field.data:
            return
        try:
            amount = parse_decimal(field.data, locale=get_locale() or "en", strict=True)
        except NumberFormatError:
            amount = None
        if amount is None or not amount.is_finite():
            raise ValidationError(_l("Enter the amount as a number, like 4500 or 35.50."))
        if amount <= 0:
            raise ValidationError(_l("The amount must be more than zero."))
        if amount > AMOUNT_MAX or amount != amount.quantize(Decimal("0.01")):
            raise ValidationError(_l("Enter at most two decimal places and less than ten billion."))
        self.amount = amount

    def validate_currency(self, field) -> None:
        if field.data not in list_currencies() or field.data not in CURRENCIES:
            raise ValidationError(_l("Choose a currency from the list."))

    def validate_rate_period(self, field) -> None:
        if field.data not in dict(RATE_PERIODS):
            raise ValidationError(_l("Choose per hour, per month or for the project."))

    def validate_start_date(self, field) -> None:
        if field.data and field.data < earliest_start_date():
            raise ValidationError(_l("The start date cannot be in the past."))

    def validate_expires_on(self, field) -> None:
        if not field.data:
            return
        today = earliest_start_date()
        if field.data <= today:
            raise ValidationError(_l("Choose a day after today."))
        if field.data > today + timedelta(days=OFFER_DAYS_MAX):
            raise ValidationError(
                _l("Choose a day at most %(num)d days from today.", num=OFFER_DAYS_MAX)
            )

    def offer_values(self) -> dict:
        """Column values for a new Offer (currency and period only with an amount)."""
        has_amount = self.amount is not None
        return {
            "role_title": self.role_title.data,
            "engagement": self.engagement.data,
            "rate_amount": self.amount,
            "currency": self.currency.data if has_amount else None,
            "rate_period": self.rate_period.data if has_amount else None,
            "start_date": self.start_date.data,
            "duration": self.duration.data or None,
            "message": self.message.data,
            "expires_on": self.expires_on.data
            or utcnow().date() + timedelta(days=OFFER_DAYS_DEFAULT),
        }


class ReplyForm(Form):
    reply = TextAreaField(
        _l("Your reply (optional)"),
        filters=[strip],
        description=lazy_ngettext(
            "The employer sees it with your answer. At most %(num)d character.",
            "The employer sees it with your answer. At most %(num)d characters.",
            REPLY_MAX,
        ),
        validators=[Length(max=REPLY_MAX, message=TOO_LONG_NOW)],
    )
    decline_reasons = MultiCheckboxField(
        _l("If you decline: why? (optional)"),
        choices=_choices(DECLINE_REASONS),
        description=_l("The employer sees the reasons you tick."),
    )


class NoteForm(Form):
    note = TextAreaField(
        _l("Private note"),
        filters=[strip],
        description=lazy_ngettext(
            "Only you see it. At most %(num)d character.",
            "Only you see it. At most %(num)d characters.",
            NOTE_MAX,
        ),
        validators=[Length(max=NOTE_MAX, message=TOO_LONG_NOW)],
    )
    submit = SubmitField(_l("Save note"))
