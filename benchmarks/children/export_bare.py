"""The obvious alternative to the annual report: the same rows, dumped as they come.

It reads the members and the entries of one cluster-year with the standard library's
``sqlite3`` and appends them, unstyled, to an openpyxl write-only workbook: no figures,
no formulas, no checks, no checksum. Usage::

    python export_bare.py DB CLUSTER YEAR OUT.xlsx

Prints one JSON line: the rows written.
"""

import json
import sqlite3
import sys

from openpyxl import Workbook

db, name, year, out = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
(cluster_id,) = con.execute("SELECT id FROM cluster WHERE name = ?", (name,)).fetchone()
wb = Workbook(write_only=True)
members = wb.create_sheet("Members")
members.append(["kbo", "name", "postcode", "kind", "joined", "left", "mandate"])
# A company's postcode and kind are dated facts; the latest one recorded is shown.
FACT = (
    "(SELECT f.value FROM company_fact f WHERE f.company_id = c.id AND f.field = '{}'"
    " ORDER BY f.valid_from DESC, f.id DESC LIMIT 1)"
)
MANDATE = (
    "(SELECT e.on_date FROM mandate_event e WHERE e.membership_id = m.id"
    " ORDER BY e.on_date DESC, e.id DESC LIMIT 1)"
)
for row in con.execute(
    f"SELECT c.kbo, c.name, {FACT.format('postcode')}, {FACT.format('kind')}, m.joined,"
    f" m.left, {MANDATE} FROM membership m JOIN company c ON c.id = m.company_id"
    " WHERE m.cluster_id = ? ORDER BY c.kbo",
    (cluster_id,),
):
    members.append(row)
entries = wb.create_sheet("Entries")
entries.append(["id", "year", "kbo", "name", "amount", "paid", "reverses", "note", "source"])
rows = 0
for row in con.execute(
    "SELECT e.id, e.year, c.kbo, c.name, e.amount_cents / 100.0, e.paid_on, e.reverses_id,"
    " e.note, e.source FROM contribution e JOIN company c ON c.id = e.company_id"
    " WHERE e.cluster_id = ? AND e.year = ? ORDER BY e.id",
    (cluster_id, year),
):
    entries.append(row)
    rows += 1
wb.save(out)
print(json.dumps({"entries": rows}))
