"""The listing's cards as HTML, built in Python: the same bytes as the `dev_card` macro of
templates/listing/_card.html (the reference a test holds them to), without a template call
and a dozen escapes through the engine per card. `t` holds the labels the page translated
once (Markup, printed as they are); everything a developer typed is escaped here. A card
printed once is kept (listing.card_cache) and printed again as it is, its local time put in."""

from html import escape

from markupsafe import Markup

from outstaff.listing import card_cache
from outstaff.models import utcnow


def _e(value: str) -> str:
    """markupsafe's escape (its &#34; and &#39;), without a Markup object per value."""
    return escape(value, quote=False).replace('"', "&#34;").replace("'", "&#39;")


def _head(card, t, profile_url, thumb_url) -> str:
    if card.photo_id and thumb_url:
        avatar = (
            f'<img class="avatar" src="{_e(thumb_url(card.id))}" alt="" width="64" '
            'height="64" loading="lazy">\n\n'
        )
    else:
        avatar = (
            f'<span class="avatar avatar-empty" aria-hidden="true">{_e(card.name[:1])}</span>\n'
        )
    country = f" · {_e(card.country)}" if card.country else ""
    return (
        f'<div class="dev-card-head">\n{avatar}<div>\n'
        f'<h3 id="dev-{card.id}"><a href="{_e(profile_url(card.id))}">'
        f"{_e(card.name) if card.name else t['developer']}</a></h3>\n"
        f'<p class="dev-role">{_e(card.profession)}{country}</p>\n</div>\n</div>\n'
    )


def _facts(card, t) -> str:
    languages = ""
    if card.languages:
        languages = f"<dt>{t['languages']}</dt><dd>{', '.join(map(_e, card.languages))}</dd>"
    return (
        '<dl class="dev-facts">\n'
        f"<dt>{t['english']}</dt><dd>{_e(card.english) if card.english else '—'}</dd>\n"
        f"<dt>{t['experience']}</dt><dd>{_e(card.years) if card.years else '—'}</dd>\n"
        f"<dt>{t['availability']}</dt><dd>{_e(card.availability) if card.availability else '—'}"
        f"{card.terms.availability_note}</dd>\n"
        f"{card.terms.facts}\n{languages}\n</dl>\n"
    )


def card(card, t, profile_url, thumb_url) -> str:
    hidden = f'<p class="error">{t["hidden"]}</p>' if card.hidden else ""
    skills = ""
    if card.skills:
        items = "".join(f"<li>{_e(skill)}</li>" for skill in card.skills)
        skills = f'<ul class="tags" aria-label="{t["skills"]}">{items}</ul>'
    return (
        f'<li class="dev-card">\n<article aria-labelledby="dev-{card.id}">\n'
        f"{_head(card, t, profile_url, thumb_url)}{hidden}\n{_facts(card, t)}{skills}\n"
        "</article>\n</li>"
    )


def cards(page_cards, t, profile_url, thumb_url) -> Markup:
    """The page's cards: each Card printed and kept, each card printed before as it was."""
    minute = utcnow().strftime("%Y%m%d%H%M")
    printed = [
        c
        if isinstance(c, card_cache.Printed)
        else card_cache.remember(c.key, card(c, t, profile_url, thumb_url), c.zone)
        for c in page_cards
    ]
    return Markup("".join(card_cache.html(c, minute) for c in printed))
