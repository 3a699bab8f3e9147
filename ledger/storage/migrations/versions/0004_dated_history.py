"""Dated history: company facts, membership periods, mandate events, rule-set copies.

A company's kind, postcode and region override, a membership's days and its mandate were
single values, so a change today moved the figures of every past year, locked or not.
They become history: each value in force from a day (company facts), each change of a
membership's days kept (periods), each mandate given, withdrawn or corrected kept
(mandate events). Each cluster also gets the full text of its rule set, so figures no
longer follow a file that can change in the data folder.

Today's single values become the first entry of each history, in force from the start,
so every figure comes out as before. Each carried-over row names the audit event that
last set its value. The old columns go.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-04
"""

import hashlib
import json
from datetime import UTC, date, datetime

import sqlalchemy as sa
from alembic import op

from ledger.integrity import guards

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None

START = date(1990, 1, 1)  # ledger.history.START, as this revision knows it
HISTORY = ('company_fact', 'membership_period', 'mandate_event', 'rule_set_copy')
CARRIED = "carried over from the single value the ledger held before version 0004"


def _tables() -> dict[str, sa.Table]:
    meta = sa.MetaData()
    return {
        'company': sa.Table(
            'company', meta, sa.Column('id', sa.Integer), sa.Column('kbo', sa.String),
            sa.Column('postcode', sa.String), sa.Column('kind', sa.String),
            sa.Column('region_override', sa.String),
        ),
        'membership': sa.Table(
            'membership', meta, sa.Column('id', sa.Integer), sa.Column('cluster_id', sa.Integer),
            sa.Column('company_id', sa.Integer), sa.Column('joined', sa.Date),
            sa.Column('left', sa.Date), sa.Column('mandate', sa.Date),
        ),
        'cluster': sa.Table(
            'cluster', meta, sa.Column('id', sa.Integer), sa.Column('rule_set', sa.String),
            sa.Column('start_year', sa.Integer),
        ),
        'audit_event': sa.Table(
            'audit_event', meta, sa.Column('id', sa.Integer), sa.Column('action', sa.String),
            sa.Column('entity', sa.String), sa.Column('entity_id', sa.Integer),
            sa.Column('details', sa.Text),
        ),
    }


def _create_tables() -> None:
    def common() -> list:  # every history table ends the same way
        return [
            sa.Column('reason', sa.Text(), nullable=True),
            sa.Column('set_by_event', sa.Integer(), nullable=True),
            sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
            sa.ForeignKeyConstraint(['set_by_event'], ['audit_event.id']),
        ]

    op.create_table(
        'company_fact',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('company_id', sa.Integer(), nullable=False),
        sa.Column('field', sa.String(length=20), nullable=False),
        sa.Column('value', sa.String(length=30), nullable=True),
        sa.Column('valid_from', sa.Date(), nullable=False),
        *common(),
        sa.ForeignKeyConstraint(['company_id'], ['company.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_company_fact_company', 'company_fact', ['company_id', 'field'])
    op.create_table(
        'membership_period',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('membership_id', sa.Integer(), nullable=False),
        sa.Column('cluster_id', sa.Integer(), nullable=False),
        sa.Column('joined', sa.Date(), nullable=True),
        sa.Column('left', sa.Date(), nullable=True),
        *common(),
        sa.ForeignKeyConstraint(['membership_id'], ['membership.id']),
        sa.ForeignKeyConstraint(['cluster_id'], ['cluster.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index(
        'ix_membership_period_membership', 'membership_period', ['membership_id']
    )
    op.create_table(
        'mandate_event',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('membership_id', sa.Integer(), nullable=False),
        sa.Column('cluster_id', sa.Integer(), nullable=False),
        sa.Column('action', sa.String(length=12), nullable=False),
        sa.Column('on_date', sa.Date(), nullable=False),
        sa.Column('corrects_id', sa.Integer(), nullable=True),
        *common(),
        sa.ForeignKeyConstraint(['membership_id'], ['membership.id']),
        sa.ForeignKeyConstraint(['cluster_id'], ['cluster.id']),
        sa.ForeignKeyConstraint(['corrects_id'], ['mandate_event.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_mandate_event_membership', 'mandate_event', ['membership_id'])
    op.create_table(
        'rule_set_copy',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('cluster_id', sa.Integer(), nullable=False),
        sa.Column('rule_set', sa.String(length=100), nullable=False),
        sa.Column('from_year', sa.Integer(), nullable=False),
        sa.Column('content', sa.Text(), nullable=False),
        sa.Column('sha256', sa.String(length=64), nullable=False),
        *common(),
        sa.ForeignKeyConstraint(['cluster_id'], ['cluster.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_rule_set_copy_cluster', 'rule_set_copy', ['cluster_id', 'from_year'])


def _setters(connection: sa.Connection, t: dict[str, sa.Table]) -> dict[tuple[str, int, str], int]:
    """For each (entity, id, field), the audit event that last set it, replayed in order."""
    events = t['audit_event']
    found: dict[tuple[str, int, str], int] = {}
    query = (
        sa.select(events.c.id, events.c.action, events.c.entity, events.c.entity_id,
                  events.c.details)
        .where(events.c.entity.in_(['company', 'membership', 'cluster']))
        .order_by(events.c.id)
    )
    for event_id, action, entity, entity_id, details in connection.execute(query):
        if entity_id is None:
            continue
        data = json.loads(details)
        fields = data.get('after') if isinstance(data.get('after'), dict) else data
        for field in fields:
            found[(entity, entity_id, field)] = event_id
    return found


def _rule_text(rule_id: str) -> str:
    from ledger.rules import rule_file

    path = rule_file(rule_id)
    if path is None:
        raise RuntimeError(
            f"a cluster uses rule set {rule_id!r}, and no rule file has that id: put "
            f"{rule_id}.toml back in the rules folder, then open the ledger again"
        )
    return path.read_text(encoding='utf-8')


def _carry_over(connection: sa.Connection) -> None:
    t = _tables()
    setters = _setters(connection, t)
    now = datetime.now(UTC)
    facts, periods, mandates, copies = [], [], [], []
    for company_id, kind, postcode, override in connection.execute(
        sa.select(t['company'].c.id, t['company'].c.kind, t['company'].c.postcode,
                  t['company'].c.region_override).order_by(t['company'].c.id)
    ):
        values = {'kind': kind, 'postcode': postcode, 'region_override': override}
        for field, value in values.items():
            if field == 'region_override' and value is None:
                continue
            facts.append({
                'company_id': company_id, 'field': field, 'value': value, 'valid_from': START,
                'reason': CARRIED, 'recorded_at': now,
                'set_by_event': setters.get(('company', company_id, field)),
            })
    m = t['membership']
    for row in connection.execute(sa.select(m).order_by(m.c.id)).mappings():
        setter = max(
            (setters.get(('membership', row['id'], f)) or 0 for f in ('joined', 'left')),
            default=0,
        )
        periods.append({
            'membership_id': row['id'], 'cluster_id': row['cluster_id'],
            'joined': row['joined'], 'left': row['left'], 'reason': CARRIED,
            'recorded_at': now, 'set_by_event': setter or None,
        })
        if row['mandate'] is not None:
            mandates.append({
                'membership_id': row['id'], 'cluster_id': row['cluster_id'], 'action': 'given',
                'on_date': row['mandate'], 'corrects_id': None, 'reason': CARRIED,
                'recorded_at': now,
                'set_by_event': setters.get(('membership', row['id'], 'mandate')),
            })
    c = t['cluster']
    for cluster_id, rule_id, start_year in connection.execute(
        sa.select(c.c.id, c.c.rule_set, c.c.start_year).order_by(c.c.id)
    ):
        text = _rule_text(rule_id)
        copies.append({
            'cluster_id': cluster_id, 'rule_set': rule_id, 'from_year': start_year,
            'content': text, 'sha256': hashlib.sha256(text.encode('utf-8')).hexdigest(),
            'reason': CARRIED, 'recorded_at': now,
            'set_by_event': setters.get(('cluster', cluster_id, 'rule_set')),
        })
    meta = sa.MetaData()
    meta.reflect(connection, only=list(HISTORY))
    for name, rows in zip(HISTORY, (facts, periods, mandates, copies), strict=True):
        if rows:
            connection.execute(meta.tables[name].insert(), rows)


def upgrade() -> None:
    _create_tables()
    connection = op.get_bind()
    _carry_over(connection)
    with op.batch_alter_table('company') as batch:
        batch.drop_column('region_override')
        batch.drop_column('kind')
        batch.drop_column('postcode')
    with op.batch_alter_table('membership') as batch:
        batch.drop_column('mandate')
    guards.create(connection, HISTORY)


def _latest(connection: sa.Connection, query: sa.Select) -> dict[int, tuple]:
    found: dict[int, tuple] = {}
    for key, *values in connection.execute(query):
        found[key] = tuple(values)  # rows come in id order: the last one stands
    return found


def downgrade() -> None:
    connection = op.get_bind()
    guards.drop(connection, HISTORY)
    with op.batch_alter_table('company') as batch:
        batch.add_column(sa.Column('postcode', sa.String(length=4), nullable=True))
        batch.add_column(sa.Column('kind', sa.String(length=30), nullable=True))
        batch.add_column(sa.Column('region_override', sa.String(length=20), nullable=True))
    with op.batch_alter_table('membership') as batch:
        batch.add_column(sa.Column('mandate', sa.Date(), nullable=True))
    meta = sa.MetaData()
    meta.reflect(connection, only=['company', 'membership', *HISTORY])
    company, membership = meta.tables['company'], meta.tables['membership']
    fact, mandate = meta.tables['company_fact'], meta.tables['mandate_event']
    # The single value an older version can hold: what is in force today.
    today = date.today()
    values: dict[int, dict[str, str | None]] = {}
    for company_id, field, value, valid_from in connection.execute(
        sa.select(fact.c.company_id, fact.c.field, fact.c.value, fact.c.valid_from)
        .where(fact.c.valid_from <= today)
        .order_by(fact.c.valid_from, fact.c.id)
    ):
        values.setdefault(company_id, {})[field] = value
    for company_id, fields in values.items():
        connection.execute(company.update().where(company.c.id == company_id).values(**fields))
    held = _latest(
        connection,
        sa.select(mandate.c.membership_id, mandate.c.action, mandate.c.on_date)
        .order_by(mandate.c.id),
    )
    for membership_id, (action, on_date) in held.items():
        if action != 'withdrawn':
            connection.execute(
                membership.update().where(membership.c.id == membership_id)
                .values(mandate=on_date)
            )
    with op.batch_alter_table('company') as batch:
        batch.alter_column('postcode', existing_type=sa.String(length=4), nullable=False)
        batch.alter_column('kind', existing_type=sa.String(length=30), nullable=False)
    for name in reversed(HISTORY):
        op.drop_table(name)
