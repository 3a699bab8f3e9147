"""Does the cluster summary keep up with the bare SQL aggregate as the ledger grows?

Why this benchmark exists: every figure the ledger shows (matched aid, headroom,
surplus, each member's share) comes from :func:`ledger.summary.cluster_summaries`,
which sums contributions in the database and runs the matching engine per
cluster-year. A spearhead cluster runs ten years with hundreds of members, and an
agency-wide ledger holds many clusters, so the question is whether the summary
stays close to what the database alone needs to add the numbers up, and whether
one cluster-year stays fast however many other entries the file holds.

What it does, in one run:

1. Builds ledgers of 1, 10 and 100 clusters (about 10k, 100k and 1M entries) with
   :mod:`ledger_build`, from a fixed seed into ``benchmarks/work/`` (git-ignored).
2. Times whole processes, interleaved, after one discarded warm-up run each: the
   project summarising every cluster-year in one process as ``cluster-ledger summary``
   does (``with_shares=False``) and with each member's share (``summary --shares``,
   reports), against a process that uses only the standard library's ``sqlite3`` to
   run the bare ``GROUP BY cluster_id, year, company_id`` aggregate over the same file
   (and the coarser ``GROUP BY cluster_id, year``). It reports medians, the ratio
   project / bare, each child's own peak RSS, and where the project's time goes inside
   ``cluster_summaries``.
3. Times one cluster-year (the command line as a user runs it, and the call
   in-process) on each ledger size, to show it stays flat.
4. Prints Markdown tables and writes them to ``benchmarks/RESULTS.md``.

The processes, the environment they run in and ``--commit`` come from :mod:`harness`;
the timed programs are the scripts in ``benchmarks/children/``. Run it from the
repository root::

    .venv/bin/python benchmarks/ledger_scale.py              # full: about 1M entries
    .venv/bin/python benchmarks/ledger_scale.py --scale small  # 10 clusters, a quick check
    .venv/bin/python benchmarks/ledger_scale.py --commit HEAD  # as recorded in RESULTS.md
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from harness import Bench, Measure, add_common_options, check, child
from ledger_build import describe, prepare
from ledger_rows import SEED
from ledger_scale_one_year import SizeResult, flat_reading, one_cluster_year, scale_table
from results import PROCESS_ALIGN, markdown_table, method_note, process_header, process_row

HEADING = "## Ledger scale (ledger_scale.py)"
# Clusters in the ledgers of each scale: the last one is the big ledger of the comparison.
SCALES: dict[str, tuple[int, ...]] = {"full": (1, 10, 100), "small": (1, 10)}

BARE_FINE = (
    "SELECT cluster_id, year, company_id, SUM(amount_cents) FROM contribution "
    "GROUP BY cluster_id, year, company_id"
)
BARE_COARSE = (
    "SELECT cluster_id, year, SUM(amount_cents) FROM contribution GROUP BY cluster_id, year"
)


@dataclass(frozen=True)
class Variant:
    """One way of summarising every cluster-year: the child's argument and how to name it."""

    arg: str  # "totals" (with_shares=False) or "shares" (the full result)
    command: str  # the command that computes it, for the breakdown and the reading
    label: str


TOTALS = Variant(
    "totals",
    "summary",
    "every cluster-year, `with_shares=False` (what `cluster-ledger summary` does), one process",
)
SHARES = Variant(
    "shares",
    "summary --shares",
    "the same with `with_shares=True`: each member's share too (`summary --shares`, reports)",
)
# A version without ``with_shares`` always computed the shares, `summary` included.
SHARES_ONLY = Variant(
    "shares", "summary", "every cluster-year, one process (this version has no `with_shares`)"
)


def offers_totals_only() -> bool:
    """Whether the measured version's ``cluster_summaries`` can skip the per-member split."""
    import inspect

    from ledger.summary import cluster_summaries

    return "with_shares" in inspect.signature(cluster_summaries).parameters


# --- every cluster-year against the bare aggregate --------------------------------------------


@dataclass
class Comparison:
    """The project's variants (the headline first) against the bare aggregates, on one ledger."""

    projects: list[tuple[Variant, Measure]]
    fine: Measure
    coarse: Measure
    floor: Measure
    breakdowns: dict[str, dict[str, Any]]  # by Variant.arg

    @property
    def headline(self) -> Measure:
        return self.projects[0][1]

    @property
    def ratio(self) -> float:
        return self.headline.median / self.fine.median


def compare(db: Path, bench: Bench) -> Comparison:
    """Time every cluster-year against the bare aggregates on ``db``, then the breakdowns."""
    variants = [TOTALS, SHARES] if offers_totals_only() else [SHARES_ONLY]
    projects = [
        (v, Measure(f"project, {v.command}", child("summarise_all", str(db), v.arg)))
        for v in variants
    ]
    fine = Measure("bare fine", child("bare_query", str(db), "1", BARE_FINE))
    coarse = Measure("bare coarse", child("bare_query", str(db), "1", BARE_COARSE))
    floor = Measure("python floor", [sys.executable, "-c", "import sqlite3"])
    bench.launcher.measure([*(m for _, m in projects), fine, coarse, floor], bench.repeat)
    measured = [*(m for _, m in projects), fine, coarse]
    totals = {o["total_cents"] for m in measured for o in m.outputs()}
    check(len(totals) == 1, f"the project and the bare aggregate disagree: {totals}")
    cluster_years = {o["cluster_years"] for _, m in projects for o in m.outputs()}
    check(cluster_years == {coarse.outputs()[0]["rows"]}, "the number of cluster-years differs")
    print("where the project's time goes ...", file=sys.stderr)
    breakdowns = {
        v.arg: json.loads(bench.launcher.run(child("summary_breakdown", str(db), v.arg)).stdout)
        for v in variants
    }
    return Comparison(projects, fine, coarse, floor, breakdowns)


def comparison_table(c: Comparison) -> str:
    """The processes side by side, each against the bare fine-grained aggregate."""
    rows = []
    for i, (v, m) in enumerate(c.projects):
        inside = (
            f"import {m.inner('import_s'):.3f} s, open {m.inner('open_s'):.3f} s,"
            f" summaries {m.inner('work_s'):.3f} s"
        )
        rows.append(process_row(f"project: {v.label}", m, c.fine, inside, bold=i == 0))
    for m, what in ((c.fine, "cluster_id, year, company_id"), (c.coarse, "cluster_id, year")):
        inside = f"query {m.inner_all():.3f} s"
        rows.append(process_row(f"bare sqlite3: `GROUP BY {what}`", m, c.fine, inside))
    rows.append(process_row("python start, `import sqlite3`, nothing else", c.floor, c.fine))
    return markdown_table(process_header("bare"), rows, PROCESS_ALIGN)


def breakdown_parts(breakdown: dict[str, Any]) -> dict[str, float]:
    """The timed parts, largest first, plus what the wrapped parts leave over."""
    parts = dict(sorted(breakdown["parts"].items(), key=lambda kv: -kv[1]))
    return {**parts, "everything else": breakdown["total_s"] - sum(parts.values())}


def breakdown_table(c: Comparison) -> str:
    """Each variant's parts side by side, in the order of the headline's."""
    columns = [(v, breakdown_parts(c.breakdowns[v.arg])) for v, _ in c.projects]
    names = list(dict.fromkeys(n for _, parts in columns for n in parts if n != "everything else"))
    header = ["part"]
    for v, _ in columns:
        header += [f"`{v.command}` s", "share"]
    rows = []
    for name in [*names, "everything else"]:
        cells = [name if name == "everything else" else f"`{name}`"]
        for v, parts in columns:
            total = c.breakdowns[v.arg]["total_s"]
            cells += [f"{parts.get(name, 0.0):.3f}", f"{parts.get(name, 0.0) / total:.0%}"]
        rows.append(cells)
    last = ["**all summaries**"]
    for v, _ in columns:
        last += [f"{c.breakdowns[v.arg]['total_s']:.3f}", "100%"]
    return markdown_table(header, [*rows, last])


# --- the report -----------------------------------------------------------------------------


def reading(c: Comparison, sizes: list[SizeResult]) -> str:
    """A plain-words reading of the numbers, generated from them so it cannot go stale."""
    (head, project), *others = c.projects
    met = "met" if c.ratio <= 2 else "**not met**"
    imports = project.inner("import_s") + project.inner("open_s")
    lines = [
        f'- Goal "within 2x of the bare aggregate": {met}. Summarising every cluster-year as'
        f" `cluster-ledger {head.command}` does takes {c.ratio:.2f}x the bare process"
        f" ({project.median:.2f} s against"
        f" {c.fine.median:.2f} s). Inside the project process, importing and opening the ledger"
        f" take {imports:.2f} s and the summaries {project.inner('work_s'):.2f} s, against"
        f" {c.fine.inner_all():.2f} s for the bare query itself (which returns the same sums but"
        " no membership or matching)."
    ]
    for v, m in others:
        verdict = "meets" if m.median <= 2 * c.fine.median else "misses"
        lines[-1] += (
            f" With each member's share (`{v.command}`, reports) it takes"
            f" {m.median / c.fine.median:.2f}x ({m.median:.2f} s), which {verdict} the goal."
        )
    parts = breakdown_parts(c.breakdowns[head.arg])
    total = c.breakdowns[head.arg]["total_s"]
    top = ", ".join(f"`{n}` {s:.2f} s ({s / total:.0%})" for n, s in list(parts.items())[:3])
    streamed = ("queries.contribution_sums", "summary_reads.contribution_sums")
    if any(name in parts for name in streamed):  # one pass: the sums stream as they are used
        aggregate_words = (
            "The grouped aggregate is one stream read as the clusters are summarised, so its"
            " SQL and row conversion fall under 'everything else'"
            f" ({parts['everything else']:.2f} s, against {c.fine.inner_all():.2f} s for the"
            " bare query)"
        )
    else:
        aggregate = parts.get("queries.contributions_by_company", 0.0)
        aggregate_words = (
            f"The grouped aggregate, SQL and row conversion included, is {aggregate / total:.0%}"
            " of them"
        )
    lines.append(
        f"- What dominates `{head.command}`'s summaries: {top}. {aggregate_words}; the rest is"
        " Python work per member and year (facts, matching) and loading members."
    )
    for v, _ in others:
        more = breakdown_parts(c.breakdowns[v.arg])
        grown = max(more, key=lambda n: more[n] - parts.get(n, 0.0))
        with_split = c.breakdowns[v.arg]["total_s"]
        lines[-1] += (
            f" The per-member split (`{v.command}`) brings them to {with_split:.2f} s,"
            f" mostly in `{grown}` ({parts.get(grown, 0.0):.2f} s to {more[grown]:.2f} s)."
        )
    lines.append(flat_reading(sizes))
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=sorted(SCALES), default="full")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--reuse", action="store_true", help="reuse ledgers already built")
    add_common_options(parser, write_default="only at full scale")
    args = parser.parse_args(argv)
    bench = Bench.start(args, __file__)

    ledgers = [prepare(bench.work, n, args.seed, reuse=args.reuse) for n in SCALES[args.scale]]
    big = ledgers[-1]
    print(f"comparing on {big.path.name} ({big.stats['entries']:,} entries) ...", file=sys.stderr)
    comparison = compare(big.path, bench)
    sizes = []
    for ready in ledgers:
        print(
            f"one cluster-year on {ready.path.name} ({ready.stats['entries']:,} entries) ...",
            file=sys.stderr,
        )
        sizes.append(one_cluster_year(ready, bench.repeat, bench.launcher))

    cluster_years = comparison.headline.outputs()[0]["cluster_years"]
    body = [
        describe(big),
        "",
        method_note(bench.repeat),
        "",
        f"### Every cluster-year ({cluster_years:,}) against the bare aggregate",
        "",
        comparison_table(comparison),
        "",
        "The project and the bare processes added up the same total (checked). 'x bare' is the"
        " median against the median of the bare `GROUP BY cluster_id, year, company_id` process.",
        "",
        "Where the summaries' time goes (one more run of each, the parts of `cluster_summaries`"
        " timed in-process, outermost call only):",
        "",
        breakdown_table(comparison),
        "",
        "### One cluster-year as the ledger grows",
        "",
        scale_table(sizes),
        "",
        "### Reading",
        "",
        reading(comparison, sizes),
    ]
    write = args.write if args.write is not None else args.scale == "full"
    bench.finish(HEADING, body, write=write)
    return 0


if __name__ == "__main__":
    sys.exit(main())
