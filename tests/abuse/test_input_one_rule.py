"""One rule each, with nothing beside it: links built only from SITE_URL, every pager on the
one bounded parse."""

from pathlib import Path

import pytest

import outstaff

pytestmark = pytest.mark.usefixtures("app_ctx")  # the tests read the database


# One rule each, with nothing beside it: a new link or pager cannot quietly bypass them.
PACKAGE = Path(outstaff.__file__).parent


def sources_with(text: str, *, besides: str) -> list[str]:
    files = [*PACKAGE.rglob("*.py"), *(PACKAGE.parents[1] / "templates").rglob("*.*")]
    root = PACKAGE.parents[1]
    return sorted(
        str(p.relative_to(root))
        for p in files
        if text in p.read_text(encoding="utf-8") and not str(p).endswith(besides)
    )


def test_no_link_is_built_from_the_request_host():
    assert sources_with("_external", besides="core/links.py") == []
    assert sources_with("host_url", besides="analytics/service.py") == []  # a referrer check only


def test_every_pager_uses_the_one_bounded_parse():
    assert sources_with("db.paginate(", besides="core/paging.py") == []
    assert sources_with('args.get("page"', besides="core/paging.py") == []
