"""The privacy policy, cookie choice, consent, and the data export."""

from flask import Blueprint

bp = Blueprint("privacy", __name__)

# The notices' template helpers register themselves on import.
from outstaff.privacy import notices, views  # noqa: E402,F401
