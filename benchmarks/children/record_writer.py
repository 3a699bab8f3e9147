"""One writer of the concurrency benchmark: COUNT contributions, one transaction each.

It opens the ledger, prints ``ready`` and waits for ``go`` on stdin, so the benchmark
starts every writer's clock at the same moment, after their start-up. Usage::

    python record_writer.py ledger DB CLUSTER KBO COUNT   # as the app and the command line write
    python record_writer.py plain DB CLUSTER KBO COUNT    # the same two rows, bare inserts

``ledger`` calls ``record_contribution`` inside ``Ledger.write()``: the write lock, the
membership and locked-year checks, the hash chains and the audit event. ``plain`` inserts
the same entry and audit event with SQLAlchemy Core in a plain transaction on the same
engine and schema: no lock, no checks, no chain. Prints one JSON line: the seconds from
``go`` to the last commit.
"""

import json
import sys
import time
from decimal import Decimal

from sqlalchemy import insert

from ledger import identifiers, operations, queries
from ledger.session import Ledger
from ledger.storage.tables import AuditEvent, Contribution, utcnow

YEAR, AMOUNT = 2026, Decimal("125.00")

mode, db, name, kbo, count = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
ledger = Ledger.open(db, actor="benchmark", origin="benchmark")
with ledger.read() as session:
    cluster = queries.get_cluster(name, session=session)
    _, company = queries.get_membership(cluster, identifiers.validate(kbo), session=session)
print("ready", flush=True)
assert sys.stdin.readline().strip() == "go"
started = time.perf_counter()
if mode == "ledger":
    for _ in range(count):
        with ledger.write() as tx:
            found = queries.get_cluster(name, session=tx.session)
            operations.record_contribution(tx, found, kbo=kbo, year=YEAR, amount=AMOUNT)
else:
    for _ in range(count):
        with ledger.engine.begin() as connection:
            entry = {
                "cluster_id": cluster.id,
                "company_id": company.id,
                "year": YEAR,
                "amount_cents": 12500,
                "created_at": utcnow(),
            }
            entry_id = connection.execute(
                insert(Contribution).returning(Contribution.id), entry
            ).scalar_one()
            connection.execute(
                insert(AuditEvent),
                {
                    "at": utcnow(),
                    "actor": "benchmark",
                    "origin": "benchmark",
                    "action": "contribution.record",
                    "cluster_id": cluster.id,
                    "entity": "contribution",
                    "entity_id": entry_id,
                    "details": json.dumps({"kbo": kbo, "year": YEAR, "amount": "125.00"}),
                },
            )
seconds = time.perf_counter() - started
ledger.dispose()
print(json.dumps({"seconds": seconds, "recorded": count}))
