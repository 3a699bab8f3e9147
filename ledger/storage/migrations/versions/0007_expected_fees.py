"""Expected fees: what members of a kind, or one member, are expected to pay in a year.

Rows are only inserted (the latest one for a cluster, year and kind or member is the fee
in force), so the table gets the same append-only triggers as the ledger's other
histories.

Revision ID: 0007
Revises: 0005
Create Date: 2026-11-24
"""

from alembic import op
import sqlalchemy as sa

from ledger.integrity import guards

revision = '0007'
down_revision = '0005'
branch_labels = None
depends_on = None

TABLE = 'expected_fee'


def upgrade() -> None:
    op.create_table(TABLE,
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('cluster_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=True),
    sa.Column('company_id', sa.Integer(), nullable=True),
    sa.Column('amount_cents', sa.BigInteger(), nullable=True),
    sa.Column('actor', sa.String(length=200), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('(kind IS NULL) <> (company_id IS NULL)', name='ck_expected_fee_kind_or_member'),
    sa.ForeignKeyConstraint(['cluster_id'], ['cluster.id'], ),
    sa.ForeignKeyConstraint(['company_id'], ['company.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table(TABLE, schema=None) as batch_op:
        batch_op.create_index('ix_expected_fee_cluster_year', ['cluster_id', 'year'], unique=False)
    guards.create(op.get_bind(), tables=(TABLE,))


def downgrade() -> None:
    guards.drop(op.get_bind(), tables=(TABLE,))
    with op.batch_alter_table(TABLE, schema=None) as batch_op:
        batch_op.drop_index('ix_expected_fee_cluster_year')
    op.drop_table(TABLE)
