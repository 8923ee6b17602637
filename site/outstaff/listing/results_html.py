"""The listing's heading, filter form and results column as one cached fragment
(core/fragments.py): rendering listing/_results.html once per locale and per everything it
reads, and reusing the HTML while the same page of the same search comes back.

The key names all the template reads: the query string (the notices come from it), the
filters as resolved for this viewer, the totals and their facet counts, the page's size and
cursors, and the "drop one filter" hints. The cards are not in it: they come in as a hole,
printed for this request (listing/card_html.py), so a card's change, a hidden profile or a
suspension shows on the very next page, as does the local time.
"""

from flask import request
from flask_babel import format_decimal
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup

from outstaff.core import fragments
from outstaff.listing import card_html, choice_lists, filter_form, labels


def render(filters, page, totals, droppable, cap: int, drop_cap: int, card_urls) -> Markup:
    """`card_urls`: (profile_url, thumb_url), the links a card holds."""
    names = labels.labels()
    cards = Markup("")
    if page.cards:
        cards = card_html.cards(page.cards, names.card_headings, *card_urls)
    return fragments.render(
        "listing/_results.html",
        _key(filters, page, totals, droppable),
        variables={
            "filters": filters,
            "page": page,
            "totals": totals,
            "droppable": droppable,
            "cap": cap,
            "drop_cap": drop_cap,
            "format_number": format_decimal,
            "names": names,
            "options": choice_lists.options,
            "language_boxes": choice_lists.language_boxes,
            "filter_form": filter_form.render,
        },
        holes={"cards_html": cards},
        tokens={"csrf": generate_csrf()},  # the "save this search" form's
    )


def _key(filters, page, totals, droppable) -> tuple:
    return (
        request.query_string,
        filter_form.filter_key(filters),
        totals.count,
        filter_form.counts_key(totals),
        len(page.cards),
        page.next.encode() if page.next else None,
        page.previous.encode() if page.previous else None,
        tuple((label, tuple(args), count) for label, args, count in droppable),
    )
