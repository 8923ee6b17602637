"""search facet words: the listing's filters as words of the index

search_document.facets holds a word per filter value a questionnaire meets
(outstaff.search.facets); SQLite's FTS5 table gains it as a third column (a virtual table
cannot gain a column: it is made again, with its triggers), PostgreSQL a generated
`facet_doc` tsvector under a GIN index of its own. search_facet counts the documents of
each facet word (and, under '', all of them), kept by triggers on both: the statistics by
which a filter chooses the words the index intersects. Every document is indexed again.

Revision ID: 20261202_search_facet_words
Revises: 20261201_search_filters
Create Date: 2026-12-01 19:40:00

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "20261202_search_facet_words"
down_revision = "20261201_search_filters"
branch_labels = None
depends_on = None

TRIGGERS = ("search_document_ai", "search_document_ad", "search_document_au")
# search_term's upkeep, as 20261201_search made it (the words of strong and weak only).
_WORDS = """(SELECT DISTINCT value AS term FROM json_each('["' || replace({0}.strong || ' ' ||
  {0}.weak, ' ', '","') || '"]') WHERE value != '')"""


def _counts_upkeep(table: str, key: str, words: str) -> tuple[str, str]:
    """(add, drop): SQLite trigger statements keeping `table`'s count of documents per
    `key`, for the words the select `words` finds in row {0} ("new" or "old")."""
    add = (
        f"INSERT INTO {table} ({key}, docs) SELECT {key}, 1 FROM "
        + words.format("new")
        + f" WHERE true ON CONFLICT ({key}) DO UPDATE SET docs = docs + 1;"
    )
    drop = (
        f"UPDATE {table} SET docs = docs - 1 WHERE {key} IN " + words.format("old") + ";"
        f" DELETE FROM {table} WHERE docs <= 0;"
    )
    return add, drop


_ADD, _DROP = _counts_upkeep("search_term", "term", _WORDS)

# search_facet's upkeep: each facet word of the document, and '' (every document).
_FACETS = """(SELECT value AS token FROM json_each('["' || replace(' ' || {0}.facets, ' ',
  '","') || '"]'))"""
_FACET_ADD, _FACET_DROP = _counts_upkeep("search_facet", "token", _FACETS)

POSTGRESQL_FACETS = [
    """CREATE OR REPLACE FUNCTION search_facet_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    UPDATE search_facet SET docs = docs - 1
      WHERE token = ANY (string_to_array(' ' || OLD.facets, ' '));
    DELETE FROM search_facet WHERE docs <= 0
      AND token = ANY (string_to_array(' ' || OLD.facets, ' '));
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO search_facet (token, docs)
      SELECT DISTINCT t, 1 FROM unnest(string_to_array(' ' || NEW.facets, ' ')) AS t ORDER BY t
      ON CONFLICT (token) DO UPDATE SET docs = search_facet.docs + 1;
  END IF;
  RETURN NULL;
END $$""",
    "CREATE TRIGGER search_document_facets AFTER INSERT OR UPDATE OR DELETE ON search_document "
    "FOR EACH ROW EXECUTE FUNCTION search_facet_count()",
]


def _sqlite_index(columns: list[str]) -> list[str]:
    """The FTS5 table over `columns` of search_document and the triggers that keep it (and
    search_facet, with the facets column)."""
    names = ", ".join(columns)
    new = ", ".join(f"new.{c}" for c in columns)
    old = ", ".join(f"old.{c}" for c in columns)
    add = f"INSERT INTO search_fts(rowid, {names}) VALUES (new.seq, {new}); "
    remove = (
        f"INSERT INTO search_fts(search_fts, rowid, {names}) VALUES ('delete', old.seq, {old}); "
    )
    if "facets" in columns:
        add, remove = add + _FACET_ADD + " ", remove + _FACET_DROP + " "
    return [
        f"CREATE VIRTUAL TABLE search_fts USING fts5({names}, content='search_document', "
        "content_rowid='seq', tokenize='unicode61', prefix='2 3')",
        f"CREATE TRIGGER search_document_ai AFTER INSERT ON search_document BEGIN {add}"
        + _ADD
        + " END",
        f"CREATE TRIGGER search_document_ad AFTER DELETE ON search_document BEGIN {remove}"
        + _DROP
        + " END",
        f"CREATE TRIGGER search_document_au AFTER UPDATE ON search_document BEGIN {remove}{add}"
        + _DROP
        + " "
        + _ADD
        + " END",
    ]


def _drop_sqlite_index():
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP TABLE IF EXISTS search_fts")


def _reindex():
    from outstaff.search import index

    index.rebuild(op.get_bind())
    op.execute("ANALYZE search_document")


def upgrade():
    sqlite = op.get_bind().dialect.name == "sqlite"
    if sqlite:
        _drop_sqlite_index()
    # In place on both (a batch copy would drop the FTS5 triggers).
    op.add_column(
        "search_document", sa.Column("facets", sa.Text(), nullable=False, server_default="")
    )
    op.create_table(
        "search_facet",
        sa.Column("token", sa.Text(), nullable=False),
        sa.Column("docs", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("token"),
    )
    if sqlite:
        for statement in _sqlite_index(["strong", "weak", "facets"]):
            op.execute(statement)
    else:
        op.execute(
            "ALTER TABLE search_document ADD COLUMN facet_doc tsvector GENERATED ALWAYS AS "
            "(to_tsvector('simple', facets)) STORED"
        )
        op.execute(
            "CREATE INDEX ix_search_document_facet_doc ON search_document USING gin (facet_doc)"
        )
        for statement in POSTGRESQL_FACETS:
            op.execute(statement)
    _reindex()


def downgrade():
    if op.get_bind().dialect.name == "sqlite":
        _drop_sqlite_index()
        op.execute("ALTER TABLE search_document DROP COLUMN facets")
        for statement in _sqlite_index(["strong", "weak"]):
            op.execute(statement)
        op.execute("INSERT INTO search_fts(search_fts) VALUES ('rebuild')")
    else:
        op.execute("DROP TRIGGER IF EXISTS search_document_facets ON search_document")
        op.execute("DROP FUNCTION IF EXISTS search_facet_count()")
        op.execute("DROP INDEX ix_search_document_facet_doc")
        op.execute("ALTER TABLE search_document DROP COLUMN facet_doc")
        op.execute("ALTER TABLE search_document DROP COLUMN facets")
    op.drop_table("search_facet")
