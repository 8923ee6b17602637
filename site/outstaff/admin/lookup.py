"""Reading URL and query-string arguments safely: bad input is a 404 or a default, never a 500."""

from flask import abort, request

from outstaff.extensions import db

MAX_ID = 2**31 - 1
MAX_PAGE = 100_000
PER_PAGE = 25
MAX_PER_PAGE = 100


def get_or_404(model, row_id: int):
    """`db.get_or_404`, but an id too large for the database is a 404 too."""
    if not 0 < row_id <= MAX_ID:
        abort(404)
    return db.get_or_404(model, row_id)


def page_args() -> dict:
    """page and per_page from the query string, bounded."""
    page = request.args.get("page", 1, type=int)
    per_page = request.args.get("per_page", PER_PAGE, type=int)
    return {
        "page": min(max(page, 1), MAX_PAGE),
        "per_page": min(max(per_page, 1), MAX_PER_PAGE),
        "error_out": False,
    }


def choice_arg(name: str, allowed, default: str = "") -> str:
    """A query-string value from an allow-list; anything else reads as the default."""
    value = request.args.get(name, default)
    return value if value in allowed else default


def like_pattern(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"
