from flask import Blueprint

bp = Blueprint("main", __name__)

from outstaff.main import layout, views  # noqa: E402,F401
