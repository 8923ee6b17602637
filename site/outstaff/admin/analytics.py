"""Console: first-party page-view counts (only visitors who accepted analytics)."""

from flask import render_template
from flask_babel import gettext as _

from outstaff.admin import bp
from outstaff.charts import Point, bar_chart
from outstaff.privacy import analytics

DAYS = 30
LABEL_MAX = 10  # chart labels share a narrow axis; the table beside has them in full


def _short(label: str) -> str:
    return label if len(label) <= LABEL_MAX else label[: LABEL_MAX - 1] + "\u2026"


@bp.get("/analytics", endpoint="analytics")
def analytics_page():
    """Views per day, top pages, referrers, browsers, OS and devices over 30 days."""
    per_day = analytics.views_per_day(DAYS)
    daily_chart = bar_chart([Point(f"{d:%m-%d}", n) for d, n in per_day],
                            _("Page views per day, last %(n)s days", n=DAYS), "chart-days")
    sections = []
    for dimension, title, empty in (
        ("route", _("Top pages"), _("no page")),
        ("referrer_host", _("Referring sites"), _("none (direct or this site)")),
        ("browser", _("Browsers"), "—"),
        ("os", _("Operating systems"), "—"),
        ("device", _("Devices"), "—"),
        ("country", _("Countries"), _("unknown")),
    ):
        rows = [(value or empty, count) for value, count in analytics.top(dimension, DAYS)]
        chart = bar_chart([Point(_short(label), n) for label, n in rows], title,
                          f"chart-{dimension}")
        sections.append({"id": dimension, "title": title, "rows": rows, "chart": chart})
    return render_template("admin/analytics.html", per_day=per_day, daily_chart=daily_chart,
                           sections=sections, total=sum(n for _d, n in per_day), days=DAYS)
