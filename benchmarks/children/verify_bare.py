"""The obvious alternative to ``cluster-ledger verify``: hash every row once, nothing else.

It reads the chained columns of every entry and audit event with the standard library's
``sqlite3``, in chain order, and feeds each row's text into one running SHA-256: the
least any check of a hash chain must do (read every row, hash every row). No per-link
comparison, no canonical form, no guards, no figures. Usage::

    python verify_bare.py DB

Prints one JSON line: the rows read and the final digest.
"""

import hashlib
import json
import sqlite3
import sys

db = sys.argv[1]
con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
digest = hashlib.sha256()
rows = 0
for sql in (
    "SELECT id, chain_seq, cluster_id, company_id, year, amount_cents, paid_on, note, source,"
    " reverses_id, batch_id, source_row, created_at, chain_hash FROM contribution"
    " ORDER BY cluster_id, chain_seq",
    "SELECT id, chain_seq, at, actor, origin, action, cluster_id, entity, entity_id, details,"
    " chain_hash FROM audit_event ORDER BY cluster_id, chain_seq",
):
    for row in con.execute(sql):
        digest.update(repr(row).encode())
        rows += 1
print(json.dumps({"rows": rows, "digest": digest.hexdigest()}))
