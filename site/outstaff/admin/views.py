"""The console's front page: the numbers that say how the site is doing."""

from flask import render_template
from flask_babel import gettext as _

from outstaff.admin import bp, stats
from outstaff.core.charts import bar_chart


@bp.get("/")
def index():
    """Counts, sign-ups and offers per day over the last 30 days, hires per month."""
    signups, offers = stats.signups_per_day(), stats.offers_per_day()
    charts = [
        ("signups", _("Sign-ups per day, last 30 days"), signups),
        ("offers", _("Offers per day, last 30 days"), offers),
    ]
    return render_template(
        "admin/index.html",
        counts=stats.counts(),
        hires=stats.hires_per_month(),
        charts=[
            (cid, title, series, bar_chart(stats.points(series), title, f"chart-{cid}"))
            for cid, title, series in charts
        ],
    )
