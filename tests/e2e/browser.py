"""Which Chromium the browser tests drive: `$CHROMIUM`, else Debian's /usr/bin/chromium,
else Playwright's own browser; and the flags that keep it quiet on a closed network."""

import os
import sys
from dataclasses import dataclass
from pathlib import Path

DEBIAN_CHROMIUM = "/usr/bin/chromium"
# Keep Chromium quiet on a closed network (see shared/BROWSER-TESTS.md).
QUIET_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def on_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


@dataclass(frozen=True)
class Browser:
    found: bool
    executable_path: str | None  # None: Playwright's own browser
    reason: str = ""


def _playwright_browsers_dir() -> Path:
    custom = os.environ.get("PLAYWRIGHT_BROWSERS_PATH")
    if custom == "0":
        import playwright

        return Path(playwright.__file__).parent / "driver" / "package" / ".local-browsers"
    if custom:
        return Path(custom)
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "ms-playwright"
    if sys.platform == "win32":
        return Path(os.environ.get("LOCALAPPDATA", Path.home())) / "ms-playwright"
    return Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "ms-playwright"


def find_browser() -> Browser:
    if custom := os.environ.get("CHROMIUM"):
        if Path(custom).is_file():
            return Browser(True, custom)
        return Browser(False, None, f"CHROMIUM={custom} does not exist")
    if Path(DEBIAN_CHROMIUM).is_file():
        return Browser(True, DEBIAN_CHROMIUM)
    browsers = _playwright_browsers_dir()
    if browsers.is_dir() and any(browsers.glob("chromium*")):
        return Browser(True, None)
    return Browser(
        False,
        None,
        "no Chromium found: install Debian's `chromium`, set CHROMIUM=/path/to/chromium, "
        "or run `.venv/bin/playwright install chromium`",
    )


BROWSER = find_browser()
