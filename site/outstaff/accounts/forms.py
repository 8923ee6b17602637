from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_ngettext
from wtforms import BooleanField, EmailField, PasswordField, RadioField, SelectChoice, SubmitField
from wtforms.validators import DataRequired, EqualTo, InputRequired, Length

from outstaff.forms import PASSWORD_MAX, Email, Form, StrongPassword

EMAIL = [InputRequired(_l("Enter your email address.")), Length(max=254), Email()]


class SignUpForm(Form):
    role = RadioField(
        _l("I am"),
        # SelectChoice, not tuples: WTForms 3.3 deprecates tuple choices.
        choices=[
            SelectChoice("developer", _l("A developer looking for projects")),
            SelectChoice("employer", _l("An employer looking for developers")),
        ],
        validators=[InputRequired(_l("Choose whether you are a developer or an employer."))],
    )
    email = EmailField(_l("Email"), validators=EMAIL)
    password = PasswordField(
        _l("Password"),
        description=_l("At least 12 characters. A few unrelated words make a strong one."),
        validators=[InputRequired(_l("Choose a password.")), StrongPassword()],
    )
    confirm = PasswordField(
        _l("Repeat the password"),
        validators=[
            InputRequired(_l("Repeat the password.")),
            EqualTo("password", _l("The two passwords do not match.")),
        ],
    )
    age_ok = BooleanField(
        _l("Age"),  # replaced by the sentence with the configured age in __init__
        validators=[DataRequired(_l("You must be old enough to use the site."))],
    )
    accept_policy = BooleanField(
        _l("Privacy policy"),
        validators=[DataRequired(_l("Please read and accept the privacy policy."))],
    )
    submit = SubmitField(_l("Create account"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.age_ok.label.text = lazy_ngettext(
            "I am at least %(num)d year old",
            "I am at least %(num)d years old",
            current_app.config["MIN_AGE"],
        )


class SignInForm(Form):
    email = EmailField(_l("Email"), validators=[InputRequired(_l("Enter your email address."))])
    password = PasswordField(
        _l("Password"),
        validators=[InputRequired(_l("Enter your password.")), Length(max=PASSWORD_MAX)],
    )
    remember = BooleanField(_l("Keep me signed in on this device for 30 days"))
    submit = SubmitField(_l("Sign in"))


class ForgotPasswordForm(Form):
    email = EmailField(_l("Email"), validators=EMAIL)
    submit = SubmitField(_l("Send me a reset link"))


def _new_password(description) -> PasswordField:
    return PasswordField(
        _l("New password"),
        description=description,
        validators=[InputRequired(_l("Choose a password.")), StrongPassword(None)],
    )


def _repeat_new_password() -> PasswordField:
    return PasswordField(
        _l("Repeat the new password"),
        validators=[
            InputRequired(_l("Repeat the password.")),
            EqualTo("password", _l("The two passwords do not match.")),
        ],
    )


class ResetPasswordForm(Form):
    password = _new_password(_l("At least 12 characters."))
    confirm = _repeat_new_password()
    submit = SubmitField(_l("Set new password"))


class ChangePasswordForm(Form):
    current_password = PasswordField(
        _l("Current password"), validators=[InputRequired(_l("Enter your current password."))]
    )
    password = _new_password(_l("At least 12 characters. Other devices are signed out."))
    confirm = _repeat_new_password()
    submit = SubmitField(_l("Change password"))


class ChangeEmailForm(Form):
    email = EmailField(_l("New email"), validators=EMAIL)
    # Its own id: the password form on the same page has a current_password field too.
    current_password = PasswordField(
        _l("Current password"),
        validators=[InputRequired(_l("Enter your current password."))],
        id="email-current-password",
    )
    submit = SubmitField(_l("Send confirmation link"))


class DeleteAccountForm(Form):
    password = PasswordField(
        _l("Your password"), validators=[InputRequired(_l("Enter your password to confirm."))]
    )
    understood = BooleanField(
        _l("I understand that this erases my account and cannot be undone"),
        validators=[DataRequired(_l("Tick the box to confirm."))],
    )
    submit = SubmitField(_l("Delete my account for good"))
