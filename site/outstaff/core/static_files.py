"""Static files: cache-busting URLs, long caching, compressed text assets.

`url_for('static', filename=...)` gets `?v=<content hash>`; a request carrying the current
hash is cached for a year (the URL changes with the content). Flask-Compress sends
stylesheets, scripts and SVG compressed (zstd, Brotli or gzip, whichever the browser prefers),
each version compressed once. HTML is never compressed: pages carry CSRF tokens (BREACH).
"""

import hashlib
import os
from pathlib import Path

from flask import Flask, Response, current_app, request, url_for
from flask_compress import Compress
from werkzeug.security import safe_join

from outstaff.core.lean import pages_only

LONG_CACHE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"  # unversioned URLs: cached, but checked with the ETag each time
COMPRESSION = {
    "COMPRESS_MIMETYPES": [
        "text/css",
        "text/javascript",
        "application/javascript",
        "image/svg+xml",
    ],
    "COMPRESS_ALGORITHM": ["br", "zstd", "gzip"],
    # Each file version is compressed once (CompressedCopies), so the best levels are cheap.
    "COMPRESS_BR_LEVEL": 11,
    "COMPRESS_ZSTD_LEVEL": 19,
    "COMPRESS_LEVEL": 9,
    "COMPRESS_MIN_SIZE": 256,  # below this the encoding's own overhead eats the gain
    "COMPRESS_STREAMS": False,
}


class Versions:
    """A short content hash per version of a file. With `watch` (development, tests) each
    call checks the file's mtime and size, so an edited file gets a new hash; without it
    (production, where files change only with a deploy) a file is read once."""

    def __init__(self, folder: str, watch: bool = True):
        self.folder, self.watch = folder, watch
        self._hashes: dict[tuple, str] = {}
        self._by_name: dict[str, str | None] = {}

    def _key(self, filename: str) -> tuple | None:
        path = safe_join(self.folder, filename)
        if path is None:
            return None
        try:
            stat = os.stat(path)
        except OSError:
            return None
        return (path, stat.st_mtime_ns, stat.st_size)

    def version(self, filename: str) -> str | None:
        if not self.watch:
            if filename not in self._by_name:
                version = self._hash(filename)
                if version is None:  # never remember what is missing: names are unbounded
                    return None
                self._by_name[filename] = version
            return self._by_name[filename]
        return self._hash(filename)

    def _hash(self, filename: str) -> str | None:
        key = self._key(filename)
        if key is None:
            return None
        if key not in self._hashes:
            self._hashes[key] = hashlib.sha256(Path(key[0]).read_bytes()).hexdigest()[:12]
        return self._hashes[key]


class CompressedCopies:
    """Flask-Compress's cache: one compressed body per encoding and file version."""

    def __init__(self):
        self._bodies: dict[str, bytes] = {}

    def get(self, key: str) -> bytes | None:
        return self._bodies.get(key)

    def set(self, key: str, value: bytes) -> None:
        self._bodies[key] = value


def register(app: Flask) -> None:
    for key, value in COMPRESSION.items():
        app.config.setdefault(key, value)
    copies = CompressedCopies()
    app.config.setdefault("COMPRESS_CACHE_BACKEND", lambda: copies)
    app.config.setdefault("COMPRESS_CACHE_KEY", _version_key)
    compress = Compress(app)
    # Lean views answer images, which are never compressed: they skip Flask-Compress.
    hooks = app.after_request_funcs[None]
    hooks[hooks.index(compress.after_request)] = pages_only(compress.after_request)
    watch = app.config["APP_ENV"] != "production"
    app.extensions["static_versions"] = Versions(app.static_folder, watch=watch)
    app.url_defaults(_add_version)
    app.jinja_env.globals["static_url"] = static_url
    # Registered after Flask-Compress, so it runs before it (after_request runs in reverse).
    app.after_request(_static_response)


def static_url(filename: str) -> str:
    """`url_for("static", filename=...)` with its version, built once per file and mount
    point where files change only with a deploy (production): every page's layout links
    three files and its icons, and each URL built costs a walk of the URL map."""
    versions = current_app.extensions["static_versions"]
    if versions.watch:
        return url_for("static", filename=filename)
    built = current_app.extensions.setdefault("static_urls", {})
    key = (request.script_root, filename)
    if key not in built:
        built[key] = url_for("static", filename=filename)
    return built[key]


def _version_key(req) -> str:
    filename = (req.view_args or {}).get("filename", "")
    return f"{req.path}?{current_app.extensions['static_versions'].version(filename)}"


def _add_version(endpoint: str, values: dict) -> None:
    if endpoint == "static" and "v" not in values and "filename" in values:
        if version := current_app.extensions["static_versions"].version(values["filename"]):
            values["v"] = version


def _static_response(response: Response) -> Response:
    if request.endpoint != "static" or response.status_code not in (200, 304):
        return response
    version = current_app.extensions["static_versions"].version(request.view_args["filename"])
    versioned = version is not None and request.args.get("v") == version
    response.headers["Cache-Control"] = LONG_CACHE if versioned else REVALIDATE
    if response.status_code == 200 and response.mimetype in COMPRESSION["COMPRESS_MIMETYPES"]:
        # A file response is a stream; read it so Flask-Compress compresses it whole, once.
        response.direct_passthrough = False
        response.set_data(response.get_data())
    return response
