"""A listing page's rows are kept per worker while the data version stays the same
(core/data_version.py): every write to what they are read from must move the number, by
any path, and whatever the number does not cover must never be answered from memory."""

from datetime import date

import pytest
from sqlalchemy import delete, insert, select, text, update

from outstaff.admin import service as admin_service
from outstaff.core import data_version
from outstaff.core.extensions import db
from outstaff.listing import forms, profile_filters, queries
from outstaff.models import (
    VERSIONED,
    DataVersion,
    DeveloperProfile,
    EmployerDomain,
    Offer,
    User,
)
from outstaff.questionnaire import service as questionnaire
from outstaff.search import index as search_index
from tests.helpers import card_names, counted_statements, signed_in

pytestmark = pytest.mark.usefixtures("app_ctx")


def version() -> int:
    return db.session.scalar(select(DataVersion.n).where(DataVersion.id == 1))


def listing(browser, query: str = "") -> str:
    answer = browser.get("/developers" + query)
    assert answer.status_code == 200
    return answer.get_data(as_text=True)


def block(profile, domain: str) -> None:
    """What the developer's block list form stores (questionnaire.service)."""
    questionnaire.add_block(profile, "domain", domain)


def _table(name: str):
    return db.metadata.tables[name]


@pytest.fixture
def every_versioned_table_has_rows(make_profile, employer):
    profile = make_profile(skills=("Python",), languages=("en",), blocked=[("domain", "x.example")])
    hours = _table("developer_hour")
    if not db.session.execute(select(hours).limit(1)).first():
        db.session.execute(insert(hours).values(profile_id=profile.id, utc_hour=9))
    db.session.commit()
    return profile


@pytest.mark.parametrize("name", sorted(VERSIONED))
@pytest.mark.parametrize("kind", ["update", "delete and insert"])
def test_a_write_by_plain_sql_to_a_versioned_table_moves_the_number(
    name, kind, every_versioned_table_has_rows
):
    """Not the ORM's doing: the database's triggers, so no write path can forget them."""
    table = _table(name)
    rows = [dict(row._mapping) for row in db.session.execute(select(table)).all()]
    assert rows, f"no row of {name} to write"
    before = version()
    if kind == "update":
        column = table.c["status" if name == "user" else next(iter(table.c.keys()))]
        db.session.execute(update(table).values({column.key: column}))
        db.session.commit()
        assert version() > before, f"an update of {name}.{column.key} left the version"
        return
    if name == "user":  # rows others point to: a new account instead
        db.session.execute(insert(table).values({**rows[0], "id": 10_000, "email": "n@x.example"}))
    else:
        db.session.execute(delete(table).where(*(table.c[k] == v for k, v in rows[0].items())))
        db.session.commit()
        assert version() > before, f"a delete from {name} left the version"
        before = version()
        db.session.execute(insert(table).values(rows[0]))
    db.session.commit()
    assert version() > before, f"an insert into {name} left the version"


def test_a_sign_in_or_a_page_seen_does_not_move_the_number(make_profile, app, employer):
    """The account's last use is written by pages; it must not empty every worker's memory."""
    make_profile()
    browser = signed_in(app, employer)
    before = version()
    db.session.execute(
        update(User).where(User.id == employer.id).values(last_seen_at=None, locale="ru")
    )
    db.session.commit()
    listing(browser)
    assert version() == before


def test_a_repeat_page_is_answered_without_its_query(app, employer, make_profile):
    for n in range(3):
        make_profile(first_name=f"Dev{n}")
    browser = signed_in(app, employer)
    first = listing(browser, "?profession=backend")
    with counted_statements() as statements:
        assert listing(browser, "?profession=backend") == first
    assert not [s for s in statements if "FROM developer_profile" in s.split("WHERE")[0]]


@pytest.mark.parametrize(
    "change",
    [
        "hidden by an admin",
        "owner suspended",
        "employer blocked by domain",
        "employer's new address blocked",
        "unpublished",
        "skill removed",
        "deleted",
    ],
)
def test_a_page_kept_in_memory_loses_the_profile_on_the_next_request(
    app, employer, make_user, make_profile, change
):
    profile = make_profile(first_name="Gone", skills=("Python",))
    make_profile(first_name="Stays", skills=("Python",))
    browser = signed_in(app, employer)
    query = "?skills=Python" if change == "skill removed" else ""
    for _ in range(2):
        assert sorted(card_names(listing(browser, query))) == ["Gone Tester", "Stays Tester"]
    if change == "hidden by an admin":
        admin_service.hide_profile(profile, make_user("admin"), "spam")
    elif change == "owner suspended":
        db.session.execute(update(User).where(User.id == profile.user_id).values(status="x"))
    elif change == "employer blocked by domain":
        block(profile, "acme.example.com")
    elif change == "employer's new address blocked":
        block(profile, "rival.example")
        db.session.commit()
        assert "Gone Tester" in listing(browser, query)
        db.session.execute(
            update(User).where(User.id == employer.id).values(email="hr@rival.example")
        )
        db.session.execute(delete(EmployerDomain).where(EmployerDomain.user_id == employer.id))
    elif change == "unpublished":
        db.session.execute(
            update(DeveloperProfile)
            .where(DeveloperProfile.id == profile.id)
            .values(is_published=False)
        )
    elif change == "skill removed":  # as the questionnaire saves it, the index with it
        questionnaire.set_skills(profile, ["Go"])
        questionnaire.refresh_derived(profile)
        search_index.sync(profile)
    else:
        db.session.execute(delete(DeveloperProfile).where(DeveloperProfile.id == profile.id))
    db.session.commit()
    assert card_names(listing(browser, query)) == ["Stays Tester"]


def test_a_new_profile_shows_on_a_page_kept_in_memory(app, employer, make_profile):
    make_profile(first_name="Old")
    browser = signed_in(app, employer)
    listing(browser), listing(browser)
    make_profile(first_name="New")
    assert sorted(card_names(listing(browser))) == ["New Tester", "Old Tester"]


def test_one_employer_s_page_is_not_another_s(app, employer, make_employer, make_profile):
    """The rows depend on who asks (blocks): the key holds the viewer's values."""
    make_profile(first_name="Blocker", blocked=[("domain", "acme.example.com")])
    make_profile(first_name="Open")
    other = signed_in(app, make_employer(email="hr@other.example"))
    assert sorted(card_names(listing(other))) == ["Blocker Tester", "Open Tester"]
    acme = signed_in(app, employer)
    assert card_names(listing(acme)) == ["Open Tester"]


def test_a_statement_reading_anything_else_is_never_kept():
    assert not data_version.kept(select(Offer.id))
    assert not data_version.kept(select(User.id, User.last_seen_at))
    assert not data_version.kept(select(DeveloperProfile.id).where(text("1 = 1")))
    assert data_version.kept(select(DeveloperProfile.id).where(DeveloperProfile.id > 3))
    assert data_version.kept(select(User.id).where(User.status == "active"))


@pytest.mark.parametrize(
    "query",
    [
        "",
        "?profession=backend&english=B1&availability=open",
        "?skills=Python&languages=de&years=3&country=DE",
        "?sort=experience",
        "?available_by=" + date.today().isoformat(),
    ],
)
def test_the_listing_s_page_statements_are_kept(app, employer, query):
    """Else the listing would run its query every time (what the benchmark measures)."""
    with app.test_request_context("/developers" + query):
        filters = forms.parse_request()
        profile_filters.resolve(filters, employer)
        statement, _values = queries.page_statement(employer, filters)
        assert data_version.kept(statement)
