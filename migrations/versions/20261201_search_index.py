"""search index: search_document (FTS5 on SQLite, tsvector + GIN on PostgreSQL), search_term

Revision ID: 20261201_search
Revises: 20261201_queue
Create Date: 2026-12-01 13:10:00.000000

"""
import sqlalchemy as sa
from alembic import op

revision = '20261201_search'
down_revision = '20261201_queue'
branch_labels = None
depends_on = None

# A document's distinct words, as rows: its words are [a-z0-9]+ (outstaff.search.text), so
# joining them with '","' makes a JSON array.
_WORDS = """(SELECT DISTINCT value AS term FROM json_each('["' || replace({0}.strong || ' ' ||
  {0}.weak, ' ', '","') || '"]') WHERE value != '')"""
_ADD = (
    "INSERT INTO search_term (term, docs) SELECT term, 1 FROM " + _WORDS.format("new")
    + " WHERE true ON CONFLICT (term) DO UPDATE SET docs = docs + 1;"
)
_DROP = (
    "UPDATE search_term SET docs = docs - 1 WHERE term IN " + _WORDS.format("old") + ";"
    " DELETE FROM search_term WHERE docs <= 0;"
)
SQLITE = [
    "CREATE VIRTUAL TABLE search_fts USING fts5(strong, weak, content='search_document', "
    "content_rowid='seq', tokenize='unicode61', prefix='2 3')",
    "CREATE TRIGGER search_document_ai AFTER INSERT ON search_document BEGIN "
    "INSERT INTO search_fts(rowid, strong, weak) VALUES (new.seq, new.strong, new.weak); "
    + _ADD + " END",
    "CREATE TRIGGER search_document_ad AFTER DELETE ON search_document BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, strong, weak) "
    "VALUES ('delete', old.seq, old.strong, old.weak); " + _DROP + " END",
    "CREATE TRIGGER search_document_au AFTER UPDATE ON search_document BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, strong, weak) "
    "VALUES ('delete', old.seq, old.strong, old.weak); "
    "INSERT INTO search_fts(rowid, strong, weak) VALUES (new.seq, new.strong, new.weak); "
    + _DROP + " " + _ADD + " END",
]
POSTGRESQL = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "ALTER TABLE search_document ADD COLUMN doc tsvector GENERATED ALWAYS AS "
    "(setweight(to_tsvector('simple', strong), 'A') || "
    "setweight(to_tsvector('simple', weak), 'B')) STORED",
    "CREATE INDEX ix_search_document_doc ON search_document USING gin (doc)",
    "CREATE INDEX ix_search_term_trgm ON search_term USING gin (term gin_trgm_ops)",
    # Prefix lookups compare bytes (COLLATE "C"), whatever the database's collation.
    'CREATE INDEX ix_search_term_c ON search_term (term COLLATE "C")',
    """CREATE OR REPLACE FUNCTION search_term_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    UPDATE search_term SET docs = docs - 1 WHERE term = ANY (tsvector_to_array(OLD.doc));
    DELETE FROM search_term WHERE docs <= 0 AND term = ANY (tsvector_to_array(OLD.doc));
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO search_term (term, docs)
      SELECT t, 1 FROM unnest(tsvector_to_array(NEW.doc)) AS t ORDER BY t
      ON CONFLICT (term) DO UPDATE SET docs = search_term.docs + 1;
  END IF;
  RETURN NULL;
END $$""",
    "CREATE TRIGGER search_document_terms AFTER INSERT OR UPDATE OR DELETE ON search_document "
    "FOR EACH ROW EXECUTE FUNCTION search_term_count()",
]


def upgrade():
    op.create_table(
        'search_document',
        sa.Column('seq', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False,
                  autoincrement=False),
        sa.Column('profile_id', sa.Integer(), nullable=False),
        sa.Column('strong', sa.Text(), nullable=False),
        sa.Column('weak', sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(['profile_id'], ['developer_profile.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('seq'),
        sa.UniqueConstraint('profile_id'),
    )
    op.create_table(
        'search_term',
        sa.Column('term', sa.Text(), nullable=False),
        sa.Column('docs', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('term'),
    )
    statements = SQLITE if op.get_bind().dialect.name == 'sqlite' else POSTGRESQL
    for statement in statements:
        op.execute(statement)
    from outstaff.search import index

    index.rebuild(op.get_bind())


def downgrade():
    if op.get_bind().dialect.name == 'sqlite':
        for name in ('search_document_ai', 'search_document_ad', 'search_document_au'):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS search_fts")
    else:
        op.execute("DROP TRIGGER IF EXISTS search_document_terms ON search_document")
        op.execute("DROP FUNCTION IF EXISTS search_term_count()")
    op.drop_table('search_term')
    op.drop_table('search_document')
