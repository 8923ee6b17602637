"""Work history: the form for one entry, and the rules it keeps (months, at most 30)."""

import re
from datetime import date

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, StringField, SubmitField, TextAreaField, ValidationError
from wtforms.validators import InputRequired, Length

from outstaff.core.extensions import db
from outstaff.forms import Form, one_line, plain_text, too_long
from outstaff.models import DeveloperProfile, WorkHistoryEntry, utcnow

HISTORY_MAX = 30
SUMMARY_MAX = 500
_MONTH = re.compile(r"(\d{4})-(\d{1,2})")


def parse_month(value: str | None) -> date | None:
    """ "2021-03" -> 2021-03-01; raises ValueError for anything else."""
    match = _MONTH.fullmatch((value or "").strip())
    if not match or not 1 <= int(match[2]) <= 12 or not 1950 <= int(match[1]) <= 2100:
        raise ValueError(_l("Enter the month as year-month, like 2021-03."))
    return date(int(match[1]), int(match[2]), 1)


class MonthField(StringField):
    """A month typed as YYYY-MM (a plain text input: `type=month` is missing in some
    browsers); `month` holds the parsed first day of the month."""

    month: date | None = None

    def pre_validate(self, form) -> None:
        self.month = None
        if self.data:
            try:
                self.month = parse_month(self.data)
            except ValueError as exc:
                raise ValidationError(exc.args[0]) from exc


class HistoryForm(Form):
    role = StringField(
        _l("Role"),
        filters=[one_line],
        validators=[InputRequired(_l("Enter the role.")), Length(max=120, message=too_long(120))],
    )
    company = StringField(
        _l("Company"), filters=[one_line], validators=[Length(max=120, message=too_long(120))]
    )
    company_hidden = BooleanField(_l("Hide the company's name from employers"))
    start = MonthField(
        _l("Started (year-month)"),
        filters=[one_line],
        description=_l("Like 2021-03."),
        validators=[InputRequired(_l("Enter the month you started."))],
    )
    end = MonthField(
        _l("Ended (year-month)"),
        filters=[one_line],
        description=_l("Leave empty if you still work there."),
    )
    summary = TextAreaField(
        _l("What you did (optional)"),
        filters=[plain_text],
        validators=[Length(max=SUMMARY_MAX, message=too_long(SUMMARY_MAX))],
    )
    submit = SubmitField(_l("Add to my work history"))

    def validate_start(self, field) -> None:
        today = utcnow().date()
        if field.month and field.month > today:
            raise ValidationError(_l("The start cannot be in the future."))

    def validate_end(self, field) -> None:
        if field.month and self.start.month and field.month < self.start.month:
            raise ValidationError(_l("The end cannot be before the start."))
        if field.month and field.month > utcnow().date():
            raise ValidationError(_l("The end cannot be in the future; leave it empty."))


def add_entry(profile: DeveloperProfile, form: HistoryForm) -> WorkHistoryEntry:
    entry = WorkHistoryEntry(
        role=form.role.data,
        company=form.company.data or None,
        company_hidden=bool(form.company_hidden.data) and bool(form.company.data),
        start_month=form.start.month,
        end_month=form.end.month,
        summary=form.summary.data or None,
    )
    profile.history.append(entry)
    profile.updated_at = utcnow()
    return entry


def remove_entry(profile: DeveloperProfile, entry: WorkHistoryEntry) -> None:
    """Remove one entry; the questionnaire counts as changed, as when one is added (pages
    printed from it before are printed again: listing.article_cache)."""
    db.session.delete(entry)
    profile.updated_at = utcnow()


def history_problem(profile: DeveloperProfile | None):
    if profile is not None and len(profile.history) >= HISTORY_MAX:
        return _l("Your work history is full (30 entries): remove an old one first.")
    return None
