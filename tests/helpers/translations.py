"""The translation checks: the catalogs, English left in pages and templates."""

import html
import re
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_keywords, parse_mapping_cfg
from babel.messages.pofile import read_po, write_po
from jinja2 import Environment

ROOT = Path(__file__).resolve().parents[2]


# --- Translations -----------------------------------------------------------------

TEMPLATES = ROOT / "templates"
RUSSIAN_PO = ROOT / "site/outstaff/translations/ru/LC_MESSAGES/messages.po"
RUSSIAN_MO = RUSSIAN_PO.with_suffix(".mo")
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%%")


def extract_keywords() -> dict:
    """The keywords `make extract` passes (`-k …` in the Makefile), on top of Babel's."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    command = re.search(r"pybabel extract (.*?)-o messages\.pot", makefile, re.S).group(1)
    keywords = dict(DEFAULT_KEYWORDS)
    keywords.update(parse_keywords(re.findall(r"-k (\S+)", command)))
    return keywords


def extract_to(pot: Path) -> Catalog:
    """Run the extraction `make extract` runs, in this process, into `pot`; read it back."""
    with (ROOT / "babel.cfg").open(encoding="utf-8") as cfg:
        method_map, options_map = parse_mapping_cfg(cfg)
    catalog = Catalog(project="Outstaff")
    for filename, lineno, message, comments, context in extract_from_dir(
        ROOT, method_map, options_map, keywords=extract_keywords()
    ):
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    with pot.open("wb") as out:
        write_po(out, catalog)
    with pot.open("rb") as back:
        return read_po(back)


def russian_catalog() -> Catalog:
    with RUSSIAN_PO.open("rb") as po:
        return read_po(po, locale="ru")


def forms_of(message) -> list[str]:
    return list(message.string) if isinstance(message.id, tuple) else [message.string]


@cache
def english_chunks() -> tuple[tuple[str, str], ...]:
    """(msgid, piece) for every translated message: the pieces of English between its
    placeholders that are longer than 12 characters and absent from its translation."""
    chunks = []
    for message in russian_catalog():
        if not message.id or not all(forms_of(message)):
            continue
        translated = " ".join(forms_of(message))
        ids = [message.id] if isinstance(message.id, str) else list(message.id)
        for msgid in ids:
            for piece in PLACEHOLDER.split(msgid):
                piece = piece.strip()
                if len(piece) > 12 and piece not in translated:
                    chunks.append((ids[0], piece))
    return tuple(chunks)


def english_left_in(page: str) -> list[str]:
    """The English UI strings (from the catalog) that appear verbatim in a rendered page.

    What a text box holds is data (the English policy an admin edits), not the page's UI.
    """
    text = html.unescape(re.sub(r"<textarea[^>]*>.*?</textarea>", "", page, flags=re.S))
    return sorted({msgid for msgid, piece in english_chunks() if piece in text})


# --- Templates -------------------------------------------------------------------------

GETTEXT = {"_", "gettext", "ngettext", "pgettext", "npgettext"}
SHOWN_ATTRIBUTES = {"alt", "title", "placeholder", "aria-label", "aria-description"}
WORDS = re.compile(r"[A-Za-z]{2,}")
# A literal inside {{ }} or {% %} that reads like words for people: "Save changes", "Cancel".
PROSE = re.compile(r"^[A-Z][a-z]+$|[A-Za-z]{2,}[ ,.!?:;]+[A-Za-z]{2,}.*[A-Z]|^[A-Z][a-z]+ [a-z]")
# Text that is the same in every language.
ALLOWED = {"JSON", "Markdown", "Telegram", "Crypton", "Outstaff", "UTC", "OK", "ID", "QR"}


class _TextNodes(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag, attrs) -> None:
        if tag in ("script", "style"):
            self.hidden += 1
        values = dict(attrs)
        for name, value in attrs:
            shown = name in SHOWN_ATTRIBUTES or (
                name == "value" and tag == "input" and values.get("type") in ("submit", "button")
            )
            if shown and value:
                self._check(f"{name}=", value)

    def handle_endtag(self, tag) -> None:
        if tag in ("script", "style"):
            self.hidden -= 1

    def handle_data(self, data) -> None:
        if not self.hidden:
            self._check("", data)

    def _check(self, where: str, text: str) -> None:
        words = [w for w in WORDS.findall(text) if w not in ALLOWED]
        if words:
            self.found.append(where + text.strip())


def untranslated_template_text(source: str, mail: bool = False) -> list[str]:
    """English a template shows outside `_()`: text between tags, shown attributes, and
    string literals in expressions that read like prose."""
    env = Environment(extensions=["jinja2.ext.i18n"])
    data, found, calls = [], [], []
    previous = None
    for _line, kind, value in env.lex(source):
        if kind == "data":
            data.append(value)
        elif kind in ("variable_begin", "block_begin"):
            data.append(" ")  # the tag renders as something, never as English
        elif kind == "operator" and value == "(":
            calls.append(previous[1] if previous and previous[0] == "name" else None)
        elif kind == "operator" and value == ")" and calls:
            calls.pop()
        elif (
            kind == "string" and not (calls and calls[-1] in GETTEXT) and PROSE.search(value[1:-1])
        ):
            found.append(f"literal {value}")
        if kind != "whitespace":
            previous = (kind, value)
    text = "".join(data)
    if mail:
        found += [
            line.strip()
            for line in text.splitlines()
            if [w for w in WORDS.findall(line) if w not in ALLOWED]
        ]
    else:
        parser = _TextNodes()
        parser.feed(text)
        found += parser.found
    return found
