"""What every page carries: a favicon, a title and a description; what it weighs: pages
under 50 KB of HTML, the stylesheet under 30 KB compressed; and forms that summarise their
errors. (The browser suite in tests/e2e checks every page for every role; these run without
a browser.)"""

import re

import pytest

from outstaff import ROOT
from outstaff.core.extensions import db
from outstaff.listing.forms import PER_PAGE_MAX
from outstaff.models import EmployerProfile, utcnow

PUBLIC_PAGES = [
    "/",
    "/account/signup",
    "/account/signin",
    "/account/password/forgot",
    "/contact",
    "/privacy",
    "/privacy/cookies",
]
# Pages search engines should show with their own summary, not the site's default one.
INDEXED = ["/", "/account/signup", "/account/signin", "/contact", "/privacy", "/privacy/cookies"]
GZIP = {"Accept-Encoding": "gzip"}


def head_of(client, path: str) -> dict:
    html = client.get(path).get_data(as_text=True)
    title = re.search(r"<title>([^<]*)</title>", html)
    description = re.search(r'<meta name="description" content="([^"]*)">', html)
    icon = re.search(r'<link rel="icon" href="([^"]+)" type="image/svg\+xml">', html)
    return {
        "html": html,
        "title": title and title.group(1).strip(),
        "description": description and description.group(1).strip(),
        "icon": icon and icon.group(1),
    }


def test_public_pages_have_their_own_titles_and_descriptions(client):
    heads = {path: head_of(client, path) for path in PUBLIC_PAGES}
    titles = [head["title"] for head in heads.values()]
    assert all(titles) and len(set(titles)) == len(titles), titles
    default_description = heads["/account/password/forgot"]["description"]  # base.html's
    assert default_description
    for path in INDEXED:
        description = heads[path]["description"]
        assert description and description != default_description, path
        assert 50 <= len(description) <= 170, (path, len(description))


def test_every_page_links_the_favicon_and_it_is_served(client):
    icon = head_of(client, "/")["icon"]
    assert icon.startswith("/static/favicon.svg?v=")
    with client.get(icon) as response:
        assert response.status_code == 200
        assert response.mimetype == "image/svg+xml"
        assert b"<svg" in response.get_data()


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_pages_weigh_under_50_kb_of_html(client, path):
    assert len(client.get(path).get_data()) < 50 * 1024


def test_a_full_listing_page_of_rich_cards_is_under_50_kb(client, auth, make_user, make_profile):
    employer = make_user("employer", approval="approved", approved_at=utcnow())
    db.session.add(
        EmployerProfile(
            user_id=employer.id,
            company_name="Weight Watchers Ltd",
            company_name_norm="weight watchers",
        )
    )
    for n in range(PER_PAGE_MAX):
        make_profile(
            first_name=f"Alexandra-Margarita {n}",
            last_name="Konstantinopolskaya",
            profession="fullstack",
            years_experience=12,
            languages=("de", "en", "kk", "ru"),
            skills=("Python", "PostgreSQL", "Kubernetes", "Terraform", "Go", "React", "TypeScript"),
        )
    auth.login(employer)
    response = client.get(f"/developers?per_page={PER_PAGE_MAX}")
    assert response.get_data(as_text=True).count('class="dev-card"') == PER_PAGE_MAX
    assert len(response.get_data()) < 50 * 1024


def test_the_stylesheet_is_under_30_kb_compressed(client):
    href = re.search(r'<link rel="stylesheet" href="([^"]+)"', head_of(client, "/")["html"])
    with client.get(href.group(1), headers=GZIP) as response:
        assert response.headers["Content-Encoding"] == "gzip"
        assert len(response.get_data()) < 30 * 1024


def test_every_template_with_form_fields_shows_an_error_summary():
    """The `field` macro puts errors beside the fields; the summary lists them at the top, with
    links that take the focus to each field (keyboard and screen-reader users start there)."""
    missing = []
    for template in sorted((ROOT / "templates").rglob("*.html")):
        text = template.read_text(encoding="utf-8")
        if "{{ field(" in text and "error_summary(" not in text:
            missing.append(str(template.relative_to(ROOT)))
    assert missing == []


def test_every_post_form_carries_its_token_one_way():
    """Every POST form carries its token through the `csrf_field` macro (bare buttons through
    `post_button`, which uses it). A hand-written token is another way that drifts."""
    strays, untokened = [], []
    for template in sorted((ROOT / "templates").rglob("*.html")):
        name = str(template.relative_to(ROOT / "templates"))
        text = template.read_text(encoding="utf-8")
        if name == "_forms.html":
            continue
        if 'name="csrf_token"' in text or "{{ csrf_token() }}" in text:
            strays.append(name)
        for form in re.findall(r'<form[^>]*method="post".*?</form>', text, re.S):
            if not re.search(r"csrf_field\(\)|public_csrf_token", form):
                untokened.append(name)
    assert strays == [] and untokened == [], (strays, untokened)


def test_every_template_closes_only_the_forms_it_opens():
    """A form opened in one template and closed in another (or closed twice, as when a
    `post_button` replaced a hand-written form) leaves a stray end tag that browsers repair
    each their own way."""
    unbalanced = []
    for template in sorted((ROOT / "templates").rglob("*.html")):
        text = template.read_text(encoding="utf-8")
        if len(re.findall(r"<form\b", text)) != text.count("</form>"):
            unbalanced.append(str(template.relative_to(ROOT / "templates")))
    assert unbalanced == []
