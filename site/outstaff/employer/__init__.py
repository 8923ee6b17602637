"""The employer's company profile and the state of the account's approval."""

from flask import Blueprint

bp = Blueprint("employer", __name__)

from outstaff.employer import views  # noqa: E402,F401
