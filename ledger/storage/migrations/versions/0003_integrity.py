"""Hash chains over entries and audit events, append-only triggers, and edit versions.

Existing entries and audit events are chained in the order they were written (their id),
before the triggers that forbid changing them are created. Companies and memberships get
a version number that every change raises, for the conflict check of two people editing
the same member.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""

from collections import defaultdict

import sqlalchemy as sa
from alembic import op

from ledger.integrity import chain, guards

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None

CHAINED = ('contribution', 'audit_event')
# The append-only tables of this revision; later ones add theirs.
APPEND_ONLY = ('contribution', 'audit_event', 'year_lock_event', 'import_batch', 'import_row')

# The chained tables as this revision knows them; the ORM models may move on.
_ROWS = {
    'contribution': sa.table(
        'contribution',
        sa.column('id', sa.Integer),
        sa.column('cluster_id', sa.Integer),
        sa.column('company_id', sa.Integer),
        sa.column('year', sa.Integer),
        sa.column('amount_cents', sa.BigInteger),
        sa.column('paid_on', sa.Date),
        sa.column('note', sa.Text),
        sa.column('source', sa.String),
        sa.column('reverses_id', sa.Integer),
        sa.column('batch_id', sa.Integer),
        sa.column('source_row', sa.Integer),
        sa.column('created_at', sa.DateTime(timezone=True)),
        sa.column('chain_seq', sa.Integer),
        sa.column('chain_hash', sa.String),
    ),
    'audit_event': sa.table(
        'audit_event',
        sa.column('id', sa.Integer),
        sa.column('at', sa.DateTime(timezone=True)),
        sa.column('actor', sa.String),
        sa.column('origin', sa.String),
        sa.column('action', sa.String),
        sa.column('cluster_id', sa.Integer),
        sa.column('entity', sa.String),
        sa.column('entity_id', sa.Integer),
        sa.column('details', sa.Text),
        sa.column('chain_seq', sa.Integer),
        sa.column('chain_hash', sa.String),
    ),
}


def _chain_existing_rows(connection: sa.Connection) -> None:
    tips = sa.table(
        'chain_tip', sa.column('chain', sa.String), sa.column('length', sa.Integer),
        sa.column('tip', sa.String),
    )
    for name in CHAINED:
        table = _ROWS[name]
        ends: dict[str, tuple[int, str]] = defaultdict(lambda: (0, chain.GENESIS))
        updates = []
        for row in connection.execute(sa.select(table).order_by(table.c.id)).mappings():
            key = chain.chain_name(name, row['cluster_id'])
            length, tip = ends[key]
            values = {**row, 'chain_seq': length + 1}
            tip = chain.link(tip, [values[f] for f in chain.FIELDS[name]])
            ends[key] = (length + 1, tip)
            updates.append({'row_id': row['id'], 'seq': length + 1, 'hash': tip})
        if updates:
            connection.execute(
                table.update()
                .where(table.c.id == sa.bindparam('row_id'))
                .values(chain_seq=sa.bindparam('seq'), chain_hash=sa.bindparam('hash')),
                updates,
            )
        if ends:
            connection.execute(
                tips.insert(),
                [{'chain': k, 'length': n, 'tip': t} for k, (n, t) in ends.items()],
            )


def upgrade() -> None:
    op.create_table('chain_tip',
    sa.Column('chain', sa.String(length=40), nullable=False),
    sa.Column('length', sa.Integer(), nullable=False),
    sa.Column('tip', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('chain')
    )
    for name in CHAINED:
        op.add_column(name, sa.Column('chain_seq', sa.Integer(), nullable=True))
        op.add_column(name, sa.Column('chain_hash', sa.String(length=64), nullable=True))
    for name in ('company', 'membership'):
        op.add_column(
            name, sa.Column('version', sa.Integer(), server_default='1', nullable=False)
        )
    connection = op.get_bind()
    _chain_existing_rows(connection)
    op.create_index('uq_contribution_chain', 'contribution', ['cluster_id', 'chain_seq'], unique=True)
    op.create_index('uq_audit_event_chain', 'audit_event', ['cluster_id', 'chain_seq'], unique=True)
    guards.create(connection, APPEND_ONLY)


def downgrade() -> None:
    guards.drop(op.get_bind(), APPEND_ONLY)
    op.drop_index('uq_audit_event_chain', table_name='audit_event')
    op.drop_index('uq_contribution_chain', table_name='contribution')
    for name in ('membership', 'company'):
        with op.batch_alter_table(name) as batch:
            batch.drop_column('version')
    for name in reversed(CHAINED):
        with op.batch_alter_table(name) as batch:
            batch.drop_column('chain_hash')
            batch.drop_column('chain_seq')
    op.drop_table('chain_tip')
