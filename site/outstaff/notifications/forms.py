from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, SubmitField

from outstaff.forms import Form


class NotificationsForm(Form):
    offers = BooleanField(_l("Offers: new offers, answers, revisions, expiry"))
    messages = BooleanField(_l("Messages in an offer's conversation"))
    alerts = BooleanField(_l("Alerts from my saved searches"))
    reminders = BooleanField(_l("Reminders, such as keeping my questionnaire up to date"))
    submit = SubmitField(_l("Save"))
