from flask import Blueprint

bp = Blueprint("privacy", __name__)

# The analytics hook, the security log's signal receivers and the notices' template helpers
# register themselves on import.
from outstaff.privacy import analytics, notices, security_log, views  # noqa: E402,F401
