"""search facet columns: a covering index of seq and the facet columns (SQLite)

A search's exact total and facet counts (outstaff.listing.counts) look up each match's
profession, country and English rank by seq. In search_document's own rows that reads
the whole row (its text and facet words, some 700 bytes at 10k profiles) for three small
columns; an index of seq and those columns holds some 150 entries per page, so the same
lookups touch a few pages: at 10k profiles "python" (1,625 matches) 2.2 ms -> 1.0 ms.
PostgreSQL has nothing to add here.

Revision ID: 20261202_search_facet_columns
Revises: 20261202_data_version
Create Date: 2026-12-02 06:00:00

"""

from alembic import op

# revision identifiers, used by Alembic.
revision = "20261202_search_facet_columns"
down_revision = "20261202_data_version"
branch_labels = None
depends_on = None

INDEX = "ix_search_document_facet_columns"


def upgrade():
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} "
        "ON search_document (seq, profession, country, english_rank)"
    )


def downgrade():
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute(f"DROP INDEX IF EXISTS {INDEX}")
