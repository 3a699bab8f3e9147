"""The project portfolio of spearhead clusters: projects, partners, status changes, themes.

A project belongs to a cluster whose rule set allows project types; its partners are
companies by enterprise number or parties abroad by name and country. Both are rows the
ledger changes in place, audited. A project's status changes and a cluster's themes are
history, only ever inserted: they get the append-only triggers. Amounts are integer
cents. A ledger without projects gains four empty tables and nothing else changes; a
downgrade is refused while the ledger holds projects (it would lose them).

Revision ID: 0009
Revises: 0007
Create Date: 2026-12-10
"""

import sqlalchemy as sa
from alembic import op

from ledger.integrity import guards

revision = '0009'
down_revision = '0007'
branch_labels = None
depends_on = None

# The append-only tables of this revision.
HISTORY = ('project_status_change', 'project_theme')


def _money(name: str) -> sa.Column:
    return sa.Column(name, sa.BigInteger(), nullable=True)


def _history() -> list:  # how every history table ends
    return [
        sa.Column('set_by_event', sa.Integer(), nullable=True),
        sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['set_by_event'], ['audit_event.id']),
    ]


def upgrade() -> None:
    op.create_table(
        'project',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('cluster_id', sa.Integer(), nullable=False),
        sa.Column('type', sa.String(length=20), nullable=False),
        sa.Column('title', sa.String(length=500), nullable=False),
        sa.Column('acronym', sa.String(length=50), nullable=True),
        sa.Column('theme', sa.String(length=200), nullable=True),
        sa.Column('status', sa.String(length=12), nullable=False),
        sa.Column('submitted_on', sa.Date(), nullable=True),
        sa.Column('decided_on', sa.Date(), nullable=True),
        sa.Column('starts_on', sa.Date(), nullable=True),
        sa.Column('ends_on', sa.Date(), nullable=True),
        _money('budget_cents'),
        _money('aid_requested_cents'),
        _money('aid_granted_cents'),
        sa.Column('version', sa.Integer(), server_default='1', nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['cluster_id'], ['cluster.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_project_cluster', 'project', ['cluster_id', 'status'])
    op.create_table(
        'project_partner',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('project_id', sa.Integer(), nullable=False),
        sa.Column('cluster_id', sa.Integer(), nullable=False),
        sa.Column('kbo', sa.String(length=10), nullable=True),
        sa.Column('name', sa.String(length=500), nullable=False),
        sa.Column('country', sa.String(length=2), nullable=False),
        sa.Column('role', sa.String(length=20), nullable=False),
        _money('budget_cents'),
        _money('aid_cents'),
        sa.Column('removed', sa.Boolean(), server_default='0', nullable=False),
        sa.Column('version', sa.Integer(), server_default='1', nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['project_id'], ['project.id']),
        sa.ForeignKeyConstraint(['cluster_id'], ['cluster.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_project_partner_project', 'project_partner', ['project_id'])
    op.create_index('ix_project_partner_kbo', 'project_partner', ['kbo'])
    op.create_table(
        'project_status_change',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('project_id', sa.Integer(), nullable=False),
        sa.Column('cluster_id', sa.Integer(), nullable=False),
        sa.Column('from_status', sa.String(length=12), nullable=True),
        sa.Column('to_status', sa.String(length=12), nullable=False),
        sa.Column('on_date', sa.Date(), nullable=False),
        _money('aid_granted_cents'),
        sa.Column('forced', sa.Boolean(), server_default='0', nullable=False),
        sa.Column('reason', sa.Text(), nullable=True),
        *_history(),
        sa.ForeignKeyConstraint(['project_id'], ['project.id']),
        sa.ForeignKeyConstraint(['cluster_id'], ['cluster.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index(
        'ix_project_status_change_project', 'project_status_change', ['project_id']
    )
    op.create_table(
        'project_theme',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('cluster_id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=200), nullable=False),
        *_history(),
        sa.ForeignKeyConstraint(['cluster_id'], ['cluster.id']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('cluster_id', 'name', name='uq_project_theme_cluster_name'),
    )
    guards.create(op.get_bind(), HISTORY)


def downgrade() -> None:
    connection = op.get_bind()
    held = connection.execute(sa.text('SELECT count(*) FROM project')).scalar_one()
    if held:
        # An older version has nowhere to keep them, and the audit trail would still name
        # them: refused rather than lost.
        raise RuntimeError(
            f'the ledger holds {held} projects, which a version before 0009 cannot keep; '
            'a downgrade would lose them and leave their audit events without rows'
        )
    guards.drop(connection, HISTORY)
    op.drop_table('project_theme')
    op.drop_index('ix_project_status_change_project', table_name='project_status_change')
    op.drop_table('project_status_change')
    op.drop_index('ix_project_partner_kbo', table_name='project_partner')
    op.drop_index('ix_project_partner_project', table_name='project_partner')
    op.drop_table('project_partner')
    op.drop_index('ix_project_cluster', table_name='project')
    op.drop_table('project')
