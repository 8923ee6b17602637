"""Everything built on the models' personal-data declarations: erase, export, describe."""

import base64
from datetime import date, datetime

from sqlalchemy import delete, or_, select, update

from outstaff.extensions import db
from outstaff.models import ImageBlob, Photo, User
from outstaff.models.base import PersonalData


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


def belongs_to(model: type, user: User):
    """A WHERE clause selecting the rows of `model` that hold `user`'s data."""
    decl = declaration(model)
    clauses = [getattr(model, column) == user.id for column in decl.owners]
    if decl.email_column:
        clauses.append(getattr(model, decl.email_column) == user.email)
    return or_(*clauses)


def erase_user(user: User) -> None:
    """Erase every row of the user's data, in the caller's transaction."""
    for model in declared_models():
        decl = declaration(model)
        where = belongs_to(model, user)
        if decl.on_erase == "keep_ids":
            db.session.execute(update(model).where(where).values(dict.fromkeys(decl.fields)))
        else:
            db.session.execute(delete(model).where(where))
    delete_orphan_images()


def delete_orphan_images() -> None:
    """Drop image bytes no photo points at any more (content-addressed, so shared)."""
    used = select(Photo.thumb_sha).union(select(Photo.large_sha))
    db.session.execute(delete(ImageBlob).where(ImageBlob.sha256.not_in(used)))


def export_user(user: User) -> dict:
    """Everything the site holds about the user, as JSON-ready data, grouped by table."""
    data: dict[str, list[dict]] = {}
    for model in reversed(declared_models()):
        decl = declaration(model)
        rows = db.session.scalars(select(model).where(belongs_to(model, user))).all()
        if rows:
            data[model.__tablename__] = [_row_to_dict(row, decl) for row in rows]
    if images := _images_of(user):
        data[ImageBlob.__tablename__] = images
    return data


def _images_of(user: User) -> list[dict]:
    """The bytes of the user's photos (blobs are shared by hash, so not declared per user)."""
    photos = select(Photo.thumb_sha).where(Photo.user_id == user.id).union(
        select(Photo.large_sha).where(Photo.user_id == user.id)
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
    """Rows for the privacy page: what is stored, why, grouped by category."""
    rows = []
    for model in reversed(declared_models()):
        decl = declaration(model)
        rows.append(
            {
                "category": decl.category,
                "fields": list(decl.fields.values()),
                "purpose": decl.purpose,
                "kept_after_deletion": decl.on_erase == "keep_ids",
            }
        )
    return rows
