"""Whatever the query string or profile number, the listing answers 200/404, never 500.

A query string with a control character (a NUL, a line break...) is refused with 400, as on
every page (outstaff/input_rules.py); anything else is read with notices, 200.
"""

from urllib.parse import quote, urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from werkzeug.test import EnvironBuilder

from outstaff.core.input_rules import has_control_characters

KEYS = [
    "q",
    "profession",
    "country",
    "lang",
    "english",
    "availability",
    "skills",
    "years",
    "sort",
    "per_page",
    "after",
    "before",
    "page",
    "x",
]
VALUES = st.one_of(
    st.text(max_size=60),
    st.text(alphabet="0123456789-.eu", max_size=25),
    st.sampled_from(
        [
            "backend",
            "DE",
            "de",
            "B1",
            "native",
            "open",
            "experience",
            "50",
            "0",
            "-1",
            "u1.1",
            "e99.1",
            "u99999999999999999.999999999999",
            "%",
            "_",
            "\x00",
            "Иван",
            "a" * 5000,
            "9" * 40,
        ]
    ),
)
FUZZ = settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.fixture
def signed_in(client, auth, employer, make_profile):
    for i in range(3):
        make_profile(first_name=f"Fuzz{i}", skills=["Python", "Go"], languages=["en", "de"])
    auth.login(employer)
    return client


def expected_status(query_string: str) -> int:
    """400 when the query string, as the app decodes it, carries a control character."""
    args = EnvironBuilder(query_string=query_string).get_request().args
    pairs = [text for pair in args.items(multi=True) for text in pair]
    return 400 if any(has_control_characters(text) for text in pairs) else 200


@FUZZ
@given(params=st.lists(st.tuples(st.sampled_from(KEYS), VALUES), max_size=8))
def test_query_strings_never_break_the_listing(signed_in, params):
    query = urlencode(params)
    response = signed_in.get("/developers?" + query)
    assert response.status_code == expected_status(query)


@FUZZ
@given(raw=st.text(max_size=80))
def test_raw_query_strings_never_break_the_listing(signed_in, raw):
    # "%", "&" and "=" stay raw: broken escapes and odd pairs reach the parser as typed.
    query = quote(raw, safe="=&%+;")
    response = signed_in.get("/developers?" + query)
    assert response.status_code == expected_status(query)


@pytest.mark.parametrize("number", ["0", str(2**31), "9" * 19, "9" * 30, "-1", "1e3", "%00"])
def test_profile_numbers_never_break_the_page(signed_in, number):
    assert signed_in.get(f"/developers/{number}").status_code == 404
