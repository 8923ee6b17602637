"""The site's identity and readability: the logo and icons drawn inline, one date format per
locale, the privacy page's table where the text says and readable on a phone."""

import re
from datetime import UTC, date, datetime

from flask import render_template_string
from flask_babel import force_locale

from outstaff import personal_data


def test_every_page_shows_the_logo_mark_inline_and_nothing_from_elsewhere(client):
    page = client.get("/").get_data(as_text=True)
    header = page[page.index('<header class="site-header">') : page.index("</header>")]
    assert "<svg" in header and 'aria-hidden="true"' in header
    assert "http://" not in header.replace('xmlns="http://www.w3.org/2000/svg"', "")


def test_a_signed_in_developer_reaches_who_viewed_me_from_the_header(client, auth, make_user):
    auth.login(make_user("developer"))
    page = client.get("/").get_data(as_text=True)
    header = page[page.index('<header class="site-header">') : page.index("</header>")]
    assert 'href="/offers/viewers"' in header
    assert header.count("<svg") >= 3  # the logo and the links' icons


def test_an_approved_employer_reaches_the_shortlist_from_the_header(client, auth, make_employer):
    auth.login(make_employer())
    page = client.get("/").get_data(as_text=True)
    assert 'href="/offers/shortlist"' in page[: page.index("</header>")]


def test_one_date_format_per_locale_whatever_the_template_asked_for(app):
    day, moment = date(2026, 3, 5), datetime(2026, 3, 5, 14, 7, tzinfo=UTC)
    with app.test_request_context():
        with force_locale("en"):
            shown = {
                render_template_string("{{ d|date(f) }}", d=day, f=f)
                for f in (None, "short", "medium", "long")
            }
            assert shown == {"March 5, 2026"}
            assert render_template_string("{{ m|datetime('short') }}", m=moment).startswith(
                "March 5, 2026, "
            )
        with force_locale("ru"):
            assert render_template_string("{{ d|date('short') }}", d=day) == "5 марта 2026\u202fг."


def test_the_privacy_table_comes_where_the_text_says_below(client):
    page = client.get("/privacy").get_data(as_text=True)
    assert page.index("The table below") < page.index('id="data-we-store"')
    assert page.index('id="data-we-store"') < page.index("Information collected automatically")
    assert page.index('id="data-we-store"') < page.index("Contact us")


def test_the_privacy_table_names_each_kind_of_data_once(client, app):
    page = client.get("/privacy").get_data(as_text=True)
    table = page[page.index('id="data-we-store"') : page.index("</table>")]
    heads = re.findall(r'<th scope="row">([^<]+)</th>', table)
    assert heads.count("Questionnaire") == 1
    assert len(heads) == len(set(heads))
    with app.test_request_context():
        assert len({str(r["category"]) for r in personal_data.data_table()}) == len(heads)


def test_the_privacy_page_links_its_addresses(client, app):
    page = client.get("/privacy").get_data(as_text=True)
    email = app.config["CONTACT_EMAIL"]
    body = page[page.index("<main") : page.index("</main>")]
    assert f'<a href="mailto:{email}">{email}</a>' in body
    assert 2 * body.count(f">{email}<") == body.count(email)  # every mention is a mailto: link


def test_wide_tables_stack_on_phones_with_each_cell_labelled(client):
    page = client.get("/privacy").get_data(as_text=True)
    assert '<table class="stack-table">' in page
    assert 'data-label="Why"' in page
    with client.get("/static/css/site.css") as response:
        css = response.get_data(as_text=True)
    assert ".stack-table td::before" in css and "content: attr(data-label)" in css


def test_the_icon_sprite_is_current_and_every_used_icon_is_in_it(client):
    from pathlib import Path

    from outstaff.core import icons

    root = Path(__file__).resolve().parents[2]
    assert (root / "static/img/icons.svg").read_text(encoding="utf-8") == icons.sprite()
    used = set()
    for template in (root / "templates").rglob("*.html"):
        used |= {
            (("mini" if m[0] else "outline"), m[1])
            for m in re.findall(
                r"icon(_mini)?\('([a-z0-9-]+)'", template.read_text(encoding="utf-8")
            )
        }
    assert used <= {(style, n) for style, names in icons.ICONS.items() for n in names}
    with client.get("/static/img/icons.svg") as response:
        assert response.status_code == 200
