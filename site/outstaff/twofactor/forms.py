from flask_babel import lazy_gettext as _l
from wtforms import PasswordField, StringField, SubmitField
from wtforms.validators import InputRequired, Length

from outstaff.forms import PASSWORD_MAX, Form, strip

CODE_HELP = _l("The six-digit code your authenticator app shows now.")


# The two-factor page's forms share a page: `id` keeps their fields' ids (and labels) apart.
def _code_field(label, description=CODE_HELP, id=None):
    return StringField(
        label,
        id=id,
        description=description,
        validators=[InputRequired(_l("Enter the code.")), Length(max=32)],
        filters=[strip],
    )


def _password_field(id=None):
    return PasswordField(
        _l("Your password"),
        id=id,
        validators=[InputRequired(_l("Enter your password.")), Length(max=PASSWORD_MAX)],
    )


class ConfirmSetupForm(Form):
    code = _code_field(_l("Code from the app"))
    submit = SubmitField(_l("Turn on two-factor sign-in"))


class ChallengeForm(Form):
    code = _code_field(
        _l("Authentication code"),
        _l("The six-digit code from your authenticator app, or one of your recovery codes."),
    )
    submit = SubmitField(_l("Continue"))


class DisableForm(Form):
    password = _password_field("disable-password")
    code = _code_field(_l("Code from the app or a recovery code"), None, "disable-code")
    submit = SubmitField(_l("Turn off two-factor sign-in"))


class RegenerateForm(Form):
    password = _password_field("regenerate-password")
    code = _code_field(_l("Code from the app"), None, "regenerate-code")
    submit = SubmitField(_l("Make new recovery codes"))
