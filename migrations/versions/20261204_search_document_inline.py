"""search document inline: the tsvectors checked on a document's row stay in the row (PostgreSQL)

A row of search_document is some 1.7 kB; past about 2 kB PostgreSQL moves its largest
values out of the row, and a tsvector, which hardly compresses, was the one moved: at 1M
profiles `facet_doc` sat in the TOAST table for 36 % of the rows. A filter or drop hint
checked on the rows (`ts_match_vq(facet_doc, ...)`), or a page walking them newest first,
then fetched each such value through the TOAST index, three more pages per row: 10,000
rows checked cost 16,000 page reads, against 3,300 for `doc`, which stayed in the row.
With storage MAIN both tsvectors stay in the row, and the texts they are made of (bio,
facet words: EXTENDED, and they compress well) are compressed or moved out instead.
Storage applies to the rows written after it: the index is built afresh here (as
`search.index.rebuild` does for demo data), so every document is written under it.

Revision ID: 20261204_search_document_inline
Revises: 20261203_search_data_version
Create Date: 2026-12-04 19:40:00

"""

from alembic import op

# revision identifiers, used by Alembic.
revision = "20261204_search_document_inline"
down_revision = "20261203_search_data_version"
branch_labels = None
depends_on = None

COLUMNS = ("doc", "facet_doc")


def _storage(kind: str) -> bool:
    """Set the tsvectors' storage; False on SQLite, which has none of them."""
    if op.get_bind().dialect.name != "postgresql":
        return False
    changes = ", ".join(f"ALTER COLUMN {name} SET STORAGE {kind}" for name in COLUMNS)
    op.execute(f"ALTER TABLE search_document {changes}")
    return True


def upgrade():
    if _storage("MAIN"):
        from outstaff.search import index

        index.rebuild(op.get_bind())


def downgrade():
    _storage("EXTENDED")
