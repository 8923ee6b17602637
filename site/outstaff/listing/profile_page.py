"""What the profile page reads, in two Core statements built once, as plain data.

1. The questionnaire's columns, its owner's address and status, its photo, and, in the same
   row, the answers that depend on the viewer: whether the rule of outstaff.visibility lets
   the viewer see it (its SQL form, the one the listing filters with), and for an approved
   employer the shortlist entry, the open and the accepted offer (the buttons and the
   contacts) and whether the employer already opened it today (outstaff.listing.service).
2. Its work history, languages and skills, in one UNION, unless the article (the
   questionnaire's HTML) was printed before from the same row (listing.article_cache).

No ORM instance is loaded, where the ORM's load, the block list, today's view and the
buttons took eight statements; the first statement runs on every request, so a suspension,
a hidden profile, a block or a revoked approval shows on the very next one. The buttons and
the contacts answer as offers.service.profile_actions and visibility.can_see_contacts do on
other pages. The objects answer the attributes listing/profile_html.py and
outstaff.questionnaire.display read from a DeveloperProfile, so the developer's preview (the
ORM instance) prints the same.
"""

from functools import lru_cache
from types import SimpleNamespace
from typing import NamedTuple

from markupsafe import Markup
from sqlalchemy import (
    Boolean,
    Date,
    Integer,
    String,
    bindparam,
    cast,
    exists,
    literal,
    null,
    select,
    union_all,
)
from sqlalchemy.orm import aliased

from outstaff import visibility
from outstaff.core.extensions import db
from outstaff.listing import article_cache, card_cache, profile_html
from outstaff.listing.service import today
from outstaff.models import (
    OPEN_OFFER_STATES,
    DeveloperLanguage,
    DeveloperProfile,
    DeveloperSkill,
    Offer,
    Photo,
    ProfileView,
    ShortlistEntry,
    User,
    WorkHistoryEntry,
    utcnow,
)
from outstaff.questionnaire.terms_service import is_confirmed

P = DeveloperProfile
# Every column but the admin search's folded text, which the page never prints.
COLUMNS = tuple(column for column in P.__table__.c if column.key != "search_text")
KEYS = tuple(column.key for column in COLUMNS)
HISTORY, LANGUAGE, SKILL = 0, 1, 2


class OpenOffer(NamedTuple):
    id: int
    state: str


class Profile(SimpleNamespace):
    """A questionnaire as the page prints it: the columns of DeveloperProfile, `user`
    (email, is_active), `photo` (large_sha, or None), `languages` (code), `skills` (name),
    `history` (WorkHistoryEntry's columns, newest first)."""

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.first_name, self.last_name) if p)


class Page(NamedTuple):
    profile: Profile
    offer_state: dict | None  # the buttons (offers/_profile_actions.html), None: no buttons
    show_contacts: bool
    seen_today: bool  # the employer opened it earlier today (a view already counted)
    article: Markup  # the questionnaire's HTML (listing.profile_html.article)


def _viewer_columns() -> list:
    """For an approved employer: shortlisted, accepted, open offer (id, state), seen today."""
    employer, developer = bindparam("employer_id"), P.user_id
    pair = (Offer.employer_id == employer, Offer.developer_id == developer)
    open_offer = select(Offer.id, Offer.state).where(*pair, Offer.state.in_(OPEN_OFFER_STATES))
    open_offer = open_offer.order_by(Offer.id).limit(1)  # id and state: of the same offer
    shortlisted = exists().where(
        ShortlistEntry.employer_id == employer, ShortlistEntry.developer_id == developer
    )
    seen = exists().where(
        ProfileView.employer_id == employer,
        ProfileView.developer_id == developer,
        ProfileView.day == bindparam("day"),
    )
    return [
        shortlisted.label("shortlisted"),
        exists().where(*pair, Offer.state == "accepted").label("accepted"),
        open_offer.with_only_columns(Offer.id).scalar_subquery().label("offer_id"),
        open_offer.with_only_columns(Offer.state).scalar_subquery().label("offer_state"),
        seen.label("seen_today"),
    ]


@lru_cache(maxsize=8)
def _profile_statement(shape: tuple):
    owner = aliased(User)  # the rule's own subquery on User must not correlate to the join
    columns = [
        *COLUMNS,
        owner.email.label("owner_email"),
        owner.status.label("owner_status"),
        Photo.large_sha.label("photo_large_sha"),
        visibility.visible_clause_for(shape).label("visible"),
    ]
    if shape[0] == "employer":
        columns += _viewer_columns()
    return (
        select(*columns)
        .join(owner, owner.id == P.user_id)
        .outerjoin(Photo, Photo.id == P.photo_id)
        .where(P.id == bindparam("profile_id"))
    )


@lru_cache(maxsize=1)
def _related_statement():
    profile_id = bindparam("profile_id")
    h, lang, skill = WorkHistoryEntry, DeveloperLanguage, DeveloperSkill

    def nothing(type_):
        return cast(null(), type_)

    history = select(
        literal(HISTORY, Integer),
        h.role,
        h.company,
        h.company_hidden,
        h.start_month,
        h.end_month,
        h.summary,
        h.id,
    ).where(h.profile_id == profile_id)
    languages = select(
        literal(LANGUAGE, Integer),
        lang.code,
        *(nothing(t) for t in (String, Boolean, Date, Date, String, Integer)),
    ).where(lang.profile_id == profile_id)
    skills = select(
        literal(SKILL, Integer),
        skill.name,
        *(nothing(t) for t in (String, Boolean, Date, Date, String)),
        cast(skill.position, Integer),
    ).where(skill.profile_id == profile_id)
    return union_all(history, languages, skills)


def _related(profile: Profile) -> None:
    rows = db.session.connection().execute(_related_statement(), {"profile_id": profile.id})
    history, languages, skills = [], [], []
    for kind, text, company, hidden, start, end, summary, number in rows:
        if kind == HISTORY:
            history.append(
                SimpleNamespace(
                    id=number,
                    role=text,
                    company=company,
                    company_hidden=hidden,
                    start_month=start,
                    end_month=end,
                    summary=summary,
                )
            )
        elif kind == LANGUAGE:
            languages.append(SimpleNamespace(code=text))
        else:
            skills.append((number, text))
    history.sort(key=lambda entry: (entry.start_month, entry.id), reverse=True)
    languages.sort(key=lambda language: language.code)
    skills.sort(key=lambda skill: skill[0])
    profile.history = history
    profile.languages = languages
    profile.skills = [SimpleNamespace(name=name) for _position, name in skills]


def load(viewer, profile_id: int) -> Page | None:
    """The page of questionnaire `profile_id` for `viewer`, or None when there is none the
    viewer may see. The work history, languages and skills are read only when the article
    is not printed already (listing.article_cache)."""
    shape, values = visibility.viewer_binds(viewer)
    values = {**values, "profile_id": profile_id}
    employer = shape[0] == "employer"
    if employer:
        values.update(employer_id=viewer.id, day=today())
    row = db.session.connection().execute(_profile_statement(shape), values).one_or_none()
    if row is None or not row.visible:
        return None
    columns = row[: len(KEYS)]  # the columns come first
    profile = Profile(**dict(zip(KEYS, columns, strict=True)))
    profile.user = SimpleNamespace(email=row.owner_email, is_active=row.owner_status == "active")
    profile.photo = SimpleNamespace(large_sha=row.photo_large_sha) if row.photo_large_sha else None
    if not employer:  # an admin (the decorator lets no one else in): contacts, no buttons
        return Page(profile, None, True, False, _article(profile, columns, row, True))
    offer = OpenOffer(row.offer_id, row.offer_state) if row.offer_id is not None else None
    contacts = profile.contact_visibility == "employers" or bool(row.accepted)
    buttons = {"shortlisted": bool(row.shortlisted), "open_offer": offer}
    article = _article(profile, columns, row, contacts)
    return Page(profile, buttons, contacts, bool(row.seen_today), article)


def _article(profile: Profile, columns: tuple, row, contacts: bool) -> Markup:
    """The questionnaire's HTML, printed before or now."""
    confirmed = is_confirmed(profile)
    key = article_cache.key(columns, row.owner_email, row.photo_large_sha, contacts, confirmed)
    printed = article_cache.printed(key)
    if printed is None:
        _related(profile)
        html = profile_html.article(profile, contacts, local_time_mark=card_cache.LOCAL_TIME)
        printed = article_cache.remember(key, html, profile.time_zone)
    return Markup(card_cache.html(printed, utcnow().strftime("%Y%m%d%H%M")))
