"""The project summarising every cluster-year of a ledger in one process.

It exists to time what a user's command costs as a whole process: importing the
project, opening the ledger as the command line does, and the summaries of every
cluster: ``every_summary_of`` (one pass over the ledger, on a plain SQLAlchemy Core
connection as the read-only command line reads) where the measured version has it, else
``every_summary`` on the ORM session, else ``cluster_summaries`` cluster by cluster. Usage::

    python summarise_all.py DB totals   # with_shares=False, as `cluster-ledger summary`
    python summarise_all.py DB shares   # each member's share too, as `summary --shares`

``shares`` passes no option, so it also runs against versions without ``with_shares``.
Prints one JSON line: its own import, open and work times, and checksums.
"""

import json
import sys
import time

t0 = time.perf_counter()
from ledger.session import Ledger  # noqa: E402

try:  # versions that read a summary on SQLAlchemy Core, without the ORM session
    from ledger.summary import every_summary_of
except ImportError:
    every_summary_of = None
if every_summary_of is None:
    from ledger import queries
    from ledger.summary import cluster_summaries

    try:  # versions before the one-pass summary call cluster_summaries per cluster
        from ledger.summary import every_summary
    except ImportError:
        every_summary = None

t1 = time.perf_counter()
ledger = Ledger.open(sys.argv[1])
options = {} if sys.argv[2] == "shares" else {"with_shares": False}
with_shares = sys.argv[2] == "shares"
t2 = time.perf_counter()
years = total = aid = shares = 0
if every_summary_of is not None:  # one pass, on a plain connection
    with ledger.connect() as connection:
        found = [s for _, per in every_summary_of(connection, with_shares=with_shares) for s in per]
else:
    with ledger.read() as session:
        if every_summary is not None:  # one pass over the whole ledger
            wanted = every_summary(session=session, with_shares=with_shares)
            found = [s for _, per in wanted for s in per]
        else:
            found = [
                s
                for cluster in queries.list_clusters(session=session)
                for s in cluster_summaries(cluster, session=session, **options)
            ]
for s in found:
    years += 1
    total += s.result.total_contributions_cents
    aid += s.result.matched_aid_cents
    shares += len(s.result.shares)
t3 = time.perf_counter()
print(
    json.dumps(
        {
            "import_s": t1 - t0,
            "open_s": t2 - t1,
            "work_s": t3 - t2,
            "cluster_years": years,
            "total_cents": total,
            "aid_cents": aid,
            "shares": shares,
        }
    )
)
