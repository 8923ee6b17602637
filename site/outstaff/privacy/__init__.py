from flask import Blueprint

bp = Blueprint("privacy", __name__)

from outstaff.privacy import views  # noqa: E402,F401
