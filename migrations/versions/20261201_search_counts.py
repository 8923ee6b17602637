"""search counts: indexes on the few profiles a count of matches subtracts

- developer_profile.hidden_at and user.status, so the hidden profiles and suspended
  accounts are read from an index (outstaff.listing.counts), not by a scan.

Revision ID: 20261201_search_counts
Revises: 20261201_offer_thread
Create Date: 2026-12-01 14:20:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '20261201_search_counts'
down_revision = '20261201_offer_thread'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('developer_profile', schema=None) as batch_op:
        batch_op.create_index(
            'ix_developer_profile_hidden', ['id'], unique=False,
            sqlite_where=sa.text('hidden_at IS NOT NULL'),
            postgresql_where=sa.text('hidden_at IS NOT NULL'),
        )
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.create_index('ix_user_status', ['status'], unique=False)


def downgrade():
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.drop_index('ix_user_status')
    with op.batch_alter_table('developer_profile', schema=None) as batch_op:
        batch_op.drop_index('ix_developer_profile_hidden')
