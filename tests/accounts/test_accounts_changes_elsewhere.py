"""Whatever another worker or an admin changes behind this worker's back, straight in the
database, takes effect on the very next request: whatever a worker keeps of the signed-in
user between requests must not outlive the rows it came from."""

import pytest
from sqlalchemy import update

from outstaff.core.extensions import db
from outstaff.models import User, UserSession, utcnow
from tests.helpers import signed_in, signed_in_email


def _behind_the_workers_back(table, user_id: int, **values) -> None:
    key = table.user_id if table is UserSession else table.id
    db.session.execute(update(table).where(key == user_id).values(**values))
    db.session.commit()
    db.session.expire_all()


def _warm(browser, path: str = "/account/") -> None:
    for _ in range(3):
        assert browser.get(path).status_code == 200


@pytest.mark.parametrize(
    "table, values",
    [
        (User, {"status": "suspended"}),
        (UserSession, {"ended_at": utcnow()}),  # signed out here or everywhere
        (User, {"password_hash": "changed elsewhere"}),  # with its records ended, below
    ],
)
def test_a_change_elsewhere_signs_the_browser_out_on_the_next_request(
    app, make_employer, table, values
):
    employer = make_employer()
    browser = signed_in(app, employer)
    _warm(browser)
    _behind_the_workers_back(table, employer.id, **values)
    if table is User and "password_hash" in values:
        _behind_the_workers_back(UserSession, employer.id, ended_at=utcnow())
    assert signed_in_email(browser) is None


def test_a_revoked_approval_closes_the_listing_on_the_next_request(app, make_employer):
    employer = make_employer()
    browser = signed_in(app, employer)
    _warm(browser, "/developers")
    _behind_the_workers_back(User, employer.id, approval="rejected")
    assert browser.get("/developers").status_code != 200


def test_a_new_address_shows_on_the_next_request(app, make_employer):
    employer = make_employer()
    browser = signed_in(app, employer)
    _warm(browser)
    _behind_the_workers_back(User, employer.id, email="moved@example.com")
    assert signed_in_email(browser) == "moved@example.com"
