from flask import Blueprint

bp = Blueprint("feedback", __name__)

from outstaff.feedback import views  # noqa: E402,F401
