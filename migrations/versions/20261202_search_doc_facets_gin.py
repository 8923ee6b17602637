"""search words and filters in one GIN index (PostgreSQL)

`doc @@ words AND facet_doc @@ filters` read from two GIN indexes builds a bitmap of each
list and intersects them: at 1M profiles "python" (165k documents) and "Germany, English
B2" (52k) give 217k entries to a BitmapAnd, 104 ms for 8.5k matches (on a busy 2-CPU
machine). One index on both columns intersects the lists inside the scan and hands over
only the matches: 13 ms there.
The single-column indexes stay: the planner keeps them for one column's queries. SQLite
(FTS5) has nothing to add.

Revision ID: 20261202_search_doc_facets_gin
Revises: 20261202_search_neighbours
Create Date: 2026-12-02 03:30:00

"""

from alembic import op

# revision identifiers, used by Alembic.
revision = "20261202_search_doc_facets_gin"
down_revision = "20261202_search_neighbours"
branch_labels = None
depends_on = None

INDEX = "ix_search_document_doc_facets"


def upgrade():
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("SET LOCAL maintenance_work_mem = '256MB'")
    op.execute(f"CREATE INDEX IF NOT EXISTS {INDEX} ON search_document USING gin (doc, facet_doc)")


def downgrade():
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(f"DROP INDEX IF EXISTS {INDEX}")
