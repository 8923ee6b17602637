"""The README's tour: the main pages at 1280 and 375 px, photographed by the accessibility
sweep (which has already checked each of them: axe, no sideways scrolling at 375 px) and
copied to docs/screenshots/ as small JPEGs. Runs with TOUR=1 (`make tour`), so an ordinary
test run leaves the committed pictures alone."""

import os
from pathlib import Path

import pytest
from PIL import Image

from tests.e2e.a11y_pages import slug

pytest_plugins = ["tests.e2e.a11y_fixtures"]

SCREENSHOT_DIR = Path(__file__).parent / "screenshots"  # where the sweep saves them
DOCS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
# (role, endpoint, file name): what a visitor, a developer, an employer and an admin see.
TOUR = [
    ("anonymous", "main.home", "home"),
    ("anonymous", "accounts.signup", "sign-up"),
    ("anonymous", "privacy.policy", "privacy"),
    ("developer", "questionnaire.dashboard", "questionnaire"),
    ("developer", "offers.inbox", "offers"),
    ("employer", "listing.index", "listing"),
    ("employer", "listing.profile", "profile"),
    ("employer", "offers.shortlist", "shortlist"),
    ("admin", "admin.index", "admin"),
    ("admin", "admin.analytics", "analytics"),
]
MAX_HEIGHT = {"1280": 1500, "375": 1400}  # the top of a long page is what the tour shows


@pytest.mark.skipif(os.environ.get("TOUR") != "1", reason="set TOUR=1 to refresh the tour")
def test_the_tour_pictures_are_taken_from_the_checked_pages(sweep):
    DOCS.mkdir(parents=True, exist_ok=True)
    for role, endpoint, name in TOUR:
        results = {r.spec.endpoint: r for r in sweep(role)}
        assert results[endpoint].status == 200, endpoint
        for width, limit in MAX_HEIGHT.items():
            source = SCREENSHOT_DIR / f"{role}-{slug(endpoint)}-{width}.png"
            with Image.open(source) as image:
                top = image.convert("RGB").crop((0, 0, image.width, min(image.height, limit)))
                top.save(DOCS / f"{name}-{width}.jpg", quality=72, optimize=True)
    assert len(list(DOCS.glob("*.jpg"))) >= 2 * len(TOUR)
