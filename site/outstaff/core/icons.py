"""Icons from the heroicons package, as one cached sprite (static/img/icons.svg) that pages
point into with <use>: a header's icons cost a few bytes of HTML each, not their paths.

`python -m outstaff.core.icons > static/img/icons.svg` (`make icons`) rebuilds the sprite
after a name is added below; a test fails while the committed file differs.
"""

import re

import heroicons

# (style, name): "outline" 24 px for headings and cards, "mini" 20 px for links and buttons.
ICONS = {
    "outline": [
        "briefcase",
        "building-office-2",
        "check-badge",
        "code-bracket",
        "identification",
        "magnifying-glass",
        "paper-airplane",
        "shield-check",
        "user",
        "user-group",
    ],
    "mini": [
        "bookmark",
        "briefcase",
        "building-office",
        "chart-bar",
        "code-bracket",
        "document-text",
        "envelope",
        "eye",
        "globe-alt",
        "inbox",
        "lock-closed",
        "shield-check",
        "user-circle",
        "users",
    ],
}
_SVG = re.compile(r"<svg([^>]*)>(.*)</svg>", re.S)
_KEEP = re.compile(r'\s(fill|stroke|stroke-width|viewBox)="[^"]*"')


def symbol_id(style: str, name: str) -> str:
    return f"{style}-{name}"


def sprite() -> str:
    """Every icon in ICONS as a <symbol>, keeping the paths and painting attributes."""
    symbols = []
    for style, names in ICONS.items():
        for name in names:
            attributes, body = _SVG.search(heroicons._render_icon(style, name, None, {})).groups()
            kept = "".join(m.group(0) for m in _KEEP.finditer(attributes))
            inner = " ".join(body.split())
            symbols.append(f'<symbol id="{symbol_id(style, name)}"{kept}>{inner}</symbol>')
    return '<svg xmlns="http://www.w3.org/2000/svg">\n' + "\n".join(symbols) + "\n</svg>\n"


if __name__ == "__main__":
    print(sprite(), end="")
