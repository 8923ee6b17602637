"""Console: first-party page-view counts (only visitors who accepted analytics)."""

from babel.dates import format_skeleton
from flask import render_template
from flask_babel import get_locale, ngettext
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from outstaff.admin import bp
from outstaff.analytics import service as analytics
from outstaff.choices import COUNTRY_CODES, country_name
from outstaff.core.charts import Point, bar_chart

DAYS = 30
LABEL_MAX = 10  # chart labels share a narrow axis; the table beside has them in full
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
    """Views per day, top pages, referrers, browsers, OS and devices over 30 days."""
    per_day = analytics.views_per_day(DAYS)
    daily_chart = bar_chart(
        [Point(format_skeleton("MMdd", d, locale=get_locale()), n) for d, n in per_day],
        ngettext(
            "Page views per day, last %(num)d day", "Page views per day, last %(num)d days", DAYS
        ),
        "chart-days",
    )
    sections = []
    for dimension, title, empty in (
        ("route", _("Top pages"), _("no page")),
        ("referrer_host", _("Referring sites"), _("none (direct or this site)")),
        ("browser", _("Browsers"), "—"),
        ("os", _("Operating systems"), "—"),
        ("device", _("Devices"), "—"),
        ("country", _("Countries"), _("unknown")),
    ):
        rows = [
            (_label(dimension, value) or empty, count)
            for value, count in analytics.top(dimension, DAYS)
        ]
        chart = bar_chart(
            [Point(_short(label), n) for label, n in rows], title, f"chart-{dimension}"
        )
        sections.append({"id": dimension, "title": title, "rows": rows, "chart": chart})
    return render_template(
        "admin/analytics.html",
        per_day=per_day,
        daily_chart=daily_chart,
        sections=sections,
        total=sum(n for _d, n in per_day),
        days=DAYS,
    )


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
    return value
