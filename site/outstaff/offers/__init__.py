from flask import Blueprint

bp = Blueprint("offers", __name__)

from outstaff.offers import navigation, shortlist, viewers, views  # noqa: E402,F401
