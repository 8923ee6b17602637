from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, IntegerField, StringField, SubmitField, TextAreaField
from wtforms.validators import AnyOf, InputRequired, Length, NumberRange, Optional


class CookieChoiceForm(FlaskForm):
    """Accept or refuse. No CSRF token: it would need the session cookie (see consent.py)."""

    class Meta:
        csrf = False

    choice = StringField(validators=[InputRequired(), AnyOf(["accept", "refuse"])])
    next = HiddenField(validators=[Optional(), Length(max=2000)])


class AcknowledgeForm(FlaskForm):
    version = IntegerField(validators=[InputRequired(), NumberRange(min=1)])
    next = HiddenField(validators=[Optional(), Length(max=2000)])
    submit = SubmitField(_l("I have read it"))


class PublishPolicyForm(FlaskForm):
    summary = StringField(
        _l("What changed"),
        description=_l("One or two sentences shown to users with the notice, "
                       "e.g. \u201cWe now keep sign-in records for one year.\u201d"),
        validators=[InputRequired(_l("Say briefly what changed.")), Length(max=500)],
    )
    body = TextAreaField(
        _l("Policy text (Markdown)"),
        description=_l("Headings with ##, lists with -, links as [text](address). HTML is not "
                       "allowed. {site_name}, {company_name}, {contact_email} and {min_age} are "
                       "filled in from the configuration."),
        validators=[InputRequired(_l("The policy cannot be empty.")), Length(max=100_000)],
    )
    preview = SubmitField(_l("Preview"))
    submit = SubmitField(_l("Publish new version"))
