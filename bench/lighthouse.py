"""`make lighthouse` (`python -m bench.lighthouse`): Lighthouse on the nine pages of issue 19.

Seeds a scratch SQLite database with the demo data, serves it under gunicorn, signs in a
developer, an approved employer and an admin (password and authenticator code) through the
forms, then runs Lighthouse (npm, bench/lighthouse_npm/) in Chromium on each page at mobile
and desktop settings, each role's page with that role's session cookie. Prints the four
scores per page and exits 1 when one is below target: 100 for accessibility, best practices
and SEO, 95 for performance. Each page is a first visit: no cookie choice made yet.

    python -m bench.lighthouse [--runs 3] [--only home,listing] [--keep]
"""

import argparse
import json
import os
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from bench import lighthouse_accounts as accounts
from bench.__main__ import Server

ROOT = Path(__file__).resolve().parents[1]
NPM = Path(__file__).resolve().parent / "lighthouse_npm"
LIGHTHOUSE = NPM / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
# A loaded machine sometimes loses the trace (NO_NAVSTART): Lighthouse asks to run again.
ATTEMPTS = 3
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --no-first-run --disable-sync"
# (name, path or None for the first profile on the listing, who is signed in)
PAGES = [
    ("home", "/", None),
    ("sign-in", "/account/signin", None),
    ("sign-up", "/account/signup", None),
    ("privacy", "/privacy", None),
    ("contact", "/contact", None),
    ("listing", "/developers", "employer"),
    ("profile", None, "employer"),
    ("questionnaire", "/questionnaire/edit", "developer"),
    ("admin dashboard", "/admin/", "admin"),
]
# Lighthouse 12's own; given explicitly because sessions are signed in with the same one
# (Flask-Login's session protection takes a new browser for a stale sign-in: no admin then).
USER_AGENTS = {
    "mobile": "Mozilla/5.0 (Linux; Android 11; moto g power (2022)) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Chrome/136.0.0.0 Mobile Safari/537.36",
    "desktop": "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Chrome/136.0.0.0 Safari/537.36",
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.lighthouse", description=__doc__)
    parser.add_argument("--runs", type=int, default=1, help="runs per page; the median counts")
    parser.add_argument("--only", help="comma-separated page names (default: all nine)")
    parser.add_argument("--keep", action="store_true", help="keep the reports and the database")
    args = parser.parse_args(argv)
    _check_tools()
    pages = [p for p in PAGES if not args.only or p[0] in args.only.split(",")]
    scratch = Path(tempfile.mkdtemp(prefix="outstaff-lighthouse-"))
    try:
        scores = measure(scratch, pages, args.runs)
    finally:
        if args.keep:
            print(f"\nReports and database kept in {scratch}")
        else:
            shutil.rmtree(scratch, ignore_errors=True)
    return report(scores)


def _check_tools() -> None:
    if not Path(CHROMIUM).is_file():
        raise SystemExit(f"No Chromium at {CHROMIUM}: apt-get install chromium, or set CHROMIUM")
    if not LIGHTHOUSE.is_file():
        print("Installing Lighthouse from npm into bench/lighthouse_npm/ (once)…")
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=NPM, check=True)


def measure(scratch: Path, pages: list, runs: int) -> dict:
    """{(page, form factor): {category: median score, "failing": [...]}}"""
    env = _server_env(scratch)
    print("Seeding the demo data…")
    found = accounts.seed(env["DATABASE_URL"], env["SECRET_KEY"])
    server = Server(["wsgi:app"], env, 2, scratch / "gunicorn.log")
    env["SITE_URL"] = server.url  # links in mail; read when the server starts
    with server:
        cookies = {form: _sessions(server.url, found, form) for form in USER_AGENTS}
        profile = accounts.first_profile(
            server.url, USER_AGENTS["desktop"], cookies["desktop"]["employer"]
        )
        scores = {}
        for name, path, role in pages:
            path = path or profile
            for form in USER_AGENTS:
                cookie = cookies[form].get(role)
                print(f"  {name} ({form}): {path}", flush=True)
                reports = [
                    _lighthouse(server.url + path, form, cookie, scratch / f"{name}-{form}-{i}")
                    for i in range(runs)
                ]
                scores[name, form] = _summary(reports)
    return scores


def _server_env(scratch: Path) -> dict[str, str]:
    """Served as `make run` serves it (plain http on 127.0.0.1), without the rate limits."""
    return {
        "APP_ENV": "development",
        "FLASK_DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(48),
        "DATABASE_URL": f"sqlite:///{scratch / 'lighthouse.db'}",
        "RATELIMIT_ENABLED": "0",
        "MAIL_BACKEND": "memory",
        "HUEY_IMMEDIATE": "1",
    }


def _sessions(base: str, found: accounts.Accounts, form: str) -> dict[str, str]:
    """Each role's Cookie header, signed in with the browser Lighthouse will pose as."""
    agent, password = USER_AGENTS[form], found.password
    return {
        "developer": accounts.session_cookie(base, agent, found.developer, password),
        "employer": accounts.session_cookie(base, agent, found.employer, password),
        "admin": accounts.session_cookie(
            base, agent, accounts.ADMINS[form], password, found.admin_totp
        ),
    }


def _lighthouse(url: str, form: str, cookie: str | None, out: Path) -> dict:
    command = [
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={out}.json",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={CHROME_FLAGS}",
        "--max-wait-for-load=60000",
        f"--emulatedUserAgent={USER_AGENTS[form]}",
    ]
    if form == "desktop":
        command.append("--preset=desktop")
    if cookie:
        command.append("--extra-headers=" + json.dumps({"Cookie": cookie}))
    for attempt in range(ATTEMPTS):
        done = subprocess.run(command, env={**os.environ, "CHROME_PATH": CHROMIUM})
        if done.returncode == 0:
            break
        print(f"    Lighthouse failed (attempt {attempt + 1} of {ATTEMPTS})", flush=True)
    else:
        raise SystemExit(f"Lighthouse could not measure {url}")
    result = json.loads(Path(f"{out}.json").read_text(encoding="utf-8"))
    final = result.get("finalDisplayedUrl") or result.get("finalUrl")
    if final.rstrip("/") != url.rstrip("/"):
        raise SystemExit(f"{url} ended at {final}: the page was not the one meant")
    return result


def _summary(reports: list[dict]) -> dict:
    """Median score per category, and the audits that cost points in the last run."""
    summary = {}
    for category in CATEGORIES:
        values = [round(r["categories"][category]["score"] * 100) for r in reports]
        summary[category] = round(statistics.median(values))
    summary["failing"] = _failing(reports[-1])
    return summary


def _failing(result: dict) -> list[str]:
    found = []
    for category in CATEGORIES:
        for ref in result["categories"][category]["auditRefs"]:
            audit = result["audits"][ref["id"]]
            if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                value = audit.get("displayValue", "")
                found.append(f"{category}: {ref['id']} {audit['score']:.2f} {value}".strip())
    return found


def report(scores: dict) -> int:
    names = {"best-practices": "best pr."}
    heads = "".join(f"{names.get(c, c):>14}" for c in CATEGORIES)
    print(f"\n{'page':<17}{'device':<9}{heads}")
    low = []
    for (page, form), summary in scores.items():
        cells = ""
        for category in CATEGORIES:
            below = summary[category] < TARGETS[category]
            cells += f"{summary[category]:>13}{'!' if below else ' '}"
            if below:
                low.append((page, form, category))
        print(f"{page:<17}{form:<9}{cells}")
    for (page, form), summary in scores.items():
        for line in summary["failing"]:
            print(f"  {page} ({form}) loses points on {line}")
    targets = ", ".join(f"{c} {t}" for c, t in TARGETS.items())
    if low:
        print(f"\nBELOW TARGET ({targets}): " + "; ".join(f"{p} {f} {c}" for p, f, c in low))
        return 1
    print(f"\nEvery page meets the targets ({targets}).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
