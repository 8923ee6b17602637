"""Pages that only read the signed-in account (the listing, a profile) get it as a plain
row (accounts/page_account.py), not an ORM instance: every check of the ORM path must hold
there too, on the very next request, and the row must be no less true."""

from datetime import timedelta

import pytest
from sqlalchemy import update

from outstaff.accounts.page_account import PageAccount
from outstaff.core.extensions import db
from outstaff.models import User, UserSession, utcnow
from tests.helpers import signed_in
from tests.helpers.pages import counted_statements

pytestmark = pytest.mark.usefixtures("app_ctx")

PAGES = ["/developers", "/developers/{profile}"]


def _behind_the_workers_back(table, user_id: int, **values) -> None:
    key = table.user_id if table is UserSession else table.id
    db.session.execute(update(table).where(key == user_id).values(**values))
    db.session.commit()
    db.session.expire_all()


def _url(path: str, profile) -> str:
    return path.format(profile=profile.id)


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize(
    "table, values",
    [
        (User, {"status": "suspended"}),
        (User, {"approval": "rejected"}),
        (User, {"role": "developer"}),
        (UserSession, {"ended_at": utcnow()}),  # signed out elsewhere, or "everywhere"
    ],
)
def test_a_change_elsewhere_closes_the_page_on_the_next_request(
    app, make_employer, make_profile, path, table, values
):
    profile = make_profile()
    employer = make_employer()
    browser = signed_in(app, employer)
    for _ in range(2):
        assert browser.get(_url(path, profile)).status_code == 200
    _behind_the_workers_back(table, employer.id, **values)
    assert browser.get(_url(path, profile)).status_code in (302, 403, 404)


@pytest.mark.parametrize("path", PAGES)
def test_an_expired_record_closes_the_page(app, make_employer, make_profile, path):
    profile = make_profile()
    employer = make_employer()
    browser = signed_in(app, employer)
    assert browser.get(_url(path, profile)).status_code == 200
    long_ago = utcnow() - app.config["REMEMBER_COOKIE_DURATION"] - timedelta(minutes=1)
    _behind_the_workers_back(UserSession, employer.id, created_at=long_ago)
    assert browser.get(_url(path, profile)).status_code == 302


@pytest.mark.parametrize("path", PAGES)
def test_a_blocked_employer_s_new_address_is_matched_on_the_next_request(
    app, make_employer, make_profile, path
):
    """The developer blocks rival.example; an employer moving to that domain loses the
    profile at once, though the page reads its address from the row."""
    profile = make_profile(first_name="Blocker", blocked=[("domain", "rival.example")])
    employer = make_employer()
    browser = signed_in(app, employer)
    assert "Blocker" in browser.get(_url(path, profile)).get_data(as_text=True)
    _behind_the_workers_back(User, employer.id, email="boss@rival.example")
    answer = browser.get(_url(path, profile))
    assert "Blocker" not in answer.get_data(as_text=True)


@pytest.mark.parametrize("path", PAGES)
def test_the_page_reads_the_account_in_the_session_s_statement_only(
    app, make_employer, make_profile, path
):
    profile = make_profile()
    browser = signed_in(app, make_employer())
    browser.get(_url(path, profile))
    with counted_statements() as statements:
        assert browser.get(_url(path, profile)).status_code == 200
    # The ORM's User load selects every column, the password hash among them.
    assert not [s for s in statements if "password_hash" in s]
    sessions = [s for s in statements if "FROM user_session" in s]
    assert len(sessions) == 1 and ".approval" in sessions[0]


def test_an_account_back_after_weeks_counts_as_active_from_the_listing(
    app, make_employer, make_profile
):
    """Retention warns inactive accounts: using the listing must reset that, although the
    listing's account is not an ORM instance."""
    make_profile()
    employer = make_employer()
    browser = signed_in(app, employer)
    weeks_ago = utcnow() - timedelta(weeks=3)
    _behind_the_workers_back(
        User, employer.id, last_seen_at=weeks_ago, inactivity_warned_at=weeks_ago
    )
    assert browser.get("/developers").status_code == 200
    account = db.session.get(User, employer.id)
    assert account.inactivity_warned_at is None
    assert account.last_seen_at > utcnow() - timedelta(minutes=1)


def test_the_page_account_holds_no_secret(app, make_employer):
    employer = make_employer()
    _behind_the_workers_back(User, employer.id, totp_secret="JBSWY3DPEHPK3PXP")
    with app.test_request_context("/developers"):
        from outstaff.accounts import page_account

        keys = {column.key for column in page_account.COLUMNS}
    assert "password_hash" not in keys and "totp_secret" not in keys


def test_what_the_row_lacks_is_read_from_the_account(app, make_employer):
    """A relationship, asked of a page account, is the ORM's answer."""
    employer = make_employer()
    with app.test_request_context("/developers"):
        from outstaff.accounts import page_account

        row = db.session.execute(
            page_account.statement().with_only_columns(*page_account.COLUMNS).where(False)
        ).first()
        assert row is None  # the statement is the loader's own, with its conditions
        columns = {column.key: getattr(employer, column.key) for column in page_account.COLUMNS}
        account = PageAccount(columns, "token", 0)
        assert account.employer_profile == db.session.get(User, employer.id).employer_profile
        assert account == employer and account.is_approved_employer


def test_an_admin_on_the_listing_is_the_full_account(app, make_user, make_profile):
    make_profile(first_name="Seen")
    browser = signed_in(app, make_user("admin"))
    assert "Seen" in browser.get("/developers").get_data(as_text=True)
