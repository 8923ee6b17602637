"""Parts of pages rendered once per state and reused: the header, the notices, the footer,
the listing's "save this search" form, the home page for visitors.

A fragment's HTML is a function of a key (the locale always, then what the caller names:
the user's role flags, the badge count, a policy version...) and of a few holes, values that
differ per request: a variable passed to the template (this page's path), or a token the
template prints (the session's CSRF token, the public forms' token). On a miss the template
renders once with a marker in place of each variable hole, and the output is split at the
markers and at the tokens' values; on a hit the pieces are joined around this request's
values, escaped as Jinja escapes them. The output is byte-identical to rendering the
template, for as long as the key names everything else the template reads.

Nothing here is valid beyond the key: whatever can change (a suspension, an approval, a new
policy version) must be in it, read afresh on every request.
"""

import re
import secrets
import threading

from cachetools import LRUCache
from flask import current_app, render_template
from flask_babel import get_locale
from markupsafe import Markup, escape

MAX_FRAGMENTS = 512
_MARK = "frag" + secrets.token_hex(8)


class _Store:
    def __init__(self):
        self.lock = threading.Lock()
        self.pieces: LRUCache = LRUCache(maxsize=MAX_FRAGMENTS)


def _store() -> _Store:
    store = current_app.extensions.get("fragments")
    if store is None:
        store = current_app.extensions["fragments"] = _Store()
    return store


def render(
    template: str,
    key: tuple,
    variables: dict | None = None,
    holes: dict[str, str] | None = None,
    tokens: dict[str, str] | None = None,
) -> Markup:
    """`template` rendered with `variables` and `holes` (per-request variables, printed
    plainly as `{{ name }}`); `tokens` are per-request values the template prints itself
    (long random strings, so they cannot occur by chance)."""
    holes, tokens = holes or {}, tokens or {}
    store = _store()
    full_key = (template, str(get_locale() or "en"), *key)
    pieces = store.pieces.get(full_key)
    if pieces is None:
        pieces = _split(template, variables or {}, holes, tokens)
        if pieces is None:  # a token that escaping would change: render every time
            return Markup(render_template(template, **(variables or {}), **holes))
        with store.lock:
            store.pieces[full_key] = pieces
    values = {**holes, **tokens}
    return Markup("".join(str(escape(values[p[1:]])) if p[:1] == "\0" else p for p in pieces))


def _split(template: str, variables: dict, holes: dict, tokens: dict) -> tuple | None:
    markers = {f"{_MARK}{i}x": name for i, name in enumerate(holes)}
    for name, value in tokens.items():
        if not value or str(escape(value)) != value:
            return None
        markers[value] = name
    by_name = {name: marker for marker, name in markers.items()}
    html = render_template(template, **variables, **{n: by_name[n] for n in holes})
    if not markers:
        return (html,)
    pattern = "(" + "|".join(re.escape(m) for m in sorted(markers, key=len, reverse=True)) + ")"
    return tuple(
        "\0" + markers[part] if i % 2 else part
        for i, part in enumerate(re.split(pattern, html))
        if i % 2 or part
    )


def clear() -> None:
    """Forget every fragment (the tests that change translations or templates)."""
    store = _store()
    with store.lock:
        store.pieces.clear()
