"""Private pages stay out of search engines by their access rule and Cache-Control.

A crawler is an anonymous visitor: it gets a redirect to sign-in that says noindex (listing,
profiles) or a 404 (the console), never the page. A robots directive on the page itself
would reach only people signed in, protect nothing, and fail Lighthouse's is-crawlable
audit (which reads the X-Robots-Tag header and the robots meta tag alike).
"""

import re

import pytest

ADMIN_PAGES = ["/admin/", "/admin/feedback", "/admin/rates", "/admin/policy", "/admin/queue"]
ROBOTS_META = re.compile(r"<meta[^>]+name=\"robots\"", re.IGNORECASE)


@pytest.fixture
def profile(make_profile):
    return make_profile(first_name="Olga", last_name="Secretova", telegram="olga_dev")


def _listing_pages(profile) -> list[str]:
    return ["/developers", f"/developers/{profile.id}", "/developers?q=olga"]


def test_a_crawler_gets_no_listing_or_profile_only_a_noindex_sign_in_redirect(client, profile):
    for url in _listing_pages(profile):
        response = client.get(url)
        assert response.status_code == 302, url
        assert "/account/signin" in response.headers["Location"]
        assert response.headers["X-Robots-Tag"] == "noindex", url
        assert "Secretova" not in response.get_data(as_text=True)


def test_a_crawler_gets_404_from_every_console_page(client):
    for url in ADMIN_PAGES:
        assert client.get(url).status_code == 404, url


def _assert_private_but_not_noindexed(response, url: str) -> None:
    assert response.status_code == 200, url
    assert response.headers["Cache-Control"] == "no-store", url  # no shared cache keeps it
    assert "X-Robots-Tag" not in response.headers, url
    assert not ROBOTS_META.search(response.get_data(as_text=True)), url


def test_an_employers_listing_and_profile_pages_carry_no_robots_directive(
    client, auth, employer, profile
):
    auth.login(employer)
    for url in _listing_pages(profile):
        _assert_private_but_not_noindexed(client.get(url), url)


def test_the_console_carries_no_robots_directive(client, auth, make_user):
    auth.login(make_user("admin"))
    for url in ADMIN_PAGES:
        _assert_private_but_not_noindexed(client.get(url), url)
