"""Console: first-party page-view counts (only visitors who accepted analytics)."""

import re
from datetime import timedelta

from babel.dates import format_skeleton
from flask import render_template, request
from flask_babel import get_locale, ngettext
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from outstaff.admin import bp
from outstaff.admin.forms import DateRangeForm
from outstaff.analytics import service as analytics
from outstaff.choices import COUNTRY_CODES, country_name
from outstaff.core.charts import Point, bar_chart, hbar_chart
from outstaff.models import utcnow

DAYS = 30
LABEL_MAX = 28  # a chart row's label; the table beside has it in full
CONVERTER = re.compile(r"<[^>]+>")
DEVICES = {
    "desktop": _l("desktop"),
    "mobile": _l("mobile"),
    "tablet": _l("tablet"),
    "bot": _l("bot"),
    "other": _l("other"),
}


def _short(label: str) -> str:
    return label if len(label) <= LABEL_MAX else label[: LABEL_MAX - 1] + "\u2026"


@bp.get("/analytics", endpoint="analytics")
def analytics_page():
    """Views per day, top pages, referrers, browsers, OS and devices over a chosen period."""
    form = DateRangeForm(request.args)
    valid = form.validate()
    today = utcnow().date()
    until = (form.until.data if valid else None) or today
    since = (form.since.data if valid else None) or until - timedelta(days=DAYS - 1)
    days = (until - since).days + 1
    if valid:  # the fields show the period shown
        form.since.data, form.until.data = since, until
    per_day = analytics.views_per_day(days, today=until)
    daily_chart = bar_chart(
        [Point(format_skeleton("MMMd", d, locale=get_locale()), n) for d, n in per_day],
        ngettext("Page views per day, %(num)d day", "Page views per day, %(num)d days", days),
        "chart-days",
    )
    page = render_template(
        "admin/analytics.html",
        form=form,
        per_day=per_day,
        daily_chart=daily_chart,
        sections=[_section(*spec, days=days, until=until) for spec in SECTIONS],
        total=sum(n for _d, n in per_day),
        since=since,
        until=until,
    )
    return page, 200 if valid else 400


SECTIONS = (
    ("route", _l("Top pages"), _l("no page")),
    ("referrer_host", _l("Referring sites"), _l("none (direct or this site)")),
    ("browser", _l("Browsers"), "—"),
    ("os", _l("Operating systems"), "—"),
    ("device", _l("Devices"), "—"),
    ("country", _l("Countries"), _l("unknown")),
)


def _section(dimension: str, title, empty, *, days: int, until) -> dict:
    """One dimension's rows (label, views) and their chart, labels in full."""
    rows = [
        (_label(dimension, value) or str(empty), count)
        for value, count in analytics.top(dimension, days, today=until)
    ]
    chart = hbar_chart(
        [Point(_short(label), n) for label, n in rows], str(title), f"chart-{dimension}"
    )
    return {"id": dimension, "title": title, "rows": rows, "chart": chart}


def _label(dimension: str, value: str | None) -> str | None:
    """Codes stored in the counts, in the reader's language (country and device names)."""
    if not value:
        return value
    if dimension == "device":
        return str(DEVICES.get(value, value))
    if dimension == "country":
        return country_name(value) if value in COUNTRY_CODES else value
    if dimension in ("browser", "os") and value == "Other":
        return _("Other")
    if dimension == "route":  # "/developers/<int:profile_id>" reads "/developers/…"
        return CONVERTER.sub("…", value)
    return value
