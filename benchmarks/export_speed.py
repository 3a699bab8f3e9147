"""The annual Excel report against a bare dump of the same rows, at 20k and 200k entries.

Why it exists: the annual workbook does far more than list rows (figures from the
matching engine, styled cells, tables, live formulas, checks, a checksum over every
entry, fixed timestamps, a safe rename), and it should still cost no more than a bare
openpyxl write-only dump of the same members and entries, with memory that stays flat
as the entries grow. It builds a ledger of one cluster of 1,000 members under
``ibn-2026`` with 20,000 entries in one year (and one with 200,000), then times whole
processes, interleaved after a discarded warm-up: ``cluster-ledger export --year`` as a
user runs it, against ``children/export_bare.py`` (and, with ``--before REV``, the export
of an earlier commit beside them, in the same run)::

    .venv/bin/python benchmarks/export_speed.py                 # both sizes, writes RESULTS.md
    .venv/bin/python benchmarks/export_speed.py --sizes 20000   # one size, quick
    .venv/bin/python benchmarks/export_speed.py --commit HEAD --before main --reuse
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
from datetime import date
from pathlib import Path

from harness import Bench, Measure, add_common_options, check, child, cli_argv, code_source
from ledger_build import rule_copies, split_companies, split_memberships
from ledger_rows import company_rows, enterprise_number, random_day, stamp
from results import PROCESS_ALIGN, markdown_table, method_note, process_header, process_row

HEADING = "## Export speed (export_speed.py)"
CLUSTER, YEAR, MEMBERS, SEED = "Export Cluster", 2026, 1000, 2026


def build(path: Path, entries: int, seed: int) -> None:
    """One cluster-year of ``entries`` entries: migrations, then Core inserts in one transaction."""
    from sqlalchemy import insert

    from ledger.session import Ledger
    from ledger.storage import tables

    path.unlink(missing_ok=True)
    ledger = Ledger.open(path, create=True, actor="benchmark", origin="benchmark")
    rng = random.Random(seed)
    used: set[str] = set()
    companies = company_rows(rng, MEMBERS, used)
    cluster = {
        "id": 1,
        "name": CLUSTER,
        "rule_set": "ibn-2026",
        "start_year": YEAR,
        "kbo": enterprise_number(rng, used),
        "created_at": stamp(date(YEAR, 1, 1)),
    }
    memberships = [
        {
            "cluster_id": 1,
            "company_id": c["id"],
            "joined": date(YEAR, 1, 1),
            "left": None,
            "mandate": date(YEAR, 1, 15) if rng.random() < 0.7 else None,
        }
        for c in companies
    ]
    members, periods, mandates = split_memberships(memberships, 1)
    company_table, facts = split_companies(companies)
    rows = []
    while len(rows) < entries:
        company = rng.randrange(1, MEMBERS + 1)
        paid = random_day(rng, date(YEAR, 1, 1), date(YEAR, 12, 31))
        cents = rng.randrange(100_00, 1_000_00)
        entry_id = len(rows) + 1
        rows.append(
            {
                "id": entry_id,
                "cluster_id": 1,
                "company_id": company,
                "year": YEAR,
                "amount_cents": cents,
                "paid_on": paid,
                "note": f"factuur {entry_id}",
                "source": "bijdragen.xlsx",
                "reverses_id": None,
                "created_at": stamp(paid),
            }
        )
        if rng.random() < 0.03 and len(rows) < entries:
            rows.append(
                {
                    "id": entry_id + 1,
                    "cluster_id": 1,
                    "company_id": company,
                    "year": YEAR,
                    "amount_cents": -cents,
                    "paid_on": None,
                    "note": "=wrong amount",
                    "source": "correcties.xlsx",
                    "reverses_id": entry_id,
                    "created_at": stamp(paid),
                }
            )
    with ledger.engine.begin() as conn:
        conn.execute(insert(tables.Company), company_table)
        conn.execute(insert(tables.CompanyFact), facts)
        conn.execute(insert(tables.Cluster), [cluster])
        conn.execute(insert(tables.RuleSetCopy), rule_copies([cluster]))
        conn.execute(insert(tables.Membership), members)
        conn.execute(insert(tables.MembershipPeriod), periods)
        conn.execute(insert(tables.MandateEvent), mandates)
        for start in range(0, len(rows), 20_000):
            conn.execute(insert(tables.Contribution), rows[start : start + 20_000])
        conn.execute(
            insert(tables.CoordinationCost),
            [{"cluster_id": 1, "year": YEAR, "amount_cents": 600_000_00}],
        )
    ledger.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_common_options(parser, write_default="when both sizes are measured")
    parser.add_argument("--sizes", type=int, nargs="+", default=[20_000, 200_000])
    parser.add_argument("--reuse", action="store_true", help="keep ledgers already built")
    parser.add_argument("--before", metavar="REV", help="also measure the export at REV")
    args = parser.parse_args()
    args.repeat = args.repeat if args.repeat != 5 else 3  # an export of 200k entries is slow
    bench = Bench.start(args, __file__)
    before = code_source(args.before, bench.work) if args.before else None
    tables, readings = [], []
    loads = []
    for size in args.sizes:
        db = bench.work / f"export_{size}.sqlite"
        if not (args.reuse and db.exists()):
            print(f"building {db.name} ...", file=sys.stderr)
            build(db, size, SEED)
        ours, bare_out = bench.work / f"export_{size}.xlsx", bench.work / f"bare_{size}.xlsx"
        export = ["--db", str(db), "export", "--cluster", CLUSTER, "--year", str(YEAR), "--force"]
        project = Measure("cluster-ledger export --year", [*cli_argv(), *export, "-o", str(ours)])
        bare = Measure(
            "bare openpyxl write-only dump",
            child("export_bare", str(db), CLUSTER, str(YEAR), str(bare_out)),
        )
        measures = [project, bare]
        if before is not None:
            path = os.pathsep.join(str(p) for p in before.path)
            earlier = bench.work / f"before_{size}.xlsx"
            label = f"the same at {args.before} ({before.root.name})"
            argv = ["/usr/bin/env", f"PYTHONPATH={path}", *cli_argv(), *export, "-o", str(earlier)]
            measures.append(Measure(label, argv))
        loads.append(os.getloadavg()[0])
        bench.launcher.measure(measures, bench.repeat)
        loads.append(os.getloadavg()[0])
        check(f"; {size:,} entries;".replace(",", "") in project.runs[-1].stdout.replace(",", ""),
              f"the report did not list {size} entries: {project.runs[-1].stdout}")  # fmt: skip
        check(bare.outputs()[-1]["entries"] == size, "the bare dump lost entries")
        rows = [
            process_row(project.label, project, bare, bold=True),
            *(process_row(m.label, m, bare) for m in measures[2:]),
            process_row(bare.label, bare, bare),
        ]
        mib = [p.stat().st_size / 2**20 for p in (ours, bare_out)]
        sizes = f"report {mib[0]:.1f} MiB, bare {mib[1]:.1f} MiB"
        table = markdown_table(process_header("bare"), rows, PROCESS_ALIGN)
        tables.append(f"**{size:,} entries, {MEMBERS:,} members** ({sizes})\n\n{table}")
        readings.append((size, project.median / bare.median, project.peak_mib, bare.peak_mib))
    uptime = subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
    summary = "; ".join(
        f"{size:,} entries: {ratio:.2f}x the bare dump, {ours:.0f} MiB against {bare:.0f} MiB"
        for size, ratio, ours, bare in readings
    )
    body = [
        f"One cluster of {MEMBERS:,} members under `ibn-2026`, all entries in {YEAR} (3% reversed,"
        " each with a note and a source), built through the migrations plus Core inserts."
        " The report is the whole `cluster-ledger export --year` command; the bare dump reads"
        " the same members and entries with `sqlite3` and appends them unstyled to an openpyxl"
        " write-only workbook.",
        "",
        f"Load average (1 min) around the timed runs: {', '.join(f'{x:.1f}' for x in loads)}"
        f" on 2 cores; at the end: `{uptime}`.",
        "",
        *[t + "\n" for t in tables],
        method_note(bench.repeat),
        "",
        f"Reading: {summary}.",
    ]
    write = args.write if args.write is not None else len(args.sizes) > 1
    bench.finish(HEADING, body, write=write)


if __name__ == "__main__":
    main()
