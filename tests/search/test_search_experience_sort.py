"""A search sorted by experience lists whom the plain rule lists (every match with stated
experience, most years first, then the newest id), page by page both ways, whether the
matches are few (read from the index and sorted, or on SQLite the experience order walked
and each profile looked up in the list of them) or many (the experience order walked and
each profile looked up among the matches)."""

from urllib.parse import urlencode

import pytest
from sqlalchemy import event

from outstaff.core.extensions import db
from outstaff.listing import ranked
from tests.helpers import card_names, next_link

pytestmark = pytest.mark.usefixtures("app_ctx")


@pytest.fixture
def crowd(make_profile):
    """24 developers: Python for two in three, experience 0–7 years or unstated."""
    people = []
    for n in range(24):
        years = None if n % 9 == 4 else n % 8
        skills = ["Python", "Docker"] if n % 3 else ["Go"]
        profile = make_profile(first_name=f"Dev{n}", years_experience=years, skills=skills)
        people.append((profile.id, f"Dev{n}", years, "Python" in skills))
    hidden = make_profile(first_name="Hidden", years_experience=30, skills=["Python"])
    hidden.hidden_at = hidden.updated_at
    db.session.commit()
    return people


def plain(people) -> list[str]:
    found = [
        (years, pid, name) for pid, name, years, python in people if python and years is not None
    ]
    return [name for _years, _pid, name in sorted(found, reverse=True)]


def pages(client, rel="next", path=None) -> list[list[str]]:
    path = path or "/developers?" + urlencode({"q": "python", "sort": "experience", "per_page": 10})
    found = []
    while path:
        page = client.get(path).get_data(as_text=True)
        found.append([name.split()[0] for name in card_names(page)])
        path = next_link(page, rel)
    return found


# (cap, walked per sorted): few matches sorted, few walked (SQLite), then "many".
PLANS = [(ranked.TOTAL_CAP, 0), (ranked.TOTAL_CAP, 10**6), (3, 0)]


@pytest.mark.parametrize("cap, walked", PLANS, ids=["sorted", "listed", "many"])
def test_a_search_sorted_by_experience_lists_the_plain_order(
    client, auth, employer, crowd, monkeypatch, cap, walked
):
    monkeypatch.setattr(ranked, "TOTAL_CAP", cap)
    monkeypatch.setattr(ranked, "WALKED_PER_SORTED", walked)
    auth.login(employer)
    statements = []

    def capture(conn, cursor, statement, *args):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", capture)
    try:
        forward = pages(client)
    finally:
        event.remove(db.engine, "before_cursor_execute", capture)
    sorted_pages = [s for s in statements if "BY developer_profile.years_experience DESC" in s]
    # Few matches: the index drives (FROM it); many, or listed: the profiles' order is walked.
    from_index = {"FROM search_" in s.split("WHERE")[0] for s in sorted_pages}
    walks = cap == 3 or (walked and db.engine.dialect.name == "sqlite")
    assert from_index == {not walks}
    assert [name for page in forward for name in page] == plain(crowd)
    assert len(forward) == 2
    last = "/developers?" + urlencode({"q": "python", "sort": "experience", "per_page": 10})
    page = client.get(last).get_data(as_text=True)
    second = client.get(next_link(page)).get_data(as_text=True)
    back = client.get(next_link(second, "prev")).get_data(as_text=True)
    assert [n.split()[0] for n in card_names(back)] == forward[0]
