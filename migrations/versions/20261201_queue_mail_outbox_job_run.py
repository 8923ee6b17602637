"""mail outbox and job runs (the task queue)

- mail_outbox: every mail, written in the transaction of the change that causes it and
  delivered by the queue (queued -> sent, or dead after its attempts).
- job_run: each scheduled job's last run.

Revision ID: 20261201_queue
Revises: 20261201_admin
Create Date: 2026-12-01 13:00:00.000000

"""
import sqlalchemy as sa
from alembic import op

import outstaff.models.base

# revision identifiers, used by Alembic.
revision = '20261201_queue'
down_revision = '20261201_admin'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'mail_outbox',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('message_id', sa.String(length=255), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=True),
        sa.Column('recipient', sa.String(length=320), nullable=False),
        sa.Column('subject', sa.String(length=998), nullable=False),
        sa.Column('body', sa.Text(), nullable=False),
        sa.Column('state', sa.String(length=8), nullable=False),
        sa.Column('attempts', sa.Integer(), nullable=False),
        sa.Column('last_error', sa.String(length=500), nullable=True),
        sa.Column('next_attempt_at', outstaff.models.base.UTCDateTime(), nullable=False),
        sa.Column('locked_until', outstaff.models.base.UTCDateTime(), nullable=True),
        sa.Column('created_at', outstaff.models.base.UTCDateTime(), nullable=False),
        sa.Column('sent_at', outstaff.models.base.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(['user_id'], ['user.id'],
                                name=op.f('fk_mail_outbox_user_id_user'), ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_mail_outbox')),
        sa.UniqueConstraint('message_id', name=op.f('uq_mail_outbox_message_id')),
    )
    with op.batch_alter_table('mail_outbox', schema=None) as batch_op:
        batch_op.create_index('ix_mail_outbox_state_due', ['state', 'next_attempt_at'])
        batch_op.create_index(batch_op.f('ix_mail_outbox_user_id'), ['user_id'])
        batch_op.create_index(batch_op.f('ix_mail_outbox_sent_at'), ['sent_at'])
    op.create_table(
        'job_run',
        sa.Column('job', sa.String(length=64), nullable=False),
        sa.Column('started_at', outstaff.models.base.UTCDateTime(), nullable=True),
        sa.Column('finished_at', outstaff.models.base.UTCDateTime(), nullable=True),
        sa.Column('succeeded', sa.Boolean(), nullable=True),
        sa.Column('summary', sa.Text(), nullable=True),
        sa.Column('error', sa.String(length=500), nullable=True),
        sa.Column('last_success_at', outstaff.models.base.UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint('job', name=op.f('pk_job_run')),
    )


def downgrade():
    op.drop_table('job_run')
    with op.batch_alter_table('mail_outbox', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_mail_outbox_sent_at'))
        batch_op.drop_index(batch_op.f('ix_mail_outbox_user_id'))
        batch_op.drop_index('ix_mail_outbox_state_due')
    op.drop_table('mail_outbox')
