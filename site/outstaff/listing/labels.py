"""Translated labels the listing repeats many times a page, built once per locale.

A page of cards would otherwise call gettext a few hundred times (Flask-Babel costs several
microseconds a call); these vocabularies change only with the locale.
"""

from functools import lru_cache
from types import SimpleNamespace

from flask_babel import get_locale, gettext, ngettext
from markupsafe import Markup, escape

from outstaff import choices
from outstaff.listing.forms import MAX_YEARS, SORTS


@lru_cache(maxsize=16)
def _build(locale: str) -> SimpleNamespace:
    professions = [(code, str(label)) for code, label in choices.PROFESSIONS]
    levels = [(code, str(label)) for code, label in choices.ENGLISH_LEVELS]
    availability = [(code, str(label)) for code, label in choices.AVAILABILITY]
    return SimpleNamespace(
        locale=locale,
        professions=professions,
        profession=dict(professions),
        levels=levels,
        english={code: gettext("Native") if code == "native" else code for code, _label in levels},
        availability_choices=availability,
        availability=dict(availability),
        sorts=[(code, str(label)) for code, label in SORTS],
        countries=dict(choices.country_choices()),
        languages=dict(choices.language_choices()),
        years=[ngettext("%(num)d year", "%(num)d years", n) for n in range(MAX_YEARS + 1)],
        card_headings=_card_headings(),
        **_terms_labels(locale),
    )


def _card_headings() -> dict[str, Markup]:
    """The words every card repeats (listing/card_html.py prints them as they are, as the
    template's `_()` does: translations are trusted markup)."""
    return {
        "developer": Markup(gettext("Developer")),
        "hidden": Markup(gettext("Hidden by an administrator")),
        "english": Markup(gettext("English")),
        "experience": Markup(gettext("Experience")),
        "availability": Markup(gettext("Availability")),
        "languages": Markup(gettext("Languages")),
        "skills": Markup(gettext("Skills")),
    }


def _terms_labels(locale: str) -> dict:
    """The hiring terms' words on cards and in the filters (outstaff.listing.profile_cards)."""
    from babel.numbers import get_group_symbol

    from outstaff.listing import terms_form
    from outstaff.offers.forms import currency_choices
    from outstaff.rates import EXPECTATION_PERIODS

    periods = [(code, str(label)) for code, label in EXPECTATION_PERIODS]
    where = {
        "remote": gettext("Remote"),
        "onsite": gettext("On-site"),
        "relocation": gettext("Relocation"),
    }
    card = {
        "rate": gettext("Rate expectation"),
        "works": gettext("Works"),
        "local_time": gettext("Local time now"),
        "from": gettext("from"),
        "unconfirmed": gettext("availability not confirmed"),
    }
    currency_html = "".join(
        f'<option value="{c.value}">{escape(c.label)}</option>' for c in currency_choices()
    )
    overlaps = [(n, ngettext("%(num)d hour", "%(num)d hours", n)) for n in (2, 4, 6, 8)]
    return {
        "card": {key: str(escape(value)) for key, value in card.items()},
        "terms_filters": terms_form.build(currency_html, periods, list(where.items()), overlaps),
        "group": get_group_symbol(locale),
        "rate_periods": dict(periods),
        "where": where,
    }


def labels() -> SimpleNamespace:
    return _build(str(get_locale() or "en"))


def years(n: int) -> str:
    table = labels().years
    return table[n] if 0 <= n < len(table) else ngettext("%(num)d year", "%(num)d years", n)
