from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    DateField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from outstaff.forms import Form, strip
from outstaff.models import utcnow

MAX_RANGE = 365  # the analytics period: at most a year and a day
NOTE_HELP = _l("Kept in the audit log. Write why, not personal details.")


class NoteForm(Form):
    note = TextAreaField(
        _l("Note (optional)"),
        description=NOTE_HELP,
        validators=[Optional(), Length(max=500)],
        filters=[strip],
    )
    submit = SubmitField(_l("Confirm"))


class HideForm(Form):
    note = TextAreaField(
        _l("Reason"),
        description=_l("Sent to the developer and kept in the audit log. Say what to change."),
        validators=[
            InputRequired(_l("Say why, so the developer knows what to change.")),
            Length(max=500),
        ],
        filters=[strip],
    )
    submit = SubmitField(_l("Hide the questionnaire"))


class RoleForm(Form):
    role = SelectField(
        _l("New role"),
        choices=[
            SelectChoice("developer", _l("Developer")),
            SelectChoice("employer", _l("Employer")),
            SelectChoice("admin", _l("Administrator")),
        ],
        validators=[InputRequired()],
    )
    note = TextAreaField(
        _l("Note (optional)"),
        description=NOTE_HELP,
        validators=[Optional(), Length(max=500)],
        filters=[strip],
    )
    submit = SubmitField(_l("Change the role"))


class DeleteForm(Form):
    note = TextAreaField(
        _l("Note (optional)"),
        description=NOTE_HELP,
        validators=[Optional(), Length(max=500)],
        filters=[strip],
    )
    understood = BooleanField(
        _l("I understand this erases the account and its data for good"),
        validators=[DataRequired(_l("Tick the box to confirm."))],
    )
    submit = SubmitField(_l("Delete for good"))


class ReplyForm(Form):
    subject = StringField(
        _l("Subject"),
        validators=[InputRequired(_l("Write a subject.")), Length(max=150)],
        filters=[strip],
    )
    body = TextAreaField(
        _l("Your reply"),
        description=_l("Sent by email to the sender, with their message quoted below it."),
        validators=[InputRequired(_l("Write the reply.")), Length(min=2, max=10000)],
        filters=[strip],
    )
    submit = SubmitField(_l("Send the reply"))


class DateRangeForm(Form):
    """The analytics page's period (GET, no CSRF: it changes nothing)."""

    class Meta:
        csrf = False

    since = DateField(_l("From"), validators=[Optional()], format="%Y-%m-%d")
    until = DateField(_l("To"), validators=[Optional()], format="%Y-%m-%d")

    def validate(self, extra_validators=None) -> bool:
        """Both dates optional; the period ends by today, starts before it ends, and spans at
        most MAX_RANGE + 1 days (an open end is today)."""
        if not super().validate(extra_validators):
            return False
        until = self.until.data or utcnow().date()
        problem = None
        if self.until.data and self.until.data > utcnow().date():
            problem = self.until, _l("The period cannot end in the future.")
        elif self.since.data and self.since.data > until:
            problem = self.until, _l("The end of the period comes before its start.")
        elif self.since.data and (until - self.since.data).days > MAX_RANGE:
            problem = self.since, _l("Choose a period of at most %(n)d days.", n=MAX_RANGE + 1)
        if problem:
            problem[0].errors = [*problem[0].errors, problem[1]]
        return problem is None
