"""Template helpers for questionnaire pages and the employer-facing profile partial."""

from outstaff import choices
from outstaff.questionnaire import bp, parsing, service

ENGLISH_LABELS = dict(choices.ENGLISH_LEVELS)
CONTACT_VISIBILITY_LABELS = dict(choices.CONTACT_VISIBILITY)


@bp.app_template_filter("phone_international")
def phone_international(e164: str | None) -> str:
    return parsing.phone_international(e164)


bp.add_app_template_global(choices.country_name, "country_name")
bp.add_app_template_global(choices.language_name, "language_name")
bp.add_app_template_global(service.profession_label, "profession_label")


@bp.app_template_global()
def english_label(code: str | None) -> str:
    return str(ENGLISH_LABELS.get(code or "", ""))


@bp.app_template_global()
def availability_label(code: str | None) -> str:
    return str(choices.AVAILABILITY_LABELS.get(code or "", ""))


@bp.app_template_global()
def contact_visibility_label(code: str | None) -> str:
    return str(CONTACT_VISIBILITY_LABELS.get(code or "", ""))
