"""How long the terminal app takes to open, on an empty ledger and on about a million entries.

Why it exists: a coordinator opens the app many times a day, and a large ledger must not
make them wait longer. Whole processes, each started as the app is (imports included),
run headless until the first full dashboard is on screen, or on until the contributions
table of the probe cluster's largest year is; then they exit. The empty ledger holds the
probe cluster alone (same rule set and start year, no members or entries), the large one
is the ledger-scale benchmark's (``ledger_build.py``, 100 clusters, about 950,000 entries).
Goal: the large ledger opens within 1.2x of the empty one, and peak memory does not grow
with the ledger::

    .venv/bin/python benchmarks/tui_open.py               # builds or reuses, writes RESULTS.md
    .venv/bin/python benchmarks/tui_open.py --no-write --repeat 3
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from harness import Bench, Measure, add_common_options, check, child
from ledger_build import count, describe, prepare
from ledger_rows import RULE_SET, START_YEAR
from results import markdown_table, method_note, process_header, process_row

HEADING = "## Opening the app (tui_open.py)"
SEED = 2016
PROBE_CLUSTER = "Cluster 001"
PROBE_YEAR = 2021
GOAL = 1.2


def empty_ledger(work: Path) -> Path:
    """A ledger holding only the probe cluster, made through the project's own operations."""
    from ledger import operations
    from ledger.session import Ledger

    path = work / "tui_open_empty.sqlite"
    path.unlink(missing_ok=True)
    ledger = Ledger.open(path, create=True, origin="benchmark")
    with ledger.write() as tx:
        operations.add_cluster(tx, name=PROBE_CLUSTER, rule_set_id=RULE_SET, start_year=START_YEAR)
    ledger.dispose()
    return path


def largest_year(path: Path) -> int:
    """The probe cluster's year with the most entries (the first of equals)."""
    return count(
        path,
        "SELECT year FROM contribution JOIN cluster ON cluster.id = cluster_id WHERE name = ?"
        " GROUP BY year ORDER BY COUNT(*) DESC, year LIMIT 1",
        PROBE_CLUSTER,
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reuse", action="store_true", help="reuse the large ledger if built")
    add_common_options(parser, write_default="always")
    args = parser.parse_args(argv)
    bench = Bench.start(args, __file__)

    big = prepare(bench.work, 100, SEED, reuse=args.reuse)
    empty = empty_ledger(bench.work)
    year = largest_year(big.path)
    entries = count(
        big.path,
        "SELECT COUNT(*) FROM contribution JOIN cluster ON cluster.id = cluster_id"
        " WHERE name = ? AND year = ?",
        PROBE_CLUSTER,
        year,
    )

    def open_app(db: Path, screen: str, label: str) -> Measure:
        return Measure(label, child("tui_open", str(db), PROBE_CLUSTER, str(year), screen))

    measures = {
        ("empty", "dashboard"): open_app(empty, "dashboard", "empty: dashboard"),
        ("large", "dashboard"): open_app(big.path, "dashboard", "large: dashboard"),
        ("empty", "contributions"): open_app(empty, "contributions", "empty: contributions"),
        ("large", "contributions"): open_app(big.path, "contributions", "large: contributions"),
    }
    bench.launcher.measure(list(measures.values()), bench.repeat)
    for m in measures.values():
        check(all(o["year"] == year for o in m.outputs()), f"{m.label} showed another year")

    rows = []
    for screen in ("dashboard", "contributions"):
        base = measures[("empty", screen)]
        for size in ("empty", "large"):
            m = measures[(size, screen)]
            inside = f"import {m.inner('import'):.2f} s, app {m.inner('app'):.2f} s"
            rows.append(process_row(m.label, m, base, inside, bold=size == "large"))
    table = markdown_table(process_header("empty"), rows, "lrrlrr")

    readings = []
    for screen in ("dashboard", "contributions"):
        e, g = measures[("empty", screen)], measures[("large", screen)]
        ratio = g.median / e.median
        verdict = "met" if ratio <= GOAL else "**not met**"
        readings.append(
            f"- {screen}: the large ledger takes {ratio:.2f}x the empty one"
            f" ({g.median:.2f} s against {e.median:.2f} s; best runs {g.best / e.best:.2f}x,"
            f" {g.best:.2f} s against {e.best:.2f} s): goal of {GOAL}x (medians) {verdict}."
            f" Peak RSS {g.peak_mib:.0f} MiB against {e.peak_mib:.0f} MiB"
            f" ({g.peak_mib - e.peak_mib:+.0f} MiB)."
        )
    body = [
        describe(big),
        "",
        f"Probe: `{PROBE_CLUSTER}`, year {year} (its year with the most entries: {entries:,}"
        " in the large ledger; the table shows one page of 100). Each child runs the app"
        " headless at 160x48 and exits as soon as the screen has shown its data"
        " (it listens for the `DataShown` message each screen posts).",
        "",
        method_note(bench.repeat),
        "",
        table,
        "",
        "### Reading",
        "",
        *readings,
    ]
    write = args.write if args.write is not None else True
    bench.finish(HEADING, body, write=write)
    return 0


if __name__ == "__main__":
    sys.exit(main())
