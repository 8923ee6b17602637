from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from outstaff.forms import Form, strip

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
