"""The filter form's long lists, as HTML built once per locale: the countries and languages
as <option>s (with the search's counts), the languages as checkboxes."""

import re
from functools import cache, lru_cache

from flask_babel import get_locale
from markupsafe import Markup, escape

from outstaff import choices
from outstaff.listing.search import fold


@cache
def _options_html(kind: str, locale: str) -> str:
    pairs = choices.country_choices() if kind == "country" else choices.language_choices()
    return "".join(f'<option value="{code}">{escape(name)}</option>' for code, name in pairs)


def options(kind: str, selected=(), counts: dict | None = None) -> Markup:
    """<option>s of every country or language in the reader's language, some selected,
    with `counts` (code -> matches) after the names when given.

    Built once per locale: hundreds of options per listing page are the costliest part of
    the page otherwise.
    """
    locale = str(get_locale() or "en")
    if counts:
        html = _counted_html(kind, locale, frozenset(counts.items()))
    else:
        html = _options_html(kind, locale)
    for code in [selected] if isinstance(selected, str) else selected or ():
        if code:
            html = html.replace(f'value="{code}">', f'value="{code}" selected>', 1)
    return Markup(html)


# Shown first, outside the folded list of every language: the ones most developers here speak.
COMMON_LANGUAGES = ("en", "ru", "uk", "kk", "uz", "be", "de", "pl", "es", "fr", "tr", "zh")


@cache
def _checkboxes_html(locale: str) -> tuple[str, str]:
    names = dict(choices.language_choices())
    box = '<li><label><input type="checkbox" name="lang" value="{0}"> {1}</label></li>'
    common = "".join(box.format(code, escape(names[code])) for code in COMMON_LANGUAGES)
    rest = "".join(
        box.format(code, escape(name))
        for code, name in choices.language_choices()
        if code not in COMMON_LANGUAGES
    )
    return common, rest


@lru_cache(maxsize=64)
def _counted_html(kind: str, locale: str, counts: frozenset) -> str:
    """The options with their counts: the same counts come back for as long as the listing
    remembers its totals."""
    found = dict(counts)
    html = _options_html(kind, locale)
    return _COUNTED.sub(lambda m: f"{m[1]}{m[3]} ({found.get(m[2], 0)})</option>", html)


def language_boxes(selected=(), find: str = "") -> tuple[Markup, Markup]:
    """Checkboxes of the common languages, and of the others chosen or whose name holds
    `find` (the list's own search box, which works without JavaScript), some checked.
    Every language on every page would be 180 checkboxes: too heavy for a phone."""
    common, rest = _checkboxes_html(str(get_locale() or "en"))
    find = fold(find).strip()
    if not find and not selected:
        return Markup(common), Markup("")
    rest = "".join(
        item
        for item in re.findall(r"<li>.*?</li>", rest)
        if (find and find in fold(item.rsplit("> ", 1)[-1]))
        or any(f'value="{code}">' in item for code in selected)
    )
    for code in selected:
        common = common.replace(f'value="{code}">', f'value="{code}" checked>', 1)
        rest = rest.replace(f'value="{code}">', f'value="{code}" checked>', 1)
    return Markup(common), Markup(rest)


_COUNTED = re.compile(r'(<option value="([^"]*)">)([^<]*)</option>')
