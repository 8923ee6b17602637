"""Reading URL and query-string arguments safely: bad input is a 404 or a default, never a 500."""

from flask import abort, request

from outstaff.core import paging
from outstaff.core.extensions import db
from outstaff.core.paging import MAX_ID

PER_PAGE = 25
MAX_PER_PAGE = 100


def get_or_404(model, row_id: int):
    """`db.get_or_404`, but an id too large for the database is a 404 too."""
    if not 0 < row_id <= MAX_ID:
        abort(404)
    return db.get_or_404(model, row_id)


def paginate(statement):
    """A console page of `statement`: 25 rows unless `?per_page=` asks for up to 100."""
    return paging.paginate(statement, PER_PAGE, MAX_PER_PAGE)


def choice_arg(name: str, allowed, default: str = "") -> str:
    """A query-string value from an allow-list; anything else reads as the default."""
    value = request.args.get(name, default)
    return value if value in allowed else default
