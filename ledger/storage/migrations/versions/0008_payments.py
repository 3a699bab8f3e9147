"""Money coming in: the clusters' bank accounts, imported statements and their movements,
what each movement was booked as, the unmatched queue, and the payers' accounts.

Every new table is append-only, guarded by the same triggers as the entries.

Revision ID: 0008
Revises: 0004
Create Date: 2026-12-04
"""

from alembic import op
import sqlalchemy as sa
import sqlmodel

from ledger.integrity import guards


revision = '0008'
down_revision = '0004'
branch_labels = None
depends_on = None

# The tables as this revision creates them; guards.PAYMENTS may grow later.
TABLES = (
    'bank_account',
    'bank_statement',
    'bank_movement',
    'payment_match',
    'payment_queue_event',
    'payer_account',
)


def upgrade() -> None:
    op.create_table('bank_account',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('cluster_id', sa.Integer(), nullable=False),
    sa.Column('iban', sqlmodel.sql.sqltypes.AutoString(length=34), nullable=False),
    sa.Column('actor', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['cluster_id'], ['cluster.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('iban')
    )
    with op.batch_alter_table('bank_account', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_bank_account_cluster_id'), ['cluster_id'], unique=False)

    op.create_table('payer_account',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('cluster_id', sa.Integer(), nullable=False),
    sa.Column('company_id', sa.Integer(), nullable=False),
    sa.Column('iban', sqlmodel.sql.sqltypes.AutoString(length=34), nullable=False),
    sa.Column('actor', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['cluster_id'], ['cluster.id'], ),
    sa.ForeignKeyConstraint(['company_id'], ['company.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('cluster_id', 'iban', 'company_id', name='uq_payer_account')
    )
    op.create_table('bank_statement',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('cluster_id', sa.Integer(), nullable=False),
    sa.Column('account_id', sa.Integer(), nullable=False),
    sa.Column('identity', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('format', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('number', sqlmodel.sql.sqltypes.AutoString(length=35), nullable=False),
    sa.Column('opening_date', sa.Date(), nullable=True),
    sa.Column('closing_date', sa.Date(), nullable=False),
    sa.Column('opening_cents', sa.BigInteger(), nullable=True),
    sa.Column('closing_cents', sa.BigInteger(), nullable=True),
    sa.Column('movements_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('movement_count', sa.Integer(), nullable=False),
    sa.Column('file_name', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
    sa.Column('file_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('actor', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['account_id'], ['bank_account.id'], ),
    sa.ForeignKeyConstraint(['cluster_id'], ['cluster.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('identity')
    )
    with op.batch_alter_table('bank_statement', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_bank_statement_cluster_id'), ['cluster_id'], unique=False)

    op.create_table('bank_movement',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('statement_id', sa.Integer(), nullable=False),
    sa.Column('cluster_id', sa.Integer(), nullable=False),
    sa.Column('line', sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
    sa.Column('movement_key', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('booking_date', sa.Date(), nullable=False),
    sa.Column('value_date', sa.Date(), nullable=True),
    sa.Column('amount_cents', sa.BigInteger(), nullable=False),
    sa.Column('counterparty_name', sqlmodel.sql.sqltypes.AutoString(length=140), nullable=True),
    sa.Column('counterparty_iban', sqlmodel.sql.sqltypes.AutoString(length=34), nullable=True),
    sa.Column('counterparty_bic', sqlmodel.sql.sqltypes.AutoString(length=11), nullable=True),
    sa.Column('counterparty_kbo', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=True),
    sa.Column('structured_ref', sqlmodel.sql.sqltypes.AutoString(length=35), nullable=True),
    sa.Column('free_text', sa.Text(), nullable=True),
    sa.Column('bank_ref', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=True),
    sa.Column('end_to_end_id', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=True),
    sa.Column('bundle', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=True),
    sa.Column('bundle_count', sa.Integer(), nullable=True),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('duplicate_of_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['cluster_id'], ['cluster.id'], ),
    sa.ForeignKeyConstraint(['duplicate_of_id'], ['bank_movement.id'], ),
    sa.ForeignKeyConstraint(['parent_id'], ['bank_movement.id'], ),
    sa.ForeignKeyConstraint(['statement_id'], ['bank_statement.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('bank_movement', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_bank_movement_cluster_id'), ['cluster_id'], unique=False)
        batch_op.create_index('ix_bank_movement_key', ['movement_key'], unique=False)
        batch_op.create_index(batch_op.f('ix_bank_movement_statement_id'), ['statement_id'], unique=False)

    op.create_table('payment_match',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('movement_id', sa.Integer(), nullable=False),
    sa.Column('cluster_id', sa.Integer(), nullable=False),
    sa.Column('company_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('contribution_id', sa.Integer(), nullable=False),
    sa.Column('rule', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('why', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
    sa.Column('returns_id', sa.Integer(), nullable=True),
    sa.Column('actor', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['cluster_id'], ['cluster.id'], ),
    sa.ForeignKeyConstraint(['company_id'], ['company.id'], ),
    sa.ForeignKeyConstraint(['contribution_id'], ['contribution.id'], ),
    sa.ForeignKeyConstraint(['movement_id'], ['bank_movement.id'], ),
    sa.ForeignKeyConstraint(['returns_id'], ['payment_match.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('contribution_id'),
    sa.UniqueConstraint('movement_id'),
    sa.UniqueConstraint('returns_id')
    )
    with op.batch_alter_table('payment_match', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_payment_match_cluster_id'), ['cluster_id'], unique=False)

    op.create_table('payment_queue_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('movement_id', sa.Integer(), nullable=False),
    sa.Column('cluster_id', sa.Integer(), nullable=False),
    sa.Column('state', sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
    sa.Column('code', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('facts', sa.Text(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('actor', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['cluster_id'], ['cluster.id'], ),
    sa.ForeignKeyConstraint(['movement_id'], ['bank_movement.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('payment_queue_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_payment_queue_event_cluster_id'), ['cluster_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_payment_queue_event_movement_id'), ['movement_id'], unique=False)
    guards.create(op.get_bind(), TABLES)


def downgrade() -> None:
    guards.drop(op.get_bind(), TABLES)
    with op.batch_alter_table('payment_queue_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_payment_queue_event_movement_id'))
        batch_op.drop_index(batch_op.f('ix_payment_queue_event_cluster_id'))

    op.drop_table('payment_queue_event')
    with op.batch_alter_table('payment_match', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_payment_match_cluster_id'))

    op.drop_table('payment_match')
    with op.batch_alter_table('bank_movement', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_bank_movement_statement_id'))
        batch_op.drop_index('ix_bank_movement_key')
        batch_op.drop_index(batch_op.f('ix_bank_movement_cluster_id'))

    op.drop_table('bank_movement')
    with op.batch_alter_table('bank_statement', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_bank_statement_cluster_id'))

    op.drop_table('bank_statement')
    op.drop_table('payer_account')
    with op.batch_alter_table('bank_account', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_bank_account_cluster_id'))

    op.drop_table('bank_account')
