"""Import speed: a 100,000-row contributions workbook, imported whole, against pandas reading it.

Why it exists: accountants send contributions lists of tens of thousands of rows, and
the import (read, find the header, parse every cell, validate, commit in one
transaction) must not feel slower than opening the file. This script writes a
deterministic workbook of ``--rows`` contributions for 500 members (enterprise number,
name, year, amount, date paid) with xlsxwriter (openpyxl's write-only mode if it is
missing), prepares a ledger where those 500 members exist (with the ledger's own
operations, not timed), and times whole processes in one run:

1. ``cluster-ledger --db X import FILE --cluster C --what contributions --commit`` on a
   fresh copy of that ledger;
2. the same import again on a ledger that already holds the batch (idempotent re-import);
3. ``importers.reading.read_workbook`` alone: what the reading layer costs;
4. ``pandas.read_excel(engine="calamine")`` and 5. ``pandas.read_excel(engine="openpyxl")``;
6. ``fastexcel`` reading the file into Arrow (``children/import_fastexcel.py``): the same
   calamine, typed columns built in Rust, nothing turned into Python objects; the fastest
   reader there is.

Goals: the full import within 1.5x the calamine read, with a peak memory no higher than
that read's; within 4x the fastexcel read; re-import no slower than the first import.
The openpyxl read is shown for scale::

    .venv/bin/python benchmarks/import_speed.py                 # 100,000 rows, writes RESULTS.md
    .venv/bin/python benchmarks/import_speed.py --rows 5000     # quick; prints only
"""

from __future__ import annotations

import argparse
import random
import shutil
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from harness import Bench, Measure, add_common_options, check, child, cli_argv
from results import PROCESS_ALIGN, markdown_table, method_note, process_header, process_row

HEADING = "## Import speed (import_speed.py)"
CLUSTER = "Bench Cluster"
RULE_SET = "ibn-2026"
YEARS = (2026, 2027)
SEED = 20261123
HEADER = ["Ondernemingsnummer", "Naam", "Jaar", "Bedrag", "Betaald op"]


def enterprise_numbers(rng: random.Random, count: int) -> list[str]:
    """Distinct valid Belgian enterprise numbers (mod-97 check digits), formatted 0xxx.xxx.xxx."""
    numbers: set[str] = set()
    while len(numbers) < count:
        body = f"0{rng.randrange(1, 10**7):07d}"
        number = f"{body}{97 - int(body) % 97:02d}"
        numbers.add(f"{number[:4]}.{number[4:7]}.{number[7:]}")
    return sorted(numbers)


def members(count: int) -> list[tuple[str, str]]:
    rng = random.Random(SEED)
    return [
        (kbo, f"Lid {index:03d} BV") for index, kbo in enumerate(enterprise_numbers(rng, count))
    ]


def contribution_rows(rows: int, people: list[tuple[str, str]]) -> list[list[object]]:
    """Distinct (member, year, amount, date) rows, so nothing looks like a duplicate."""
    rng = random.Random(SEED + 1)
    out: list[list[object]] = []
    for index in range(rows):
        kbo, name = people[index % len(people)]
        year = YEARS[index % len(YEARS)]
        paid = date(year, 1, 1) + timedelta(days=(index // len(people)) % 360)
        cents = 10_000 + rng.randrange(1_000_000)
        out.append([kbo, name, year, float(Decimal(cents) / 100), paid])
    return out


def write_workbook(path: Path, rows: list[list[object]]) -> str:
    """Write the workbook; returns the writer used."""
    try:
        import xlsxwriter
    except ImportError:
        xlsxwriter = None
    if xlsxwriter is not None:
        book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
        sheet = book.add_worksheet("Bijdragen")
        day = book.add_format({"num_format": "dd/mm/yyyy"})
        sheet.write_row(0, 0, HEADER)
        for number, row in enumerate(rows, start=1):
            sheet.write_row(number, 0, row[:4])
            sheet.write_datetime(number, 4, row[4], day)
        book.close()
        return f"xlsxwriter {xlsxwriter.__version__}"
    import openpyxl
    from openpyxl.cell import WriteOnlyCell

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Bijdragen")
    sheet.append(HEADER)
    for row in rows:
        paid = WriteOnlyCell(sheet, row[4])
        paid.number_format = "dd/mm/yyyy"
        sheet.append([*row[:4], paid])
    book.save(path)
    return f"openpyxl {openpyxl.__version__} (write-only)"


def prepare_ledger(path: Path, people: list[tuple[str, str]]) -> None:
    """A ledger with the cluster and its members, through the ledger's operations."""
    from ledger import operations
    from ledger.session import Ledger

    path.unlink(missing_ok=True)
    ledger = Ledger.open(path, create=True, origin="benchmark")
    with ledger.write() as tx:
        cluster = operations.add_cluster(
            tx, name=CLUSTER, rule_set_id=RULE_SET, start_year=YEARS[0]
        )
        for index, (kbo, name) in enumerate(people):
            operations.add_member(
                tx,
                cluster,
                kbo=kbo,
                name=name,
                postcode=("9000", "2000", "3000", "8500")[index % 4],
                joined=date(YEARS[0], 1, 1),
            )
    ledger.engine.dispose()


def import_argv(db: Path, workbook: Path) -> list[str]:
    return [
        *cli_argv(),
        "--db",
        str(db),
        "import",
        str(workbook),
        "--cluster",
        CLUSTER,
        "--what",
        "contributions",
        "--commit",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=100_000, help="contribution rows")
    parser.add_argument("--members", type=int, default=500, help="members in the ledger")
    add_common_options(parser, write_default=f"only with the default --rows ({100_000:,})")
    args = parser.parse_args()
    bench = Bench.start(args, __file__)
    work = bench.work / "import_speed"
    work.mkdir(parents=True, exist_ok=True)

    started = time.perf_counter()
    people = members(args.members)
    workbook = work / f"contributions_{args.rows}.xlsx"
    writer = write_workbook(workbook, contribution_rows(args.rows, people))
    template = work / "members.sqlite"
    prepare_ledger(template, people)
    imported = work / "imported.sqlite"
    shutil.copyfile(template, imported)
    first = bench.launcher.run(import_argv(imported, workbook))
    check(f"Imported {args.rows} rows" in first.stdout, f"the import did not land:\n{first.stdout}")
    setup = time.perf_counter() - started

    fresh = work / "fresh.sqlite"
    again = work / "again.sqlite"
    full = Measure(
        "full import, --commit",
        child(
            "import_fresh_ledger", str(template), str(fresh), "--", *import_argv(fresh, workbook)
        ),
    )
    reimport = Measure(
        "re-import (already imported)",
        child(
            "import_fresh_ledger", str(imported), str(again), "--", *import_argv(again, workbook)
        ),
    )
    reading = Measure("read_workbook alone", child("import_read", str(workbook)))
    calamine = Measure(
        "pandas.read_excel calamine", child("import_pandas", str(workbook), "calamine")
    )
    openpyxl = Measure(
        "pandas.read_excel openpyxl", child("import_pandas", str(workbook), "openpyxl")
    )
    fastest = Measure("fastexcel to Arrow", child("import_fastexcel", str(workbook)))
    measures = [full, reimport, reading, calamine, openpyxl, fastest]
    bench.launcher.measure(measures, bench.repeat)
    check(all("already imported" in run.stdout for run in reimport.runs), "re-import imported rows")
    check(all(f"Imported {args.rows} rows" in run.stdout for run in full.runs), "import failed")

    inside = f"{reading.inner_all():.3f} s in read_workbook"
    rows = [
        process_row(full.label, full, calamine, bold=True),
        process_row(reimport.label, reimport, calamine),
        process_row(reading.label, reading, calamine, inside),
        process_row(calamine.label, calamine, calamine, f"{calamine.inner_all():.3f} s"),
        process_row(openpyxl.label, openpyxl, calamine, f"{openpyxl.inner_all():.3f} s"),
        process_row(fastest.label, fastest, calamine, f"{fastest.inner_all():.3f} s"),
    ]
    table = markdown_table(process_header("calamine read"), rows, PROCESS_ALIGN)
    goals = [
        (
            "full import <= 1.5x the calamine read",
            full.median <= 1.5 * calamine.median,
            f"{full.median / calamine.median:.2f}x",
        ),
        (
            "peak memory <= the calamine read's",
            full.peak_mib <= calamine.peak_mib,
            f"{full.peak_mib:.0f} MiB against {calamine.peak_mib:.0f} MiB,"
            f" {full.peak_mib / calamine.peak_mib:.2f}x",
        ),
        (
            "full import <= 4x the fastexcel read",
            full.median <= 4 * fastest.median,
            f"{full.median / fastest.median:.2f}x",
        ),
        (
            "re-import no slower than the first import",
            reimport.median <= full.median,
            f"{reimport.median / full.median:.2f}x",
        ),
    ]
    goal_lines = [
        f"- {name}: **{'met' if ok else 'NOT met'}** ({figure})" for name, ok, figure in goals
    ]
    body = [
        f"Input: {args.rows:,} contribution rows for {args.members} members in one sheet "
        f"({workbook.stat().st_size / 1e6:.1f} MB, written with {writer}); the ledger holds "
        f"the cluster and its members (set up in {setup:.0f} s, not timed).",
        "",
        table,
        "",
        *goal_lines,
        "",
        method_note(bench.repeat),
    ]
    write = args.write if args.write is not None else args.rows == 100_000
    bench.finish(HEADING, body, write=write)


if __name__ == "__main__":
    main()
