"""`make bench` (`python -m bench`): the developer listing at 100,000 profiles, under load.

Seeds N published developers into a scratch SQLite database (and, with --postgres URL, into
that PostgreSQL database, which is wiped), starts the app under gunicorn (2 sync workers,
rate limits and the daily harvesting limits off) and, under the same settings, a bare Flask app;
signs in an approved employer and drives each route with wrk (or a Python load generator)
at 32 connections. Prints requests/s, latency percentiles, the ratio to the bare app and
each worker's memory. No response caching is involved: every request runs its queries and
renders its page.

Then the search: the unfiltered first page beside a word that matches nothing, a common
skill, a transliterated name and a typo (each must keep 90 % / 80 % of the unfiltered
page's throughput), and the SQL time of every search and filter combination (bench/sql.py;
under 10 ms each, at 1M developers too: `--developers 1000000 --sql-only`), and with
`--scaling 1000,10000,100000,1000000` only the scaling table (bench/scaling.py).

    python -m bench [--developers 100000] [--seconds 10] [--postgres URL] [--keep] [--sql-only]
                    [--scaling SIZES]
"""

import argparse
import html
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from bench import cpu, instructions, load, report, scaling, sql
from bench.seed import EMPLOYER, NEWCOMER, seed

ROOT = Path(__file__).resolve().parents[1]
LISTING = "/developers?profession=backend&english=B1&availability=open"
CHOICE = "cookie_consent=accepted"  # a regular visitor has made the cookie choice
SEARCHES = [
    ("unfiltered page 1", "/developers"),
    ("search: no match", "/developers?q=zqxvwkjhg"),
    ("search: common skill", "/developers?q=python"),
    ("search: translit", "/developers?q=%D0%98%D0%B2%D0%B0%D0%BD"),  # Иван
    ("search: typo", "/developers?q=Kubernets"),
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    parser.add_argument("--developers", type=int, default=100_000)
    parser.add_argument("--seconds", type=float, default=10.0, help="per route (default 10)")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--postgres",
        metavar="URL",
        help="also run on this PostgreSQL database (wiped: its public schema is dropped)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the scratch directory")
    parser.add_argument(
        "--sql-only", action="store_true", help="seed, then only time the SQL (no load test)"
    )
    parser.add_argument(
        "--scaling",
        metavar="SIZES",
        help="only the scaling table, at these sizes (e.g. 1000,10000,100000,1000000)",
    )
    args = parser.parse_args(argv)

    if not load.have_wrk():
        print(
            "wrk is not installed: using the Python load generator, which shares the CPU "
            "with the server (install wrk for truer figures: apt-get install -y wrk)."
        )
    scratch = Path(tempfile.mkdtemp(prefix="outstaff-bench-"))
    try:
        if args.scaling:
            sqlite = [("SQLite", lambda n: f"sqlite:///{scratch / f'scale-{n}.db'}")]
            postgres = [("PostgreSQL", args.postgres)] if args.postgres else []
            scaling.run([int(n) for n in args.scaling.split(",")], sqlite + postgres)
            return 0
        runs = [("SQLite", f"sqlite:///{scratch / 'bench.db'}")]
        if args.postgres:
            runs.append(("PostgreSQL", args.postgres))
        with Server(["bench.bare:app"], {}, args.workers, scratch / "bare.log") as bare:
            for name, url in runs:
                print(f"\n== {name}: seeding {args.developers} published developers…")
                password = seed(url, args.developers, echo=lambda m: print("  " + m))
                if not args.sql_only:
                    bench_database(name, url, password, bare, args, scratch)
                print(f"\n{name}, {args.developers} developers:")
                sql.report(sql.measure(url, EMPLOYER, password))
    finally:
        if args.keep:
            print(f"\nScratch files kept in {scratch}")
        else:
            shutil.rmtree(scratch, ignore_errors=True)
    return 0


def bench_database(
    name: str, database_url: str, password: str, bare: "Server", args, scratch: Path
) -> None:
    env = {
        "APP_ENV": "production",
        "SECRET_KEY": secrets.token_urlsafe(48),
        "SITE_URL": "https://127.0.0.1",  # served on http://127.0.0.1:<port> (port not checked)
        "DATABASE_URL": database_url,
        "RATELIMIT_ENABLED": "0",
        "PROFILE_VIEW_DAILY_CAP": "0",
        "LISTING_PAGE_DAILY_CAP": "0",
        "MAIL_BACKEND": "memory",
    }
    with Server(["wsgi:app"], env, args.workers, scratch / f"app-{name}.log") as app:
        cookie = signin(app.url, EMPLOYER, password) + "; " + CHOICE
        routes = discover(app.url, cookie)
        results = {}
        for label, url, jar in [
            ("bare Flask app", bare.url + "/", None),
            ("home, first visit", app.url + "/", None),
            *[(label, path and app.url + path, cookie) for label, path in routes],
        ]:
            if url is None:
                print(f"  {label}: skipped (no photos in the demo data)")
                continue
            check(url, jar)
            results[label] = load.run(url, args.connections, args.seconds, jar)
            results[label].serial = load.run(url, 1, max(2, round(args.seconds / 4)), jar)
            results[label].eight = load.run(url, 8, max(2, round(args.seconds / 2)), jar)
            print(f"  measured {label}")
        rss = {"app": app.worker_rss(), "bare": bare.worker_rss()}
    paths = {label: path for label, path in routes if path}
    cpu_ms = cpu.measure(database_url, EMPLOYER, password, paths)
    counts = None
    if instructions.available():
        print("  counting instructions under callgrind (a few minutes)…")
        counts = instructions.measure(database_url, scenarios(paths, password))
    report.print_load(name, results, args, rss, cpu_ms, counts)


def scenarios(paths: dict[str, str], password: str) -> list[dict]:
    """What callgrind counts: the regular employer on every route, a route that returns
    text (session and user only), a first-visit employer and a first-time visitor."""
    regular = {"email": EMPLOYER, "password": password, "cookies": {"cookie_consent": "accepted"}}
    return [
        {"label": "signed in, text only", "path": "/healthz", **regular},
        {"label": "home, first visit", "path": "/"},
        {"label": "listing, newcomer", "path": LISTING, "email": NEWCOMER, "password": password},
        *({"label": label, "path": path, **regular} for label, path in paths.items()),
    ]


class Server:
    """gunicorn on a free port with `workers` sync workers; stopped on exit."""

    def __init__(self, target: list[str], env: dict, workers: int, log: Path):
        self.target, self.env, self.workers, self.log = target, env, workers, log
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> "Server":
        gunicorn = Path(sys.executable).with_name("gunicorn")
        cmd = [
            str(gunicorn),
            "--workers",
            str(self.workers),
            "--worker-class",
            "sync",
            "--bind",
            f"127.0.0.1:{self.port}",
            "--log-level",
            "warning",
            *self.target,
        ]
        env = {**os.environ, **self.env}
        self.log_file = open(self.log, "w")  # noqa: SIM115  (closed in __exit__)
        self.process = subprocess.Popen(
            cmd, cwd=ROOT, env=env, stdout=self.log_file, stderr=subprocess.STDOUT
        )
        deadline = time.time() + 30
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"gunicorn stopped; see {self.log}:\n{self.log.read_text()}")
            try:
                urllib.request.urlopen(self.url + "/healthz", timeout=1)
                break
            except urllib.error.HTTPError:
                break  # answering (the bare app has no /healthz)
            except OSError:
                time.sleep(0.2)
        return self

    def __exit__(self, *exc) -> None:
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log_file.close()

    def worker_rss(self) -> list[float]:
        """Resident memory of each worker, in MB."""
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        sizes = []
        for pid in children.read_text().split() if children.exists() else []:
            status = Path(f"/proc/{pid}/status").read_text()
            sizes.append(int(re.search(r"VmRSS:\s+(\d+) kB", status)[1]) / 1024)
        return sizes


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def signin(base: str, email: str, password: str) -> str:
    """Sign in through the form (CSRF token and all); returns the session cookie."""
    page = urllib.request.urlopen(_request(base + "/account/signin"))
    cookie = page.headers["Set-Cookie"].split(";")[0]
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page.read().decode())[1]
    data = urllib.parse.urlencode({"email": email, "password": password, "csrf_token": token})
    request = _request(base + "/account/signin", cookie, data=data.encode())
    try:
        urllib.request.build_opener(NoRedirect).open(request)
        raise SystemExit("Signing in the bench employer failed (no redirect).")
    except urllib.error.HTTPError as answer:
        if answer.code != 302:
            raise
        return answer.headers["Set-Cookie"].split(";")[0]


def _request(url: str, cookie: str | None = None, data: bytes | None = None):
    """A request from the benchmark's one browser (load.USER_AGENT), with its cookie."""
    headers = {"User-Agent": load.USER_AGENT, **({"Cookie": cookie} if cookie else {})}
    return urllib.request.Request(url, data=data, headers=headers)


def get(url: str, cookie: str | None) -> str:
    body = urllib.request.build_opener(NoRedirect).open(_request(url, cookie)).read()
    return body.decode("utf-8", errors="replace")  # the thumbnail is an image


def check(url: str, cookie: str | None) -> None:
    """Every measured URL must answer 200 before it is measured (wrk counts 3xx as fine),
    and leave a signed-in session as it is (a regular visitor's cookie is not set again)."""
    try:
        answer = urllib.request.build_opener(NoRedirect).open(_request(url, cookie))
    except urllib.error.HTTPError as refused:
        raise SystemExit(f"{url} answered {refused.code}; nothing measured.") from refused
    again = [c for c in answer.headers.get_all("Set-Cookie") or [] if c.startswith("session=")]
    if cookie and again:
        raise SystemExit(f"{url} sets the session cookie again on every request; not measured.")


def discover(base: str, cookie: str) -> list[tuple[str, str | None]]:
    """The measured paths: listing page 1, page 50 (49 "next" links followed), a profile and
    a thumbnail from page 1."""
    first = get(base + LISTING, cookie)
    page, path = first, LISTING
    for _ in range(49):
        link = re.search(r'<a rel="next"[^>]*href="([^"]+)"', page)
        if not link:
            raise SystemExit("The listing has fewer than 50 pages; seed more developers.")
        path = html.unescape(link[1])
        page = get(base + path, cookie)
    profile = re.search(r'href="(/developers/\d+)"', first)
    thumb = re.search(r'<img class="avatar" src="([^"]+)"', first)
    return [
        ("listing, page 1", LISTING),
        ("listing, page 50", path),
        ("profile page", profile[1]),
        ("thumbnail", html.unescape(thumb[1]) if thumb else None),
        *SEARCHES,
    ]


if __name__ == "__main__":
    sys.exit(main())
