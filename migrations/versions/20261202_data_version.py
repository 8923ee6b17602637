"""data version: one number every write to the listing's tables moves (triggers)

The listing keeps a page's rows per worker for as long as the number stays the same
(outstaff.core.data_version). The number is moved by triggers in the writer's own
transaction, so readers see the new number exactly when they can see the new rows, and no
write path (ORM, Core, a bulk job, psql) can forget it. PostgreSQL: one bump per statement;
SQLite: per row (its triggers have no statement level; a bulk insert pays a small update per
row).

Revision ID: 20261202_data_version
Revises: 20261202_search_doc_facets_gin
Create Date: 2026-12-02 06:40:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "20261202_data_version"
down_revision = "20261202_search_doc_facets_gin"
branch_labels = None
depends_on = None

# As outstaff.models.data_version.VERSIONED when written (a migration keeps its own copy).
VERSIONED = {
    "developer_profile": None,
    "developer_skill": None,
    "developer_language": None,
    "developer_hour": None,
    "blocked_company": None,
    "employer_profile": None,
    "employer_domain": None,
    "user": ("id", "status", "role", "email", "approval", "email_confirmed_at"),
}
BUMP = "UPDATE data_version SET n = n + 1 WHERE id = 1"


def _events(columns) -> list[str]:
    update = f"UPDATE OF {', '.join(columns)}" if columns else "UPDATE"
    return ["INSERT", update, "DELETE"]


def upgrade():
    op.create_table(
        "data_version",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("n", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_data_version")),
    )
    op.execute("INSERT INTO data_version (id, n) VALUES (1, 0)")
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE FUNCTION bump_data_version() RETURNS trigger LANGUAGE plpgsql AS "
            f"$$ BEGIN {BUMP}; RETURN NULL; END $$"
        )
        for table, columns in VERSIONED.items():
            events = " OR ".join(_events(columns))
            op.execute(
                f'CREATE TRIGGER data_version_{table} AFTER {events} ON "{table}" '
                "FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version()"
            )
        return
    for table, columns in VERSIONED.items():
        for event in _events(columns):
            name = f"data_version_{table}_{event.split()[0].lower()}"
            op.execute(
                f'CREATE TRIGGER {name} AFTER {event} ON "{table}" FOR EACH ROW '
                f"BEGIN {BUMP}; END"
            )


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        for table in VERSIONED:
            op.execute(f'DROP TRIGGER IF EXISTS data_version_{table} ON "{table}"')
        op.execute("DROP FUNCTION IF EXISTS bump_data_version()")
    else:
        for table, columns in VERSIONED.items():
            for event in _events(columns):
                op.execute(f"DROP TRIGGER IF EXISTS data_version_{table}_{event.split()[0].lower()}")
    op.drop_table("data_version")
