"""offer conversations: a thread of messages per offer, and its report by a party

Revision ID: 20261201_offer_thread
Revises: 20261201_queue
Create Date: 2026-12-01 13:45:00.000000

"""
import sqlalchemy as sa
from alembic import op

import outstaff.models.base

revision = '20261201_offer_thread'
down_revision = '20261201_queue'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'offer_message',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('offer_id', sa.Integer(), nullable=False),
        sa.Column('author_id', sa.Integer(), nullable=False),
        sa.Column('recipient_id', sa.Integer(), nullable=False),
        sa.Column('body', sa.Text(), nullable=False),
        sa.Column('created_at', outstaff.models.base.UTCDateTime(), nullable=False),
        sa.Column('read_at', outstaff.models.base.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(['offer_id'], ['offer.id'],
                                name=op.f('fk_offer_message_offer_id_offer'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['author_id'], ['user.id'],
                                name=op.f('fk_offer_message_author_id_user'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['recipient_id'], ['user.id'],
                                name=op.f('fk_offer_message_recipient_id_user'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_offer_message')),
    )
    with op.batch_alter_table('offer_message', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_offer_message_offer_id'), ['offer_id'])
        batch_op.create_index('ix_offer_message_unread', ['recipient_id', 'read_at'])
    with op.batch_alter_table('offer', schema=None) as batch_op:
        batch_op.add_column(sa.Column('reported_at', outstaff.models.base.UTCDateTime(),
                                      nullable=True))


def downgrade():
    with op.batch_alter_table('offer', schema=None) as batch_op:
        batch_op.drop_column('reported_at')
    with op.batch_alter_table('offer_message', schema=None) as batch_op:
        batch_op.drop_index('ix_offer_message_unread')
        batch_op.drop_index(batch_op.f('ix_offer_message_offer_id'))
    op.drop_table('offer_message')
