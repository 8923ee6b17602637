"""Notification settings: per kind of mail (offers, messages, alerts, reminders) on or off."""

from flask import Blueprint

bp = Blueprint("notifications", __name__)

from outstaff.notifications import views  # noqa: E402,F401
