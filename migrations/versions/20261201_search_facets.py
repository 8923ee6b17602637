"""search facets: profession, country and English rank copied into search_document

A search's total and facet counts read them from the index's own rows, in its order, not
by looking up each match in developer_profile (outstaff.listing.counts).

Revision ID: 20261201_search_facets
Revises: 20261201_search_counts
Create Date: 2026-12-01 16:40:00

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "20261201_search_facets"
down_revision = "20261201_search_counts"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("search_document", sa.Column("profession", sa.String(length=32), nullable=True))
    op.add_column("search_document", sa.Column("country", sa.String(length=2), nullable=True))
    op.add_column("search_document", sa.Column("english_rank", sa.SmallInteger(), nullable=True))
    from outstaff.search import index

    index.rebuild(op.get_bind())


def downgrade():
    # In place on both (SQLite 3.35+): a batch copy would drop the FTS5 triggers.
    for name in ("english_rank", "country", "profession"):
        op.execute(f"ALTER TABLE search_document DROP COLUMN {name}")
