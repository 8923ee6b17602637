"""The listing's filter form: a GET query string, read into `Filters`.

A bookmarkable form that works without JavaScript. Values that make no sense (an unknown
profession, a bad page link, negative years, a huge page size...) are dropped with a notice
shown above the results; nothing here can raise.
"""

import threading
from dataclasses import dataclass, field, replace

from cachetools import LRUCache
from flask import current_app, request
from flask_babel import get_locale, ngettext
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from werkzeug.datastructures import MultiDict

from outstaff import choices
from outstaff.core import paging
from outstaff.core.paging import MAX_ID
from outstaff.listing import profile_filters
from outstaff.listing.cursor import MAX_YEARS, Cursor
from outstaff.listing.search import MAX_QUERY, fold
from outstaff.search import match

# At most 30 cards: a page of rich cards stays under the 50 KB HTML budget (test_frontend).
PER_PAGE_DEFAULT, PER_PAGE_MIN, PER_PAGE_MAX = 20, 10, 30
MAX_LANGUAGES, MAX_SKILLS, MAX_SKILL_LENGTH = 5, 10, 40
SORTS = [
    ("relevance", _l("Best match")),
    ("updated", _l("Recently updated")),
    ("experience", _l("Most experience")),
]
SORT_CODES = {code for code, _label in SORTS}


@dataclass
class Filters:
    profession: str | None = None
    country: str | None = None
    languages: tuple[str, ...] = ()
    english: str | None = None
    availability: str | None = None
    skills: tuple[str, ...] = ()  # folded
    min_years: int | None = None
    q: str = ""
    lang_find: str = ""  # the language list's own search box
    sort: str = "updated"
    per_page: int = PER_PAGE_DEFAULT
    cursor: Cursor | None = None
    notices: list = field(default_factory=list)
    # The hiring terms (outstaff.listing.profile_filters).
    rate_from: int | None = None
    rate_to: int | None = None
    rate_currency: str = "USD"
    rate_period: str = "month"
    rate_low: int | None = None  # in US dollars per month, once resolved
    rate_high: int | None = None
    where: tuple[str, ...] = ()
    relocate_to: str | None = None
    overlap: int | None = None
    employer_hours: tuple[int, ...] = ()
    confirmed_only: bool = False

    @property
    def terms(self) -> list[str]:
        """The search box's words, phrases' words included."""
        loose, phrases = match.split(self.q)
        return [*loose, *(word for phrase in phrases for word in phrase)]

    @property
    def default_sort(self) -> str:
        return "relevance" if self.terms else "updated"

    @property
    def narrowed(self) -> bool:
        """True when any filter (not sort or page size) is in force."""
        return bool(
            self.profession
            or self.country
            or self.languages
            or self.english
            or self.availability
            or self.skills
            or self.min_years
            or self.terms
            or profile_filters.narrowed(self)
        )

    def link_args(self, cursor: Cursor | None = None) -> list[tuple[str, str]]:
        """Query-string pairs for a link to these filters (at `cursor`)."""
        pairs = [
            (k, v)
            for k, v in (
                ("q", self.q),
                ("profession", self.profession),
                ("country", self.country),
                ("english", self.english),
                ("availability", self.availability),
                ("years", str(self.min_years) if self.min_years else None),
                ("skills", ", ".join(self.skills)),
            )
            if v
        ]
        pairs += [("lang", code) for code in self.languages]
        pairs += profile_filters.link_pairs(self)
        if self.sort != self.default_sort:
            pairs.append(("sort", self.sort))
        if self.per_page != PER_PAGE_DEFAULT:
            pairs.append(("per_page", str(self.per_page)))
        if cursor is not None:
            pairs.append(("before" if cursor.before else "after", cursor.encode()))
        return pairs


def _clean(value: str | None, limit: int = 64) -> str:
    return "".join(c for c in (value or "")[: limit * 4] if c.isprintable()).strip()[:limit]


def _choice(args: MultiDict, name: str, allowed, label, notices: list, transform=str) -> str | None:
    value = _clean(args.get(name))
    if not value:
        return None
    if transform(value) in allowed:
        return transform(value)
    notices.append(
        _(
            "%(what)s “%(value)s” is not one we know, so it was ignored.",
            what=str(label),
            value=value[:40],
        )
    )
    return None


def _int(args: MultiDict, name: str, notices: list, message) -> int | None:
    """A whole number, or None (with `message()` noted when the value is not one)."""
    value = _clean(args.get(name), 12)
    if not value:
        return None
    number = paging.whole_number(value, MAX_ID)
    if number is None:
        notices.append(message())
    return number


def _years_message() -> str:
    return _(
        "Minimum experience must be a whole number of years from 0 to %(n)d; it was ignored.",
        n=MAX_YEARS,
    )


def _per_page_message() -> str:
    return _(
        "Cards per page must be a number from %(min)d to %(max)d.",
        min=PER_PAGE_MIN,
        max=PER_PAGE_MAX,
    )


PARSED_KEPT = 512  # query strings a worker keeps read
_lock = threading.Lock()  # cachetools caches are not thread-safe (`flask run` is threaded)


def parse_request() -> Filters:
    """This request's query string as Filters: read once per query string and locale (the
    notices are in the reader's language), a copy of its own for every request."""
    cache = current_app.extensions.get("listing_filters")
    if cache is None:
        cache = current_app.extensions["listing_filters"] = LRUCache(PARSED_KEPT)
    key = (str(get_locale() or "en"), request.query_string)
    with _lock:
        found = cache.get(key)
    if found is None:
        found = parse(request.args)
        with _lock:
            cache[key] = found
    return replace(found, notices=list(found.notices))  # the caller adds its own notices


def parse(args: MultiDict) -> Filters:
    """Read the query string into Filters; bad values are dropped with a notice.

    Notices are plain strings (eager gettext), so the page escapes the values they quote;
    Flask-Babel's lazy strings would be printed as HTML.
    """
    n: list = []
    f = Filters(notices=n)
    f.profession = _choice(args, "profession", choices.PROFESSION_LABELS, _l("Profession"), n)
    f.country = _choice(args, "country", choices.COUNTRY_CODES, _l("Country"), n, str.upper)
    f.english = _choice(
        args,
        "english",
        choices.ENGLISH_RANK,
        _l("English level"),
        n,
        lambda v: v if v == "native" else v.upper(),
    )
    f.availability = _choice(
        args, "availability", choices.AVAILABILITY_LABELS, _l("Availability"), n
    )
    f.languages = _languages(args.getlist("lang"), n)
    f.skills = _skills(args.getlist("skills"), n)
    f.q = _clean(args.get("q"), MAX_QUERY)
    f.lang_find = _clean(args.get("lang_find"), 40)
    f.sort = _choice(args, "sort", SORT_CODES, _l("Sort order"), n) or f.default_sort
    if f.sort == "relevance" and not f.terms:
        f.sort = "updated"  # nothing to be relevant to
    if len(_clean(args.get("q"), MAX_QUERY + 1)) > MAX_QUERY:
        n.append(
            ngettext(
                "The search text was cut to %(num)d character.",
                "The search text was cut to %(num)d characters.",
                MAX_QUERY,
            )
        )
    years = _int(args, "years", n, _years_message)
    if years is not None and years > MAX_YEARS:
        n.append(_years_message())
    elif years:
        f.min_years = years
    f.per_page = _per_page(args, n)
    f.cursor = _cursor(args, f.sort, n)
    profile_filters.parse_terms(args, f)
    return f


def _languages(values: list[str], notices: list) -> tuple[str, ...]:
    codes: list[str] = []
    for raw in values[:50]:
        value = _clean(raw, 8).lower()
        if not value:
            continue
        if value not in choices.LANGUAGE_CODES:
            notices.append(
                _("Language “%(value)s” is not one we know, so it was ignored.", value=value)
            )
        elif value not in codes:
            codes.append(value)
    if len(codes) > MAX_LANGUAGES:
        notices.append(
            ngettext(
                "At most %(num)d language at once: the first was used.",
                "At most %(num)d languages at once: the first %(num)d were used.",
                MAX_LANGUAGES,
            )
        )
    return tuple(codes[:MAX_LANGUAGES])


def _skills(values: list[str], notices: list) -> tuple[str, ...]:
    names: list[str] = []
    for raw in values[:20]:
        for part in _clean(raw, 1000).split(","):
            name = " ".join(fold(part).split())
            if len(name) > MAX_SKILL_LENGTH:
                notices.append(
                    ngettext(
                        "Skill names are at most %(num)d character; a longer one was ignored.",
                        "Skill names are at most %(num)d characters; a longer one was ignored.",
                        MAX_SKILL_LENGTH,
                    )
                )
            elif name and name not in names:
                names.append(name)
    if len(names) > MAX_SKILLS:
        notices.append(
            ngettext(
                "At most %(num)d skill at once: the first was used.",
                "At most %(num)d skills at once: the first %(num)d were used.",
                MAX_SKILLS,
            )
        )
    return tuple(names[:MAX_SKILLS])


def _per_page(args: MultiDict, notices: list) -> int:
    value = _int(args, "per_page", notices, _per_page_message)
    if value is None:
        return PER_PAGE_DEFAULT
    if not PER_PAGE_MIN <= value <= PER_PAGE_MAX:
        notices.append(_per_page_message())
        return min(max(value, PER_PAGE_MIN), PER_PAGE_MAX)
    return value


def _cursor(args: MultiDict, sort: str, notices: list) -> Cursor | None:
    before, after = _clean(args.get("before"), 40), _clean(args.get("after"), 40)
    if not (before or after):
        return None
    cursor = Cursor.decode(before or after, before=bool(before))
    if cursor is None or cursor.sort != sort:
        notices.append(_("That page link was not valid, so the first page is shown."))
        return None
    return cursor
