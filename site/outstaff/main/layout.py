"""The layout every page shares, and the one place that gives templates their helpers.

Globals: `label(kind, code)` for every vocabulary, `profession_label(profile)`,
`profile_facts(profile)` (rate, where, links, hours, availability, history), the
`phone_international` filter, `here()` (this page's path, for a form's `next`), the console's
company-name warnings, and what the header and the notices ask on each page: whether the
cookie banner shows, a policy version to acknowledge, the number of new offers. The last
three are functions, so a page (or a mail) that does not show them costs nothing.
"""

from flask import has_request_context, request
from flask_login import current_user
from sqlalchemy.exc import SQLAlchemyError

from outstaff import audit, choices, rates
from outstaff.core import company_identity, contacts
from outstaff.core.extensions import db
from outstaff.main import bp
from outstaff.offers import badge
from outstaff.privacy import notices
from outstaff.questionnaire.display import profile_facts
from outstaff.questionnaire.service import profession_label
from outstaff.questionnaire.skills import suggest_skills

bp.add_app_template_global(choices.label, "label")
bp.add_app_template_global(profession_label, "profession_label")
bp.add_app_template_global(profile_facts, "profile_facts")
bp.add_app_template_global(rates.comparison_text, "offer_comparison")
bp.add_app_template_global(rates.expectation_text, "rate_expectation")
bp.add_app_template_global(suggest_skills, "suggest_skills")
bp.add_app_template_filter(contacts.phone_international, "phone_international")
bp.add_app_template_global(company_identity.name_warnings, "company_name_warnings")
bp.add_app_template_global(company_identity.reveal_invisible, "reveal_invisible")
bp.add_app_template_global(notices.cookie_banner_needed, "cookie_banner_needed")
bp.add_app_template_global(notices.policy_notice, "policy_notice")
bp.add_app_template_global(audit.action_label, "audit_action_label")
bp.add_app_template_global(audit.people, "audit_people")


@bp.app_template_global()
def here() -> str:
    """This page's path, for a form's `next` that brings the visitor back to it."""
    return request.full_path.rstrip("?") if request.query_string else request.path


@bp.app_template_global()
def new_offer_count() -> int:
    """Developers: offers not opened yet; employers: answers not opened yet (the badge)."""
    if not (
        has_request_context()
        and current_user.is_authenticated
        and (current_user.is_developer or current_user.is_employer)
    ):
        return 0
    try:
        return badge.count(current_user)
    except SQLAlchemyError:  # an error page must render even with the database down
        db.session.rollback()
        return 0
