"""A query string is read into filters once per locale and reused (listing.forms.
parse_request): what one request adds to its filters must not reach the next one."""

import pytest

from outstaff.core.extensions import db

pytestmark = pytest.mark.usefixtures("app_ctx")


def page(client, query: str) -> str:
    answer = client.get(f"/developers?{query}")
    assert answer.status_code == 200
    return answer.get_data(as_text=True)


def test_a_notice_added_for_one_request_is_not_shown_twice(client, auth, employer, make_profile):
    make_profile()
    auth.login(employer)
    query = "rate_from=100&rate_currency=KZT&profession=astronaut"
    for _ in range(3):
        text = page(client, query)
        assert text.count("No exchange rate for KZT") == 1
        assert text.count("“astronaut” is not one we know") == 1


def test_notices_are_read_again_in_the_readers_language(client, auth, employer, make_profile):
    make_profile()
    auth.login(employer)
    assert "is not one we know" in page(client, "profession=astronaut")
    employer.locale = "ru"
    db.session.commit()
    text = page(client, "profession=astronaut")
    assert "is not one we know" not in text and "astronaut" in text


def test_two_employers_with_different_hours_share_no_overlap_filter(
    client, app, auth, employer, make_employer, make_profile
):
    make_profile()
    auth.login(employer)  # no working hours in the company profile
    assert "Add your time zone and working hours" in page(client, "overlap=2")
    other = make_employer()
    other.employer_profile.time_zone = "Europe/Berlin"
    other.employer_profile.work_start, other.employer_profile.work_end = 9, 17
    db.session.commit()
    second = app.test_client()
    auth.__class__(second).login(other)
    assert "Add your time zone and working hours" not in page(second, "overlap=2")
