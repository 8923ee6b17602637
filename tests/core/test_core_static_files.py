"""Static files: versioned URLs cached long, text assets compressed, HTML never compressed."""

import gzip
import os
import re
from pathlib import Path

import pytest

from outstaff import ROOT
from outstaff.core.static_files import Versions

STYLESHEET = ROOT / "static" / "css" / "site.css"
GZIP = {"Accept-Encoding": "gzip"}
BROWSER = {"Accept-Encoding": "gzip, deflate, br, zstd"}


def fetch(client, url: str, **kwargs):
    """GET a static file and close the response (send_file keeps the file open until then)."""
    with client.get(url, **kwargs) as response:
        response.get_data()
    return response


def stylesheet_url(client) -> str:
    html = client.get("/").get_data(as_text=True)
    match = re.search(r'<link rel="stylesheet" href="([^"]+)"', html)
    assert match, "no stylesheet link on the home page"
    return match.group(1)


def test_stylesheet_url_carries_a_content_hash_and_is_cached_for_a_year(client):
    url = stylesheet_url(client)
    assert re.fullmatch(r"/static/css/site\.css\?v=[0-9a-f]{12}", url)

    response = fetch(client, url)
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert response.get_data() == STYLESHEET.read_bytes()


@pytest.mark.parametrize("query", ["", "?v=0123456789ab"])
def test_unversioned_or_stale_urls_are_revalidated_not_cached_long(client, query):
    response = fetch(client, "/static/css/site.css" + query)
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-cache"


def test_stylesheet_is_gzipped_when_the_browser_accepts_it(client):
    response = fetch(client, stylesheet_url(client), headers=GZIP)
    assert response.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response.headers["Vary"]
    body = response.get_data()
    assert int(response.headers["Content-Length"]) == len(body) < STYLESHEET.stat().st_size
    assert gzip.decompress(body) == STYLESHEET.read_bytes()

    # The ETag names the encoding and still lets the browser revalidate cheaply.
    etag = response.headers["ETag"]
    again = fetch(client, stylesheet_url(client), headers={**GZIP, "If-None-Match": etag})
    assert again.status_code == 304


@pytest.mark.parametrize("accept", [None, "identity"])
def test_stylesheet_is_plain_when_gzip_is_not_accepted(client, accept):
    headers = {"Accept-Encoding": accept} if accept else {}
    response = fetch(client, stylesheet_url(client), headers=headers)
    assert "Content-Encoding" not in response.headers
    assert response.get_data() == STYLESHEET.read_bytes()


def test_a_browser_that_takes_brotli_or_zstd_gets_the_smallest_and_the_same_each_time(client):
    url = stylesheet_url(client)
    first = fetch(client, url, headers=BROWSER)
    second = fetch(client, url, headers=BROWSER)
    assert first.headers["Content-Encoding"] in ("zstd", "br")
    assert first.get_data() == second.get_data()
    assert len(first.get_data()) < len(fetch(client, url, headers=GZIP).get_data())


def test_script_is_gzipped_too(client):
    html = client.get("/").get_data(as_text=True)
    script = re.search(r'<script src="(/static/js/site\.js\?v=[0-9a-f]{12})"', html).group(1)
    response = fetch(client, script, headers=GZIP)
    assert response.status_code == 200
    assert response.headers["Content-Encoding"] == "gzip"


@pytest.mark.parametrize("path", ["/", "/account/signin", "/account/signup", "/no/such/page"])
def test_html_pages_are_never_compressed(client, path):
    """Pages carry CSRF tokens: compressing them would open the BREACH attack."""
    response = client.get(path, headers=BROWSER)
    assert response.mimetype == "text/html"
    assert "Content-Encoding" not in response.headers
    assert b"<!doctype html>" in response.get_data()


def test_missing_static_file_is_a_404(client):
    assert fetch(client, "/static/css/nothing.css", headers=GZIP).status_code == 404


def test_a_changed_file_gets_a_new_version(tmp_path):
    (tmp_path / "a.css").write_text("body { color: red }")
    files = Versions(str(tmp_path))
    first = files.version("a.css")
    assert first == files.version("a.css")

    (tmp_path / "a.css").write_text("body { color: blue; }")
    stat = (tmp_path / "a.css").stat()
    os.utime(tmp_path / "a.css", ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert files.version("a.css") not in (None, first)
    assert files.version("../etc/passwd") is None
    assert files.version("missing.css") is None


def test_urls_for_files_that_do_not_exist_get_no_version(app):
    with app.test_request_context():
        from flask import url_for

        assert url_for("static", filename="nope.css") == "/static/nope.css"
        assert Path(app.static_folder, "css/site.css").is_file()


def test_in_production_a_file_is_hashed_once_and_missing_names_are_not_remembered(tmp_path):
    (tmp_path / "a.css").write_text("body { color: red }")
    files = Versions(str(tmp_path), watch=False)
    first = files.version("a.css")
    (tmp_path / "a.css").write_text("body { color: blue; }")
    assert files.version("a.css") == first  # files change only with a deploy
    for n in range(100):
        assert files.version(f"probe-{n}.css") is None
    assert list(files._by_name) == ["a.css"]


def test_in_production_a_layout_link_is_built_once_per_mount_point(app):
    """A site served under a prefix (SCRIPT_NAME) links its files under that prefix, even
    after the same worker has built the links for the root."""
    from outstaff.core.static_files import static_url

    app.extensions["static_versions"].watch = False
    try:
        with app.test_request_context("/"):
            root = static_url("css/site.css")
        with app.test_request_context("/", base_url="http://localhost/jobs"):
            mounted = static_url("css/site.css")
            again = static_url("css/site.css")
    finally:
        app.extensions["static_versions"].watch = True
    assert re.fullmatch(r"/static/css/site\.css\?v=[0-9a-f]{12}", root)
    assert mounted == again == "/jobs" + root
