"""``cluster-ledger verify`` against hashing every row once, at 100k and 1M entries.

Why it exists: ``verify`` recomputes every link of every hash chain, checks the guards
and the figures, and an auditor runs it on the whole ledger. The goal: at most twice the
least any chain check must do, reading and hashing every row
(``children/verify_bare.py``), with memory that stays flat as the ledger grows (rows
stream past; none is kept). RESULTS.md says how far it is. The ledgers are built
through the ledger's own operations, as imports build them (a batch of 20,000 entries
per transaction, 1% reversed one by one), so they verify clean::

    .venv/bin/python benchmarks/verify_speed.py                    # both sizes, writes RESULTS.md
    .venv/bin/python benchmarks/verify_speed.py --sizes 100000     # one size, quick
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
from datetime import date
from pathlib import Path

from harness import Bench, Measure, add_common_options, check, child, cli_argv
from ledger_rows import company_rows
from results import PROCESS_ALIGN, markdown_table, method_note, process_header, process_row

HEADING = "## Verify speed (verify_speed.py)"
CLUSTERS, MEMBERS, YEAR, SEED, BATCH = 10, 300, 2026, 2026, 20_000


def build(path: Path, entries: int, seed: int) -> int:
    """A ledger of ``entries`` entries written through the ledger; returns the reversals."""
    from ledger import operations as ops
    from ledger.imports import SourceRow, add_import_batch
    from ledger.session import Ledger

    path.unlink(missing_ok=True)
    ledger = Ledger.open(path, create=True, actor="benchmark", origin="benchmark")
    rng = random.Random(seed)
    companies = company_rows(rng, MEMBERS, set())
    with ledger.write() as tx:
        clusters = [
            ops.add_cluster(tx, name=f"Cluster {n}", rule_set_id="ibn-2026", start_year=YEAR)
            for n in range(1, CLUSTERS + 1)
        ]
        for cluster in clusters:
            for c in companies:
                ops.add_member(
                    tx, cluster, kbo=c["kbo"], name=c["name"], postcode=c["postcode"],
                    joined=date(YEAR, 1, 1),
                )  # fmt: skip
    done = 0
    while done < entries:
        size = min(BATCH, entries - done)
        cluster = clusters[(done // BATCH) % CLUSTERS]
        records = [
            ops.NewContribution(
                kbo=companies[rng.randrange(MEMBERS)]["kbo"],
                year=YEAR,
                amount_cents=rng.randrange(100_00, 10_000_00),
                paid_on=date(YEAR, rng.randrange(1, 13), rng.randrange(1, 29)),
                note=f"factuur {done + n}",
                source="bijdragen.xlsx",
                source_row=n + 2,
            )
            for n in range(size)
        ]
        with ledger.write() as tx:
            batch = add_import_batch(
                tx, cluster, what="contributions", file_name=f"b{done}.xlsx",
                file_hash=f"{done:064}", source_key=f"b{done}.xlsx", sheet=None, year=YEAR,
                rows=[SourceRow(n + 2, f"row {n}", f"{n:064}") for n in range(size)],
            )  # fmt: skip
            ops.record_contributions(tx, cluster, records, batch_id=batch.id or 0)
        done += size
    with ledger.read() as session:
        from sqlmodel import select

        from ledger.storage.tables import Contribution

        ids = session.exec(select(Contribution.id)).all()
    reversed_ids = rng.sample(ids, len(ids) // 100)
    for start in range(0, len(reversed_ids), 1000):
        with ledger.write() as tx:
            for entry_id in reversed_ids[start : start + 1000]:
                ops.reverse_contribution(tx, entry_id or 0, reason="wrong amount")
    ledger.dispose()
    return len(reversed_ids)


def cpu_seconds(bench: Bench, argv: list[str], runs: int = 3) -> float:
    """The median CPU time (user + system) of ``argv``, its own and its children's (verify's
    second process): on a shared machine the wall time measures the load as much as the
    work, the CPU time less so."""
    times = []
    for _ in range(runs):
        env, cwd = bench.launcher.env, bench.launcher.cwd
        proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, env=env, cwd=cwd)
        _, status, usage = os.wait4(proc.pid, 0)
        check(os.waitstatus_to_exitcode(status) == 0, f"{argv} failed")
        times.append(usage.ru_utime + usage.ru_stime)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_common_options(parser, write_default="when both sizes are measured")
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--reuse", action="store_true", help="keep ledgers already built")
    args = parser.parse_args()
    bench = Bench.start(args, __file__)
    tables, readings = [], []
    for size in args.sizes:
        db = bench.work / f"verify_{size}.sqlite"
        if not (args.reuse and db.exists()):
            print(f"building {db.name} ...", file=sys.stderr)
            build(db, size, SEED)
        project = Measure("cluster-ledger verify", [*cli_argv(), "--db", str(db), "verify"])
        bare = Measure("read and hash every row (sqlite3)", child("verify_bare", str(db)))
        bench.launcher.measure([project, bare], bench.repeat)
        cpu = cpu_seconds(bench, project.argv), cpu_seconds(bench, bare.argv)
        out = project.runs[-1].stdout
        check(out.rstrip().endswith("the figures add up."), f"verify did not pass: {out}")
        rows = bare.outputs()[-1]["rows"]
        check(f"Checked {size + size // 100} entries" in out, f"verify missed entries: {out}")
        table = markdown_table(
            process_header("bare"),
            [
                process_row(project.label, project, bare, bold=True),
                process_row(bare.label, bare, bare),
            ],
            PROCESS_ALIGN,
        )
        mib = db.stat().st_size / 2**20
        tables.append(
            f"**{size:,} entries + 1% reversals, {rows:,} rows in all** ({mib:.0f} MiB)\n\n{table}"
            f"\n\nCPU time (user + system, with any child process; median of 3 more runs): "
            f"verify {cpu[0]:.2f} s, the bare read {cpu[1]:.2f} s: **{cpu[0] / cpu[1]:.2f}x**."
        )
        readings.append(
            (
                size,
                project.median / bare.median,
                project.median,
                project.peak_mib,
                bare.peak_mib,
                cpu[0] / cpu[1],
            )
        )
    summary = "; ".join(
        f"{size:,} entries: {ratio:.2f}x ({seconds:.1f} s), {ours:.0f} MiB against {bare:.0f} MiB"
        f" (CPU time {cpu_ratio:.2f}x)"
        for size, ratio, seconds, ours, bare, cpu_ratio in readings
    )
    body = [
        f"{CLUSTERS} clusters of {MEMBERS} members under `ibn-2026`, entries in batches of "
        f"{BATCH:,} written through `record_contributions` (as an import writes them) and 1% "
        "reversed one at a time through `reverse_contribution`, so each ledger verifies clean. "
        "The project is the whole `cluster-ledger verify` command (every chain recomputed link by "
        "link, the triggers, the audit coverage of every entry, reversals, batch counts, SQLite's "
        "quick_check, the import rows' digests, the foreign keys; on a file this large the last "
        "three in a second process beside the walk of the chains); the bare alternative reads "
        "the same rows with `sqlite3` and feeds each into one SHA-256.",
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
