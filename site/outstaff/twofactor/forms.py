from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import PasswordField, StringField, SubmitField
from wtforms.validators import InputRequired, Length

from outstaff.validators import PASSWORD_MAX

CODE_HELP = _l("The six-digit code your authenticator app shows now.")


def _code_field(label, description=CODE_HELP):
    return StringField(
        label,
        description=description,
        validators=[InputRequired(_l("Enter the code.")), Length(max=32)],
        filters=[lambda value: value.strip() if value else value],
    )


def _password_field():
    return PasswordField(
        _l("Your password"),
        validators=[InputRequired(_l("Enter your password.")), Length(max=PASSWORD_MAX)],
    )


class ConfirmSetupForm(FlaskForm):
    code = _code_field(_l("Code from the app"))
    submit = SubmitField(_l("Turn on two-factor sign-in"))


class ChallengeForm(FlaskForm):
    code = _code_field(
        _l("Authentication code"),
        _l("The six-digit code from your authenticator app, or one of your recovery codes."),
    )
    submit = SubmitField(_l("Continue"))


class DisableForm(FlaskForm):
    password = _password_field()
    code = _code_field(_l("Code from the app or a recovery code"), None)
    submit = SubmitField(_l("Turn off two-factor sign-in"))


class RegenerateForm(FlaskForm):
    password = _password_field()
    code = _code_field(_l("Code from the app"), None)
    submit = SubmitField(_l("Make new recovery codes"))
