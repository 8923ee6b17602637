"""The developer listing and profile pages, for approved employers and admins."""

from flask import Blueprint

bp = Blueprint("listing", __name__)

from outstaff.listing import views  # noqa: E402,F401
