from flask import Blueprint

bp = Blueprint("privacy", __name__)

# The analytics hook, `flask privacy purge`, the security log's signal receivers and the
# notices' template helpers register themselves on import.
from outstaff.privacy import analytics, cli, notices, security_log, views  # noqa: E402,F401
