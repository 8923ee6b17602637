"""Session fixtures of the accessibility suite (loaded with `pytest_plugins`): the fixture
world, a signed-in browser state per role, and the sweep of every page for a role.

The sweep loads each page twice: in a context with `bypass_csp=True`, only so that axe-core
can run (the layout is checked there at 1280 px too), and in a context under the real CSP at
375 px, which checks the layout, collects
console errors (a blocked inline script or style shows up there) and takes screenshots.
"""

import re
from collections.abc import Callable
from pathlib import Path

import pyotp
import pytest
from playwright.sync_api import expect

from tests.e2e import a11y_world_states
from tests.e2e.a11y_pages import (
    DESKTOP,
    LAYOUT_JS,
    PHONE,
    SCREENSHOTS,
    PageResult,
    catalogue,
    final_path,
    run_axe,
    slug,
)
from tests.e2e.a11y_world import PASSWORD, World, build

SCREENSHOT_DIR = Path(__file__).parent / "screenshots"


@pytest.fixture(scope="session")
def a11y_world(live_server) -> World:
    world = build(live_server.app)
    a11y_world_states.add(live_server.app, world)
    return world


def sign_in(page, world: World, role: str) -> None:
    """Through the real form; admins answer the two-factor step."""
    page.goto("/account/signin")
    page.get_by_label("Email", exact=True).fill(world.emails[role])
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    if role == "admin":
        expect(page).to_have_url(re.compile(r"/account/2fa/challenge"))
        page.get_by_label("Authentication code").fill(pyotp.TOTP(world.totp_secret).now())
        page.get_by_role("button", name="Continue").click()
    expect(page).not_to_have_url(re.compile(r"/account/(signin|2fa/challenge)"))


@pytest.fixture(scope="session")
def role_state(browser, base_url, a11y_world) -> Callable[[str], dict | None]:
    """role_state(role) -> Playwright storage state of a signed-in session (None: anonymous).

    Every role but employer_pending has refused analytics cookies, so the banner is closed.
    """
    states: dict[str, dict | None] = {"anonymous": None}

    def get(role: str) -> dict | None:
        if role not in states:
            context = browser.new_context(base_url=base_url)
            page = context.new_page()
            sign_in(page, a11y_world, role)
            if role != "employer_pending":
                context.add_cookies(
                    [{"name": "cookie_consent", "value": "refused", "url": base_url}]
                )
            states[role] = context.storage_state()
            context.close()
        return states[role]

    return get


@pytest.fixture(scope="session")
def axe_context(browser, base_url, role_state):
    """axe_context(role): a desktop context that bypasses the CSP, for axe-core only."""
    opened = []

    def make(role: str, **options):
        context = browser.new_context(
            base_url=base_url,
            bypass_csp=True,
            viewport=DESKTOP,
            storage_state=role_state(role),
            **options,
        )
        opened.append(context)
        return context

    yield make
    for context in opened:
        context.close()


@pytest.fixture(scope="session")
def html_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("html")


@pytest.fixture(scope="session")
def sweep(browser, base_url, live_server, a11y_world, role_state, axe_context, html_dir):
    """sweep(role) -> [PageResult]: every page for the role, checked once per session (the
    list of pages is written to screenshots/pages-<role>.txt)."""
    done: dict[str, list[PageResult]] = {}
    SCREENSHOT_DIR.mkdir(exist_ok=True)

    def run(role: str) -> list[PageResult]:
        if role not in done:
            done[role] = _sweep(role)
            lines = [
                f"{r.status} {'audited' if r.audited else 'visited'} {r.spec.path}"
                f"{' -> ' + r.final if r.final != r.spec.path else ''}"
                for r in done[role]
            ]
            (SCREENSHOT_DIR / f"pages-{role}.txt").write_text("\n".join(lines) + "\n")
        return done[role]

    def _sweep(role: str) -> list[PageResult]:
        axe_page = axe_context(role).new_page()
        phone_context = browser.new_context(
            base_url=base_url, viewport=PHONE, storage_state=role_state(role)
        )
        phone = phone_context.new_page()
        console: list[str] = []
        phone.on("console", lambda m: console.append(m.text) if m.type == "error" else None)
        phone.on("pageerror", lambda exc: console.append(str(exc)))
        results, seen, shot = [], set(), set()
        for spec in catalogue(live_server.app, a11y_world, role):
            response = axe_page.goto(spec.path)
            body = response.body()
            final = final_path(axe_page.url)
            status = response.status
            result = PageResult(spec, final, status, len(body), body.decode("utf-8"))
            results.append(result)
            # Error pages once per status; a redirect's landing page once per path (with its
            # flash message); every page reached directly, once.
            if status >= 400:
                key = status
            elif final != spec.path:
                key = "redirect:" + final.split("?")[0]
            else:
                key = final
            if key in seen:
                continue
            seen.add(key)
            result.audited = True
            (html_dir / f"{role}--{slug(final)}--{status}.html").write_bytes(body)
            result.violations = run_axe(axe_page)
            result.layout = [f"at 1280 px: {p}" for p in axe_page.evaluate(LAYOUT_JS)]
            console.clear()
            phone.goto(spec.path)
            result.layout += [f"at 375 px: {p}" for p in phone.evaluate(LAYOUT_JS)]
            result.console = [
                m for m in console if "the server responded with a status of 4" not in m
            ]
            if spec.endpoint in SCREENSHOTS.get(role, ()) and spec.endpoint not in shot:
                shot.add(spec.endpoint)
                name = f"{role}-{slug(spec.endpoint)}"
                phone.screenshot(path=SCREENSHOT_DIR / f"{name}-375.png", full_page=True)
                phone.set_viewport_size(DESKTOP)
                phone.screenshot(path=SCREENSHOT_DIR / f"{name}-1280.png", full_page=True)
                phone.set_viewport_size(PHONE)
        phone_context.close()
        return results

    return run
