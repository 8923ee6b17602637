"""The listing's SQL: one query for a page of cards, one for their languages and skills.

Built to stay fast at 100,000 profiles, on SQLite and PostgreSQL alike:
- keyset pagination on (updated_at, id) or (years_experience, id): page 50 costs what page 1
  costs, where OFFSET would read and drop 980 rows first;
- composite indexes on DeveloperProfile that start with `is_published`, then the common
  filter (profession, country), then the sort key and id, so one index range both filters
  and orders, and LIMIT stops the scan after a page;
- only the columns a card shows, as plain rows; no count of matches per request;
- the same number of queries whatever the page size (a test counts them).
"""

from dataclasses import dataclass, field
from functools import lru_cache

from sqlalchemy import Integer, and_, bindparam, exists, literal, or_, select, union_all

from outstaff import choices, visibility
from outstaff.core import data_version
from outstaff.core.extensions import db
from outstaff.listing import card_cache, labels, profile_cards, profile_filters
from outstaff.listing.forms import Cursor, Filters
from outstaff.models import (
    DeveloperLanguage,
    DeveloperProfile,
    DeveloperSkill,
    SearchDocument,
    utcnow,
)
from outstaff.search import sql as search_sql
from outstaff.search import text as words

P = DeveloperProfile
CARD_COLUMNS = (
    P.id,
    P.first_name,
    P.last_name,
    P.profession,
    P.profession_other,
    P.country,
    P.english_level,
    P.years_experience,
    P.availability,
    P.photo_id,
    P.updated_at,
    P.hidden_at,
    *profile_cards.CARD_COLUMNS,
)
SORT_KEYS = {"updated": P.updated_at, "experience": P.years_experience}


@dataclass
class Card:
    """What one card shows, ready to print."""

    id: int
    name: str
    profession: str
    country: str
    english: str
    years: str
    availability: str
    photo_id: int | None
    hidden: bool
    languages: list[str] = field(default_factory=list)
    skills: list[str] = field(default_factory=list)
    terms: object = None  # profile_cards.CardTerms: rate, where, local time, confirmed
    zone: str | None = None  # for the local time, put in as the card is printed
    key: tuple | None = None  # listing.card_cache's key: the row and the locale


@dataclass
class Page:
    cards: list  # Card, or card_cache.Printed for a card printed before
    next: Cursor | None
    previous: Cursor | None


def _bound(f: Filters, viewer) -> tuple[tuple, dict]:
    """(shape, values) of the page's query: the shape picks a statement built once, the
    values fill its parameters, so a request builds no SQL at all."""
    viewer_shape, values = visibility.viewer_binds(viewer)
    values = dict(values, limit=f.per_page + 1)
    for name in ("profession", "country", "availability", "min_years"):
        if getattr(f, name):
            values[name] = getattr(f, name)
    if f.english:
        values["english_rank"] = choices.ENGLISH_RANK[f.english]
    values.update({f"lang_{i}": item for i, item in enumerate(f.languages)})
    # A skill filter finds every spelling the vocabulary knows (k8s: Kubernetes, кубер, …).
    values.update({f"skill_{i}": words.spellings(item) for i, item in enumerate(f.skills)})
    direction = None
    if f.cursor is not None:
        values.update(key=f.cursor.key_value, cursor_id=f.cursor.id)
        direction = "before" if f.cursor.before else "after"
    shape = (
        viewer_shape,
        f.sort,
        direction,
        bool(f.profession),
        bool(f.country),
        bool(f.english),
        bool(f.availability),
        bool(f.min_years),
        len(f.languages),
        len(f.skills),
        profile_filters.bind(f, values),
        None,  # a query of the index, last: (part, flags), set by `page_statement`
    )
    profile_cards.bind(values, utcnow())
    return shape, values


def _statement(shape: tuple):
    return _statement_for(shape, search_sql.dialect())


@lru_cache(maxsize=512)
def _statement_for(shape: tuple, dialect: str):
    """The page's query of one shape, built for one database (`dialect`: a process may serve
    more than one, as the benchmark does; the index's SQL differs)."""
    (
        viewer_shape,
        sort,
        direction,
        profession,
        country,
        english,
        availability,
        min_years,
        languages,
        skills,
        terms_filters,
        search,
    ) = shape
    part, flags, windowed = search if search is not None else (None, (False, False, 0), False)
    # On the index's own order (seq, newest first): a search by relevance, or any query of
    # the index sorted by the last update.
    by_seq = part not in (None, "among", "listed") and sort in ("relevance", "updated")
    sort_key = search_sql.seq_column() if by_seq else SORT_KEYS[sort]
    where = [
        # `is_published` stands alone at the top level (besides its place in the visibility
        # rule) so the planner uses the listing indexes, which all start with it.
        P.is_published,
        visibility.visible_clause_for(viewer_shape),
    ]
    if not flags[1]:  # else the index holds these filters (search.facets)
        where += _row_filters(profession, country, english, availability, min_years)
        where += _tag_filters(languages, skills)
    if part == "among":
        where.append(search_sql.among_clause(P.id, flags))
    elif part == "listed":
        where.append(search_sql.listed_clause(P.id, flags))
    elif part is not None:
        where.append(search_sql.match_clause(part, flags))
    where += profile_filters.where_clauses(terms_filters)
    if sort == "experience":
        where.append(P.years_experience.is_not(None))
    # Keyset: a range on the sort key (which both SQLite and PostgreSQL seek the index to),
    # then a tie-break on id.
    key, cursor_id = bindparam("key"), bindparam("cursor_id")
    if by_seq:  # seq is unique: no tie-break
        where += [sort_key >= bindparam("floor")] if windowed else []
        where += [sort_key < key] if direction == "after" else []
        where += [sort_key > key] if direction == "before" else []
        order = (sort_key.asc(),) if direction in ("before", "up") else (sort_key.desc(),)
    else:
        if direction == "after":
            where.append(and_(sort_key <= key, or_(sort_key < key, P.id < cursor_id)))
        elif direction == "before":
            where.append(and_(sort_key >= key, or_(sort_key > key, P.id > cursor_id)))
        order = (
            (sort_key.asc(), P.id.asc())
            if direction == "before"
            else (sort_key.desc(), P.id.desc())
        )
    limit = bindparam("limit", type_=Integer)
    if part in (None, "among", "listed"):
        return select(*CARD_COLUMNS).where(*where).order_by(*order).limit(limit)
    row_filters = () if flags[1] else shape[3:10]  # with facet words, the index's
    if by_seq and _index_alone(viewer_shape, row_filters, terms_filters):
        return _page_of_index(viewer_shape, part, flags, where[:2], direction, limit, windowed)
    statement = select(*CARD_COLUMNS, search_sql.seq_column().label("seq"))
    joined = search_sql.joined(P, checks=flags[2])
    return statement.select_from(joined).where(*where).order_by(*order).limit(limit)


def _index_alone(viewer_shape: tuple, row_filters: tuple, terms_filters: tuple) -> bool:
    """Whether the index alone decides a page in its order (PostgreSQL): everything the
    rows are filtered on is in the index (the filters as facet words, the visibility rule
    as `visibility.unlisted_ids`), so its page of seqs is the page."""
    if search_sql.sqlite() or viewer_shape[0] not in ("employer", "everyone"):
        return False
    return not any(row_filters) and not any(terms_filters)


def _page_of_index(
    viewer_shape: tuple, part: str, flags: tuple, rule: list, direction, limit, windowed=False
):
    """PostgreSQL: a page in the index's order, its seqs read from search_document alone
    (`limit` of them, newest first or after the cursor) and only those rows joined to their
    questionnaires. Planned as one join, an estimate of few matches where there are
    thousands (correlated filters: a Polish Selenium QA, 183 expected, 4,810 found at 1M)
    joins every match to developer_profile and sorts them all, each a random page read.
    The rule (`rule`: published, visible) is checked again on the page's rows: the same
    rows, as the index leaves out exactly the profiles the viewer may not see. `windowed`:
    among the documents from seq `floor` on only (listing.ranked.window_floor)."""
    d = SearchDocument
    key = bindparam("key")
    found = select(d.seq, d.profile_id).where(search_sql.match_clause(part, flags))
    found = found.where(*([d.seq >= bindparam("floor")] if windowed else []))
    if viewer_shape[0] == "employer":
        found = found.where(d.profile_id.not_in(visibility.unlisted_ids(viewer_shape)))
    found = found.where(*([d.seq < key] if direction == "after" else []))
    found = found.where(*([d.seq > key] if direction == "before" else []))
    ascending = direction in ("before", "up")
    found = found.order_by(d.seq.asc() if ascending else d.seq.desc()).limit(limit)
    page = found.subquery("page")
    statement = select(*CARD_COLUMNS, page.c.seq.label("seq"))
    statement = statement.select_from(page.join(P, P.id == page.c.profile_id))
    order = page.c.seq.asc() if ascending else page.c.seq.desc()
    return statement.where(*rule).order_by(order)


def _row_filters(profession, country, english, availability, min_years) -> list:
    """The filters on the questionnaire's own columns, checked row by row (no index query)."""
    where = []
    if profession:
        where.append(P.profession == bindparam("profession"))
    if country:
        where.append(P.country == bindparam("country"))
    if english:
        where.append(P.english_rank >= bindparam("english_rank"))
    if availability:
        where.append(P.availability == bindparam("availability"))
    if min_years:
        where.append(P.years_experience >= bindparam("min_years"))
    return where


def _tag_filters(languages: int, skills: int) -> list:
    where = [
        exists().where(
            DeveloperLanguage.profile_id == P.id, DeveloperLanguage.code == bindparam(f"lang_{i}")
        )
        for i in range(languages)
    ]
    return where + [
        exists().where(
            DeveloperSkill.profile_id == P.id,
            DeveloperSkill.name_norm.in_(bindparam(f"skill_{i}", expanding=True)),
        )
        for i in range(skills)
    ]


def page_statement(viewer, f: Filters, search: dict | None = None, direction=False, every=False):
    """The page's query and its parameter values; `search`: a query of the index
    (search.sql.part: its part, flags and expressions); `direction` overrides the cursor's;
    `every`: every published match, the viewer's visibility left to the caller
    (listing.counts)."""
    shape, values = _bound(f, viewer)
    if every:
        shape = (("everyone",), *shape[1:])
    if search is not None:
        shape = (*shape[:-1], (search["part"], search["flags"], bool(search.get("window"))))
        values.update(search_sql.binds(search))
    if direction is not False:
        shape = (*shape[:2], direction, *shape[3:])
    return _statement(shape), values


def run(statement, values: dict) -> list:
    # On the session's connection: Core rows, without the ORM's per-statement bookkeeping.
    return db.session.connection().execute(statement, values).all()


def cards_of(rows) -> list:
    """A card per row: as printed before in this locale (listing.card_cache), else a Card
    to print, whose languages and skills are read for the new cards only."""
    names = labels.labels()
    keys = [card_cache.key(row, names.locale) for row in rows]
    cards, new = [], []
    for row, key, card in zip(rows, keys, card_cache.printed(keys), strict=True):
        if card is None:
            card = _card(row, names, key)
            new.append(card)
        cards.append(card)
    _attach_tags(new, names)
    return cards


def load_page(viewer, f: Filters, search: dict | None = None) -> Page:
    statement, values = page_statement(viewer, f, search)
    rows = data_version.rows(statement, values)
    more = len(rows) > f.per_page
    rows = rows[: f.per_page]
    backwards = f.cursor is not None and f.cursor.before
    if backwards:
        rows.reverse()
    cards = cards_of(rows)
    if not rows:
        return Page(cards, None, None)

    def at(row, before: bool) -> Cursor:
        key = Cursor.key_of(f.sort, getattr(row, SORT_KEYS[f.sort].key))
        return Cursor(f.sort, key, row.id, before)

    has_next = more if not backwards else True
    has_previous = (f.cursor is not None) if not backwards else more
    return Page(
        cards,
        next=at(rows[-1], False) if has_next else None,
        previous=at(rows[0], True) if has_previous else None,
    )


def _card(row, names, key: tuple) -> Card:
    if row.profession == "other" and row.profession_other:
        profession = row.profession_other
    else:
        profession = names.profession.get(row.profession, "")
    return Card(
        id=row.id,
        name=" ".join(p for p in (row.first_name, row.last_name) if p),
        profession=profession,
        country=names.countries.get(row.country, ""),
        english=names.english.get(row.english_level, ""),
        years=_years(names, row.years_experience),
        availability=names.availability.get(row.availability, ""),
        photo_id=row.photo_id,
        hidden=row.hidden_at is not None,
        terms=profile_cards.card_terms(row, names),
        zone=row.time_zone,
        key=key,
    )


def _years(names, years: int | None) -> str:
    if years is None:
        return ""
    return names.years[years] if 0 <= years < len(names.years) else labels.years(years)


@lru_cache(maxsize=1)
def _tags_statement():
    ids = bindparam("ids", expanding=True)
    languages = select(
        DeveloperLanguage.profile_id, literal(0), DeveloperLanguage.code, literal(0)
    ).where(DeveloperLanguage.profile_id.in_(ids))
    skills = select(
        DeveloperSkill.profile_id, literal(1), DeveloperSkill.name, DeveloperSkill.position
    ).where(DeveloperSkill.profile_id.in_(ids))
    return union_all(languages, skills)


def _attach_tags(cards: list[Card], names) -> None:
    """Languages and skills of every card on the page, in one query."""
    if not cards:
        return
    by_id = {card.id: card for card in cards}
    rows = db.session.connection().execute(_tags_statement(), {"ids": list(by_id)}).all()
    rows.sort(key=lambda row: (row[1], row[3], row[2]))  # languages by code, skills by position
    language_name = names.languages.get
    for profile_id, kind, value, _position in rows:
        if kind:
            by_id[profile_id].skills.append(value)
        else:
            by_id[profile_id].languages.append(language_name(value, value))
