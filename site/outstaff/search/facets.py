"""The listing's filters as words of the index, so a filter is a lookup of posting lists.

Each document carries, in a column of its own (`facets`), one word per filter value it
meets: its profession, country and availability, each English level it reaches ("English
B2 or better" is one word), each threshold of years it reaches, each language and each
skill under its canonical name. A filter is then the words it requires, all of them
("AND"), and the database intersects their lists instead of testing every row; with or
without search words it is one MATCH (SQLite) or one more `@@` (PostgreSQL).

A word is the kind's letter then the value when the value is plain letters and digits
("cde", "e4", "y3", "skubernetes"), else the letter, "x" and a hash of it (a skill the
vocabulary does not know: "sx1f…"). So no value, however typed, adds index syntax to a
query: the skill filter is free text, and its quotes, OR, NEAR, `*`, `:` and parentheses
all end up inside a hash.
"""

import hashlib
import re

from outstaff import choices
from outstaff.search import text as words

PLAIN = re.compile(r"[a-z0-9]{1,32}")
MAX_YEARS = 60  # the years filter's most (listing.cursor.MAX_YEARS, a test checks)


def token(kind: str, value: str) -> str:
    """The index word for `value` of the filter `kind` (one letter)."""
    value = str(value).lower()
    if PLAIN.fullmatch(value):
        return kind + value
    return kind + "x" + hashlib.blake2b(value.encode(), digest_size=10).hexdigest()


def skill_token(name: str) -> str:
    """A skill under its canonical name: every spelling of the vocabulary gives one word
    ("k8s", "кубер", "Kubernetes"); a skill it does not know, its folded name."""
    folded = " ".join(words.fold(name).split())
    skill = words.skill_of(folded)
    return token("s", skill.key if skill is not None else folded)


def document(profession, country, english_rank, years, availability, languages, skills) -> str:
    """The facet words of one questionnaire, space-separated."""
    found = []
    if profession:
        found.append(token("p", profession))
    if country:
        found.append(token("c", country))
    if availability:
        found.append(token("a", availability))
    found += [token("e", rank) for rank in range(1, (english_rank or 0) + 1)]
    found += [token("y", n) for n in range(1, min(years or 0, MAX_YEARS) + 1)]
    found += [token("l", code) for code in sorted(set(languages))]
    found += [skill_token(name) for name in skills]
    return " ".join(dict.fromkeys(found))


def of_filters(f) -> tuple[str, ...]:
    """The words a listing's filters require (`f`: listing.forms.Filters); the terms
    filters (rate, where, hours) and visibility stay checks on the rows."""
    found = []
    if f.profession:
        found.append(token("p", f.profession))
    if f.country:
        found.append(token("c", f.country))
    if f.availability:
        found.append(token("a", f.availability))
    if f.english:
        found.append(token("e", choices.ENGLISH_RANK[f.english]))
    if f.min_years:
        found.append(token("y", min(f.min_years, MAX_YEARS)))
    found += [token("l", code) for code in f.languages]
    found += [skill_token(name) for name in f.skills]
    return tuple(dict.fromkeys(found))


def fts5(tokens: tuple[str, ...]) -> str:
    """FTS5: all the words, in the facets column only."""
    return "facets : (" + " AND ".join(f'"{t}"' for t in tokens) + ")"


def tsquery(tokens: tuple[str, ...]) -> str:
    """to_tsquery('simple', ...) of the `facet_doc` tsvector: all the words."""
    return " & ".join(tokens)
