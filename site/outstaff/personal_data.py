"""Everything built on the models' personal-data declarations: reach, erase, export, describe.

Whose data a row is (DESIGN.md, "Decisions after the first build"): a row is about its
subject and written by its author. It reaches an account by the account's id in one of those
columns, or, when it names no account at all, by an email address the account has confirmed.
A person's export holds what they are the subject of (less another's private rows) and what
they wrote; deleting the account removes both.
"""

import base64
from datetime import date, datetime

from sqlalchemy import Column, and_, delete, event, false, inspect, or_, select, update
from sqlalchemy.orm import Session

from outstaff.core import database
from outstaff.core.extensions import db
from outstaff.models import ImageBlob, Photo, User
from outstaff.models.base import PersonalData
from outstaff.search import index as search_index


def declared_models() -> list[type]:
    """Models that declare personal data, children before parents (safe deletion order)."""
    by_table = {
        mapper.class_.__table__: mapper.class_
        for mapper in db.Model.registry.mappers
        if isinstance(getattr(mapper.class_, "__personal_data__", None), PersonalData)
    }
    ordered = reversed(db.metadata.sorted_tables)
    return [by_table[table] for table in ordered if table in by_table]


def declaration(model: type) -> PersonalData:
    return model.__personal_data__


def declared_parent(column: Column) -> tuple[type, Column] | None:
    """(model, referenced column) when `column` points at a declared row other than a user."""
    for fk in column.foreign_keys:
        if fk.column.table.name == User.__tablename__:
            continue
        for model in declared_models():
            if model.__table__ is fk.column.table:
                return model, fk.column
    return None


def _naming(model: type, columns: tuple[str, ...], user_id: int) -> list:
    """Clauses: one of `columns` names the user, directly or through a declared parent row."""
    clauses = []
    for name in columns:
        column = model.__table__.c[name]
        parent = declared_parent(column)
        if parent is None:
            clauses.append(column == user_id)
        else:
            parent_model, key = parent
            subject = _naming(parent_model, declaration(parent_model).subject, user_id)
            clauses.append(column.in_(select(key).where(or_(false(), *subject))))
    return clauses


def _by_confirmed_address(model: type, user: User) -> list:
    """Rows that name no account reach the one account that confirmed their address."""
    decl = declaration(model)
    if decl.email_column is None or user.confirmed_email is None:
        return []
    table = model.__table__
    return [
        and_(
            table.c[decl.email_column] == user.confirmed_email,
            *(table.c[column].is_(None) for column in decl.parties),
        )
    ]


def about(model: type, user: User):
    """A WHERE clause: the rows of `model` whose subject is `user`."""
    decl = declaration(model)
    return or_(false(), *_naming(model, decl.subject, user.id), *_by_confirmed_address(model, user))


def written_by(model: type, user: User):
    """A WHERE clause: the rows of `model` that `user` wrote."""
    return or_(false(), *_naming(model, declaration(model).author, user.id))


def reaches(model: type, user: User):
    """A WHERE clause: the rows of `model` that are the user's, as subject or author."""
    return or_(about(model, user), written_by(model, user))


def in_export_of(model: type, user: User):
    """A WHERE clause: the rows the user's export holds (a private row: its author's only)."""
    return written_by(model, user) if declaration(model).private else reaches(model, user)


def erase_user(user: User) -> None:
    """Erase every row of the user's data, in the caller's transaction."""
    for model in declared_models():
        decl = declaration(model)
        where = reaches(model, user)
        if decl.on_erase == "keep_ids":
            db.session.execute(update(model).where(where).values(dict.fromkeys(decl.fields)))
        elif decl.on_erase == "detach":
            _detach(model, decl, user)
        else:
            db.session.execute(delete(model).where(where))
    delete_orphan_images()
    search_index.forget_removed()
    database.scrub_after_commit(db.session)


def _detach(model: type, decl: PersonalData, user: User) -> None:
    """The other party keeps the row: the user's id and the erased columns become NULL; a
    row no party is left on is deleted."""
    table = model.__table__
    for column in decl.parties:
        db.session.execute(
            update(model)
            .where(table.c[column] == user.id)
            .values({column: None, **dict.fromkeys(decl.erased)})
        )
    db.session.execute(delete(model).where(*(table.c[c].is_(None) for c in decl.parties)))


def delete_orphan_images() -> None:
    """Drop image bytes no photo points at any more (content-addressed, so shared)."""
    used = select(Photo.thumb_sha).union(select(Photo.large_sha))
    db.session.execute(delete(ImageBlob).where(ImageBlob.sha256.not_in(used)))


def export_user(user: User) -> dict:
    """Everything the site holds about the user, as JSON-ready data, grouped by table."""
    data: dict[str, list[dict]] = {}
    for model in reversed(declared_models()):
        decl = declaration(model)
        rows = db.session.scalars(select(model).where(in_export_of(model, user))).all()
        if rows:
            data[model.__tablename__] = [_row_to_dict(row, decl) for row in rows]
    if images := _images_of(user):
        data[ImageBlob.__tablename__] = images
    return data


def _images_of(user: User) -> list[dict]:
    """The bytes of the user's photos (blobs are shared by hash, so not declared per user)."""
    photos = (
        select(Photo.thumb_sha)
        .where(Photo.user_id == user.id)
        .union(select(Photo.large_sha).where(Photo.user_id == user.id))
    )
    blobs = db.session.scalars(select(ImageBlob).where(ImageBlob.sha256.in_(photos))).all()
    return [
        {column.key: _jsonable(getattr(blob, column.key)) for column in blob.__table__.columns}
        for blob in blobs
    ]


def _row_to_dict(row, decl: PersonalData) -> dict:
    out = {}
    for column in row.__table__.columns:
        if column.key in decl.export_exclude:
            continue
        out[column.key] = _jsonable(getattr(row, column.key))
    return out


def _jsonable(value):
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bytes):
        return base64.b64encode(value).decode()
    return value


def data_table() -> list[dict]:
    """Rows for the privacy page: what is stored, why; one row per category (the
    questionnaire, its photo, skills and blocks), its purposes listed once each."""
    rows: dict[tuple, dict] = {}
    for model in reversed(declared_models()):
        decl = declaration(model)
        kept = decl.on_erase in ("keep_ids", "detach")
        row = rows.setdefault(
            (str(decl.category), kept),
            {"category": decl.category, "fields": [], "purposes": [], "kept_after_deletion": kept},
        )
        row["fields"] += [f for f in decl.fields.values() if f not in row["fields"]]
        if decl.purpose not in row["purposes"]:
            row["purposes"].append(decl.purpose)
    return list(rows.values())


@event.listens_for(Session, "before_flush")
def _an_address_is_identity_once_confirmed(session: Session, _context, _instances) -> None:
    """A changed address is unconfirmed unless the same change confirms it; the rows that
    reached the account by its old confirmed address stay with the account, by its id."""
    for user in [obj for obj in session.dirty if isinstance(obj, User)]:
        state = inspect(user)
        email = state.attrs.email.history
        if not (email.added and email.deleted) or email.added == email.deleted:
            continue
        confirmed = state.attrs.email_confirmed_at.load_history()
        if any(value is not None for value in (*confirmed.deleted, *confirmed.unchanged)):
            _bind_rows_of_address(session, user, email.deleted[0])
        if not confirmed.added:
            user.email_confirmed_at = None


def _bind_rows_of_address(session: Session, user: User, address: str) -> None:
    for model in declared_models():
        decl = declaration(model)
        if decl.email_column is None:
            continue
        table = model.__table__
        session.execute(
            update(table)
            .where(
                table.c[decl.email_column] == address,
                *(table.c[column].is_(None) for column in decl.parties),
            )
            .values({decl.subject[0]: user.id})
        )
