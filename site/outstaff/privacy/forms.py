from functools import cache

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel.speaklater import LazyString
from wtforms import HiddenField, IntegerField, StringField, SubmitField, TextAreaField
from wtforms.validators import AnyOf, InputRequired, Length, NumberRange, Optional

from outstaff.choices import language_name
from outstaff.forms import Form, PublicForm


class CookieChoiceForm(PublicForm):
    """Accept or refuse; its CSRF token needs no session (outstaff/public_csrf.py)."""

    choice = StringField(validators=[InputRequired(), AnyOf(["accept", "refuse"])])
    next = HiddenField(validators=[Optional(), Length(max=2000)])


class AcknowledgeForm(Form):
    version = IntegerField(validators=[InputRequired(), NumberRange(min=1)])
    next = HiddenField(validators=[Optional(), Length(max=2000)])
    submit = SubmitField(_l("I have read it"))


class PublishPolicyForm(Form):
    summary = StringField(
        _l("What changed"),
        description=_l(
            "One or two sentences shown to users with the notice, "
            "e.g. \u201cWe now keep sign-in records for one year.\u201d"
        ),
        validators=[InputRequired(_l("Say briefly what changed.")), Length(max=500)],
    )
    body = TextAreaField(
        _l("Policy text (Markdown)"),
        description=_l(
            "Headings with ##, lists with -, links as [text](address). HTML is not "
            "allowed. {site_name}, {company_name}, {contact_email} and {min_age} are "
            "filled in from the configuration."
        ),
        validators=[InputRequired(_l("The policy cannot be empty.")), Length(max=100_000)],
    )
    preview = SubmitField(_l("Preview"))
    submit = SubmitField(_l("Publish new version"))
    locales: tuple[str, ...] = ()  # further languages, each with body_<code> and summary_<code>

    def translations(self) -> dict[str, tuple[str, str]]:
        """{locale: (body, summary)} for each further language the admin wrote a text in."""
        return {
            code: (self[f"body_{code}"].data, self[f"summary_{code}"].data or "")
            for code in self.locales
            if (self[f"body_{code}"].data or "").strip()
        }


# Labels naming a language, in the reader's language when the page is rendered.
def _summary_label(code: str) -> LazyString:
    return LazyString(
        lambda: _("What changed: %(language)s (optional)", language=language_name(code))
    )


def _body_label(code: str) -> LazyString:
    return LazyString(
        lambda: _("Policy text: %(language)s (Markdown, optional)", language=language_name(code))
    )


@cache
def _form_with(locales: tuple[str, ...]) -> type[PublishPolicyForm]:
    fields = {"locales": locales}
    for code in locales:
        fields[f"summary_{code}"] = StringField(
            _summary_label(code),
            validators=[Optional(), Length(max=500)],
        )
        fields[f"body_{code}"] = TextAreaField(
            _body_label(code),
            description=_l(
                "Readers who chose this language see the English text when it is left empty."
            ),
            validators=[Optional(), Length(max=100_000)],
        )
    return type("PublishPolicyForm", (PublishPolicyForm,), fields)


def publish_policy_form(**kwargs) -> PublishPolicyForm:
    """The publishing form, with a text and summary for every language besides English."""
    config = current_app.config
    locales = tuple(c for c in config["LANGUAGES"] if c != config["BABEL_DEFAULT_LOCALE"])
    return _form_with(locales)(**kwargs)
