"""Keyboard only: the skip link, a visible focus everywhere, the cookie banner that lets
focus go on, and a whole journey — sign in, fill in a form, submit — with Tab, Enter and
Space (and typing). Runs under the real CSP, with JavaScript on."""

import re

from playwright.sync_api import Page, expect

from tests.e2e.a11y_world import PASSWORD

FOCUS_JS = """() => {
  const el = document.activeElement;
  const s = getComputedStyle(el);
  const where = el.closest('.consent-banner') ? 'banner' : el.closest('header') ? 'header'
    : el.closest('main') ? 'main' : el.closest('footer') ? 'footer' : 'elsewhere';
  return {tag: el.tagName.toLowerCase(), id: el.id, where,
          text: (el.innerText || el.value || '').trim().slice(0, 40),
          outline: s.outlineStyle, width: parseFloat(s.outlineWidth), color: s.outlineColor};
}"""


def luminance(rgb: str) -> float:
    r, g, b = (int(v) / 255 for v in re.findall(r"\d+", rgb)[:3])
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def focused(page: Page) -> dict:
    return page.evaluate(FOCUS_JS)


def tab_to(page: Page, locator, limit: int = 60, key: str = "Tab") -> None:
    """Press Tab until `locator` has the focus (fails after `limit` presses)."""
    for _ in range(limit):
        page.keyboard.press(key)
        if locator.evaluate("e => e === document.activeElement"):
            return
    raise AssertionError(f"{key} never reached {locator}; focus is on {focused(page)}")


def walk(page: Page, limit: int = 120) -> list[dict]:
    """Tab from the top of the page to its end, noting each stop and how it looks."""
    stops = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        stop = focused(page)
        if stop["tag"] == "body" or (stops and stop == stops[0]):
            break
        stops.append(stop)
    return stops


def assert_focus_visible(stops: list[dict]) -> None:
    """A 2 px or wider outline with 3:1 contrast on white and on the page background."""
    hidden = [
        s
        for s in stops
        if s["outline"] == "none"
        or s["width"] < 2
        or min(
            contrast(s["color"], "rgb(255, 255, 255)"), contrast(s["color"], "rgb(246, 247, 249)")
        )
        < 3
    ]
    assert hidden == [], f"focus not visible on: {hidden}"


def test_the_skip_link_comes_first_and_moves_focus_to_the_content(page: Page):
    page.goto("/privacy")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    expect(skip).to_be_focused()
    box = skip.bounding_box()
    assert box["y"] >= 0 and box["height"] >= 24, "the focused skip link is on screen"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.keyboard.press("Tab")  # the next stop is inside the content, past header and banner
    assert focused(page)["where"] == "main"


def test_focus_is_visible_everywhere_and_the_cookie_banner_lets_it_go(page: Page):
    page.goto("/")
    stops = walk(page)
    places = [s["where"] for s in stops]
    assert {"header", "banner", "main", "footer"} <= set(places), places
    # In page order, and once through the banner: it does not hold the focus.
    order = [p for i, p in enumerate(places) if i == 0 or places[i - 1] != p]
    assert order == ["elsewhere", "header", "banner", "main", "footer"], order
    assert_focus_visible(stops)
    # Backwards, too: Shift+Tab from the content goes through the banner into the header.
    page.locator("main a, main button").first.focus()
    for _ in range(10):
        page.keyboard.press("Shift+Tab")
        if focused(page)["where"] == "header":
            break
    else:
        raise AssertionError("Shift+Tab stayed in the banner")


def test_focus_is_visible_on_form_controls(page: Page):
    page.goto("/account/signup")
    assert_focus_visible(walk(page))


def test_sign_in_and_fill_in_the_questionnaire_with_the_keyboard_only(page: Page, make_account):
    email, _password = make_account("developer")
    page.goto("/")
    tab_to(page, page.get_by_role("link", name="Sign in"))
    page.keyboard.press("Enter")
    tab_to(page, page.get_by_label("Email", exact=True))
    page.keyboard.type(email)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Tab")
    remember = page.get_by_label("Keep me signed in")
    expect(remember).to_be_focused()
    page.keyboard.press("Space")
    expect(remember).to_be_checked()
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Sign in")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="My questionnaire")).to_be_visible()

    tab_to(page, page.get_by_role("link", name="Edit questionnaire"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Edit my questionnaire")).to_be_visible()
    tab_to(page, page.get_by_label("Name", exact=True))
    page.keyboard.type("Kira")
    page.keyboard.press("Tab")
    page.keyboard.type("Lebedeva")
    tab_to(page, page.get_by_label("Country", exact=True), limit=10)
    page.keyboard.type("Kazakhstan")
    expect(page.get_by_label("Country", exact=True)).to_have_value("KZ")
    tab_to(page, page.get_by_label("Profession", exact=True), limit=10)
    page.keyboard.type("Back")
    expect(page.get_by_label("Profession", exact=True)).to_have_value("backend")
    tab_to(page, page.get_by_label("Skills", exact=True), limit=5)
    page.keyboard.type("Python, SQL")
    tab_to(page, page.get_by_label("Open to offers"), limit=5)
    page.keyboard.press("Space")
    expect(page.get_by_label("Open to offers")).to_be_checked()
    tab_to(page, page.get_by_label("Phone number"), limit=300)
    page.keyboard.type("12")  # not a phone number
    tab_to(page, page.get_by_role("button", name="Save"), limit=10)
    page.keyboard.press("Enter")

    # The error summary takes the focus; its link takes it on to the field.
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    page.keyboard.press("Tab")
    expect(summary.get_by_role("link", name=re.compile("Phone number"))).to_be_focused()
    page.keyboard.press("Enter")
    phone = page.get_by_label("Phone number")
    expect(phone).to_be_focused()
    expect(page.get_by_label("Surname", exact=True)).to_have_value("Lebedeva")
    page.keyboard.press("Control+A")
    page.keyboard.type("+7 701 123 45 67")
    tab_to(page, page.get_by_role("button", name="Save"), limit=10)
    page.keyboard.press("Space")
    expect(page.get_by_text("Your questionnaire is saved.")).to_be_visible()
