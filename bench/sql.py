"""SQL time per listing request, in process: every read one request sends is captured, then
run again on its own connection, rows fetched, and timed; the sum for each search and
filter combination (the best of a few rounds)."""

import re
import secrets
import time

from sqlalchemy import event

import config
from outstaff import create_app
from outstaff.core.extensions import db

WRITES = re.compile(r"\b(INSERT|UPDATE|DELETE|REPLACE)\b")

SCENARIOS = {
    "unfiltered": "/developers",
    "heavy filter": "/developers?profession=backend&country=DE&english=B2&lang=en&lang=de"
    "&skills=python,docker&years=3",
    "search: no match": "/developers?q=zqxvwkjhg",
    "search: common skill": "/developers?q=python",
    "search: transliterated": "/developers?q=Иван",
    "search: typo": "/developers?q=Kubernets",
    "search: prefix": "/developers?q=kube",
    "search: two words": "/developers?q=senior+python",
    "search: phrase": '/developers?q="backend developer"',
    "search + filters": "/developers?q=python&country=DE&english=B2&years=3",
    "search, sort by experience": "/developers?q=python&sort=experience",
    "sort by experience": "/developers?sort=experience",
    "filter met by nearly all": "/developers?english=A1",
    "filters, sort by experience": "/developers?country=DE&english=B2&years=3&sort=experience",
    "rare filters": "/developers?profession=qa&country=PL&skills=selenium",
}


def measure(database_url: str, email: str, password: str, rounds: int = 7) -> dict:
    """{scenario: (SQL ms, statements)} of one request, the best of `rounds`."""
    app = create_app(
        config.ProductionConfig,
        SECRET_KEY=secrets.token_urlsafe(48),
        SITE_URL="https://localhost",
        SQLALCHEMY_DATABASE_URI=database_url,
        WTF_CSRF_ENABLED=False,
        RATELIMIT_ENABLED=False,
        PROFILE_VIEW_DAILY_CAP=0,
        LISTING_PAGE_DAILY_CAP=0,
        MAIL_BACKEND="memory",
        SESSION_COOKIE_SECURE=False,
    )
    client = app.test_client()
    client.post("/account/signin", data={"email": email, "password": password})
    captured: list[tuple] = []

    def capture(conn, cursor, statement, parameters, context, executemany):
        captured.append((statement, parameters))

    results = {}
    with app.app_context():
        event.listen(db.engine, "before_cursor_execute", capture)
        for label, path in SCENARIOS.items():
            captured.clear()
            assert client.get(path).status_code == 200, path
            # The reads (a first request may write: the policy version, a daily count).
            statements = [c for c in captured if _reads(c[0])]
            best = None
            raw = db.engine.raw_connection()
            try:
                for _ in range(rounds):
                    started = time.perf_counter()
                    for statement, parameters in statements:
                        cursor = raw.cursor()
                        cursor.execute(statement, parameters)
                        if cursor.description:
                            cursor.fetchall()
                        cursor.close()
                    total = (time.perf_counter() - started) * 1000
                    best = total if best is None else min(best, total)
                raw.rollback()
            finally:
                raw.close()
            results[label] = (best, len(statements))
        event.remove(db.engine, "before_cursor_execute", capture)
        db.engine.dispose()
    return results


def report(results: dict) -> None:
    print("SQL per request (all statements of one listing request, best of 7):")
    for label, (ms, count) in results.items():
        flag = "" if ms < 10 else "  (over 10 ms)"
        print(f"  {label:<28} {ms:7.2f} ms in {count} statements{flag}")


def _reads(statement: str) -> bool:
    """A read: SELECT, or a WITH whose statement is one (the capped totals' CTE)."""
    head = statement.lstrip().upper()
    if head.startswith("WITH"):
        return not WRITES.search(head)
    return head.startswith("SELECT")
