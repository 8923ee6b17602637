"""Static files: cache-busting URLs, long caching, gzip for text assets.

`url_for('static', filename=...)` gets `?v=<content hash>`; a request carrying the current
hash is cached for a year (the URL changes with the content). Stylesheets, scripts and SVG
are sent gzipped when the browser accepts it. Nothing else is compressed here: HTML pages
carry CSRF tokens and must not be compressed (BREACH).
"""

import gzip
import hashlib
import os
from pathlib import Path

from flask import Flask, Response, current_app, request
from werkzeug.security import safe_join

LONG_CACHE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"  # unversioned URLs: cached, but checked with the ETag each time
COMPRESSIBLE = {"text/css", "text/javascript", "application/javascript", "image/svg+xml"}
MIN_COMPRESS_BYTES = 256  # below this gzip's own overhead eats the gain


class StaticFiles:
    """Content hashes and gzipped bodies, each computed once per version of a file."""

    def __init__(self, folder: str):
        self.folder = folder
        self._hashes: dict[tuple, str] = {}
        self._gzipped: dict[tuple, bytes] = {}

    def _key(self, filename: str) -> tuple | None:
        path = safe_join(self.folder, filename)
        if path is None:
            return None
        try:
            stat = os.stat(path)
        except OSError:
            return None
        # mtime and size in the key: an edited file (during `make run`) gets a new hash.
        return (path, stat.st_mtime_ns, stat.st_size)

    def version(self, filename: str) -> str | None:
        key = self._key(filename)
        if key is None:
            return None
        if key not in self._hashes:
            digest = hashlib.sha256(Path(key[0]).read_bytes()).hexdigest()
            self._hashes[key] = digest[:12]
        return self._hashes[key]

    def gzipped(self, filename: str, data: bytes) -> bytes:
        key = self._key(filename) or (filename, hashlib.sha256(data).hexdigest())
        if key not in self._gzipped:
            self._gzipped[key] = gzip.compress(data, compresslevel=6, mtime=0)
        return self._gzipped[key]


def register(app: Flask) -> None:
    app.extensions["static_files"] = StaticFiles(app.static_folder)
    app.url_defaults(_add_version)
    app.after_request(_static_response)


def _add_version(endpoint: str, values: dict) -> None:
    if endpoint == "static" and "v" not in values and "filename" in values:
        if version := current_app.extensions["static_files"].version(values["filename"]):
            values["v"] = version


def _static_response(response: Response) -> Response:
    if request.endpoint != "static" or response.status_code not in (200, 304):
        return response
    files: StaticFiles = current_app.extensions["static_files"]
    filename = request.view_args["filename"]
    version = files.version(filename)
    versioned = version is not None and request.args.get("v") == version
    response.headers["Cache-Control"] = LONG_CACHE if versioned else REVALIDATE
    if response.mimetype not in COMPRESSIBLE:
        return response
    response.vary.add("Accept-Encoding")
    if response.status_code != 200 or not request.accept_encodings["gzip"]:
        return response
    response.direct_passthrough = False
    data = response.get_data()
    if len(data) < MIN_COMPRESS_BYTES:
        return response
    response.set_data(files.gzipped(filename, data))
    response.headers["Content-Encoding"] = "gzip"
    response.headers.pop("Accept-Ranges", None)
    etag, _ = response.get_etag()
    if etag:
        # Weak: the same content in another encoding; If-None-Match still answers 304.
        response.set_etag(etag, weak=True)
    return response
