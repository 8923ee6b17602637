"""Plain text people wrote, shown as HTML: everything escaped, web links made safe links."""

import re

from markupsafe import Markup, escape

# http(s) only: a "javascript:" or "data:" address stays plain text.
_URL = re.compile(r"https?://[^\s<>\"']+", re.IGNORECASE)
_TRAILING = ".,;:!?)]}»”’"


def linkify(text: str | None) -> Markup:
    """`text` escaped, with each http(s) address a link that passes no referrer, gives the
    linked page no hold on this one, and no search-engine credit."""
    if not text:
        return Markup("")
    out, last = [], 0
    for match in _URL.finditer(text):
        url = match.group(0).rstrip(_TRAILING)
        end = match.start() + len(url)
        out.append(escape(text[last : match.start()]))
        out.append(
            Markup('<a href="{0}" rel="nofollow noopener noreferrer ugc">{0}</a>').format(url)
        )
        last = end
    out.append(escape(text[last:]))
    return Markup("").join(out)
