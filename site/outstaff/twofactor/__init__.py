from flask import Blueprint

bp = Blueprint("twofactor", __name__)

from outstaff.twofactor import views  # noqa: E402,F401
