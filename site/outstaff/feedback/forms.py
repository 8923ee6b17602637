from flask_babel import lazy_gettext as _l
from wtforms import EmailField, HiddenField, RadioField, StringField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length

from outstaff.choices import FEEDBACK_TOPICS
from outstaff.forms import Counted, Email, Form, strip, too_long

MESSAGE_MIN, MESSAGE_MAX = 10, 5000


def _text(value):
    """Browsers send CRLF line ends but count a line end as one character against maxlength."""
    return value.replace("\r\n", "\n").strip() if isinstance(value, str) else value


class FeedbackForm(Form):
    name = StringField(
        _l("Your name"),
        validators=[
            InputRequired(_l("Tell us your name.")),
            Length(max=120, message=too_long(120)),
        ],
        filters=[strip],
    )
    email = EmailField(
        _l("Your email"),
        description=_l("We answer to this address and use it for nothing else."),
        validators=[
            InputRequired(_l("Enter your email address, so we can answer.")),
            Length(max=254),
            Email(),
        ],
    )
    topic = RadioField(
        _l("What is it about?"),
        choices=[SelectChoice(value, label) for value, label in FEEDBACK_TOPICS.items()],
        validators=[InputRequired(_l("Choose what your message is about."))],
    )
    message = TextAreaField(
        _l("Your message"),
        description=_l("Between 10 and 5,000 characters."),
        validators=[
            InputRequired(_l("Write your message.")),
            Length(
                min=MESSAGE_MIN,
                message=Counted(
                    "Write at least %(min)d character.",
                    "Write at least %(min)d characters.",
                    count="min",
                ),
            ),
            Length(
                max=MESSAGE_MAX,
                message=Counted(
                    "Please keep it to %(max)d character; it has %(length)d now.",
                    "Please keep it to %(max)d characters; it has %(length)d now.",
                ),
            ),
        ],
        filters=[_text],
    )
    # The honeypot: hidden from people and screen readers, left empty by them, filled by bots.
    website = StringField(_l("Leave this field empty"))
    started = HiddenField()
    submit = SubmitField(_l("Send message"))
