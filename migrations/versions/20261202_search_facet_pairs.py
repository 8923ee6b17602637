"""search facet pairs: pair words beside the facet words

Each document's facet words gain their pair words (outstaff.search.facets.pair): its
country with its profession, each English level, each threshold of years and each skill;
its profession with each skill. A filter of two such words intersects the pair's list,
shorter than either word's (at 1M profiles "Germany" 91k entries, "English B2 or better"
572k, their pair 52k). The pairs are made from the words each document holds (no
questionnaire is read), then the index and search_facet's counts built at once.

Revision ID: 20261202_search_facet_pairs
Revises: 20261202_search_facet_words
Create Date: 2026-12-01 23:50:00

"""

from alembic import op


# revision identifiers, used by Alembic.
revision = "20261202_search_facet_pairs"
down_revision = "20261202_search_facet_words"
branch_labels = None
depends_on = None


def _refacet(pairs: bool):
    from outstaff.search import index

    index.refacet(op.get_bind(), pairs=pairs)
    op.execute("ANALYZE search_document")


def upgrade():
    _refacet(True)


def downgrade():
    _refacet(False)
