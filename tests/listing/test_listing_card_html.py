"""The listing's cards are built in Python (listing/card_html.py) to the byte of the
`dev_card` macro they replace, whatever a developer typed into them."""

import pytest
from markupsafe import Markup

from outstaff.listing import card_html
from outstaff.listing.profile_cards import EMPTY, CardTerms
from outstaff.listing.queries import Card

LABELS = {
    "developer": Markup("Developer"),
    "hidden": Markup("Hidden by an administrator"),
    "english": Markup("English"),
    "experience": Markup("Experience"),
    "availability": Markup("Availability"),
    "languages": Markup("Languages"),
    "skills": Markup("Skills & tools"),
}
PLAIN = dict(
    id=7,
    name="Ann Lee",
    profession="Backend developer",
    country="Kazakhstan",
    english="B2",
    years="5 years",
    availability="Open to offers",
    photo_id=None,
    hidden=False,
)
TERMS = CardTerms(
    availability_note=Markup(' · from 2027-01-10 <span class="muted">(x)</span>'),
    facts=Markup("<dt>Rate expectation</dt><dd>50 USD per hour</dd>\n"),
)
CARDS = [
    Card(**PLAIN, terms=CardTerms(EMPTY, EMPTY)),
    Card(
        **{**PLAIN, "photo_id": 3, "hidden": True},
        languages=["English", "Русский"],
        skills=["Python", "C++"],
        terms=TERMS,
    ),
    Card(
        **{**PLAIN, "name": "", "country": "", "english": "", "years": "", "availability": ""},
        terms=CardTerms(EMPTY, EMPTY),
    ),
    Card(
        **{
            **PLAIN,
            "name": '<script>alert("x")</script> & Co',
            "profession": "Dev <b>ops</b>",
            "country": "A&B",
        },
        languages=["<i>x</i>"],
        skills=["<img src=x>", "a & b", "'quoted'"],
        terms=TERMS,
    ),
]


def profile_url(profile_id: int) -> str:
    return f"/developers/{profile_id}"


def thumb_url(profile_id: int) -> str:
    return f"/questionnaire/photo/{profile_id}/thumb?v=a&b=<c>"


@pytest.mark.parametrize("thumbs", [thumb_url, None])
@pytest.mark.parametrize("card", CARDS, ids=["plain", "photo-hidden-tags", "empty", "hostile"])
def test_a_card_reads_as_the_template_wrote_it(app, card, thumbs):
    with app.test_request_context("/developers"):
        macro = app.jinja_env.get_template("listing/_card.html").module.dev_card
        expected = str(macro(card, LABELS, profile_url, thumbs))
        built = card_html.cards([card], LABELS, profile_url, thumbs)
    assert built == expected
    assert "<script>" not in built and "<img src=x>" not in built
