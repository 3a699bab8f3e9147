"""The obvious alternative: the standard library's ``sqlite3`` and one query, nothing else.

It exists so the project is always measured against what the database alone needs: a
whole process that imports only ``sqlite3``. Usage::

    python bare_query.py DB CALLS SQL [PARAM ...]

Runs the query ``CALLS`` times (1 for a whole-process run; digit-only parameters are
passed as integers) and prints one JSON line: the time of each call, the number of rows
and the sum of the last column.
"""

import json
import sqlite3
import sys
import time

db, calls, sql, *params = sys.argv[1:]
con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
values = [int(p) if p.isdigit() else p for p in params]
times: list[float] = []
rows: list[tuple[int | str, ...]] = []
for _ in range(int(calls)):
    t = time.perf_counter()
    rows = con.execute(sql, values).fetchall()
    times.append(time.perf_counter() - t)
print(json.dumps({"times": times, "rows": len(rows), "total_cents": sum(r[-1] for r in rows)}))
