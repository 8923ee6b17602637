"""Accounts: signing up and in, sessions, the security log, the account page."""

from flask import Blueprint

bp = Blueprint("accounts", __name__, cli_group=None)

from outstaff.accounts import cli, security_log, settings, views  # noqa: E402,F401
