"""The project summarising one cluster-year, called repeatedly in one process.

It exists to time the summary itself, without Python's start-up: a fresh session per
call, as each command has. Usage::

    python summarise_one.py DB CLUSTER YEAR CALLS

Prints one JSON line: the time of each call and the last call's checksums.
"""

import json
import sys
import time

from ledger import queries
from ledger.session import Ledger
from ledger.summary import cluster_summaries

db, name, year, calls = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
ledger = Ledger.open(db)
times: list[float] = []
for _ in range(calls):
    t = time.perf_counter()
    with ledger.read() as session:
        cluster = queries.get_cluster(name, session=session)
        (s,) = cluster_summaries(cluster, session=session, year=year)
    times.append(time.perf_counter() - t)
print(
    json.dumps(
        {
            "times": times,
            "total_cents": s.result.total_contributions_cents,
            "aid_cents": s.result.matched_aid_cents,
            "shares": len(s.result.shares),
        }
    )
)
