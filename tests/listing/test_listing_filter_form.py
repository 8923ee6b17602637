"""The listing's filter form comes from a cached fragment (listing/filter_form.py), yet it is
byte-identical to the template it replaces for whatever an employer or an attacker puts in
the query string, and a second search never shows the first one's values or counts."""

import pytest
from flask import render_template
from werkzeug.datastructures import MultiDict

from outstaff.core import fragments
from outstaff.listing import choice_lists, filter_form, forms, labels
from outstaff.listing.ranked import Totals

QUERIES = [
    [],
    [("q", "python"), ("profession", "backend"), ("english", "B1"), ("availability", "open")],
    [("q", '"><script>alert(1)</script>'), ("skills", "C++, <b>x</b>"), ("lang_find", "&amp;")],
    [("lang", "en"), ("lang", "de"), ("country", "KZ"), ("years", "7"), ("sort", "experience")],
    [("rate_from", "10"), ("rate_to", "90"), ("where", "remote"), ("per_page", "13")],
    [("lang_find", "zzzz"), ("confirmed", "1"), ("overlap", "4")],
]
COUNTS = [
    Totals(count=0),
    Totals(count=5, professions={"backend": 3}, countries={"KZ": 2}, english={"B1": 5}),
]


def _template(filters, totals) -> str:
    return render_template(
        "listing/_filters.html",
        filters=filters,
        totals=totals,
        names=labels.labels(),
        options=choice_lists.options,
        language_boxes=choice_lists.language_boxes,
    )


@pytest.mark.parametrize("locale", ["en", "ru"])
@pytest.mark.parametrize("query", QUERIES)
@pytest.mark.parametrize("totals", COUNTS)
def test_the_cached_form_is_the_template_to_the_byte(app, query, totals, locale):
    with app.test_request_context("/developers"):
        from flask_babel import force_locale

        with force_locale(locale):
            fragments.clear()
            filters = forms.parse(MultiDict(query))
            expected = _template(filters, totals)
            assert str(filter_form.render(filters, totals)) == expected  # a miss
            assert str(filter_form.render(filters, totals)) == expected  # a hit


def test_a_second_search_shows_its_own_values(app):
    with app.test_request_context("/developers"):
        fragments.clear()
        first = forms.parse(MultiDict([("q", "python"), ("lang", "de")]))
        filter_form.render(first, COUNTS[1])
        second = forms.parse(MultiDict([("q", "rust")]))
        html = str(filter_form.render(second, COUNTS[1]))
        assert 'value="rust"' in html and "python" not in html
        assert 'value="de" checked' not in html
        assert html == _template(second, COUNTS[1])


def test_new_counts_show_on_the_same_search(app):
    with app.test_request_context("/developers"):
        fragments.clear()
        filters = forms.parse(MultiDict([("q", "python")]))
        filter_form.render(filters, COUNTS[1])
        fewer = Totals(count=1, professions={"backend": 1})
        html = str(filter_form.render(filters, fewer))
        assert html == _template(filters, fewer) != _template(filters, COUNTS[1])


def test_counts_that_include_profiles_without_a_country_still_render_the_form():
    """A developer who gave no country is counted under None; the page must not fail."""
    from types import SimpleNamespace

    from outstaff.listing.filter_form import counts_key

    totals = SimpleNamespace(professions={"backend": 2}, countries={"DE": 1, None: 3}, english={})
    assert counts_key(totals) == ((("backend", 2),), ((None, 3), ("DE", 1)), None)
