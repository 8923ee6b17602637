from flask import Blueprint

bp = Blueprint("accounts", __name__)

from outstaff.accounts import settings, views  # noqa: E402,F401
