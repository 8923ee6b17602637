"""The listing's filter form as a cached fragment (core/fragments.py): the same HTML as
rendering listing/_filters.html, once per locale, filter values and facet counts.

The key names everything the template reads: every field of `Filters` but the page cursor
and the notices (which the form does not print), and the three count tables of the totals.
"""

from dataclasses import fields

from outstaff.core import fragments
from outstaff.listing import choice_lists, labels

_UNREAD = {"cursor", "notices"}


def render(filters, totals):
    return fragments.render(
        "listing/_filters.html",
        (filter_key(filters), counts_key(totals)),
        variables={
            "filters": filters,
            "totals": totals,
            "names": labels.labels(),
            "options": choice_lists.options,
            "language_boxes": choice_lists.language_boxes,
        },
    )


def filter_key(filters) -> tuple:
    return tuple(getattr(filters, f.name) for f in fields(filters) if f.name not in _UNREAD)


def counts_key(totals) -> tuple:
    return tuple(
        tuple(sorted(table.items(), key=_code_order)) if table else None
        for table in (totals.professions, totals.countries, totals.english)
    )


def _code_order(item) -> str:
    """Counts may include profiles without a code (no country given): None sorts too."""
    return "" if item[0] is None else str(item[0])
