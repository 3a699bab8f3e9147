"""How long a user waits for a short command: start-up, and one cluster-year's summary.

Why this benchmark exists: most commands a coordinator types do little work (one
cluster-year's figures, a list, the help), so what they wait for is Python starting and
the project importing what the command needs. This times whole processes on the demo
ledger (``cluster-ledger demo``, built from ``sample_data/`` into the work folder):

- ``cluster-ledger summary --cluster ... --year ... --json``, one cluster-year, against
  ``children/summary_sqlalchemy.py``, a script that imports SQLAlchemy and runs the same
  grouped sum (the goal: within 1.5x);
- ``cluster-ledger --help`` and ``cluster-ledger summary --help`` (start-up alone);
- ``python -c pass`` and ``python -c 'import sqlalchemy'``, the floors under both.

It also runs the summary once under ``python -X importtime`` and lists the modules that
cost most to import, which is where start-up goes. Run it from the repository root::

    .venv/bin/python benchmarks/startup_speed.py              # writes RESULTS.md
    .venv/bin/python benchmarks/startup_speed.py --no-write   # prints only
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

from harness import Bench, Measure, add_common_options, check, child, cli_argv
from results import PROCESS_ALIGN, markdown_table, method_note, process_header, process_row

HEADING = "## Start-up and one cluster-year (startup_speed.py)"
GOAL = 1.5


def demo_ledger(work: Path) -> tuple[Path, str, int]:
    """The demo ledger (built once per run), its cluster and the year with most entries."""
    from importers.sample import build_demo_ledger, default_sample_dir
    from ledger import queries

    db = work / "demo.sqlite"
    for stale in work.glob("demo.sqlite*"):
        stale.unlink()
    ledger, name = build_demo_ledger(str(db), default_sample_dir())
    with ledger.read() as session:
        cluster = queries.get_cluster(name, session=session)
        totals = queries.contributions_by_company(cluster, session=session)
    ledger.dispose()
    year = max(totals, key=lambda y: len(totals[y]))
    return db, name, year


def import_profile(bench: Bench, argv: list[str], top: int = 12) -> str:
    """The modules that cost most to import in one run of ``argv`` (``-X importtime``)."""
    python, *rest = argv
    if Path(python).name.startswith("cluster-ledger"):
        python, rest = sys.executable, ["-m", "tui.cli", *rest]
    proc = subprocess.run(
        [python, "-X", "importtime", *rest],
        capture_output=True,
        text=True,
        env=bench.launcher.env,
        cwd=bench.launcher.cwd,
        check=True,
    )
    rows = []
    for line in proc.stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        own, cumulative, name = line.removeprefix("import time:").split("|")
        rows.append((int(cumulative), int(own), name.rstrip()))
    # Nesting shows as indentation: the top level's cumulative times add up to the whole.
    total = sum(c for c, _, name in rows if len(name) - len(name.lstrip()) <= 2) / 1e6
    rows = [(c, o, name.strip()) for c, o, name in rows]
    first_party = ("ledger", "importers", "tui")
    outer = [r for r in rows if "." not in r[2] or r[2].split(".")[0] in first_party]
    outer.sort(reverse=True)
    table = markdown_table(
        ["module", "cumulative s", "own s"],
        [[f"`{n}`", f"{c / 1e6:.3f}", f"{o / 1e6:.3f}"] for c, o, n in outer[:top]],
    )
    return (
        f"Imports of one run: {total:.3f} s in all; the largest (cumulative; top-level"
        f" packages and the project's own modules):\n\n{table}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_common_options(parser, write_default="yes")
    args = parser.parse_args()
    bench = Bench.start(args, __file__)
    db, name, year = demo_ledger(bench.work)
    cli = [*cli_argv(), "--db", str(db)]
    summary = Measure(
        "cluster-ledger summary --year --json",
        [*cli, "summary", "--cluster", name, "--year", str(year), "--json"],
    )
    bare = Measure(
        "SQLAlchemy script, the same aggregate",
        child("summary_sqlalchemy", str(db), name, str(year)),
    )
    helps = Measure("cluster-ledger --help", [*cli_argv(), "--help"])
    summary_help = Measure("cluster-ledger summary --help", [*cli_argv(), "summary", "--help"])
    floor = Measure("python -c pass", [sys.executable, "-c", "pass"])
    sqlalchemy = Measure(
        "python -c 'import sqlalchemy'", [sys.executable, "-c", "import sqlalchemy"]
    )
    measures = [summary, bare, helps, summary_help, sqlalchemy, floor]
    bench.launcher.measure(measures, bench.repeat)
    (printed,) = {r.stdout for r in summary.runs}
    (found,) = json.loads(printed)
    check(
        int(found["total_contributions"].replace(".", "")) == bare.outputs()[0]["total_cents"],
        "the summary and the bare aggregate disagree",
    )
    table = markdown_table(
        process_header("SQLAlchemy script"),
        [process_row(m.label, m, bare, bold=m is summary) for m in measures],
        PROCESS_ALIGN,
    )
    ratio = summary.median / bare.median
    verdict = "met" if ratio <= GOAL else "**NOT met**"
    body = [
        f"The demo ledger (`cluster-ledger demo`, from `sample_data/`): cluster `{name}`, year"
        f" {year} (its year with the most contributors). The summary's total was checked"
        " against the bare aggregate's.",
        "",
        table,
        "",
        method_note(bench.repeat),
        "",
        f"- one cluster-year `summary --json` <= {GOAL}x the SQLAlchemy script: {verdict}"
        f" ({ratio:.2f}x: {summary.median:.3f} s against {bare.median:.3f} s; Python with"
        f" SQLAlchemy imported alone takes {sqlalchemy.median:.3f} s)",
        "",
        import_profile(bench, summary.argv),
    ]
    write = args.write if args.write is not None else True
    bench.finish(HEADING, body, write=write)


if __name__ == "__main__":
    main()
