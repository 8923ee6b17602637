"""offer conversations and answers both ways

- offer_message: the thread of messages per offer; offer.reported_at: a party reported it.
- offer: expires_on (existing open offers get 14 days from their sending), decline_reasons,
  version (revisions), the developer's counter-offer (counter_state, _rate_amount,
  _start_date).
- mail_outbox.headers (List-Unsubscribe); notification_settings (per kind on or off).
- the pipeline: shortlist_entry.stage, offer.hired_at (hires per month on the dashboard).
- saved_search: an employer's named listing filters and their alert frequency.
- nothing vanishes: a deleted party's id becomes NULL (ON DELETE SET NULL) and the offer's
  message may be erased, so the other party keeps the offer and its thread.

Revision ID: 20261201_offer_thread
Revises: 20261201_profiles
Create Date: 2026-12-01 13:45:00.000000

"""
from datetime import timedelta

import sqlalchemy as sa
from alembic import op

import outstaff.models.base

revision = '20261201_offer_thread'
down_revision = '20261201_profiles'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'offer_message',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('offer_id', sa.Integer(), nullable=False),
        sa.Column('author_id', sa.Integer(), nullable=True),
        sa.Column('recipient_id', sa.Integer(), nullable=True),
        sa.Column('body', sa.Text(), nullable=True),
        sa.Column('kind', sa.String(length=10), nullable=False, server_default='message'),
        sa.Column('created_at', outstaff.models.base.UTCDateTime(), nullable=False),
        sa.Column('read_at', outstaff.models.base.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(['offer_id'], ['offer.id'],
                                name=op.f('fk_offer_message_offer_id_offer'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['author_id'], ['user.id'],
                                name=op.f('fk_offer_message_author_id_user'), ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['recipient_id'], ['user.id'],
                                name=op.f('fk_offer_message_recipient_id_user'),
                                ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_offer_message')),
    )
    with op.batch_alter_table('offer_message', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_offer_message_offer_id'), ['offer_id'])
        batch_op.create_index('ix_offer_message_unread', ['recipient_id', 'read_at'])
    with op.batch_alter_table('offer', schema=None) as batch_op:
        batch_op.add_column(sa.Column('reported_at', outstaff.models.base.UTCDateTime(),
                                      nullable=True))
        batch_op.add_column(sa.Column('expires_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('decline_reasons', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('version', sa.Integer(), nullable=False,
                                      server_default='1'))
        batch_op.add_column(sa.Column('counter_state', sa.String(length=10), nullable=True))
        batch_op.add_column(sa.Column('counter_rate_amount', sa.Numeric(12, 2), nullable=True))
        batch_op.add_column(sa.Column('counter_start_date', sa.Date(), nullable=True))
        batch_op.alter_column('message', existing_type=sa.Text(), nullable=True)
        batch_op.add_column(sa.Column('hired_at', outstaff.models.base.UTCDateTime(),
                                      nullable=True))
        batch_op.create_index(batch_op.f('ix_offer_hired_at'), ['hired_at'])
        for party in ('employer_id', 'developer_id'):
            batch_op.alter_column(party, existing_type=sa.Integer(), nullable=True)
            batch_op.drop_constraint(f'fk_offer_{party}_user', type_='foreignkey')
            batch_op.create_foreign_key(f'fk_offer_{party}_user', 'user', [party], ['id'],
                                        ondelete='SET NULL')
    offer = sa.table('offer', sa.column('id', sa.Integer()), sa.column('state', sa.String()),
                     sa.column('created_at', outstaff.models.base.UTCDateTime()),
                     sa.column('expires_on', sa.Date()))
    connection = op.get_bind()
    rows = connection.execute(sa.select(offer.c.id, offer.c.created_at)
                              .where(offer.c.state.in_(('sent', 'viewed')))).all()
    for offer_id, created_at in rows:
        connection.execute(sa.update(offer).where(offer.c.id == offer_id)
                           .values(expires_on=(created_at + timedelta(days=14)).date()))


    with op.batch_alter_table('shortlist_entry', schema=None) as batch_op:
        batch_op.add_column(sa.Column('stage', sa.String(length=12), nullable=True,
                                      server_default='shortlisted'))
    with op.batch_alter_table('mail_outbox', schema=None) as batch_op:
        batch_op.add_column(sa.Column('headers', sa.Text(), nullable=True))
    op.create_table(
        'notification_settings',
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('offers', sa.Boolean(), nullable=False),
        sa.Column('messages', sa.Boolean(), nullable=False),
        sa.Column('alerts', sa.Boolean(), nullable=False),
        sa.Column('reminders', sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(['user_id'], ['user.id'],
                                name=op.f('fk_notification_settings_user_id_user'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('user_id', name=op.f('pk_notification_settings')),
    )
    op.create_table(
        'saved_search',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('employer_id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=80), nullable=False),
        sa.Column('query', sa.String(length=2000), nullable=False),
        sa.Column('frequency', sa.String(length=6), nullable=False),
        sa.Column('created_at', outstaff.models.base.UTCDateTime(), nullable=False),
        sa.Column('last_sent_at', outstaff.models.base.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(['employer_id'], ['user.id'],
                                name=op.f('fk_saved_search_employer_id_user'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_saved_search')),
    )
    with op.batch_alter_table('saved_search', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_saved_search_employer_id'), ['employer_id'])


def downgrade():
    op.drop_table('saved_search')
    op.drop_table('notification_settings')
    with op.batch_alter_table('shortlist_entry', schema=None) as batch_op:
        batch_op.drop_column('stage')
    with op.batch_alter_table('mail_outbox', schema=None) as batch_op:
        batch_op.drop_column('headers')
    op.execute("DELETE FROM offer WHERE employer_id IS NULL OR developer_id IS NULL")
    op.execute("UPDATE offer SET message = '' WHERE message IS NULL")
    with op.batch_alter_table('offer', schema=None) as batch_op:
        for party in ('employer_id', 'developer_id'):
            batch_op.drop_constraint(f'fk_offer_{party}_user', type_='foreignkey')
            batch_op.create_foreign_key(f'fk_offer_{party}_user', 'user', [party], ['id'],
                                        ondelete='CASCADE')
            batch_op.alter_column(party, existing_type=sa.Integer(), nullable=False)
        batch_op.alter_column('message', existing_type=sa.Text(), nullable=False)
        batch_op.drop_index(batch_op.f('ix_offer_hired_at'))
        for column in ('hired_at', 'counter_start_date', 'counter_rate_amount', 'counter_state', 'version',
                       'decline_reasons', 'expires_on', 'reported_at'):
            batch_op.drop_column(column)
    with op.batch_alter_table('offer_message', schema=None) as batch_op:
        batch_op.drop_index('ix_offer_message_unread')
        batch_op.drop_index(batch_op.f('ix_offer_message_offer_id'))
    op.drop_table('offer_message')
