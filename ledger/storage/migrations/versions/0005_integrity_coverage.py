"""Year locks and import batches join the hash chains; rows changed in place get a baseline.

Year-lock events (who locked a year, and why it was reopened) and import batches (which
file, with which hash, committed which rows) decide figures and an import's idempotency,
so they are chained like entries. Each batch also gets the digest of its source rows,
which its link covers. Existing rows are chained in the order they were written (their
id), with the append-only triggers lifted for the length of the migration.

The rows the ledger changes in place (clusters, companies, memberships, coordination
costs, column mappings) are recorded once as they stand, whole, in a ``ledger.baseline``
audit event each: from here on verify holds every column of them to their newest event.

Revision ID: 0005
Revises: 0008
Create Date: 2026-12-04
"""

import json
from collections import defaultdict
from datetime import UTC, date, datetime

import sqlalchemy as sa
from alembic import op

from ledger.integrity import chain, guards

revision = '0005'
down_revision = '0008'
branch_labels = None
depends_on = None

# The chained fields as this revision knows them; the registry may move on.
_FIELDS = {
    'year_lock_event': ('chain_seq', 'cluster_id', 'year', 'locked', 'reason', 'actor', 'at'),
    'import_batch': (
        'chain_seq', 'cluster_id', 'what', 'file_name', 'file_hash', 'source_key', 'sheet',
        'year', 'row_count', 'undoes_id', 'actor', 'origin', 'at', 'rows_digest',
    ),
}
_AUDIT_FIELDS = (
    'chain_seq', 'at', 'actor', 'origin', 'action', 'cluster_id', 'entity', 'entity_id',
    'details',
)
_REPLAYED = ('cluster', 'company', 'membership', 'coordination_cost', 'column_mapping')
# Every append-only table as this revision knows it: the guards are lifted and put back.
_GUARDED = (
    'contribution', 'audit_event', 'year_lock_event', 'import_batch', 'import_row',
    'company_fact', 'membership_period', 'mandate_event', 'rule_set_copy',
    'bank_account', 'bank_statement', 'bank_movement', 'payment_match',
    'payment_queue_event', 'payer_account',
)
_ROW_KEY = '~row'


def _table(connection: sa.Connection, name: str) -> sa.Table:
    return sa.Table(name, sa.MetaData(), autoload_with=connection)


def _tips(connection: sa.Connection) -> dict[str, tuple[int, str]]:
    tips = _table(connection, 'chain_tip')
    return {r.chain: (r.length, r.tip) for r in connection.execute(sa.select(tips))}


def _save_tips(connection: sa.Connection, ends: dict[str, tuple[int, str]], known: set[str]) -> None:
    tips = _table(connection, 'chain_tip')
    for name, (length, tip) in ends.items():
        if name in known:
            connection.execute(
                tips.update().where(tips.c.chain == name).values(length=length, tip=tip)
            )
        else:
            connection.execute(tips.insert().values(chain=name, length=length, tip=tip))


def _digest_batches(connection: sa.Connection) -> None:
    rows = _table(connection, 'import_row')
    batches = _table(connection, 'import_batch')
    found: dict[int, list[tuple[int, str, str]]] = defaultdict(list)
    query = sa.select(rows.c.batch_id, rows.c.row_number, rows.c.row_key, rows.c.fingerprint)
    for batch_id, number, key, fingerprint in connection.execute(query):
        found[batch_id].append((number, key, fingerprint))
    for (batch_id,) in connection.execute(sa.select(batches.c.id)).all():
        connection.execute(
            batches.update()
            .where(batches.c.id == batch_id)
            .values(rows_digest=chain.rows_digest(found.get(batch_id, [])))
        )


def _chain(connection: sa.Connection, name: str) -> None:
    table = _table(connection, name)
    known = _tips(connection)
    ends: dict[str, tuple[int, str]] = {}
    for row in connection.execute(sa.select(table).order_by(table.c.id)).mappings():
        key = chain.chain_name(name, row['cluster_id'])
        length, tip = ends.get(key, known.get(key, (0, chain.GENESIS)))
        values = {**row, 'chain_seq': length + 1}
        tip = chain.link(tip, [values[f] for f in _FIELDS[name]])
        ends[key] = (length + 1, tip)
        connection.execute(
            table.update().where(table.c.id == row['id']).values(chain_seq=length + 1, chain_hash=tip)
        )
    _save_tips(connection, ends, set(known))


def _plain(value):  # type: ignore[no-untyped-def]
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, (date, datetime)):
        return json.loads(chain.canonical([value]))[0]
    return str(value)


def _baseline(connection: sa.Connection) -> None:
    audit = _table(connection, 'audit_event')
    known = _tips(connection)
    ends: dict[str, tuple[int, str]] = {}
    at = datetime.now(UTC)
    for name in _REPLAYED:
        table = _table(connection, name)
        for row in connection.execute(sa.select(table).order_by(table.c.id)).mappings():
            cluster_id = row['id'] if name == 'cluster' else row.get('cluster_id')
            whole = {k: _plain(v) for k, v in row.items() if k != 'id'}
            values = {
                'at': at,
                'actor': 'cluster-ledger',
                'origin': 'upgrade to schema 0005',
                'action': 'ledger.baseline',
                'cluster_id': cluster_id,
                'entity': name,
                'entity_id': row['id'],
                'details': json.dumps({_ROW_KEY: whole}, sort_keys=True, ensure_ascii=False),
            }
            key = chain.chain_name('audit_event', cluster_id)
            length, tip = ends.get(key, known.get(key, (0, chain.GENESIS)))
            values['chain_seq'] = length + 1
            tip = chain.link(tip, [values[f] for f in _AUDIT_FIELDS])
            ends[key] = (length + 1, tip)
            connection.execute(audit.insert().values(**values, chain_hash=tip))
    _save_tips(connection, ends, set(known))


def upgrade() -> None:
    connection = op.get_bind()
    guards.drop(connection, _GUARDED)  # the rows below are chained in place
    for name in _FIELDS:
        op.add_column(name, sa.Column('chain_seq', sa.Integer(), nullable=True))
        op.add_column(name, sa.Column('chain_hash', sa.String(length=64), nullable=True))
    op.add_column('import_batch', sa.Column('rows_digest', sa.String(length=64), nullable=True))
    _digest_batches(connection)
    for name in _FIELDS:
        _chain(connection, name)
        op.create_index(f'uq_{name}_chain', name, ['cluster_id', 'chain_seq'], unique=True)
    _baseline(connection)
    guards.create(connection, _GUARDED)


def downgrade() -> None:
    connection = op.get_bind()
    guards.drop(connection, _GUARDED)
    for name in reversed(tuple(_FIELDS)):
        op.drop_index(f'uq_{name}_chain', table_name=name)
        with op.batch_alter_table(name) as batch:
            if name == 'import_batch':
                batch.drop_column('rows_digest')
            batch.drop_column('chain_hash')
            batch.drop_column('chain_seq')
    tips = sa.table('chain_tip', sa.column('chain', sa.String))
    for name in _FIELDS:
        connection.execute(tips.delete().where(tips.c.chain.like(f'{name}:%')))
    guards.create(connection, _GUARDED)


