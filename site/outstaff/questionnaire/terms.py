"""The questionnaire's "terms" page: rate expectation, where, links, time zone and hours,
availability. Each section is saved when its own fields are valid, whatever the others hold."""

from datetime import timedelta
from urllib.parse import urlsplit

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    DateField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    ValidationError,
)
from wtforms.fields import IntegerField
from wtforms.validators import Length, NumberRange, Optional

from outstaff import choices, rates
from outstaff.core import contacts, zones
from outstaff.forms import Form, one_line, too_long
from outstaff.models import utcnow
from outstaff.offers.forms import CURRENCIES, currency_choices
from outstaff.questionnaire.forms import options

RATE_MAX = 10_000_000
RELOCATION_MAX = 10
AVAILABLE_AHEAD_DAYS = 366
# Each section's fields; a section is stored only when none of its fields has an error.
SECTIONS = {
    "rate": ("rate_min", "rate_max", "rate_currency", "rate_period"),
    "where": ("remote", "relocation", "relocation_countries", "onsite", "onsite_city"),
    "links": ("link_github", "link_gitlab", "link_linkedin", "link_website"),
    "hours": ("time_zone", "work_start", "work_end"),
    "availability": ("available_from",),
}
SECTION_NAMES = {
    "rate": _l("Rate expectation"),
    "where": _l("Where you work"),
    "links": _l("Links"),
    "hours": _l("Time zone and working hours"),
    "availability": _l("Availability"),
}


class ProfileLink:
    """An http(s) address (https:// added when left out), on one of `hosts` when given.

    Only checked as text: the server never fetches it."""

    def __init__(self, hosts: tuple[str, ...] = ()):
        self.hosts = hosts

    def __call__(self, form, field) -> None:
        if not field.data:
            field.data = None
            return
        url = contacts.website_url(field.data)
        host = (urlsplit(url).hostname or "").lower() if url else ""
        if url is None:
            raise ValidationError(_l("Enter the address, like https://example.com/you."))
        if self.hosts and not any(host == h or host.endswith("." + h) for h in self.hosts):
            raise ValidationError(_l("Enter an address on %(host)s.", host=self.hosts[0]))
        field.data = url


def _amount(label):
    return IntegerField(
        label,
        invalid_value_message=_l("Enter a whole number, like 4500."),
        validators=[
            Optional(),
            NumberRange(1, RATE_MAX, _l("Enter a number from 1 to 10,000,000.")),
        ],
        render_kw={"inputmode": "numeric"},
    )


def _link(label, example, *hosts):
    return StringField(
        label,
        filters=[one_line],
        description=_l("Optional. Like %(example)s", example=example),
        validators=[Length(max=255, message=too_long(255)), ProfileLink(hosts)],
    )


class MonthDateField(DateField):
    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError as exc:
            raise ValueError(_l("Enter the date as year-month-day, like 2030-03-01.")) from exc


class TermsForm(Form):
    rate_min = _amount(_l("From"))
    rate_max = _amount(_l("To (optional: leave empty for a single figure)"))
    rate_currency = SelectField(_l("Currency"), validate_choice=False, default="USD")
    rate_period = SelectField(
        _l("Period"), choices=options(rates.EXPECTATION_PERIODS), validate_choice=False
    )
    remote = BooleanField(_l("I work remotely"))
    relocation = BooleanField(_l("I would relocate"))
    relocation_countries = SelectMultipleField(
        _l("Countries I would relocate to"),
        validate_choice=False,
        description=_l("Up to 10; hold Ctrl (⌘ on a Mac) to choose several. None: anywhere."),
    )
    onsite = BooleanField(_l("I work on-site"))
    onsite_city = StringField(
        _l("City where I work on-site"),
        filters=[one_line],
        validators=[Length(max=80, message=too_long(80))],
    )
    link_github = _link(_l("GitHub"), "https://github.com/jane", "github.com")
    link_gitlab = _link(_l("GitLab"), "https://gitlab.com/jane", "gitlab.com")
    link_linkedin = _link(_l("LinkedIn"), "https://www.linkedin.com/in/jane", "linkedin.com")
    link_website = _link(_l("Portfolio or personal site"), "https://jane.dev")
    time_zone = SelectField(_l("Time zone"), validate_choice=False)
    work_start = SelectField(_l("I work from (local time)"), validate_choice=False)
    work_end = SelectField(_l("until"), validate_choice=False)
    available_from = MonthDateField(
        _l("Available from"),
        validators=[Optional()],
        description=_l("Optional, at most a year ahead. Empty: now."),
    )
    submit = SubmitField(_l("Save"))

    def __init__(self, *args, country: str | None = None, every_zone: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.rate_currency.choices = currency_choices()
        self.relocation_countries.choices = options(choices.country_choices())
        zone_list = zones.zone_choices(country, self.time_zone.data, every_zone)
        self.time_zone.choices = options(zone_list, True)
        self.work_start.choices = options(zones.hour_choices(0, 23), True)
        self.work_end.choices = options(zones.hour_choices(1, 24), True)

    def validate_rate_max(self, field) -> None:
        if field.data is not None and self.rate_min.data is None:
            raise ValidationError(_l("Enter the lower figure first."))
        if field.data is not None and field.data < self.rate_min.data:
            raise ValidationError(_l("Make it at least the “From” figure."))

    def validate_rate_currency(self, field) -> None:
        if field.data not in CURRENCIES:
            raise ValidationError(_l("Choose a currency from the list."))

    def validate_rate_period(self, field) -> None:
        if field.data not in rates.EXPECTATION_PERIOD_CODES:
            raise ValidationError(_l("Choose per hour or per month."))

    def validate_relocation_countries(self, field) -> None:
        field.data = list(dict.fromkeys(field.data or []))
        if any(code not in choices.COUNTRY_CODES for code in field.data):
            raise ValidationError(_l("Choose countries from the list."))
        if len(field.data) > RELOCATION_MAX:
            raise ValidationError(_l("Choose at most 10 countries."))

    def validate_onsite_city(self, field) -> None:
        if self.onsite.data and not field.data:
            raise ValidationError(_l("Name the city, since you work on-site."))

    def validate_time_zone(self, field) -> None:
        if field.data and not zones.is_zone(field.data):
            raise ValidationError(_l("Choose a time zone from the list."))

    def validate_work_start(self, field) -> None:
        zones.check_hours(self.time_zone.data, field.data, self.work_end.data)

    def validate_available_from(self, field) -> None:
        today = utcnow().date()
        if field.data and field.data > today + timedelta(days=AVAILABLE_AHEAD_DAYS - 1):
            raise ValidationError(_l("Choose a date at most a year from today."))
        if field.data and field.data < today - timedelta(days=1):
            field.data = None  # a past date means "now"

    def valid_sections(self) -> list[str]:
        return [
            name for name, fields in SECTIONS.items() if not any(self[f].errors for f in fields)
        ]
