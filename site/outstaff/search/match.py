"""A search box's text as a query of the index, the same on SQLite and PostgreSQL.

Every word must match, each in any field. A word matches its skill's key ("k8s" ->
kubernetes) and any indexed word it begins ("kube" -> kubernetes); a word of five letters
or more that the index does not hold as a prefix matches the indexed words one edit away
(insert, delete, replace or swap two letters: "Kubernets"). "Quoted words" match as a
phrase, exactly. A word that matches nothing empties the search before any index query
runs (a vocabulary lookup or two), so a search for nonsense costs what it costs on 1k
profiles; so does a phrase with two words neighbours in no document (search_neighbour),
and one never in a name, profession or skills skips the relevance tier of those.

`strong` queries match in the name, profession or skills only (ranked above the bio).
"""

import json
import re
from dataclasses import dataclass
from functools import lru_cache

from sqlalchemy import and_, bindparam, func, select, text, union_all

from outstaff.core import data_version
from outstaff.core.extensions import db
from outstaff.models import SearchNeighbour, SearchTerm
from outstaff.search import text as words

MAX_TERMS, MAX_QUERY, TYPO_MIN = 8, 100, 5
MAX_CANDIDATES = 20
PHRASE = re.compile(r'"([^"]*)"?')
ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789"


@dataclass(frozen=True)
class Word:
    exact: tuple[str, ...]  # index words matched whole (a skill key, typo neighbours)
    prefix: str | None  # matched as a prefix
    # The documents its words are in, summed (at least those it matches), when the
    # vocabulary gave each word's count; None: not known. A plan, never a result.
    docs: int | None = None


@dataclass(frozen=True)
class Query:
    words: tuple[Word, ...] = ()
    phrases: tuple[tuple[str, ...], ...] = ()
    nothing: bool = False  # some word matches nothing: no results, no index query
    # Some phrase is in no name, profession or skills: the relevance tier of those is empty.
    strong_none: bool = False

    @property
    def empty(self) -> bool:
        return not (self.words or self.phrases)


def split(query: str | None) -> tuple[list[str], list[list[str]]]:
    """(folded words, phrases as lists of folded words) of a search box, within limits."""
    query = (query or "")[:MAX_QUERY]
    phrases = [words.words(p) for p in PHRASE.findall(query)]
    phrases = [p for p in phrases if p]
    loose = list(dict.fromkeys(words.words(PHRASE.sub(" ", query))))
    return loose[:MAX_TERMS], phrases[: max(0, MAX_TERMS - len(loose))]


def parse(query: str | None) -> Query:
    loose, phrases = split(query)
    vocabulary = Vocabulary()
    found: list[Word] = []
    for folded in loose:
        forms = words.word_forms(folded)
        if not forms:
            continue
        plain, keys = forms[-1], tuple(forms[:-1])
        if (keys and len(plain) < 3) or len(plain) < 2:  # "js", "go", "c": whole words
            found.append(Word((*keys, plain), None))
        elif completions := vocabulary.starting(plain):
            found.append(_prefixed(keys, plain, completions))
        elif keys:
            found.append(Word(keys, None))
        elif len(plain) >= TYPO_MIN and (near := vocabulary.one_edit(plain)):
            found.append(Word(tuple(near), None))
        else:
            return Query(nothing=True)
    latin = [tuple(f for w in p if (f := words.latin(w))) for p in phrases]
    latin = [p for p in latin if p]
    pairs = {f"{a} {b}" for p in latin for a, b in zip(p, p[1:], strict=False)}
    strong = {words.STRONG_PAIR + pair for pair in pairs}
    known = vocabulary.neighbours(pairs | strong)
    if not pairs <= known:  # two of a phrase's words neighbours nowhere
        return Query(nothing=True)
    return Query(tuple(found), tuple(latin), strong_none=not strong <= known)


def _prefixed(keys: tuple[str, ...], plain: str, completions: list[tuple[str, int]]) -> Word:
    """A word matched as a prefix: as its few completions ((word, documents) each) when the
    vocabulary has at most MAX_CANDIDATES of them, since both indexes read an exact word's
    list lazily, newest first, and stop after a page, where a prefix's lists are merged whole
    first (at 1M profiles "python"* reads all 150,000 documents; "python" reads 21)."""
    if len(completions) > MAX_CANDIDATES:
        return Word(keys, plain)
    terms = [term for term, _docs in completions]
    docs = sum(n for _term, n in completions) if set(keys) <= set(terms) else None
    return Word(tuple(dict.fromkeys((*keys, *terms))), None, docs)


def one_edit(a: str, b: str) -> bool:
    """True when b is a one away from a: one letter inserted, deleted, replaced or two
    neighbours swapped."""
    if a == b or abs(len(a) - len(b)) > 1:
        return a == b
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        return (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and a[diff[0]] == b[diff[1]]
            and (a[diff[1]] == b[diff[0]])
        )
    short, long = (a, b) if len(a) < len(b) else (b, a)
    i = next((i for i in range(len(short)) if short[i] != long[i]), len(short))
    return short[i:] == long[i + 1 :]


class Vocabulary:
    """The index's words (`search_term`, kept by triggers on both databases). Looked up as
    a listing page is read (core.data_version): a repeated search asks nothing again while
    the index stays the same."""

    def __init__(self):
        self.sqlite = db.engine.dialect.name == "sqlite"

    def starting(self, word: str) -> list[tuple[str, int]]:
        """The indexed words that begin with `word` and the documents each is in,
        MAX_CANDIDATES + 1 at most."""
        values = {"a": word, "b": word + "\x7f"}
        return [tuple(row) for row in data_version.rows(_starting_statement(self.sqlite), values)]

    def neighbours(self, pairs: set[str]) -> set[str]:
        """Those of `pairs` of words ("a b", "+a b": search.text.neighbours) one after the
        other in some document (search_neighbour, kept by triggers on both databases)."""
        if not pairs:
            return set()
        return set(_scalars(_neighbours_statement(), {"v": sorted(pairs)}))

    def one_edit(self, word: str) -> list[str]:
        if self.sqlite:
            found = self._near_sqlite(word)
        else:
            db.session.execute(
                text("SELECT set_config('pg_trgm.similarity_threshold', '0.2', true)")
            )
            found = _scalars(_similar_statement(), {"w": word})
        return sorted({t for t in found if one_edit(word, t)})[:MAX_CANDIDATES]

    def _near_sqlite(self, word: str) -> list[str]:
        """Candidates one edit from `word`, in one statement: edits after the second letter
        keep the first two (a range of the vocabulary, 200 words at most); edits in the
        first two letters are their few spellings (some 150), looked up exactly, passed as
        one JSON array rather than as as many parameters."""
        variants = sorted(v for v in _variants(word) if v[:2] != word[:2])
        values = {"a": word[:2], "b": word[:2] + "\x7f", "v": json.dumps(variants)}
        return _scalars(_near_statement(), values)


T, N = SearchTerm, SearchNeighbour


def _range(term):
    """The words that begin with :a (:b is :a and DEL): a byte-order range, which PostgreSQL
    reads from ix_search_term_c whatever the database's collation."""
    return and_(term >= bindparam("a"), term < bindparam("b"))


# Built once each, and run on the session's connection, as the listing's own queries are:
# every search runs one or two.
@lru_cache(maxsize=2)
def _starting_statement(sqlite: bool):
    term = T.term if sqlite else T.term.collate("C")
    return select(T.term, T.docs).where(_range(term)).limit(MAX_CANDIDATES + 1)


@lru_cache(maxsize=1)
def _similar_statement():
    """PostgreSQL: the words pg_trgm finds similar to :w (under ix_search_term_trgm)."""
    return select(T.term).where(T.term.op("%")(bindparam("w"))).limit(200)


@lru_cache(maxsize=1)
def _neighbours_statement():
    return select(N.pair).where(N.pair.in_(bindparam("v", expanding=True)))


@lru_cache(maxsize=1)
def _near_statement():
    """SQLite: 200 words at most of the range of :a, then those among the JSON array :v."""
    ranged = select(T.term).where(_range(T.term)).limit(200).subquery()
    spelled = func.json_each(bindparam("v")).table_valued("value")
    exact = select(T.term).where(T.term.in_(select(spelled.c.value)))
    return union_all(select(ranged.c.term), exact)


def _scalars(statement, values: dict) -> list:
    return [row[0] for row in data_version.rows(statement, values)]


def _variants(word: str) -> set[str]:
    """Spellings one edit away whose edit touches the first two letters."""
    found = set()
    for i in range(min(2, len(word))):
        found.add(word[:i] + word[i + 1 :])
        found.update(word[:i] + c + word[i + 1 :] for c in ALPHABET)
        found.update(word[:i] + c + word[i:] for c in ALPHABET)
        if i + 1 < len(word):
            found.add(word[:i] + word[i + 1] + word[i] + word[i + 2 :])
    return found


def fts5(query: Query, strong: bool) -> str:
    """The FTS5 MATCH expression (every word is [a-z0-9]+, so quoting is safe)."""
    parts = []
    for word in query.words:
        alternatives = [f'"{t}"' for t in word.exact] + (
            [f'"{word.prefix}"*'] if word.prefix else []
        )
        parts.append("(" + " OR ".join(alternatives) + ")")
    parts += ['"' + " ".join(p) + '"' for p in query.phrases]
    expression = " AND ".join(parts)
    return f"strong : ({expression})" if strong else expression


def tsquery(query: Query, strong: bool) -> str:
    """The to_tsquery('simple', ...) text; strong: only words weighted A."""
    weight = "A" if strong else ""
    parts = []
    for word in query.words:
        alternatives = [f"{t}:{weight}" if weight else t for t in word.exact]
        if word.prefix:
            alternatives.append(f"{word.prefix}:*{weight}")
        parts.append("(" + " | ".join(alternatives) + ")")
    parts += [
        "(" + " <-> ".join(f"{t}:{weight}" if weight else t for t in p) + ")" for p in query.phrases
    ]
    return " & ".join(parts)


def expression(query: Query, strong: bool) -> str:
    return fts5(query, strong) if db.engine.dialect.name == "sqlite" else tsquery(query, strong)
