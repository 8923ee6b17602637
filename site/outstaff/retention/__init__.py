"""Deleting or shortening personal data past its retention period: `flask privacy purge`."""

from flask import Blueprint

bp = Blueprint("retention", __name__, cli_group="privacy")

from outstaff.retention import cli  # noqa: E402,F401
