"""The base of every form in the site: the input rule is bound to every field it has.

`Form.Meta.bind_field` puts `NoControlCharacters` first in each field's validators, so no
form, field or later change can forget it: a value with a control character is refused with
a message beside its field before any other validator (or the database) sees it. Multi-line
fields (TextAreaField) may hold line ends; every other field is one line. The rule reads
the submitted text (`raw_data`), before filters could hide what was sent.
"""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import TextAreaField
from wtforms.validators import StopValidation

from outstaff.input_rules import LINE_ENDS, has_control_characters

ONE_LINE = _l("Write this on one line, without line breaks.")
INVISIBLE = _l("This contains invisible control characters (such as a NUL byte). Please "
               "type it again without them.")


class NoControlCharacters:
    """Refuse control characters; line ends too unless the field is multi-line."""

    def __init__(self, multiline: bool):
        self.multiline = multiline

    def __call__(self, form, field) -> None:
        for value in field.raw_data or ():
            if not isinstance(value, str) or not has_control_characters(value, self.multiline):
                continue
            if not self.multiline and LINE_ENDS.search(value) and not has_control_characters(
                    LINE_ENDS.sub("", value)):
                raise StopValidation(ONE_LINE)
            raise StopValidation(INVISIBLE)


class Form(FlaskForm):
    """Every form of the site derives from this (a test walks them all to make sure)."""

    class Meta(FlaskForm.Meta):
        def bind_field(self, form, unbound_field, options):
            field = super().bind_field(form, unbound_field, options)
            rule = NoControlCharacters(multiline=isinstance(field, TextAreaField))
            field.validators = [rule, *field.validators]
            return field
