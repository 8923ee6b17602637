"""Saved searches and their alerts.

A search is kept as the listing's query string and read back with the listing's own parser
(`listing.forms.parse`), so it means what the listing means. At send time the listing's
query runs for the employer, under the visibility rule of that moment, narrowed to the
developers published since the last alert.
"""

from datetime import timedelta
from urllib.parse import parse_qsl, urlencode

from flask import current_app
from flask_babel import lazy_gettext as _l
from itsdangerous import BadData, URLSafeSerializer
from sqlalchemy import select
from werkzeug.datastructures import MultiDict

from outstaff import choices
from outstaff.accounts.service import external_url
from outstaff.core.errors import NotFound
from outstaff.core.extensions import db
from outstaff.listing import forms as listing_forms
from outstaff.listing import queries
from outstaff.mail import send_mail
from outstaff.models import DeveloperProfile, SavedSearch, User, utcnow

MAX_PER_EMPLOYER = 20
MAX_IN_MAIL = 20
# How long after the last alert the next is due (a little less than the period, so a job
# that runs at the same hour every day never skips one).
DUE_AFTER = {"daily": timedelta(hours=23), "weekly": timedelta(days=7) - timedelta(hours=1)}
UNSUBSCRIBE_SALT = "outstaff.alert-unsubscribe"


class TooMany(Exception):
    pass


def clean_query(query: str) -> str:
    """The filters of a listing query string, as the listing reads them (no page cursor)."""
    filters = listing_forms.parse(MultiDict(parse_qsl(query or "")))
    return urlencode(filters.link_args())


def save(employer: User, name: str, query: str, frequency: str) -> SavedSearch:
    count = db.session.scalar(select(db.func.count()).where(SavedSearch.employer_id == employer.id))
    if count >= MAX_PER_EMPLOYER:
        raise TooMany()
    search = SavedSearch(
        employer_id=employer.id, name=name, query=clean_query(query), frequency=frequency
    )
    db.session.add(search)
    db.session.flush()
    return search


def searches_of(employer: User) -> list[SavedSearch]:
    return list(
        db.session.scalars(
            select(SavedSearch)
            .where(SavedSearch.employer_id == employer.id)
            .order_by(SavedSearch.created_at.desc(), SavedSearch.id.desc())
        )
    )


def own_search(search_id: int, employer: User) -> SavedSearch:
    search = db.session.get(SavedSearch, search_id)
    if search is None or search.employer_id != employer.id:
        raise NotFound(search_id)
    return search


def unsubscribe_token(search: SavedSearch) -> str:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=UNSUBSCRIBE_SALT).dumps(
        search.id
    )


def search_by_token(token: str) -> SavedSearch | None:
    try:
        search_id = URLSafeSerializer(
            current_app.config["SECRET_KEY"], salt=UNSUBSCRIBE_SALT
        ).loads(token)
    except (BadData, UnicodeError, ValueError):
        return None
    return db.session.get(SavedSearch, search_id) if isinstance(search_id, int) else None


def new_matches(search: SavedSearch, employer: User, since) -> list:
    """Rows of the developers matching now, visible to the employer now, published since."""
    filters = listing_forms.parse(MultiDict(parse_qsl(search.query)))
    filters.cursor, filters.sort = None, "updated"
    statement, values = queries.page_statement(employer, filters)
    statement = statement.where(DeveloperProfile.published_at > since)
    values = dict(values, limit=MAX_IN_MAIL)
    return db.session.connection().execute(statement, values).all()


def send_due(echo) -> None:
    """Mail every due search its new matches (none: no mail); the watermark moves on."""
    now = utcnow()
    sent = 0
    for search in db.session.scalars(
        select(SavedSearch).where(SavedSearch.frequency.in_(tuple(DUE_AFTER)))
    ).all():
        if search.last_sent_at > now - DUE_AFTER[search.frequency]:
            continue
        employer = db.session.get(User, search.employer_id)
        rows = new_matches(search, employer, search.last_sent_at)
        search.last_sent_at = now
        if rows and employer.is_approved_employer:
            _mail(search, employer, rows)
            sent += 1
    db.session.commit()
    echo(f"alerts mailed: {sent}")


def _mail(search: SavedSearch, employer: User, rows) -> None:
    unsubscribe = external_url("alerts.unsubscribe", token=unsubscribe_token(search))
    developers = [
        {
            "profession": row.profession_other
            if row.profession == "other" and row.profession_other
            else choices.label("profession", row.profession),
            "country": choices.label("country", row.country),
            "link": external_url("listing.profile", profile_id=row.id),
        }
        for row in rows
    ]
    send_mail(
        employer.email,
        _l("New developers for “%(name)s”", name=search.name),
        "search_alert",
        kind="alerts",
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
        search=search,
        developers=developers,
        listing=external_url("listing.index") + "?" + search.query,
        unsubscribe=unsubscribe,
    )
