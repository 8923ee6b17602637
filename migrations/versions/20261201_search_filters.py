"""search filters: partial indexes for the heavy filter on developer_profile

(profession, country, english_rank, years_experience) and (country, english_rank,
years_experience) over published rows (outstaff.models.listing_indexes).

Revision ID: 20261201_search_filters
Revises: 20261201_search_facets
Create Date: 2026-12-01 17:40:00

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "20261201_search_filters"
down_revision = "20261201_search_facets"
branch_labels = None
depends_on = None

INDEXES = {
    "ix_developer_profile_filter_profession": [
        "profession",
        "country",
        "english_rank",
        "years_experience",
    ],
    "ix_developer_profile_filter_country": ["country", "english_rank", "years_experience"],
}


def upgrade():
    for name, columns in INDEXES.items():
        op.create_index(
            name,
            "developer_profile",
            columns,
            sqlite_where=sa.text("is_published = 1"),
            postgresql_where=sa.text("is_published"),
        )
    # Fresh statistics with the new indexes counted: on SQLite, statistics that miss them
    # turn the unfiltered totals' plain scan into a walk of the years index (5x slower).
    op.execute("ANALYZE developer_profile")


def downgrade():
    for name in INDEXES:
        op.drop_index(name, table_name="developer_profile")
