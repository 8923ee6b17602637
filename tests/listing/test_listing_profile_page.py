"""What the profile page shows an approved employer (and what the developer's own preview
shows, since both print the same questionnaire): every field a developer can fill in,
escaped, contacts shown or kept back as the developer chose, the shortlist and offer
buttons as the employer's offers stand, in the reader's language."""

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from flask import render_template
from flask_babel import force_locale

from outstaff import visibility
from outstaff.core.extensions import db
from outstaff.listing import profile_html, profile_page
from outstaff.models import BlockedCompany, EmployerDomain, ShortlistEntry, WorkHistoryEntry
from tests.helpers import sign_in
from tests.helpers.pages import counted_statements
from tests.helpers.profiles import with_photo

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)

RICH = {
    "first_name": "Anna",
    "last_name": "<b>Kowalska</b>",
    "current_company": "Globex & Sons",
    "country": "PL",
    "english_level": "C1",
    "profession": "backend",
    "years_experience": 7,
    "availability": "open",
    "bio": "Likes <script>boring</script> systems.",
    "phone": "+48221234567",
    "telegram": "anna_dev",
    "contact_visibility": "employers",
    "rate_min": 4000,
    "rate_max": 5000,
    "rate_currency": "EUR",
    "rate_period": "month",
    "remote": True,
    "onsite": True,
    "onsite_city": "Kraków",
    "relocation": True,
    "relocation_countries": ",DE,NL,",
    "link_github": "https://github.com/anna",
    "link_gitlab": "https://gitlab.com/anna",
    "link_linkedin": "https://www.linkedin.com/in/anna",
    "link_website": "https://anna.example.com/?a=1&b=<2>",
    "time_zone": "Europe/Warsaw",
    "work_start": 9,
    "work_end": 17,
    "available_from": date(2027, 1, 10),
    "availability_confirmed_at": NOW - timedelta(days=2),
}


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def rich(frozen, make_profile):
    """A questionnaire with every field, a photo, two jobs (one company kept back)."""
    profile = make_profile(
        languages=("pl", "en", "de"), skills=("Python", "C++ & <Rust>", "SQL"), **RICH
    )
    db.session.add_all(
        [
            WorkHistoryEntry(
                profile_id=profile.id,
                role="Lead <engineer>",
                company="Initech",
                start_month=date(2022, 3, 1),
                summary="Payments & billing.",
            ),
            WorkHistoryEntry(
                profile_id=profile.id,
                role="Developer",
                company="Secret Co",
                company_hidden=True,
                start_month=date(2018, 1, 1),
                end_month=date(2022, 2, 1),
            ),
        ]
    )
    db.session.commit()
    return with_photo(profile)


def page_of(client, profile) -> str:
    response = client.get(f"/developers/{profile.id}")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def article(page: str) -> str:
    """The questionnaire itself, without the layout around it."""
    return page[page.index('<article class="profile"') : page.index("</article>")]


def test_an_employer_reads_every_field_of_a_rich_questionnaire(client, auth, employer, rich):
    auth.login(employer)
    page = page_of(client, rich)
    assert "<title>Anna &lt;b&gt;Kowalska&lt;/b&gt;" in page
    assert f'<h1 id="profile-{rich.id}-name">Anna &lt;b&gt;Kowalska&lt;/b&gt;</h1>' in page
    assert f"/questionnaire/{rich.id}/photo/large?v={rich.photo.large_sha[:12]}" in page
    assert 'alt="Photo of Anna &lt;b&gt;Kowalska&lt;/b&gt;"' in page
    for shown in (
        '<p class="profile-profession">Back-end developer</p>',
        '<p class="pill pill-open">',
        "<dt>Country</dt><dd>Poland</dd>",
        "<dt>Experience</dt><dd>7 years</dd>",
        "<dt>Languages</dt><dd>German, English, Polish</dd>",
        "<dt>Current company</dt><dd>Globex &amp; Sons</dd>",
        "<dt>Rate expectation</dt><dd>4,000–5,000 EUR per month</dd>",
        "Remote; On-site in Kraków; Relocation to Germany, Netherlands",
        "<dt>Available from</dt><dd>January 10, 2027</dd>",
        "local time 13:00",
        "<dt>Working hours</dt><dd>09:00–17:00</dd>",
        'href="https://anna.example.com/?a=1&amp;b=&lt;2&gt;"',
        ">GitHub<",
        ">Portfolio or site<",
        "<li>C++ &amp; &lt;Rust&gt;</li>",
        "<strong>Lead &lt;engineer&gt;</strong> · Initech",
        "– now</span>",
        "<p>Payments &amp; billing.</p>",
        "Likes &lt;script&gt;boring&lt;/script&gt; systems.",
        '<a href="tel:+48221234567">+48 22 123 45 67</a>',
        '<a href="https://t.me/anna_dev"',
        "Save to shortlist",
        "Make an offer",
    ):
        assert shown in page, shown
    assert "Secret Co" not in page  # the developer kept this company back
    assert "Availability not confirmed" not in page
    assert "An administrator has hidden" not in page
    assert "<script>boring" not in page and "<b>Kowalska" not in page


def test_contacts_wait_for_an_accepted_offer_when_the_developer_says_so(
    client, auth, employer, rich, make_offer
):
    rich.contact_visibility = "after_accept"
    db.session.commit()
    auth.login(employer)
    page = article(page_of(client, rich))
    assert "shares email, phone and Telegram once they accept your offer" in page
    assert "tel:" not in page and "t.me/" not in page and "mailto:" not in page

    make_offer(employer, rich, state="accepted")
    page = article(page_of(client, rich))
    assert f'<a href="mailto:{rich.user.email}">' in page and "tel:+48221234567" in page


def test_the_buttons_follow_the_shortlist_and_the_open_offer(
    client, auth, employer, rich, make_offer
):
    db.session.add(ShortlistEntry(employer_id=employer.id, developer_id=rich.user_id))
    db.session.commit()
    offer = make_offer(employer, rich, state="viewed")
    auth.login(employer)
    page = page_of(client, rich)
    assert "Remove from shortlist" in page and "Save to shortlist" not in page
    assert f'<a href="/offers/{offer.id}">You have an open offer: ' in page
    assert "Make an offer" not in page


def test_a_sparse_questionnaire_shows_what_it_has_and_no_empty_facts(
    client, auth, employer, frozen, make_profile
):
    profile = make_profile(**SPARSE)
    auth.login(employer)
    page = page_of(client, profile)
    assert "<title>Developer" in page
    assert f'<h1 id="profile-{profile.id}-name">Name not given</h1>' in page
    assert '<div class="avatar avatar-large avatar-empty" aria-hidden="true"></div>' in page
    assert '<p class="profile-profession">Sound &lt;designer&gt;</p>' in page
    assert "Availability not confirmed" in page
    for absent in ("<dt>Country", "<dt>Experience", "<dt>Languages", "Skills</h2>", "About</h2>"):
        assert absent not in page, absent


def test_an_admin_sees_a_hidden_questionnaire_with_its_contacts_and_no_buttons(
    client, make_user, rich, app
):
    rich.hidden_at = NOW
    db.session.commit()
    sign_in(client, make_user("admin"))
    page = page_of(client, rich)
    assert "An administrator has hidden this questionnaire" in page
    assert "tel:+48221234567" in page
    assert "Make an offer" not in page and "shortlist" not in page


def test_a_russian_reader_gets_the_page_in_russian(client, auth, make_employer, rich):
    auth.login(make_employer(locale="ru"))
    page = page_of(client, rich)
    assert "<dt>Страна</dt><dd>Польша</dd>" in page
    assert "Country" not in page and "Make an offer" not in page


def test_the_developer_previews_what_employers_read(client, auth, rich, employer):
    rich.contact_visibility = "after_accept"
    db.session.commit()
    auth.login(employer)
    employer_page = page_of(client, rich)
    auth.logout()
    auth.login(rich.user)
    preview = client.get("/questionnaire/preview").get_data(as_text=True)
    shown = client.get("/questionnaire/preview?contacts=shown").get_data(as_text=True)

    assert article(preview) == article(employer_page)
    assert "tel:+48221234567" in article(shown) and "tel:" not in article(preview)


def _suspend_owner(profile, employer):
    profile.user.status = "suspended"


def _hide(profile, employer):
    profile.hidden_at = NOW


def _unpublish(profile, employer):
    profile.is_published = False


def _block_company(profile, employer):
    db.session.add(
        BlockedCompany(
            profile_id=profile.id,
            user_id=profile.user_id,
            kind="company",
            value="Acme",
            value_norm=visibility.normalize_company("Acme"),
        )
    )


def _block_an_address_the_employer_used(profile, employer):
    db.session.add(EmployerDomain(user_id=employer.id, domain="old-acme.example"))
    db.session.add(
        BlockedCompany(
            profile_id=profile.id,
            user_id=profile.user_id,
            kind="domain",
            value="old-acme.example",
            value_norm="old-acme.example",
        )
    )


def _revoke_approval(profile, employer):
    employer.approval = "rejected"


@pytest.mark.parametrize(
    ("change", "status"),
    [
        (_suspend_owner, 404),
        (_hide, 404),
        (_unpublish, 404),
        (_block_company, 404),
        (_block_an_address_the_employer_used, 404),
        (_revoke_approval, 403),
    ],
)
def test_the_page_closes_on_the_very_next_request(client, auth, employer, rich, change, status):
    url = f"/developers/{rich.id}"
    auth.login(employer)
    assert client.get(url).status_code == 200
    change(rich, employer)
    db.session.commit()
    assert client.get(url).status_code == status


QUESTIONNAIRE_AND_VIEWER = (
    "developer_profile",
    "work_history_entry",
    "developer_language",
    "developer_skill",
    "blocked_company",
    "employer_profile",
    "employer_domain",
    "shortlist_entry",
    "offer",
    "profile_view",
)


def page_reads(statements: list[str]) -> list[str]:
    # The signed-in session's statement (with its offers badge) belongs to every page.
    page_statements = [s for s in statements if "user_session" not in s]
    selects = [s for s in page_statements if s.lstrip().upper().startswith(("SELECT", "WITH"))]
    return [s for s in selects if any(t in s for t in QUESTIONNAIRE_AND_VIEWER)]


def test_an_employer_s_repeat_visit_reads_the_questionnaire_in_one_statement(
    client, auth, employer, rich, make_offer
):
    """The questionnaire with the rule, the buttons and today's view in one; its history,
    languages and skills in another the first time only (the article is printed from
    memory after); nothing written on a second visit the same day."""
    make_offer(employer, rich, state="sent")
    url = f"/developers/{rich.id}"
    auth.login(employer)
    with counted_statements() as statements:
        assert client.get(url).status_code == 200
    assert len(page_reads(statements)) == 2, page_reads(statements)
    with counted_statements() as statements:
        assert client.get(url).status_code == 200
    assert len(page_reads(statements)) == 1, page_reads(statements)
    assert not [
        s
        for s in statements
        if s.lstrip().upper().startswith(("INSERT", "UPDATE")) and "profile_view" in s
    ]


SPARSE = dict(
    first_name=None,
    last_name=None,
    profession="other",
    profession_other="Sound <designer>",
    country=None,
    english_level=None,
    years_experience=None,
    languages=(),
    skills=(),
    available_from=date(2027, 2, 1),
)
SINGLE_RATE = dict(
    rate_min=30,
    rate_currency="USD",
    rate_period="hour",
    time_zone="Asia/Almaty",
    onsite=True,
    relocation=True,
    link_website="https://x.example",
    availability="not_now",
    years_experience=1,
    phone=None,
    telegram="",
)
BUTTONS = [
    None,
    {"shortlisted": False, "open_offer": None},
    {"shortlisted": True, "open_offer": profile_page.OpenOffer(5, "sent")},
    {"shortlisted": False, "open_offer": profile_page.OpenOffer(6, "viewed")},
]


@pytest.mark.parametrize("locale", ["en", "ru"])
def test_the_questionnaire_built_in_python_is_the_templates_to_the_byte(
    app, employer, rich, make_profile, locale
):
    """listing/profile_html.py against its references, profiles/_profile.html and
    offers/_profile_actions.html, for the ORM's questionnaire (the preview) and the
    profile page's plain one, whatever was filled in."""
    others = [make_profile(**SPARSE, availability=None), make_profile(**SINGLE_RATE)]
    with app.test_request_context(f"/developers/{rich.id}"), force_locale(locale):
        for orm in (rich, *others):
            app.extensions.pop("profile_articles", None)  # printed now: history and all read
            plain = profile_page.load(employer, orm.id).profile
            for profile in (orm, plain):
                for shown in (True, False):
                    expected = render_template(
                        "profiles/_profile.html", profile=profile, show_contacts=shown
                    )
                    assert profile_html.article(profile, shown) == expected
            for state in BUTTONS:
                expected = render_template(
                    "offers/_profile_actions.html", profile=plain, offer_state=state
                )
                assert profile_html.actions(plain, state) == expected
