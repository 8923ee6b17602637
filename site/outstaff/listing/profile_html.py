"""A developer's questionnaire and the employer's buttons as HTML, built in Python: the same
bytes as templates/profiles/_profile.html and templates/offers/_profile_actions.html (the
references a test holds them to), without the engine's dozens of gettext, label and filter
calls per page.

`article(profile, show_contacts)` is the questionnaire, for the employer's profile page and
the developer's own preview alike (so they cannot differ); `profile` is a DeveloperProfile
or listing.profile_page's plain Profile. `actions(profile, offer_state)` is the shortlist
and offer buttons. The words come translated once per locale; everything a developer typed
is escaped here, with markupsafe's escape, as the templates' autoescape did.
"""

from functools import lru_cache

from babel.dates import format_date
from flask import request, url_for
from flask_babel import get_locale, gettext
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup, escape

from outstaff import choices
from outstaff.core import contacts
from outstaff.listing import labels
from outstaff.questionnaire.display import profile_facts

OPENS = "(opens in a new tab)"
# The references' words, as they write them (pybabel extracts them from the templates).
WORDS = (
    "Photo of %(name)s",
    "Name not given",
    "Availability not confirmed",
    "Country",
    "Experience",
    "English",
    "Languages",
    "Current company",
    "Rate expectation",
    "Works",
    "Available from",
    "Time zone",
    "local time %(time)s",
    "Working hours",
    "Links",
    OPENS,
    "Skills",
    "Work history",
    "now",
    "About",
    "Contacts",
    "Email",
    "Phone",
    "Telegram",
    "This developer shares email, phone and Telegram once they accept your offer.",
    "Remove from shortlist",
    "Save to shortlist",
    "You have an open offer: %(state)s",
    "Make an offer",
)


@lru_cache(maxsize=16)
def _translated(locale: str) -> dict:
    """The page's words and the short vocabularies in `locale`, as choices.label names
    them (the catalogs change only with a release)."""
    words = {word: gettext(word) for word in WORDS}
    words["english"] = {code: str(name) for code, name in choices.ENGLISH_LEVELS}
    words["availability"] = {code: str(name) for code, name in choices.AVAILABILITY}
    words["offer_state"] = {code: str(name) for code, name in choices.OFFER_STATES.items()}
    words["locale"] = locale
    return words


def _words() -> dict:
    return _translated(str(get_locale() or "en"))


def _named(names: dict, code: str, kind: str) -> str:
    """choices.label(kind, code) from a table translated once."""
    return names.get(code) or choices.label(kind, code)


# A pure function of the number, and phonenumbers parses it at some length.
_phone = lru_cache(maxsize=4096)(contacts.phone_international)


def _e(value) -> str:
    return str(escape(value))


@lru_cache(maxsize=4096)
def _long_date(value, locale: str) -> str:
    """core.templating's `date` filter, escaped: a pure function of the day and the locale
    (the months of a work history repeat on every page)."""
    return _e(format_date(value, "long", locale=locale))


def _profession(profile, names) -> str:
    """questionnaire.service.profession_label, from the labels translated once."""
    if profile.profession == "other":
        return profile.profession_other or ""
    return names.profession.get(profile.profession or "", "")


def _head(profile, facts, t, names) -> str:
    name = profile.full_name
    if profile.photo:
        src = url_for(
            "questionnaire.photo",
            profile_id=profile.id,
            size="large",
            v=profile.photo.large_sha[:12],
        )
        alt = Markup(t["Photo of %(name)s"]) % {"name": name}
        avatar = (
            f'\n      <img class="avatar avatar-large" src="{_e(src)}" width="240" '
            f'height="240" alt="{alt}">\n    '
        )
    else:
        avatar = (
            '\n      <div class="avatar avatar-large avatar-empty" aria-hidden="true"></div>\n    '
        )
    profession = _profession(profile, names)
    if profession:
        profession = f'<p class="profile-profession">{_e(profession)}</p>'
    availability = ""
    if profile.availability:
        words = _e(_named(t["availability"], profile.availability, "availability"))
        availability = f'<p class="pill pill-{_e(profile.availability)}">{words}</p>'
    unconfirmed = ""
    if (profile.availability or facts.available_from) and not facts.confirmed:
        unconfirmed = (
            f'<p class="muted availability-unconfirmed">{t["Availability not confirmed"]}</p>'
        )
    return (
        f'  <header class="profile-head">\n    {avatar}\n    <div>\n'
        f'      <h1 id="profile-{profile.id}-name">{_e(name) if name else t["Name not given"]}'
        f"</h1>\n      {profession}\n      {availability}\n      {unconfirmed}\n"
        "    </div>\n  </header>\n\n"
    )


def _years(names, years: int) -> str:
    table = names.years
    return table[years] if 0 <= years < len(table) else labels.years(years)


def _fact(t, word: str, value: str) -> str:
    return f"<dt>{t[word]}</dt><dd>{value}</dd>"


def _facts(profile, facts, t, names) -> str:
    locale = t["locale"]
    lines = ["" for _ in range(10)]
    if profile.country:
        lines[0] = _fact(t, "Country", _e(_named(names.countries, profile.country, "country")))
    if profile.years_experience is not None:
        lines[1] = _fact(t, "Experience", _e(_years(names, profile.years_experience)))
    if profile.english_level:
        lines[2] = _fact(t, "English", _e(_named(t["english"], profile.english_level, "english")))
    if profile.languages:
        spoken = (_named(names.languages, lang.code, "language") for lang in profile.languages)
        lines[3] = _fact(t, "Languages", ", ".join(map(_e, spoken)))
    if profile.current_company:
        lines[4] = _fact(t, "Current company", _e(profile.current_company))
    if facts.rate:
        lines[5] = _fact(t, "Rate expectation", _e(facts.rate))
    if facts.where:
        lines[6] = _fact(t, "Works", "; ".join(map(_e, facts.where)))
    if facts.available_from:
        lines[7] = _fact(t, "Available from", _long_date(facts.available_from, locale))
    if facts.zone:
        local = ""
        if facts.local_time:
            local = " · " + Markup(t["local time %(time)s"]) % {"time": facts.local_time}
        lines[8] = _fact(t, "Time zone", _e(facts.zone) + local)
    if facts.hours:
        lines[9] = _fact(t, "Working hours", _e(facts.hours))
    rows = "".join(f"    {line}\n" for line in lines)
    return f'  <dl class="facts">\n{rows}  </dl>\n'


def _links(facts, t) -> str:
    if not facts.links:
        return "  \n"
    opens = f'<span class="visually-hidden"> {t[OPENS]}</span>'
    items = "".join(
        f'<li><a href="{_e(url)}" rel="noopener noreferrer nofollow" target="_blank">'
        f"{_e(title)}{opens}</a></li>"
        for title, url in facts.links
    )
    return f'  \n  <ul class="profile-links" aria-label="{t["Links"]}">{items}</ul>\n  \n'


def _section(profile_id: int, part: str, heading: str, body: str) -> str:
    return (
        f'  \n  <section aria-labelledby="profile-{profile_id}-{part}">\n'
        f'    <h2 id="profile-{profile_id}-{part}">{heading}</h2>\n'
        f"    {body}\n  </section>\n  \n"
    )


def _skills(profile, t) -> str:
    if not profile.skills:
        return "  \n"
    items = "".join(f"<li>{_e(skill.name)}</li>" for skill in profile.skills)
    return _section(profile.id, "skills", t["Skills"], f'<ul class="tags">{items}</ul>')


def _job(entry, t) -> str:
    company = ""
    if entry.company and not entry.company_hidden:
        company = f" · {_e(entry.company)}"
    locale = t["locale"]
    end = _long_date(entry.end_month, locale) if entry.end_month else t["now"]
    summary = f"<p>{_e(entry.summary)}</p>" if entry.summary else ""
    return (
        f"\n      <li><strong>{_e(entry.role)}</strong>{company}\n"
        f'        <span class="muted">{_long_date(entry.start_month, locale)} – {end}</span>\n'
        f"        {summary}</li>\n    "
    )


def _history(profile, facts, t) -> str:
    if not facts.history:
        return "  \n"
    jobs = "".join(_job(entry, t) for entry in facts.history)
    return _section(
        profile.id, "history", t["Work history"], f'<ol class="work-history">{jobs}</ol>'
    )


def _bio(profile, t) -> str:
    if not profile.bio:
        return "  \n"
    return _section(profile.id, "bio", t["About"], f'<p class="bio">{_e(profile.bio)}</p>')


def _contacts(profile, show_contacts: bool, t) -> str:
    if show_contacts:
        email = _e(profile.user.email)
        phone = telegram = ""
        if profile.phone:
            number = _e(profile.phone)
            phone = f'<li>{t["Phone"]}: <a href="tel:{number}">{_e(_phone(profile.phone))}</a></li>'
        if profile.telegram:
            handle = _e(profile.telegram)
            telegram = (
                f'<li>{t["Telegram"]}: <a href="https://t.me/{handle}" rel="noopener noreferrer" '
                f'target="_blank">@{handle}<span class="visually-hidden"> {t[OPENS]}</span>'
                "</a></li>"
            )
        body = (
            '\n    <ul class="contact-list">\n'
            f'      <li>{t["Email"]}: <a href="mailto:{email}">{email}</a></li>\n'
            f"      {phone}\n      {telegram}\n    </ul>\n    "
        )
    else:
        words = t["This developer shares email, phone and Telegram once they accept your offer."]
        body = f'\n    <p class="muted">{words}</p>\n    '
    return (
        f'  <section aria-labelledby="profile-{profile.id}-contacts" class="profile-contacts">\n'
        f'    <h2 id="profile-{profile.id}-contacts">{t["Contacts"]}</h2>\n'
        f"    {body}\n  </section>\n"
    )


def article(profile, show_contacts: bool, local_time_mark: Markup | None = None) -> Markup:
    """The questionnaire: templates/profiles/_profile.html's bytes. With `local_time_mark`,
    the mark stands where the local time goes, when there is one (listing.article_cache)."""
    t, names = _words(), labels.labels()
    facts = profile_facts(profile)
    if local_time_mark is not None and facts.local_time:
        facts.local_time = local_time_mark
    return Markup(
        f'<article class="profile" aria-labelledby="profile-{profile.id}-name">\n'
        f"{_head(profile, facts, t, names)}{_facts(profile, facts, t, names)}{_links(facts, t)}\n"
        f"{_skills(profile, t)}\n{_history(profile, facts, t)}\n{_bio(profile, t)}\n"
        f"{_contacts(profile, show_contacts, t)}</article>"
    )


def _post_button(action: str, label: str, next_path: str) -> str:
    """_forms.html's post_button with one hidden `next` and the 'button secondary' class."""
    return (
        f'<form method="post" action="{_e(action)}" class="inline">\n'
        f'    <input type="hidden" name="csrf_token" value="{_e(generate_csrf())}">\n'
        f'    <input type="hidden" name="next" value="{_e(next_path)}">\n'
        f'    <button type="submit" class="button secondary">{label}</button>\n  </form>'
    )


def actions(profile, offer_state: dict | None) -> Markup:
    """The shortlist and offer buttons: templates/offers/_profile_actions.html's bytes."""
    if not offer_state:
        return Markup("\n\n")
    t = _words()
    if offer_state["shortlisted"]:
        endpoint, words = "offers.shortlist_remove", t["Remove from shortlist"]
    else:
        endpoint, words = "offers.shortlist_add", t["Save to shortlist"]
    button = _post_button(url_for(endpoint, profile_id=profile.id), words, request.path)
    offer = offer_state["open_offer"]
    if offer:
        state = _named(t["offer_state"], offer.state, "offer_state")
        link = (
            f'<a href="{_e(url_for("offers.detail", offer_id=offer.id))}">'
            f"{Markup(t['You have an open offer: %(state)s']) % {'state': state}}</a>"
        )
    else:
        new = _e(url_for("offers.new", profile_id=profile.id))
        link = f'<a class="button" href="{new}">{t["Make an offer"]}</a>'
    return Markup(
        f'\n\n\n<div class="offer-actions actions">\n  \n  {button}\n  \n  \n  {link}\n  \n</div>\n'
    )
