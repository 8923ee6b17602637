from flask import Blueprint

bp = Blueprint("questionnaire", __name__)

from outstaff.questionnaire import views  # noqa: E402,F401
