"""block-list identity, TOTP replay, one daily rule against harvesting

- employer_domain: every email domain (and parent domain) an employer's account has used;
  backfilled from today's addresses.
- blocked_company.value_norm (company entries) and employer_profile.company_name_norm are
  recomputed as Unicode confusables skeletons (outstaff.core.company_identity).
- user.totp_last_step: the last TOTP time step used, refused again.
- employer_daily_usage: an employer's profiles and listing pages of the day.

Revision ID: 20261201_admin
Revises: f5aa79453d9a
Create Date: 2026-12-01 09:00:00.000000

"""
import re
import unicodedata
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

import outstaff.models.base

# revision identifiers, used by Alembic.
revision = '20261201_admin'
down_revision = 'a7c3e91d0b42'
branch_labels = None
depends_on = None

user = sa.table('user', sa.column('id', sa.Integer), sa.column('email', sa.String),
                sa.column('role', sa.String))
employer_domain = sa.table('employer_domain', sa.column('user_id', sa.Integer),
                           sa.column('domain', sa.String),
                           sa.column('first_used_at', outstaff.models.base.UTCDateTime()))
blocked = sa.table('blocked_company', sa.column('id', sa.Integer), sa.column('kind', sa.String),
                   sa.column('value', sa.String), sa.column('value_norm', sa.String))
employer = sa.table('employer_profile', sa.column('id', sa.Integer),
                    sa.column('company_name', sa.String),
                    sa.column('company_name_norm', sa.String))


def backfill_employer_domains(connection) -> None:
    """Each employer's current email domain (and its parents) starts its history."""
    from outstaff.core.company_identity import email_domain, parent_domains

    stored = set(connection.execute(sa.select(employer_domain.c.user_id,
                                              employer_domain.c.domain)).all())
    employers = connection.execute(
        sa.select(user.c.id, user.c.email).where(user.c.role == 'employer')).all()
    now = datetime.now(UTC)
    rows = [{'user_id': user_id, 'domain': domain, 'first_used_at': now}
            for user_id, email in employers
            for domain in parent_domains(email_domain(email))
            if (user_id, domain) not in stored]
    if rows:
        connection.execute(employer_domain.insert(), rows)


def recompute_company_keys(connection, key) -> None:
    """Store `key(name)` for every company block entry and every employer's company."""
    for row in connection.execute(sa.select(blocked.c.id, blocked.c.value).where(
            blocked.c.kind == 'company')).all():
        connection.execute(blocked.update().where(blocked.c.id == row.id).values(
            value_norm=key(row.value)[:120]))
    for row in connection.execute(sa.select(employer.c.id, employer.c.company_name)).all():
        connection.execute(employer.update().where(employer.c.id == row.id).values(
            company_name_norm=key(row.company_name)))


_OLD_LEGAL_FORMS = {
    "llc", "llp", "ltd", "limited", "inc", "incorporated", "corp", "corporation", "co",
    "gmbh", "ag", "sa", "srl", "bv", "oy", "ab", "plc", "pte", "pty", "ooo", "oao", "zao",
    "ип", "ооо", "оао", "зао", "пао", "тоо", "ао",
}


def old_company_key(name):
    """The key before this revision (NFKC, case-folded words), for the downgrade."""
    if not name:
        return ""
    words = re.findall(r"\w+", unicodedata.normalize("NFKC", name).casefold())
    kept = [w for w in words if w not in _OLD_LEGAL_FORMS]
    return " ".join(kept or words)


def upgrade():
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.add_column(sa.Column('totp_last_step', sa.Integer(), nullable=True))

    op.create_table('employer_domain',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('domain', sa.String(length=255), nullable=False),
        sa.Column('first_used_at', outstaff.models.base.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(['user_id'], ['user.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('user_id', 'domain')
    )
    op.create_table('employer_daily_usage',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('employer_id', sa.Integer(), nullable=False),
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('profiles', sa.Integer(), server_default='0', nullable=False),
        sa.Column('listing_pages', sa.Integer(), server_default='0', nullable=False),
        sa.ForeignKeyConstraint(['employer_id'], ['user.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('employer_id', 'day')
    )
    from outstaff.core.company_identity import company_key

    connection = op.get_bind()
    backfill_employer_domains(connection)
    recompute_company_keys(connection, company_key)


def downgrade():
    recompute_company_keys(op.get_bind(), old_company_key)
    op.drop_table('employer_daily_usage')
    op.drop_table('employer_domain')
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.drop_column('totp_last_step')
