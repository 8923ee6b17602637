from flask import Blueprint

bp = Blueprint("questionnaire", __name__)

from outstaff.questionnaire import terms_views, views  # noqa: E402,F401
