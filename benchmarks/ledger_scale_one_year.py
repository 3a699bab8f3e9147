"""Part of ``ledger_scale.py``: one cluster-year, timed on each ledger size.

Why it exists: a user asks for one cluster's year far more often than for the whole
ledger, and that answer must not slow down as other clusters and years fill the file.
On each ledger (about 10k, 100k and 1M entries) it times the same cluster-year as a
whole process (``cluster-ledger summary --year --json``, the same command for all ten
years, and the bare ``sqlite3`` query) and in-process (``cluster_summaries(year=)`` and
the bare query, called repeatedly), checks all of them add up the same entries, and
renders the table and the plain-words reading::

    sizes = [one_cluster_year(ready, bench.repeat, bench.launcher) for ready in ledgers]
    print(scale_table(sizes), flat_reading(sizes), sep="\n\n")
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from harness import Launcher, Measure, check, child, cli_argv
from ledger_build import Ready, entries_in
from results import markdown_table

PROBE_CLUSTER = "Cluster 001"  # the cluster-year timed on every ledger size
PROBE_YEAR = 2021
IN_PROCESS_CALLS = 50
BARE_ONE = (
    "SELECT company_id, SUM(amount_cents) FROM contribution "
    "WHERE cluster_id = (SELECT id FROM cluster WHERE name = ?) AND year = ? GROUP BY company_id"
)


@dataclass
class SizeResult:
    """One cluster-year on one ledger size."""

    stats: dict[str, int]
    probe_entries: int
    cli_year: Measure
    cli_all_years: Measure
    bare_year: Measure
    in_process: Measure
    bare_in_process: Measure


def one_cluster_year(ready: Ready, repeat: int, launcher: Launcher) -> SizeResult:
    """Time the probe cluster-year on one ledger; whole processes ``repeat`` times each."""
    db, name, year, calls = str(ready.path), PROBE_CLUSTER, str(PROBE_YEAR), str(IN_PROCESS_CALLS)
    cli = [*cli_argv(), "--db", db, "summary", "--cluster", name]
    bare = "bare_query", db
    result = SizeResult(
        stats=ready.stats,
        probe_entries=entries_in(ready.path, PROBE_CLUSTER, PROBE_YEAR),
        cli_year=Measure("CLI summary --year", [*cli, "--year", year, "--json"]),
        cli_all_years=Measure("CLI summary (10 years)", [*cli, "--json"]),
        bare_year=Measure("bare one cluster-year", child(*bare, "1", BARE_ONE, name, year)),
        in_process=Measure(
            "in-process cluster_summaries(year=)", child("summarise_one", db, name, year, calls)
        ),
        bare_in_process=Measure("in-process bare", child(*bare, calls, BARE_ONE, name, year)),
    )
    launcher.measure([result.cli_year, result.cli_all_years, result.bare_year], repeat)
    launcher.measure([result.in_process, result.bare_in_process], 1)
    # The command line and the bare query must have added up the same entries.
    (cli_out,) = {json.dumps(json.loads(r.stdout)) for r in result.cli_year.runs}
    (summary,) = json.loads(cli_out)
    bare_total = result.bare_year.outputs()[0]["total_cents"]
    project_total = result.in_process.outputs()[0]["total_cents"]
    cli_total = int(Decimal(summary["total_contributions"]) * 100)
    check(
        bare_total == project_total == cli_total,
        f"one cluster-year: bare {bare_total}, project {project_total}, CLI {cli_total} cents",
    )
    return result


def scale_table(sizes: list[SizeResult]) -> str:
    """One column per ledger size, and the largest against the smallest."""

    def entries(n: int) -> str:
        return f"{n / 1e6:.2f}M" if n >= 1e6 else f"{n / 1e3:.0f}k"

    header = [f"{PROBE_CLUSTER}, {PROBE_YEAR}"]
    header += [f"{entries(s.stats['entries'])} entries" for s in sizes] + ["largest / smallest"]
    rows: list[list[str]] = []

    def row(label: str, value: Callable[[SizeResult], float], digits: int = 3) -> None:
        values = [value(s) for s in sizes]
        rows.append([label, *(f"{v:.{digits}f}" for v in values), f"{values[-1] / values[0]:.2f}"])

    def ms(stat: str, which: str = "in_process") -> Callable[[SizeResult], float]:
        return lambda s: getattr(s, which).calls_ms()[stat]

    calls = f"of {IN_PROCESS_CALLS} calls, ms"
    row("entries in this cluster-year", lambda s: s.probe_entries, 0)
    row("CLI `summary --year --json`, whole process, median s", lambda s: s.cli_year.median)
    row("bare sqlite3 one cluster-year, whole process, median s", lambda s: s.bare_year.median)
    row(
        "CLI `summary --json` (all 10 years), whole process, median s",
        lambda s: s.cli_all_years.median,
    )
    for stat in ("best", "median"):
        row(f"in-process `cluster_summaries(year=)`, {stat} {calls}", ms(stat), 1)
    row("in-process, first call, ms", ms("first"), 1)
    row(f"in-process bare one cluster-year query, best {calls}", ms("best", "bare_in_process"), 2)
    row("peak RSS, CLI `summary --year`, MiB", lambda s: s.cli_year.peak_mib, 0)
    row("peak RSS, bare one cluster-year, MiB", lambda s: s.bare_year.peak_mib, 0)
    return markdown_table(header, rows)


def flat_reading(sizes: list[SizeResult]) -> str:
    """Whether one cluster-year stays flat from the smallest ledger to the largest, in words."""
    small, large = sizes[0], sizes[-1]
    flat = large.cli_year.median / small.cli_year.median
    inner_flat = large.in_process.calls_ms()["best"] / small.in_process.calls_ms()["best"]
    verdict = "stays flat" if max(flat, inner_flat) < 1.5 else "**does not stay flat**"
    call = large.in_process.calls_ms()["median"]
    return (
        f"- One cluster-year {verdict}: from {small.stats['entries']:,} to"
        f" {large.stats['entries']:,} entries the CLI process (median) goes {flat:.2f}x and the"
        f" in-process call (best of {IN_PROCESS_CALLS}) {inner_flat:.2f}x. Of the CLI's"
        f" {large.cli_year.median:.2f} s at {large.stats['entries']:,} entries, the summary itself"
        f" (in-process, with the shares) is {call:.0f} ms; the rest is Python start-up and imports."
    )
