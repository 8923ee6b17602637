"""Hostile query strings on every GET route, for every role: never a 500 (finding 13 and 14).

The routes come from `app.url_map`, so pages added later are fuzzed too. URL arguments are
filled with ids of real rows (so the pages get past their 404s), others with "x".
"""

from urllib.parse import quote, urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from werkzeug.routing import IntegerConverter

from outstaff.core.extensions import db
from outstaff.models import Feedback
from tests.helpers import sign_in

ROLES = ("anonymous", "developer", "employer", "admin")
# Every query-string key a view reads, and then some.
KEYS = [
    "page",
    "per_page",
    "q",
    "role",
    "status",
    "action",
    "actor",
    "state",
    "show",
    "topic",
    "contacts",
    "next",
    "v",
    "after",
    "before",
    "sort",
    "lang",
    "skills",
    "years",
    "profession",
    "country",
    "english",
    "availability",
    "x",
]
HUGE = "9" * 40
HOSTILE = {
    "huge": HUGE,
    "negative": "-1",
    "zero": "0",
    "empty": "",
    "words": "abc",
    "not decimal": "0x1e9",
    "unicode digits": "٣٤",
    "long": "a" * 3000,
    "wildcards": "%_\\",
}
PAGERS = [
    "/offers/",
    "/offers/shortlist",
    "/offers/viewers",
    "/admin/approvals",
    "/admin/users",
    "/admin/feedback",
    "/admin/audit",
    "/developers",
]


@pytest.fixture
def world(app, make_user, make_employer, make_developer, make_offer):
    """A developer, an approved employer with an offer to her, an admin and a message."""
    profile = make_developer(email="dev@example.com")
    employer = make_employer(email="boss@example.com")
    offer = make_offer(employer, profile)
    make_user("admin", email="admin@example.com")
    make_employer(email="pending@example.com", approval="pending")
    message = Feedback(
        name="Ann", email="ann@example.com", topic="other", message="A message long enough."
    )
    db.session.add(message)
    db.session.commit()
    ids = {
        "profile_id": profile.id,
        "offer_id": offer.id,
        "user_id": profile.user_id,
        "feedback_id": message.id,
    }
    clients = {"anonymous": app.test_client()}
    for role, email in [
        ("developer", "dev@example.com"),
        ("employer", "boss@example.com"),
        ("admin", "admin@example.com"),
    ]:
        clients[role] = app.test_client()
        assert sign_in(clients[role], email).status_code == 302
    return clients, get_paths(app, ids)


def get_paths(app, ids: dict) -> list[str]:
    paths = []
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        if "GET" not in rule.methods or rule.endpoint == "static":
            continue
        values = {
            name: ids.get(name, 1)
            if isinstance(converter, IntegerConverter)
            else {"size": "thumb", "action": "suspend"}.get(name, "x")
            for name, converter in rule._converters.items()
        }
        paths.append(rule.build(values, append_unknown=False)[1])
    return paths


@pytest.mark.parametrize("role", ROLES)
def test_hostile_query_strings_never_break_a_page(world, role):
    clients, paths = world
    failures = []
    for path in paths:
        for name, value in HOSTILE.items():
            response = clients[role].get(path + "?" + urlencode(dict.fromkeys(KEYS, value)))
            if response.status_code >= 500:
                failures.append((path, name, response.status_code))
    assert failures == []


@pytest.mark.parametrize("role", ["developer", "employer", "admin"])
@pytest.mark.parametrize(
    "query",
    [
        f"page={HUGE}",
        f"page={HUGE}&per_page={HUGE}",
        "page=-5&per_page=-5",
        "page=0&per_page=0",
        "page=10001",
        f"per_page={HUGE}",
        "page=1.5",
    ],
)
def test_huge_page_numbers_never_500_on_any_pager(world, role, query):
    clients, _paths = world
    for path in PAGERS:
        response = clients[role].get(f"{path}?{query}")
        assert response.status_code < 500, (path, response.status_code)


FUZZ = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@FUZZ
@given(data=st.data())
def test_random_query_strings_never_break_any_page(world, data):
    clients, paths = world
    role = data.draw(st.sampled_from(ROLES))
    path = data.draw(st.sampled_from(paths))
    pairs = data.draw(
        st.lists(
            st.tuples(
                st.one_of(st.sampled_from(KEYS), st.text(max_size=8)),
                st.one_of(
                    st.text(max_size=40),
                    st.sampled_from(list(HOSTILE.values())),
                    st.integers().map(str),
                ),
            ),
            max_size=6,
        )
    )
    query = "&".join(f"{quote(k, safe='')}={quote(v, safe='')}" for k, v in pairs)
    assert clients[role].get(f"{path}?{query}").status_code < 500
