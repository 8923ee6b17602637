"""search data version: every write to search_document moves the data version too

The listing keeps search pages' rows per worker, as it keeps the unfiltered pages'
(outstaff.core.data_version). They read search_document and what its own triggers keep
(search_fts, search_term, search_facet, search_neighbour), so a write there must move the
number, by any path, in the writer's transaction: as migration 20261202_data_version does
for the questionnaire's tables. The index's bulk loads, which set its triggers aside, move
it themselves (outstaff.search.index).

Revision ID: 20261203_search_data_version
Revises: 20261202_search_facet_columns
Create Date: 2026-12-03 09:30:00

"""

from alembic import op

# revision identifiers, used by Alembic.
revision = "20261203_search_data_version"
down_revision = "20261202_search_facet_columns"
branch_labels = None
depends_on = None

TABLE = "search_document"
BUMP = "UPDATE data_version SET n = n + 1 WHERE id = 1"
EVENTS = ("INSERT", "UPDATE", "DELETE")


def upgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            f"CREATE TRIGGER data_version_{TABLE} AFTER {' OR '.join(EVENTS)} ON {TABLE} "
            "FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version()"
        )
        return
    for event in EVENTS:
        op.execute(
            f"CREATE TRIGGER data_version_{TABLE}_{event.lower()} AFTER {event} ON {TABLE} "
            f"FOR EACH ROW BEGIN {BUMP}; END"
        )


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"DROP TRIGGER IF EXISTS data_version_{TABLE} ON {TABLE}")
        return
    for event in EVENTS:
        op.execute(f"DROP TRIGGER IF EXISTS data_version_{TABLE}_{event.lower()}")
