"""First-party page-view counting, only for visitors who accepted analytics cookies."""

import atexit
import logging
import threading
import time
from collections import Counter
from datetime import date, timedelta
from urllib.parse import urlsplit

from flask import Flask, Response, current_app, request
from sqlalchemy import func, insert, or_, select
from sqlalchemy.exc import SQLAlchemyError

from outstaff.analytics import bp
from outstaff.core import database, geoip, useragent
from outstaff.core.extensions import db
from outstaff.core.input_rules import has_control_characters
from outstaff.core.lean import pages_only
from outstaff.core.net import client_ip
from outstaff.models import DailyPageViews, PageView, utcnow
from outstaff.privacy import consent

log = logging.getLogger(__name__)
NOT_COUNTED_BLUEPRINTS = {"admin"}  # the console would count itself


def countable(response: Response) -> bool:
    return (
        request.method == "GET"
        and response.status_code == 200
        and response.mimetype == "text/html"
        and request.url_rule is not None
        and request.endpoint != "static"
        and request.blueprint not in NOT_COUNTED_BLUEPRINTS
        and consent.analytics_allowed()
    )


def referrer_host() -> str | None:
    """The referring site's host name, or None for none, this site, or anything odd."""
    referrer = request.headers.get("Referer", "")[:2048]
    if has_control_characters(referrer):
        return None
    try:
        parts = urlsplit(referrer)
        host = (parts.hostname or "").rstrip(".")
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not host:
        return None
    if host == (urlsplit(request.host_url).hostname or ""):
        return None
    return host[:255]


@bp.after_app_request
@pages_only
def record_page_view(response: Response) -> Response:
    """Count this page view: the route's rule, never the URL itself."""
    if not countable(response):
        return response
    agent = useragent.current()
    if agent.device == "bot":  # crawlers and monitors are not visitors
        return response
    now = utcnow()
    values = {
        "viewed_at": now.replace(minute=0, second=0, microsecond=0),  # the hour is enough
        "day": now.date(),
        "route": request.url_rule.rule[:200],
        "referrer_host": referrer_host(),
        "browser": agent.browser,
        "os": agent.os,
        "device": agent.device,
        "country": geoip.country(client_ip()),
    }
    current_app.extensions["page_view_batch"].add(values)
    return response


class PageViewBatch:
    """Page views held in memory and written together, in a transaction of their own (never
    the view's session): a page view costs an append, not an INSERT and a commit."""

    def __init__(self, app: Flask):
        self.app, self.rows, self.lock = app, [], threading.Lock()
        self.started = time.monotonic()

    def add(self, values: dict) -> None:
        with self.lock:
            self.rows.append(values)
            due = len(self.rows) >= self.app.config["ANALYTICS_BATCH_SIZE"] or (
                time.monotonic() - self.started >= self.app.config["ANALYTICS_BATCH_SECONDS"]
            )
            rows = self._take() if due else None
        if rows:
            self._write(rows)

    def flush(self) -> None:
        with self.lock:
            rows = self._take()
        if rows:
            with self.app.app_context():
                self._write(rows)

    def _take(self) -> list[dict]:
        rows, self.rows, self.started = self.rows, [], time.monotonic()
        return rows

    def _write(self, rows: list[dict]) -> None:
        try:
            with database.own_transaction() as connection:
                connection.execute(insert(PageView), rows)
        except SQLAlchemyError as exc:
            log.warning("%d page views not recorded: %s", len(rows), type(exc).__name__)


def init_app(app: Flask) -> None:
    batch = app.extensions["page_view_batch"] = PageViewBatch(app)
    atexit.register(batch.flush)  # a worker stopped normally writes what it holds


# Reading, for the console: raw rows and rolled-up days count alike.


def _people(model):
    """Rows of people, not of bots (counted before bots were left out at the door)."""
    return or_(model.device.is_(None), model.device != "bot")


def views_per_day(days: int = 30, today: date | None = None) -> list[tuple[date, int]]:
    today = today or utcnow().date()
    since = today - timedelta(days=days - 1)
    totals: Counter = Counter()
    raw = (
        select(PageView.day, func.count())
        .where(PageView.day.between(since, today), _people(PageView))
        .group_by(PageView.day)
    )
    rolled = (
        select(DailyPageViews.day, func.sum(DailyPageViews.views))
        .where(DailyPageViews.day.between(since, today), _people(DailyPageViews))
        .group_by(DailyPageViews.day)
    )
    for query in (raw, rolled):
        for day, count in db.session.execute(query):
            totals[day] += int(count or 0)
    return [(since + timedelta(days=i), totals[since + timedelta(days=i)]) for i in range(days)]


def top(
    dimension: str, days: int = 30, limit: int = 10, today: date | None = None
) -> list[tuple[str | None, int]]:
    """The most frequent values of one dimension (route, browser, ...) over recent days."""
    today = today or utcnow().date()
    since = today - timedelta(days=days - 1)
    totals: Counter = Counter()
    raw_col, daily_col = getattr(PageView, dimension), getattr(DailyPageViews, dimension)
    raw = (
        select(raw_col, func.count())
        .where(PageView.day.between(since, today), _people(PageView))
        .group_by(raw_col)
    )
    rolled = (
        select(daily_col, func.sum(DailyPageViews.views))
        .where(DailyPageViews.day.between(since, today), _people(DailyPageViews))
        .group_by(daily_col)
    )
    for query in (raw, rolled):
        for value, count in db.session.execute(query):
            totals[value] += int(count or 0)
    return totals.most_common(limit)
