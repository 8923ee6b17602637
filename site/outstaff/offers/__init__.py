"""Offers between employers and developers, and employers' shortlists."""

from flask import Blueprint

bp = Blueprint("offers", __name__)

from outstaff.offers import views  # noqa: E402,F401
