"""SQL time per listing request, in process: the summed time of every statement one request
sends, for each search and filter combination (the best of a few rounds)."""

import secrets
import time

from sqlalchemy import event

import config
from outstaff import create_app
from outstaff.core.extensions import db

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
    spent: list[float] = []

    def before(conn, cursor, statement, parameters, context, executemany):
        conn.info["bench_started"] = time.perf_counter()

    def after(conn, cursor, statement, parameters, context, executemany):
        spent.append(time.perf_counter() - conn.info.pop("bench_started"))

    results = {}
    with app.app_context():
        event.listen(db.engine, "before_cursor_execute", before)
        event.listen(db.engine, "after_cursor_execute", after)
        for label, path in SCENARIOS.items():
            assert client.get(path).status_code == 200, path
            best = None
            for _ in range(rounds):
                spent.clear()
                client.get(path)
                total = sum(spent) * 1000
                if best is None or total < best[0]:
                    best = (total, len(spent))
            results[label] = best
        db.engine.dispose()
    return results


def report(results: dict) -> None:
    print("SQL per request (all statements of one listing request, best of 7):")
    for label, (ms, count) in results.items():
        flag = "" if ms < 10 else "  (over 10 ms)"
        print(f"  {label:<28} {ms:7.2f} ms in {count} statements{flag}")
