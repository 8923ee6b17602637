from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, StringField
from wtforms.validators import Length, Optional

from outstaff.forms import PublicForm


class LanguageForm(PublicForm):
    """The footer's language switch: an unknown language is ignored, not refused."""

    locale = StringField(_l("Language"))
    next = HiddenField(validators=[Optional(), Length(max=2000)])
