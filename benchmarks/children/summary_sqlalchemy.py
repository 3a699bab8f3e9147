"""The floor of one cluster-year's ``summary --json``: SQLAlchemy and the same aggregate.

It exists so the command line's whole process is measured against what a script needs
that already speaks to the database through SQLAlchemy, as the ledger does: import
SQLAlchemy, open the file, run the cluster-year's grouped sum, print JSON. No members,
no rules, no matching. Usage::

    python summary_sqlalchemy.py DB CLUSTER YEAR

Prints one JSON line: the companies that contributed and the total in cents.
"""

import json
import sys

from sqlalchemy import create_engine, text

db, cluster, year = sys.argv[1], sys.argv[2], int(sys.argv[3])
engine = create_engine(f"sqlite:///{db}")
query = text(
    "SELECT c.company_id, SUM(c.amount_cents) FROM contribution c"
    " JOIN cluster k ON k.id = c.cluster_id WHERE k.name = :name AND c.year = :year"
    " GROUP BY c.company_id"
)
with engine.connect() as connection:
    rows = connection.execute(query, {"name": cluster, "year": year}).all()
print(json.dumps({"companies": len(rows), "total_cents": sum(r[1] for r in rows)}))
