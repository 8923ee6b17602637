"""The new questionnaire facts as employers read them: one helper for the profile page, the
preview (which include the same template) and the listing's cards."""

from types import SimpleNamespace

from flask_babel import gettext as _

from outstaff import choices, rates
from outstaff.core import zones
from outstaff.questionnaire.terms_service import countries_of, is_confirmed

LINKS = (
    ("link_github", "GitHub"),
    ("link_gitlab", "GitLab"),
    ("link_linkedin", "LinkedIn"),
    ("link_website", None),
)


def where_text(
    remote: bool, onsite: bool, city: str | None, relocation: bool, countries
) -> list[str]:
    parts = []
    if remote:
        parts.append(_("Remote"))
    if onsite:
        parts.append(_("On-site in %(city)s", city=city) if city else _("On-site"))
    if relocation:
        names = ", ".join(choices.country_name(code) for code in countries)
        parts.append(
            _("Relocation to %(countries)s", countries=names) if names else _("Relocation")
        )
    return parts


def hours_text(start: int | None, end: int | None) -> str:
    if start is None or end is None:
        return ""
    return f"{start:02d}:00–{end % 24:02d}:00"


def profile_facts(profile) -> SimpleNamespace:
    """Rate, where, links, zone and hours, availability of one questionnaire, ready to print."""
    return SimpleNamespace(
        rate=rates.expectation_text(profile),
        where=where_text(
            profile.remote,
            profile.onsite,
            profile.onsite_city,
            profile.relocation,
            countries_of(profile),
        ),
        links=[
            (title or _("Portfolio or site"), getattr(profile, name))
            for name, title in LINKS
            if getattr(profile, name)
        ],
        zone=zones.zone_label(profile.time_zone) if profile.time_zone else "",
        hours=hours_text(profile.work_start, profile.work_end),
        local_time=zones.local_time(profile.time_zone),
        available_from=profile.available_from,
        confirmed=is_confirmed(profile),
        history=list(profile.history),
    )
