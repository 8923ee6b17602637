from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey
from sqlalchemy.orm import Mapped, mapped_column

from outstaff.core.extensions import db
from outstaff.models.base import PersonalData

# The kinds of mail a person may turn off; security and legal mail always goes.
NOTIFICATION_KINDS = ("offers", "messages", "alerts", "reminders")


class NotificationSettings(db.Model):
    """Which kinds of mail a person wants; no row means every kind on."""

    __tablename__ = "notification_settings"
    __personal_data__ = PersonalData(
        owners=("user_id",),
        fields={
            "offers": _l("Mail about offers: on or off"),
            "messages": _l("Mail about new messages: on or off"),
            "alerts": _l("Saved-search alerts: on or off"),
            "reminders": _l("Reminders: on or off"),
        },
        purpose=_l("Sending only the mail you want"),
        category=_l("Notification settings"),
    )

    user_id: Mapped[int] = mapped_column(
        ForeignKey("user.id", ondelete="CASCADE"), primary_key=True
    )
    offers: Mapped[bool] = mapped_column(default=True)
    messages: Mapped[bool] = mapped_column(default=True)
    alerts: Mapped[bool] = mapped_column(default=True)
    reminders: Mapped[bool] = mapped_column(default=True)
