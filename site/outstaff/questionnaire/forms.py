"""The questionnaire's forms: the profile, the block list, the photo, publishing."""

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_ngettext
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    BooleanField,
    IntegerField,
    RadioField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
    ValidationError,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from outstaff import choices
from outstaff.forms import Form, Phone, Telegram, one_line, parsed, plain_text, too_long
from outstaff.questionnaire import parsing
from outstaff.questionnaire.photos import MAX_BYTES

LANGUAGES_MAX = 20
# Listed first in the languages list (after the ones chosen): what developers here speak most.
COMMON_LANGUAGES = ("en", "ru", "uk", "kk", "uz", "de", "pl", "es", "fr", "tr", "ka", "hy")
# The edit page's sections: a section whose fields are all valid is saved on its own.
PROFILE_SECTIONS = {
    "about": (_l("About you"), ("first_name", "last_name", "country", "current_company")),
    "work": (
        _l("Work"),
        ("profession", "profession_other", "skills", "years_experience", "availability"),
    ),
    "languages": (_l("Languages"), ("english_level", "languages")),
    "contacts": (_l("Contacts"), ("telegram", "phone", "contact_visibility")),
    "bio": (_l("About your work"), ("bio",)),
}


def options(pairs, placeholder: bool = False) -> list[SelectChoice]:
    """(value, label) pairs as WTForms choices, optionally after an empty "Choose…"."""
    head = [SelectChoice("", _l("Choose…"))] if placeholder else []
    return head + [SelectChoice(value, label) for value, label in pairs]


class MultiCheckboxField(SelectMultipleField):
    """Several choices as a list of checkboxes: usable without JavaScript."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def _languages_first(chosen: list[str]) -> list[tuple[str, str]]:
    """Every language: the chosen ones, then the common ones, then the rest by name."""
    pairs = choices.language_choices()
    names = dict(pairs)
    head = [code for code in dict.fromkeys([*chosen, *COMMON_LANGUAGES]) if code in names]
    return [(code, names[code]) for code in head] + [p for p in pairs if p[0] not in head]


def _has_letter(form, field) -> None:
    if field.data and not any(ch.isalpha() for ch in field.data):
        raise ValidationError(_l("Write it with letters."))


class ProfileForm(Form):
    first_name = StringField(
        _l("Name"),
        filters=[one_line],
        validators=[Length(max=80, message=too_long(80)), _has_letter],
    )
    last_name = StringField(
        _l("Surname"),
        filters=[one_line],
        validators=[Length(max=80, message=too_long(80)), _has_letter],
    )
    current_company = StringField(
        _l("Company name (your current employer)"),
        description=_l("Optional. Tip: add it to your block list so it never sees you."),
        filters=[one_line],
        validators=[Length(max=120, message=too_long(120))],
    )
    country = SelectField(_l("Country"), validate_choice=False)
    languages = MultiCheckboxField(
        _l("Languages you speak"),
        validate_choice=False,
        description=_l("Tick every language you can work in."),
    )
    english_level = SelectField(
        _l("English level"), choices=options(choices.ENGLISH_LEVELS, True), validate_choice=False
    )
    telegram = StringField(
        _l("Telegram account"),
        filters=[one_line],
        validators=[Telegram()],
        description=_l("Optional. Your username, like @jane_doe or t.me/jane_doe."),
    )
    phone = StringField(
        _l("Phone number"),
        filters=[one_line],
        validators=[Phone()],
        description=_l("Optional. With the country code, like +7 701 123 4567."),
    )
    profession = SelectField(
        _l("Profession"), choices=options(choices.PROFESSIONS, True), validate_choice=False
    )
    profession_other = StringField(
        _l("Your profession, in your words"),
        filters=[one_line],
        validators=[Length(max=80, message=too_long(80))],
        description=_l("Needed when you chose “Other”."),
    )
    skills = StringField(
        _l("Skills"),
        filters=[one_line],
        description=_l(
            "Separate them with commas, like Python, PostgreSQL, Docker. "
            "Up to 30, each up to 40 characters."
        ),
    )
    years_experience = IntegerField(
        _l("Years of experience"),
        invalid_value_message=_l("Enter a whole number of years, like 5."),
        validators=[Optional(), NumberRange(0, 60, _l("Enter a number from 0 to 60."))],
    )
    availability = RadioField(
        _l("Availability"), choices=options(choices.AVAILABILITY), validate_choice=False
    )
    bio = TextAreaField(
        _l("Short bio"),
        filters=[plain_text],
        description=_l(
            "Plain text, up to 1,000 characters: what you do best, what you are looking for."
        ),
        validators=[
            Length(
                max=parsing.BIO_MAX_CHARS, message=_l("Keep the bio to 1,000 characters or fewer.")
            )
        ],
    )
    contact_visibility = RadioField(
        _l("Who sees your email, phone and Telegram"),
        choices=options(choices.CONTACT_VISIBILITY),
        default="after_accept",
        validators=[InputRequired(_l("Choose who sees your contacts."))],
    )
    submit = SubmitField(_l("Save"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.country.choices = options(choices.country_choices(), True)
        self.languages.choices = options(_languages_first(self.languages.data or []))
        self.required_now: set[str] = set()
        self.skill_names: list[str] = []

    def validate_country(self, field) -> None:
        if field.data and field.data not in choices.COUNTRY_CODES:
            raise ValidationError(_l("Choose a country from the list."))

    def validate_languages(self, field) -> None:
        field.data = list(dict.fromkeys(field.data or []))
        if any(code not in choices.LANGUAGE_CODES for code in field.data):
            raise ValidationError(_l("Choose languages from the list."))
        if len(field.data) > LANGUAGES_MAX:
            raise ValidationError(
                lazy_ngettext(
                    "Choose at most %(num)d language.",
                    "Choose at most %(num)d languages.",
                    LANGUAGES_MAX,
                )
            )

    def validate_english_level(self, field) -> None:
        if field.data and field.data not in choices.ENGLISH_RANK:
            raise ValidationError(_l("Choose a level from the list."))

    def validate_profession(self, field) -> None:
        if field.data and field.data not in choices.PROFESSION_LABELS:
            raise ValidationError(_l("Choose a profession from the list."))

    def validate_profession_other(self, field) -> None:
        if self.profession.data == "other" and not field.data:
            raise ValidationError(_l("Describe your profession, since you chose “Other”."))

    def validate_availability(self, field) -> None:
        if field.data and field.data not in choices.AVAILABILITY_LABELS:
            raise ValidationError(_l("Choose one of the options."))

    def validate_contact_visibility(self, field) -> None:
        if field.data not in dict(choices.CONTACT_VISIBILITY):
            raise ValidationError(_l("Choose who sees your contacts."))

    def validate_skills(self, field) -> None:
        self.skill_names = parsed(parsing.skill_list, field.data)

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        for name in self.required_now:
            field = self[name]
            if not field.errors and field.data in (None, "", []):
                field.errors.append(
                    _l(
                        "Your questionnaire is published, so this cannot be empty. "
                        "Unpublish it first to save it incomplete."
                    )
                )
                valid = False
        return valid


def valid_sections(form: "ProfileForm") -> list[str]:
    """The sections of a submitted ProfileForm without a single error."""
    return [
        name
        for name, (_label, fields) in PROFILE_SECTIONS.items()
        if not any(form[field].errors for field in fields)
    ]


class BlockForm(Form):
    kind = RadioField(
        _l("What to block"),
        choices=options([("company", _l("A company name")), ("domain", _l("An email domain"))]),
        default="company",
        validators=[InputRequired(_l("Choose a company or a domain."))],
        validate_choice=False,
    )
    value = StringField(
        _l("Company name or domain"),
        filters=[one_line],
        description=_l(
            "For example “ACME Inc.” or acme.com. Letter case and legal forms "
            "such as LLC do not matter."
        ),
        validators=[
            InputRequired(_l("Enter a company name or a domain.")),
            Length(max=120, message=too_long(120)),
        ],
    )
    submit = SubmitField(_l("Add to block list"))

    def validate_kind(self, field) -> None:
        if field.data not in ("company", "domain"):
            raise ValidationError(_l("Choose a company or a domain."))


class PhotoForm(Form):
    photo = FileField(
        _l("Photo"),
        description=_l(
            "A JPEG, PNG or WebP image up to %(mb)d MB. We crop it square and "
            "remove all hidden data, such as where it was taken.",
            mb=MAX_BYTES // (1024 * 1024),
        ),
        validators=[FileRequired(_l("Choose a photo to upload."))],
    )
    submit = SubmitField(_l("Upload photo"))


class PublishForm(Form):
    consent = BooleanField(
        _l(
            "I want approved employers to see my questionnaire. I understand that it is "
            "never public: only employers whose accounts the site's administrators have "
            "approved can see it, and never the companies on my block list. I can "
            "unpublish it at any time, and it disappears from their view at once."
        ),
        validators=[DataRequired(_l("Tick the box to agree before publishing."))],
    )
    submit = SubmitField(_l("Publish my questionnaire"))
