"""The home page speaks to both sides, says how employers are vetted and what stays private,
and shows live numbers from the database, counted cheaply and kept for a minute."""

import re
from datetime import timedelta

from sqlalchemy import event

from outstaff.core.extensions import db
from outstaff.models.base import utcnow


def numbers(page: str) -> list[int]:
    shown = re.findall(r'<span class="stat">([\d,]+)</span>', page)
    return [int(n.replace(",", "")) for n in shown]


def test_a_visitor_sees_both_sides_vetting_privacy_and_live_numbers(
    client, make_employer, make_developer, make_offer
):
    acme = make_employer("ACME")
    make_employer("Pending Co", approval="pending")
    ann = make_developer()
    bob = make_developer(is_published=False)
    make_developer(hidden_at=utcnow())  # hidden by an admin: not counted
    make_offer(acme, ann)
    make_offer(acme, bob, created_at=utcnow() - timedelta(days=40))  # before this month
    page = client.get("/").get_data(as_text=True)
    assert "I am a developer" in page and "I am hiring" in page
    assert "How employers are vetted" in page and "What stays private" in page
    assert numbers(page) == [1, 1, 1]
    assert "developer published" in page and "employer approved" in page


def test_the_numbers_cost_one_query_each_and_are_kept_for_a_minute(app, client):
    statements = []

    def record(conn, cursor, statement, *args):
        if "count(" in statement.lower():
            statements.append(statement)

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        client.get("/")
        first = len(statements)
        client.get("/")
    finally:
        event.remove(engine, "before_cursor_execute", record)
    assert first == 3
    assert len(statements) == 3  # the second visit reads the numbers kept from the first


def test_the_cookie_banner_leaves_the_hero_near_the_top(client):
    page = client.get("/").get_data(as_text=True)
    banner = page[page.index('<section class="consent-banner"') : page.index("</section>")]
    assert len(re.sub(r"<[^>]+>", "", banner).split()) < 70  # a short ask, not a wall of text
