"""The site in Russian: a complete catalog, nothing left unmarked, no English on Russian
pages. (The pages themselves: test_core_i18n_pages.py; the language choice, mail and the
policy per language: test_core_i18n_locale.py.)"""

import importlib
import pkgutil
import re

import pytest
from babel.support import Translations
from flask_babel.speaklater import LazyString
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.fields.core import UnboundField
from wtforms.validators import InputRequired

import outstaff
from outstaff.forms import Counted
from tests.helpers import (
    RUSSIAN_MO,
    TEMPLATES,
    extract_to,
    forms_of,
    russian_catalog,
    untranslated_template_text,
)

# --- The catalog -----------------------------------------------------------------------


def test_every_extracted_message_has_a_russian_translation(tmp_path):
    extracted = extract_to(tmp_path / "messages.pot")
    russian = russian_catalog()
    assert len(extracted) > 900  # the extraction found the site's strings
    problems = []
    for message in extracted:
        if not message.id:
            continue
        translated = russian.get(message.id, message.context)
        if translated is None or not all(forms_of(translated)):
            problems.append(f"untranslated: {message.id!r}")
        elif translated.fuzzy:
            problems.append(f"fuzzy: {message.id!r}")
        elif isinstance(message.id, tuple) != isinstance(translated.id, tuple):
            problems.append(f"plural forms differ: {message.id!r}")
    assert not problems, (
        "run `make update-catalogs`, translate, then `make compile-catalogs`:\n"
        + "\n".join(problems)
    )


def test_translations_keep_placeholders_and_plural_forms():
    russian = russian_catalog()
    assert russian.num_plurals == 3
    errors = [f"{message.id!r}: {problems}" for message, problems in russian.check()]
    assert not errors, "\n".join(errors)
    for message in russian:
        if isinstance(message.id, tuple):
            assert len(message.string) == 3 and all(message.string), message.id


def test_compiled_catalog_matches_the_source():
    """The .mo is committed: `make compile-catalogs` was run after the last edit."""
    with RUSSIAN_MO.open("rb") as mo:
        compiled = Translations(mo)
    stale = [
        m.id
        for m in russian_catalog()
        if m.id and not isinstance(m.id, tuple) and compiled.gettext(m.id) != m.string
    ]
    assert not stale, f"run `make compile-catalogs`: {stale[:5]}"


# --- Templates: no English outside _() -------------------------------------------------

TEMPLATE_FILES = sorted(p for p in TEMPLATES.rglob("*") if p.suffix in (".html", ".txt"))


@pytest.mark.parametrize("path", TEMPLATE_FILES, ids=lambda p: str(p.relative_to(TEMPLATES)))
def test_template_shows_no_english_outside_gettext(path):
    source = path.read_text(encoding="utf-8")
    assert untranslated_template_text(source, mail=path.suffix == ".txt") == []


@pytest.mark.parametrize(
    "source, mail",
    [
        ("<p>Hello world</p>", False),
        ('<img src="x.png" alt="A photo of me">', False),
        ('<input type="submit" value="Send">', False),
        ("{{ post_button(url, 'Delete account') }}", False),
        ("{% set title = 'Save' %}", False),
        ("{{ _('Hello,') }}\n\nYour offer was accepted.\n", True),
    ],
)
def test_template_check_finds_unmarked_english(source, mail):
    assert untranslated_template_text(source, mail) != []


@pytest.mark.parametrize(
    "source",
    [
        "<p>{{ _('Hello world') }}</p>",
        "<p>{{ ngettext('%(num)d year', '%(num)d years', n) }} · {{ user.email }}</p>",
        "{{ field(form.email, autocomplete='email') }}<a class=\"button secondary\">JSON</a>",
    ],
)
def test_template_check_passes_marked_text(source):
    assert untranslated_template_text(source) == []


# --- Forms: labels, help and messages are lazy strings --------------------------------

NOT_SHOWN = {("CookieChoiceForm", "choice"), ("AcknowledgeForm", "version")}  # hidden inputs
TRANSLATABLE = (LazyString, Counted)


def form_problems(form_class) -> list[str]:
    problems = []
    for name in dir(form_class):
        field = getattr(form_class, name, None)
        if not isinstance(field, UnboundField):
            continue
        where = f"{form_class.__name__}.{name}"
        kind = field.field_class.__name__
        label = field.kwargs.get("label", field.args[0] if field.args else None)
        if (
            kind not in ("HiddenField", "CSRFTokenField")
            and (form_class.__name__, name) not in NOT_SHOWN
            and not isinstance(label, LazyString)
        ):
            problems.append(f"{where}: label {label!r}")
        description = field.kwargs.get("description")
        if description and not isinstance(description, LazyString):
            problems.append(f"{where}: description {description!r}")
        validators = field.kwargs.get("validators", field.args[1] if len(field.args) > 1 else ())
        for validator in validators or ():
            message = getattr(validator, "message", None)
            if message is not None and not isinstance(message, TRANSLATABLE):
                problems.append(f"{where}: {type(validator).__name__} message {message!r}")
        for choice in field.kwargs.get("choices") or ():
            text = getattr(choice, "label", None) or (
                choice[1] if isinstance(choice, tuple) else None
            )
            if isinstance(text, str) and re.search("[A-Za-z]", text):
                problems.append(f"{where}: choice {text!r}")
    return problems


def all_forms(app) -> list[type]:
    for module in pkgutil.walk_packages(outstaff.__path__, "outstaff."):
        importlib.import_module(module.name)
    with app.test_request_context():
        from outstaff.privacy.forms import publish_policy_form

        publish_policy_form()  # builds the form with a field per further language
    seen, todo = [], [FlaskForm]
    while todo:
        for sub in todo.pop().__subclasses__():
            todo.append(sub)
            if sub.__module__.startswith("outstaff."):
                seen.append(sub)
    return seen


def test_form_labels_help_and_messages_are_translatable(app):
    forms = all_forms(app)
    assert len(forms) > 20
    problems = [p for form_class in forms for p in form_problems(form_class)]
    assert not problems, "\n".join(problems)


def test_form_check_finds_plain_strings():
    class Plain(FlaskForm):
        name = StringField("Name", validators=[InputRequired("Enter your name.")])

    assert len(form_problems(Plain)) == 2
