"""A listing page's rows are kept per worker while the data version stays the same
(core/data_version.py): every write to what they are read from must move the number, by
any path, and whatever the number does not cover must never be answered from memory."""

from datetime import date

import pytest
from sqlalchemy import column, delete, insert, literal_column, select, table, text, update

from outstaff.admin import service as admin_service
from outstaff.core import data_version
from outstaff.core.extensions import db
from outstaff.listing import forms, profile_filters, queries, ranked
from outstaff.models import (
    DERIVED,
    VERSIONED,
    DataVersion,
    DeveloperProfile,
    EmployerDomain,
    Offer,
    User,
)
from outstaff.questionnaire import service as questionnaire
from outstaff.search import index as search_index
from outstaff.search import match
from outstaff.search import sql as search_sql
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


SEARCHES = ["?q=Python", "?q=Pyth", "?q=Pythn", '?q="Python developer"', "?q=Python&sort=updated"]


@pytest.mark.parametrize("query", SEARCHES)
def test_a_repeated_search_is_answered_without_its_page_or_vocabulary_queries(
    app, employer, make_profile, query
):
    for n in range(3):
        make_profile(first_name=f"Dev{n}", skills=("Python",), bio="A Python developer.")
    browser = signed_in(app, employer)
    first = listing(browser, query)
    assert len(card_names(first)) == 3
    with counted_statements() as statements:
        assert listing(browser, query) == first
    pages = [s for s in statements if "first_name" in s and "search_" in s]
    vocabulary = [s for s in statements if "search_term" in s or "search_neighbour" in s]
    assert (pages, vocabulary) == ([], [])


@pytest.mark.parametrize(
    "change", ["hidden by an admin", "unpublished", "words edited", "index row deleted"]
)
def test_a_kept_search_page_follows_the_index_on_the_next_request(
    app, employer, make_user, make_profile, change
):
    profile = make_profile(first_name="Gone", skills=("Kubernetes",))
    make_profile(first_name="Stays", skills=("Kubernetes",))
    browser = signed_in(app, employer)
    for _ in range(2):
        assert sorted(card_names(listing(browser, "?q=k8s"))) == ["Gone Tester", "Stays Tester"]
    if change == "hidden by an admin":
        admin_service.hide_profile(profile, make_user("admin"), "spam")
    elif change == "unpublished":
        profile.is_published = False
        search_index.sync(profile)
    elif change == "words edited":  # as the questionnaire saves it, the index with it
        questionnaire.set_skills(profile, ["Haskell"])
        questionnaire.refresh_derived(profile)
        search_index.sync(profile)
    else:  # not the app's doing: the index's row deleted by plain SQL
        db.session.execute(
            text("DELETE FROM search_document WHERE profile_id = :p"), {"p": profile.id}
        )
    db.session.commit()
    assert card_names(listing(browser, "?q=k8s")) == ["Stays Tester"]
    if change == "words edited":
        assert card_names(listing(browser, "?q=Haskell")) == ["Gone Tester"]


def test_a_rebuild_of_the_index_moves_the_number(make_profile):
    """The bulk load sets search_document's triggers aside: it moves the number itself."""
    make_profile(skills=("Python",))
    before = version()
    search_index.rebuild()
    db.session.commit()
    assert version() > before


def test_the_derived_tables_are_written_by_search_document_s_triggers_alone():
    """DERIVED tables are read by kept statements: no other table's trigger writes them
    (search.index's bulk loads move the number themselves: the test above)."""
    writers = _trigger_writers()
    assert writers, "no trigger writes the derived tables"
    assert {table for table, _writes in writers} == {"search_document"}


def _trigger_writers() -> list[tuple[str, str]]:
    """(table, trigger) of every trigger whose body names a DERIVED table."""
    if db.engine.dialect.name == "sqlite":
        rows = db.session.execute(
            text("SELECT tbl_name, sql FROM sqlite_master WHERE type = 'trigger'")
        ).all()
    else:
        rows = db.session.execute(
            text(
                "SELECT c.relname, p.prosrc FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid"
                " JOIN pg_proc p ON p.oid = t.tgfoid WHERE NOT t.tgisinternal"
            )
        ).all()
    derived = [name for name in DERIVED if name != "search_fts"]
    found = [(table, body) for table, body in rows if any(d in body for d in derived)]
    fts = [(table, body) for table, body in rows if "INTO search_fts" in body]
    return found + fts


@pytest.mark.parametrize("words", ["python", "kube", "pythn", '"python developer"', "k8s go"])
@pytest.mark.parametrize("filters", ["", "&profession=backend&country=DE&skills=Python"])
@pytest.mark.parametrize("sort", ["", "&sort=updated", "&sort=experience"])
def test_the_search_s_page_statements_are_kept(app, employer, make_profile, words, filters, sort):
    make_profile(skills=("Python", "Go", "Kubernetes"), bio="A Python developer.")
    with app.test_request_context("/developers?q=" + words + filters + sort):
        f = forms.parse_request()
        profile_filters.resolve(f, employer)
        _query, expressions = ranked.search_of(f)
        parts = ["all", "among", "listed"] if f.sort == "experience" else ["all", "strong", "rest"]
        for part in parts:
            search = search_sql.part(part, expressions)
            statement, _values = queries.page_statement(employer, f, search)
            assert data_version.kept(statement), part
    for statement in (
        match._starting_statement(True),
        match._starting_statement(False),
        match._similar_statement(),
        match._neighbours_statement(),
        match._near_statement(),
    ):
        assert data_version.kept(statement)


def test_literal_sql_naming_a_table_is_never_kept():
    assert not data_version.kept(select(literal_column("search_document.doc")))
    assert not data_version.kept(select(literal_column("offer.id")))
    assert data_version.kept(select(DeveloperProfile.id, literal_column("'simple'")))
    assert not data_version.kept(select(table("offer", column("id")).c.id))


def test_a_subquery_of_anything_else_is_never_kept():
    inner = select(Offer.id).subquery()
    assert not data_version.kept(select(inner.c.id))
    kept_inner = select(DeveloperProfile.id).subquery()
    assert data_version.kept(select(kept_inner.c.id))


def test_a_kept_search_page_of_one_employer_is_not_shown_to_the_blocked_one(
    app, employer, make_employer, make_profile
):
    """The blocked employer asks the same search after another employer: the key holds the
    viewer's values, so the blocker's card never reaches the blocked employer."""
    make_profile(
        first_name="Blocker", skills=("Kubernetes",), blocked=[("domain", "acme.example.com")]
    )
    make_profile(first_name="Open", skills=("Kubernetes",))
    other = signed_in(app, make_employer(email="hr@other.example"))
    assert sorted(card_names(listing(other, "?q=k8s"))) == ["Blocker Tester", "Open Tester"]
    acme = signed_in(app, employer)
    assert card_names(listing(acme, "?q=k8s")) == ["Open Tester"]
