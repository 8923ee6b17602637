"""No third parties: every asset comes from the site itself."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# Attributes and CSS that make a browser fetch something; an external URL there is a leak.
ABSOLUTE = r"""\s*=?\s*\(?\s*["']?\s*(?:https?:)?//"""
FETCHING = re.compile(
    r"(?:\bsrc|\bsrcset|\baction|\bformaction|\bposter|\bdata|\bping|\bbackground|"
    r"<link\b[^>]*?\bhref|<use\b[^>]*?\bhref|<image\b[^>]*?\bhref|url|@import)" + ABSOLUTE,
    re.IGNORECASE,
)
ANCHOR = re.compile(r"""<a\b[^>]*?\bhref\s*=\s*["']\s*(?:https?:)?//[^>]*>""", re.IGNORECASE)
SCRIPT_URL = re.compile(r"""["'`]\s*(?:https?:)?//[a-z0-9]""", re.IGNORECASE)


def site_files():
    for folder in ("templates", "static"):
        for path in sorted((ROOT / folder).rglob("*")):
            if path.is_file() and path.suffix in {".html", ".css", ".js", ".svg", ".txt"}:
                yield path


def leaks(text: str, suffix: str) -> list[str]:
    found = [m.group(0) for m in FETCHING.finditer(text)]
    # Links to other sites (a developer's Telegram) are fine as links, never as referrers.
    found += [
        a
        for a in (m.group(0) for m in ANCHOR.finditer(text))
        if not re.search(r"""rel=["'][^"']*noopener[^"']*noreferrer""", a)
        and not re.search(r"""rel=["'][^"']*noreferrer[^"']*noopener""", a)
    ]
    if suffix == ".js":
        found += [m.group(0) for m in SCRIPT_URL.finditer(text)]
    return found


def test_the_scanner_catches_what_it_should():
    assert leaks('<script src="https://cdn.example/x.js"></script>', ".html")
    assert leaks("<link rel='stylesheet' href='//fonts.example/css'>", ".html")
    assert leaks("body { background: url(https://img.example/a.png) }", ".css")
    assert leaks('@import "https://fonts.example/f.css";', ".css")
    assert leaks('<form action="https://collector.example/">', ".html")
    assert leaks('<a href="https://t.me/someone">', ".html")
    assert leaks('fetch("https://api.example/track")', ".js")
    assert not leaks('<a href="https://t.me/x" rel="noopener noreferrer">', ".html")
    assert not leaks('<svg xmlns="http://www.w3.org/2000/svg">', ".svg")
    assert not leaks('<img src="/static/a.png"><a href="/privacy">', ".html")


def test_promise_no_third_party_urls_in_templates_or_static_files():
    files = list(site_files())
    assert len(files) > 20
    problems = {
        str(p.relative_to(ROOT)): leaks(p.read_text(encoding="utf-8"), p.suffix) for p in files
    }
    assert {path: found for path, found in problems.items() if found} == {}


@pytest.mark.parametrize(
    "path",
    ["/", "/privacy", "/privacy/cookies", "/account/signin", "/account/signup", "/no/such/page"],
)
def test_promise_pages_load_nothing_from_other_sites(client, path):
    response = client.get(path)
    assert leaks(response.get_data(as_text=True), ".html") == []
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]
