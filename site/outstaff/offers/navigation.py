"""What every page needs from offers: the count beside "Offers", and the profile buttons.

`new_offer_count` means, for a developer, offers received and not opened yet (state
"sent"); for an employer, answers (accepted or declined) not opened yet. Opening the offer
clears it. It costs one COUNT query per rendered page, on an index, and only for signed-in
developers and employers.
"""

from flask import has_request_context
from flask_login import current_user
from sqlalchemy.exc import SQLAlchemyError

from outstaff.core.extensions import db
from outstaff.offers import bp, service
from outstaff.offers.forms import LABELS
from outstaff.offers.states import STATE_LABELS


@bp.app_context_processor
def offer_counts() -> dict:
    if not has_request_context() or not current_user.is_authenticated:
        return {}
    if not (current_user.is_developer or current_user.is_employer):
        return {}
    try:
        return {"new_offer_count": service.new_offer_count(current_user)}
    except SQLAlchemyError:  # an error page must render even with the database down
        db.session.rollback()
        return {}


@bp.app_template_global()
def offer_profile_actions(profile):
    """For `offers/_profile_actions.html`: None unless an approved employer sees `profile`."""
    return service.profile_actions(current_user, profile)


@bp.app_template_global()
def offer_label(kind: str, code: str | None) -> str:
    """The reader's words for a stored code: kind is "state", "engagement" or "rate_period"."""
    labels = STATE_LABELS if kind == "state" else LABELS.get(kind, {})
    return str(labels.get(code, code or ""))
