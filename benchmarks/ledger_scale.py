"""Does the cluster summary keep up with the bare SQL aggregate as the ledger grows?

Why this benchmark exists: every figure the ledger shows (matched aid, headroom,
surplus, each member's share) comes from :func:`ledger.summary.cluster_summaries`,
which sums contributions in the database and runs the matching engine per
cluster-year. A spearhead cluster runs ten years with hundreds of members, and an
agency-wide ledger holds many clusters, so the question is whether the summary
stays close to what the database alone needs to add the numbers up, and whether
one cluster-year stays fast however many other entries the file holds.

What it does, in one run:

1. Builds ledgers through the project's own migrations (``Ledger.open(create=True)``)
   and fills them with SQLAlchemy Core bulk inserts in one transaction (no ORM
   object per row): clusters under ``spearhead-2020`` starting in 2016, 300 members
   each over 10 years, companies with valid Belgian enterprise numbers, about three
   and a half contributions per member and year, reversals that name the entry
   they cancel, coordination costs and year locks. Full scale is 100 clusters,
   about a million entries; inputs are generated from a fixed seed into
   ``benchmarks/work/`` (git-ignored).
2. Times whole processes, interleaved, after one discarded warm-up run each:
   the project summarising every cluster-year in one process, against a process
   that uses only the standard library's ``sqlite3`` to run the bare
   ``GROUP BY cluster_id, year, company_id`` aggregate over the same file (and the
   coarser ``GROUP BY cluster_id, year``). It reports medians, the ratio project /
   bare, each child's own peak RSS (GNU time around each child, one at a time), and
   where the project's time goes inside ``cluster_summaries``.
3. Times one cluster-year (the command line as a user runs it, and the call
   in-process) on ledgers of about 10k, 100k and 1M entries, to show it stays flat.
4. Prints Markdown tables and writes them to ``benchmarks/RESULTS.md``.

Children get ``PYTHONPYCACHEPREFIX`` under the work folder (and not
``PYTHONDONTWRITEBYTECODE``), so after the warm-up they import from compiled
bytecode, as an installed product does. They import the project from ``PYTHONPATH``
first, then this repository: a candidate change elsewhere can be measured against
the same generator by pointing ``PYTHONPATH`` at its checkout (with ``--work`` and
``--no-write``). ``--commit REV`` measures a commit exported into the work folder
instead of the working tree, so nobody's edits can change the code mid-run.

Run it from the repository root::

    .venv/bin/python benchmarks/ledger_scale.py              # full: about 1M entries
    .venv/bin/python benchmarks/ledger_scale.py --scale small  # 10 clusters, a quick check
    .venv/bin/python benchmarks/ledger_scale.py --commit HEAD  # as recorded in RESULTS.md
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import platform
import random
import shlex
import sqlite3
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
DEFAULT_WORK = HERE / "work"
RESULTS_FILE = HERE / "RESULTS.md"
HEADING = "## Ledger scale (ledger_scale.py)"

RULE_SET = "spearhead-2020"
START_YEAR = 2016
YEARS = 10
MEMBERS = 300
SEED = 2016
# Clusters in the ledgers of each scale: the last one is the big ledger of the comparison.
SCALES: dict[str, tuple[int, ...]] = {"full": (1, 10, 100), "small": (1, 10)}
PROBE_CLUSTER = "Cluster 001"  # the cluster-year timed on every ledger size
PROBE_YEAR = 2021
IN_PROCESS_CALLS = 50

BARE_FINE = (
    "SELECT cluster_id, year, company_id, SUM(amount_cents) FROM contribution "
    "GROUP BY cluster_id, year, company_id"
)
BARE_COARSE = (
    "SELECT cluster_id, year, SUM(amount_cents) FROM contribution GROUP BY cluster_id, year"
)
BARE_ONE = (
    "SELECT company_id, SUM(amount_cents) FROM contribution "
    "WHERE cluster_id = (SELECT id FROM cluster WHERE name = ?) AND year = ? GROUP BY company_id"
)

# --- the children ------------------------------------------------------------------------
# Each child is a ``python -c`` program, so its start-up costs exactly what it imports and
# nothing of this script. Each prints one JSON line: its own timings and a checksum.

# The obvious alternative: the standard library's sqlite3 and one aggregate, nothing else.
# argv: db, calls, sql, params...; runs the query ``calls`` times (1 for a whole-process run).
BARE_CHILD = """\
import json, sqlite3, sys, time
db, calls, sql, *params = sys.argv[1:]
con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
times = []
for _ in range(int(calls)):
    t = time.perf_counter()
    rows = con.execute(sql, [int(p) if p.isdigit() else p for p in params]).fetchall()
    times.append(time.perf_counter() - t)
print(json.dumps({"times": times, "rows": len(rows), "total_cents": sum(r[-1] for r in rows)}))
"""

# The project: open the ledger as the command line does and summarise every cluster-year.
# argv: db, then "shares" (the full result) or "totals" (``with_shares=False``: totals and
# warnings without the per-member split, where this version of the ledger offers it).
PROJECT_ALL_CHILD = """\
import json, sys, time
t0 = time.perf_counter()
from ledger import queries
from ledger.rules import load_rule_sets
from ledger.session import Ledger
from ledger.summary import cluster_summaries
t1 = time.perf_counter()
ledger = Ledger.open(sys.argv[1])
options = {} if sys.argv[2] == "shares" else {"with_shares": False}
t2 = time.perf_counter()
years = total = aid = shares = 0
with ledger.read() as session:
    rule_sets = load_rule_sets()
    for cluster in queries.list_clusters(session=session):
        for s in cluster_summaries(cluster, session=session, rule_sets=rule_sets, **options):
            years += 1
            total += s.result.total_contributions_cents
            aid += s.result.matched_aid_cents
            shares += len(s.result.shares)
t3 = time.perf_counter()
print(json.dumps({"import_s": t1 - t0, "open_s": t2 - t1, "work_s": t3 - t2,
                  "cluster_years": years, "total_cents": total, "aid_cents": aid,
                  "shares": shares}))
"""

# The project, one cluster-year in-process: a fresh session per call, as each command has.
# argv: db, cluster name, year, calls.
PROJECT_ONE_CHILD = """\
import json, sys, time
from ledger import queries
from ledger.session import Ledger
from ledger.summary import cluster_summaries
db, name, year, calls = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
ledger = Ledger.open(db)
times = []
for _ in range(calls):
    t = time.perf_counter()
    with ledger.read() as session:
        cluster = queries.get_cluster(name, session=session)
        (s,) = cluster_summaries(cluster, session=session, year=year)
    times.append(time.perf_counter() - t)
print(json.dumps({"times": times, "total_cents": s.result.total_contributions_cents,
                  "aid_cents": s.result.matched_aid_cents, "shares": len(s.result.shares)}))
"""


# Where the project's time goes: the same work as PROJECT_ALL_CHILD, with the parts of
# ``cluster_summaries`` timed (outermost call only, so nested parts are not counted twice).
# The parts are found, not named: every query in ``ledger.queries`` that takes a session,
# and every function ``ledger.summary`` calls by its own name (``_facts``, ``match_year``,
# ...), so the breakdown follows the code as it changes.
BREAKDOWN_CHILD = """\
import inspect, json, sys, time, types
from collections import defaultdict
from ledger import queries, summary
from ledger.rules import load_rule_sets
from ledger.session import Ledger
spent = defaultdict(float)
depth = 0
def timed(module, name, inner):
    label = module.__name__.rsplit(".", 1)[-1] + "." + name
    def wrapper(*args, **kwargs):
        global depth
        depth += 1
        t = time.perf_counter()
        try:
            return inner(*args, **kwargs)
        finally:
            depth -= 1
            if depth == 0:
                spent[label] += time.perf_counter() - t
    setattr(module, name, wrapper)
for name, f in list(vars(queries).items()):
    if isinstance(f, types.FunctionType) and f.__module__ == queries.__name__:
        if "session" in inspect.signature(f).parameters:
            timed(queries, name, f)
for name, f in list(vars(summary).items()):
    if isinstance(f, types.FunctionType) and name not in ("cluster_summaries", "as_dict"):
        timed(summary, name, f)
ledger = Ledger.open(sys.argv[1])
t = time.perf_counter()
with ledger.read() as session:
    rule_sets = load_rule_sets()
    for cluster in queries.list_clusters(session=session):
        summary.cluster_summaries(cluster, session=session, rule_sets=rule_sets)
print(json.dumps({"total_s": time.perf_counter() - t, "parts": spent}))
"""

# --- generating the ledger ----------------------------------------------------------------


def check(condition: bool, message: str) -> None:
    """A sanity check that also holds under ``python -O``."""
    if not condition:
        raise RuntimeError(message)


def enterprise_number(rng: random.Random, used: set[str]) -> str:
    """A fresh valid Belgian enterprise number: 10 digits, first 0 or 1, mod-97 check last."""
    while True:
        first = "0" if rng.random() < 0.9 else "1"
        body = f"{first}{rng.randrange(10**7):07d}"
        if int(body) == 0:
            continue
        number = f"{body}{97 - int(body) % 97:02d}"
        if number not in used:
            used.add(number)
            return number


def random_day(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randrange((last - first).days + 1))


def stamp(day: date) -> datetime:
    """A timezone-aware UTC timestamp on ``day``, as the ledger's tables keep them."""
    return datetime(day.year, day.month, day.day, 9, 30, tzinfo=UTC)


def active_years(joined: date, left: date | None) -> list[int]:
    """The programme years a membership covers at least one day of (as ``queries.active_in``)."""
    return [
        y
        for y in range(START_YEAR, START_YEAR + YEARS)
        if joined <= date(y, 12, 31) and (left is None or left >= date(y, 1, 1))
    ]


@dataclass
class BuildStats:
    clusters: int
    companies: int
    memberships: int
    entries: int
    reversals: int
    costs: int
    seconds: float


def company_rows(rng: random.Random, count: int, used: set[str]) -> list[dict[str, Any]]:
    """Companies: mostly Flemish enterprises, some Brussels and Walloon, a few other kinds."""
    rows = []
    created = stamp(date(START_YEAR - 1, 12, 1))
    for i in range(1, count + 1):
        r = rng.random()
        if r < 0.85:
            postcode = rng.choice((rng.randrange(1500, 4000), rng.randrange(8000, 10000)))
        elif r < 0.93:
            postcode = rng.randrange(1000, 1300)
        else:
            postcode = rng.choice((rng.randrange(1300, 1500), rng.randrange(4000, 8000)))
        override = "flanders" if 1000 <= postcode < 1300 and rng.random() < 0.3 else None
        k = rng.random()
        kind = (
            "enterprise"
            if k < 0.88
            else "knowledge_institution"
            if k < 0.94
            else "public_body"
            if k < 0.98
            else "other"
        )
        rows.append(
            {
                "id": i,
                "kbo": enterprise_number(rng, used),
                "name": f"Onderneming {i:05d} BV",
                "postcode": f"{postcode:04d}",
                "region_override": override,
                "kind": kind,
                "created_at": created,
                "updated_at": created,
            }
        )
    return rows


def cluster_entries(
    rng: random.Random, cluster_id: int, memberships: list[dict[str, Any]], next_id: int
) -> tuple[list[dict[str, Any]], int]:
    """One cluster's contributions: 2 to 5 a member-year, 3% reversed, half of those re-entered.

    Members who left sometimes pay once more the year after: recorded, not counted.
    Returns the rows and the number of reversals among them.
    """
    rows: list[dict[str, Any]] = []
    reversals = 0

    def entry(company_id: int, year: int, cents: int, paid: date | None, **extra: Any) -> int:
        nonlocal next_id
        rows.append(
            {
                "id": next_id,
                "cluster_id": cluster_id,
                "company_id": company_id,
                "year": year,
                "amount_cents": cents,
                "paid_on": paid,
                "note": extra.get("note"),
                "source": "benchmark",
                "reverses_id": extra.get("reverses_id"),
                "created_at": stamp(paid or date(year, 12, 31)),
            }
        )
        next_id += 1
        return next_id - 1

    for m in memberships:
        years = active_years(m["joined"], m["left"])
        if m["left"] is not None and m["left"].year + 1 < START_YEAR + YEARS and rng.random() < 0.3:
            years.append(m["left"].year + 1)
        for year in years:
            for _ in range(rng.randint(2, 5)):
                cents = rng.randrange(100_00, 1_000_00)
                paid = random_day(rng, date(year, 1, 1), date(year, 12, 31))
                entry_id = entry(m["company_id"], year, cents, paid)
                if rng.random() < 0.03:
                    reversals += 1
                    entry(
                        m["company_id"],
                        year,
                        -cents,
                        None,
                        reverses_id=entry_id,
                        note="wrong amount",
                    )
                    if rng.random() < 0.5:
                        entry(m["company_id"], year, rng.randrange(100_00, 1_000_00), paid)
    return rows, reversals


def build(path: Path, clusters: int, seed: int) -> BuildStats:
    """A fresh ledger at ``path`` with ``clusters`` clusters, through migrations and Core inserts."""
    from sqlalchemy import insert

    from ledger import identifiers
    from ledger.session import Ledger
    from ledger.storage.tables import (
        Cluster,
        Company,
        Contribution,
        CoordinationCost,
        Membership,
        YearLockEvent,
    )

    started = time.perf_counter()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)
    ledger = Ledger.open(path, create=True, actor="benchmark", origin="benchmark")
    rng = random.Random(seed)
    used: set[str] = set()
    # Companies may belong to several clusters: the pool is 80% of all member places.
    pool = max(MEMBERS, clusters * MEMBERS * 4 // 5)
    companies = company_rows(rng, pool, used)
    check(all(identifiers.is_valid(c["kbo"]) for c in companies), "invalid enterprise number")
    stats = BuildStats(clusters, pool, 0, 0, 0, 0, 0.0)
    next_entry = 1
    with ledger.engine.begin() as conn:
        conn.execute(insert(Company), companies)
        cluster_rows = [
            {
                "id": i,
                "name": f"Cluster {i:03d}",
                "rule_set": RULE_SET,
                "start_year": START_YEAR,
                "kbo": enterprise_number(rng, used),
                "created_at": stamp(date(START_YEAR, 1, 1)),
            }
            for i in range(1, clusters + 1)
        ]
        conn.execute(insert(Cluster), cluster_rows)
        locks = []
        for cluster_id in range(1, clusters + 1):
            memberships = []
            for company_id in rng.sample(range(1, pool + 1), MEMBERS):
                if rng.random() < 0.75:
                    joined = date(START_YEAR, 1, 1)
                else:
                    joined = random_day(rng, date(START_YEAR, 2, 1), date(2024, 12, 31))
                left = None
                if rng.random() < 0.08 and joined.year < 2024:
                    left = random_day(rng, date(joined.year + 1, 1, 1), date(2025, 12, 31))
                mandate = joined if rng.random() < 0.7 else None
                memberships.append(
                    {
                        "cluster_id": cluster_id,
                        "company_id": company_id,
                        "joined": joined,
                        "left": left,
                        "mandate": mandate,
                    }
                )
            conn.execute(insert(Membership), memberships)
            rows, reversals = cluster_entries(rng, cluster_id, memberships, next_entry)
            conn.execute(insert(Contribution), rows)
            next_entry += len(rows)
            costs = [
                {
                    "cluster_id": cluster_id,
                    "year": year,
                    "amount_cents": rng.randrange(600_000_00, 1_400_000_00),
                    "updated_at": stamp(date(year, 12, 31)),
                }
                for year in range(START_YEAR, START_YEAR + YEARS)
                if rng.random() < 0.9
            ]
            if costs:
                conn.execute(insert(CoordinationCost), costs)
            locks += [
                {
                    "cluster_id": cluster_id,
                    "year": year,
                    "locked": True,
                    "reason": None,
                    "actor": "benchmark",
                    "at": stamp(date(year + 1, 3, 31)),
                }
                for year in range(START_YEAR, 2024)
            ]
            stats.memberships += len(memberships)
            stats.entries += len(rows)
            stats.reversals += reversals
            stats.costs += len(costs)
        conn.execute(insert(YearLockEvent), locks)
    ledger.dispose()
    stats.seconds = time.perf_counter() - started
    return stats


def ledger_stats(path: Path) -> dict[str, int]:
    """Row counts read back from a built ledger (also what ``--reuse`` reports)."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        one = lambda sql: con.execute(sql).fetchone()[0]  # noqa: E731
        return {
            "clusters": one("SELECT COUNT(*) FROM cluster"),
            "companies": one("SELECT COUNT(*) FROM company"),
            "memberships": one("SELECT COUNT(*) FROM membership"),
            "entries": one("SELECT COUNT(*) FROM contribution"),
            "reversals": one("SELECT COUNT(*) FROM contribution WHERE reverses_id IS NOT NULL"),
            "probe_entries": con.execute(
                "SELECT COUNT(*) FROM contribution JOIN cluster ON cluster.id = cluster_id "
                "WHERE cluster.name = ? AND year = ?",
                (PROBE_CLUSTER, PROBE_YEAR),
            ).fetchone()[0],
            "bytes": path.stat().st_size,
        }
    finally:
        con.close()


# --- running children -----------------------------------------------------------------------


@dataclass
class Run:
    seconds: float
    maxrss_kib: int
    stdout: str


@dataclass
class Measure:
    """Repeated whole-process runs of one command."""

    label: str
    argv: list[str]
    runs: list[Run] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(r.seconds for r in self.runs)

    @property
    def best(self) -> float:
        return min(r.seconds for r in self.runs)

    @property
    def peak_mib(self) -> float:
        return max(r.maxrss_kib for r in self.runs) / 1024

    def outputs(self) -> list[dict[str, Any]]:
        return [json.loads(r.stdout) for r in self.runs]

    def inner(self, key: str) -> float:
        """The median of a timing the child reported about itself."""
        return statistics.median(o[key] for o in self.outputs())


GNU_TIME = Path("/usr/bin/time")


@dataclass(frozen=True)
class Launcher:
    """Starts the children: all with the same environment, in the work folder.

    The work folder as working directory keeps a ``python -c`` child from importing the
    project from the current directory first: it imports it from ``PYTHONPATH`` (the
    repository, after any path the caller set, so a candidate checkout can be measured
    with ``PYTHONPATH=/path/to/checkout``). Bytecode goes to ``PYTHONPYCACHEPREFIX`` under
    the work folder, so after the warm-up every child imports compiled code, as an
    installed product does.
    """

    env: dict[str, str]
    cwd: Path

    @classmethod
    def for_work(cls, work: Path, code: CodeSource) -> Launcher:
        env = dict(os.environ)
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
        env["PYTHONPATH"] = os.pathsep.join(str(p) for p in code.path)
        env.setdefault("PYTHONIOENCODING", "utf-8")
        return cls(env, work)

    def run(self, argv: Sequence[str]) -> Run:
        """Run one child to the end; its wall time and its own peak RSS.

        The peak RSS comes from GNU time wrapped around the child: Linux carries a parent's
        high-water RSS into a forked child's ``ru_maxrss``, so ``os.wait4`` on a child of
        this (large) process would report this process's peak, not the child's. Without
        GNU time the figure falls back to ``os.wait4`` and is only an upper bound.
        """
        with tempfile.TemporaryDirectory() as tmp:
            rss_file, out, err = Path(tmp) / "rss", Path(tmp) / "out", Path(tmp) / "err"
            wrapped = list(argv)
            if GNU_TIME.exists():
                wrapped = [str(GNU_TIME), "-f", "%M", "-o", str(rss_file), *argv]
            with out.open("wb") as out_f, err.open("wb") as err_f:
                started = time.perf_counter()
                proc = subprocess.Popen(
                    wrapped, stdout=out_f, stderr=err_f, env=self.env, cwd=self.cwd
                )
                _, status, usage = os.wait4(proc.pid, 0)
                seconds = time.perf_counter() - started
            proc.returncode = os.waitstatus_to_exitcode(status)
            if proc.returncode != 0:
                raise RuntimeError(
                    f"{shlex.join(argv)} exited {proc.returncode}:\n{err.read_text()[-3000:]}"
                )
            rss = int(rss_file.read_text().split()[-1]) if GNU_TIME.exists() else usage.ru_maxrss
            return Run(seconds, rss, out.read_text())

    def measure(self, measures: Sequence[Measure], repeat: int) -> None:
        """One discarded warm-up run each, then ``repeat`` rounds, interleaved so drift hits all."""
        for m in measures:
            self.run(m.argv)
        for _ in range(repeat):
            for m in measures:
                m.runs.append(self.run(m.argv))
                print(f"  {m.label}: {m.runs[-1].seconds:.3f} s", file=sys.stderr)


def cli_argv() -> list[str]:
    script = Path(sys.executable).parent / "cluster-ledger"
    return [str(script)] if script.exists() else [sys.executable, "-m", "tui.cli"]


# --- the benchmark --------------------------------------------------------------------------


@dataclass
class SizeResult:
    """One cluster-year on one ledger size."""

    stats: dict[str, int]
    cli_year: Measure
    cli_all_years: Measure
    bare_year: Measure
    in_process: Measure
    bare_in_process: Measure


def one_cluster_year(
    db: Path, stats: dict[str, int], repeat: int, launcher: Launcher
) -> SizeResult:
    py = sys.executable
    name, year = PROBE_CLUSTER, str(PROBE_YEAR)
    cli = [*cli_argv(), "--db", str(db), "summary", "--cluster", name]
    result = SizeResult(
        stats=stats,
        cli_year=Measure("CLI summary --year", [*cli, "--year", year, "--json"]),
        cli_all_years=Measure("CLI summary (10 years)", [*cli, "--json"]),
        bare_year=Measure(
            "bare one cluster-year", [py, "-c", BARE_CHILD, str(db), "1", BARE_ONE, name, year]
        ),
        in_process=Measure(
            "in-process cluster_summaries(year=)",
            [py, "-c", PROJECT_ONE_CHILD, str(db), name, year, str(IN_PROCESS_CALLS)],
        ),
        bare_in_process=Measure(
            "in-process bare query",
            [py, "-c", BARE_CHILD, str(db), str(IN_PROCESS_CALLS), BARE_ONE, name, year],
        ),
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


def in_process_ms(m: Measure) -> dict[str, float]:
    """Best, median and first-call time in ms of the calls a child timed in-process."""
    (out,) = m.outputs()
    times = [t * 1000 for t in out["times"]]
    return {"best": min(times), "median": statistics.median(times), "first": times[0]}


def fmt_s(seconds: float) -> str:
    return f"{seconds:.3f}"


def comparison_table(
    project: Measure, totals_only: Measure | None, fine: Measure, coarse: Measure, floor: Measure
) -> str:
    base = fine.median
    rows = [
        "| process | median s | best s | inside the process (median) | peak RSS MiB | x bare |",
        "|---|---:|---:|---|---:|---:|",
    ]
    for m, what in (
        (project, "`cluster_summaries` for every cluster-year, one process"),
        (totals_only, "the same with `with_shares=False` (totals and warnings, no split)"),
    ):
        if m is not None:
            rows.append(
                f"| project: {what} | {fmt_s(m.median)} | {fmt_s(m.best)} | import"
                f" {m.inner('import_s'):.3f} s, open {m.inner('open_s'):.3f} s, summaries"
                f" {m.inner('work_s'):.3f} s | {m.peak_mib:.0f} | **{m.median / base:.2f}** |"
            )
    for m, what in ((fine, "cluster_id, year, company_id"), (coarse, "cluster_id, year")):
        query = statistics.median(t for o in m.outputs() for t in o["times"])
        rows.append(
            f"| bare sqlite3: `GROUP BY {what}` | {fmt_s(m.median)} | {fmt_s(m.best)} | query "
            f"{query:.3f} s | {m.peak_mib:.0f} | {m.median / base:.2f} |"
        )
    rows.append(
        f"| python start, `import sqlite3`, nothing else | {fmt_s(floor.median)} | "
        f"{fmt_s(floor.best)} | | {floor.peak_mib:.0f} | {floor.median / base:.2f} |"
    )
    return "\n".join(rows)


def offers_totals_only() -> bool:
    """Whether the measured version's ``cluster_summaries`` can skip the per-member split."""
    import inspect

    from ledger.summary import cluster_summaries

    return "with_shares" in inspect.signature(cluster_summaries).parameters


def scale_table(sizes: list[SizeResult]) -> str:
    def entries(n: int) -> str:
        return f"{n / 1e6:.2f}M" if n >= 1e6 else f"{n / 1e3:.0f}k"

    head = " | ".join(f"{entries(s.stats['entries'])} entries" for s in sizes)
    rows = [
        f"| {PROBE_CLUSTER}, {PROBE_YEAR} | {head} | largest / smallest |",
        "|---" + "|---:" * (len(sizes) + 1) + "|",
    ]

    def row(label: str, values: list[float], digits: int = 3) -> None:
        cells = " | ".join(f"{v:.{digits}f}" for v in values)
        rows.append(f"| {label} | {cells} | {values[-1] / values[0]:.2f} |")

    row("entries in this cluster-year", [s.stats["probe_entries"] for s in sizes], 0)
    row("CLI `summary --year --json`, whole process, median s", [s.cli_year.median for s in sizes])
    row(
        "bare sqlite3 one cluster-year, whole process, median s",
        [s.bare_year.median for s in sizes],
    )
    row(
        "CLI `summary --json` (all 10 years), whole process, median s",
        [s.cli_all_years.median for s in sizes],
    )
    for stat in ("best", "median"):
        row(
            f"in-process `cluster_summaries(year=)`, {stat} of {IN_PROCESS_CALLS} calls, ms",
            [in_process_ms(s.in_process)[stat] for s in sizes],
            1,
        )
    row("in-process, first call, ms", [in_process_ms(s.in_process)["first"] for s in sizes], 1)
    row(
        f"in-process bare one cluster-year query, best of {IN_PROCESS_CALLS} calls, ms",
        [in_process_ms(s.bare_in_process)["best"] for s in sizes],
        2,
    )
    row("peak RSS, CLI `summary --year`, MiB", [s.cli_year.peak_mib for s in sizes], 0)
    row("peak RSS, bare one cluster-year, MiB", [s.bare_year.peak_mib for s in sizes], 0)
    return "\n".join(rows)


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    from importlib.metadata import version

    return (
        f"{os.cpu_count()} CPUs ({cpu}), {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}, "
        f"SQLAlchemy {version('sqlalchemy')}, SQLModel {version('sqlmodel')}"
    )


def git(*args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(REPO), *args], capture_output=True, text=True, check=True
    ).stdout.strip()


@dataclass(frozen=True)
class CodeSource:
    """Which project code is measured: the import path first, and how to say it in RESULTS."""

    path: tuple[Path, ...]
    description: str

    @property
    def root(self) -> Path:
        """The folder the project is imported from (the first on the path that holds it)."""
        return next((p for p in self.path if (p / "ledger").is_dir()), REPO)

    def fingerprint(self) -> str:
        """A hash of the project's code, to notice when someone edits it during a run."""
        digest = hashlib.sha256()
        for package in ("ledger", "tui", "importers"):
            for file in sorted((self.root / package).rglob("*")):
                if file.suffix in (".py", ".toml") and "__pycache__" not in file.parts:
                    digest.update(str(file.relative_to(self.root)).encode())
                    digest.update(file.read_bytes())
        return digest.hexdigest()


def code_source(commit: str | None, work: Path) -> CodeSource:
    """The working tree (after any ``PYTHONPATH``), or ``commit`` exported into ``work``."""
    user = [Path(p) for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]
    if commit is not None:
        sha = git("rev-parse", "--short", commit)
        target = work / f"code-{sha}"
        if not (target / "ledger").is_dir():
            archive = subprocess.run(
                ["git", "-C", str(REPO), "archive", sha], capture_output=True, check=True
            ).stdout
            with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
                tar.extractall(target, filter="data")
        return CodeSource(
            (target, *user, REPO), f"commit {sha}, exported with `git archive` into the work folder"
        )
    try:
        dirty = git("status", "--porcelain", "--", "ledger", "tui", "importers")
        text = f"the working tree at commit {git('rev-parse', '--short', 'HEAD')}" + (
            ", with uncommitted changes in ledger/, tui/ or importers/" if dirty else ""
        )
    except (OSError, subprocess.CalledProcessError):
        text = "this repository (not a git checkout)"
    if user:
        text = f"PYTHONPATH={os.pathsep.join(map(str, user))}, imported before {text}"
    return CodeSource((*user, REPO), text)


def write_results(section: str, path: Path = RESULTS_FILE) -> None:
    """Replace this benchmark's section of RESULTS.md (or add it), leaving the others alone."""
    text = path.read_text() if path.exists() else "# Benchmark results\n"
    start = text.find(HEADING)
    if start < 0:
        text = text.rstrip("\n") + "\n\n" + section
    else:
        end = text.find("\n## ", start + len(HEADING))
        text = text[:start] + section + ("" if end < 0 else text[end:])
    path.write_text(text.rstrip("\n") + "\n")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=sorted(SCALES), default="full")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per process (median)")
    parser.add_argument("--work", type=Path, default=DEFAULT_WORK, help="folder for the ledgers")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--reuse", action="store_true", help="reuse ledgers already built")
    parser.add_argument(
        "--commit",
        metavar="REV",
        help="measure the code committed at REV (exported), not the working tree",
    )
    parser.add_argument(
        "--write",
        action=argparse.BooleanOptionalAction,
        default=None,
        help=f"write {RESULTS_FILE.name} (default: only at full scale)",
    )
    args = parser.parse_args(argv)
    write = args.write if args.write is not None else args.scale == "full"
    work: Path = args.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    code = code_source(args.commit, work)
    sys.path[:0] = [str(p) for p in code.path]  # the build imports the same project code
    fingerprint = code.fingerprint()
    launcher = Launcher.for_work(work, code)
    command = shlex.join(
        [os.path.relpath(sys.executable, REPO), os.path.relpath(__file__, REPO), *sys.argv[1:]]
    )
    started = time.perf_counter()

    builds: list[str] = []
    dbs: list[tuple[Path, dict[str, int]]] = []
    for clusters in SCALES[args.scale]:
        db = work / f"ledger_scale_{clusters}c_seed{args.seed}.sqlite"
        if not (args.reuse and db.exists()):
            print(f"building {db.name} ...", file=sys.stderr)
            built = build(db, clusters, args.seed)
            builds.append(
                f"{built.entries:,} entries ({built.reversals:,} reversals) in "
                f"{built.seconds:.1f} s ({built.entries / built.seconds:,.0f} rows/s)"
            )
        stats = ledger_stats(db)
        dbs.append((db, stats))

    big, big_stats = dbs[-1]
    py = sys.executable
    print(f"comparing on {big.name} ({big_stats['entries']:,} entries) ...", file=sys.stderr)
    project = Measure(
        "project, all cluster-years", [py, "-c", PROJECT_ALL_CHILD, str(big), "shares"]
    )
    totals_only = (
        Measure("project, totals only", [py, "-c", PROJECT_ALL_CHILD, str(big), "totals"])
        if offers_totals_only()
        else None
    )
    fine = Measure("bare fine", [py, "-c", BARE_CHILD, str(big), "1", BARE_FINE])
    coarse = Measure("bare coarse", [py, "-c", BARE_CHILD, str(big), "1", BARE_COARSE])
    floor = Measure("python floor", [py, "-c", "import sqlite3"])
    projects = [project] if totals_only is None else [project, totals_only]
    launcher.measure([*projects, fine, coarse, floor], args.repeat)
    totals = {o["total_cents"] for m in (*projects, fine, coarse) for o in m.outputs()}
    check(len(totals) == 1, f"the project and the bare aggregate disagree: {totals}")
    cluster_years = project.outputs()[0]["cluster_years"]
    check(cluster_years == coarse.outputs()[0]["rows"], "the number of cluster-years differs")
    print("where the project's time goes ...", file=sys.stderr)
    breakdown = json.loads(launcher.run([py, "-c", BREAKDOWN_CHILD, str(big)]).stdout)

    sizes = []
    for db, stats in dbs:
        print(f"one cluster-year on {db.name} ({stats['entries']:,} entries) ...", file=sys.stderr)
        sizes.append(one_cluster_year(db, stats, args.repeat, launcher))

    ratio = project.median / fine.median
    flat = sizes[-1].cli_year.median / sizes[0].cli_year.median
    inner_flat = (
        in_process_ms(sizes[-1].in_process)["best"] / in_process_ms(sizes[0].in_process)["best"]
    )
    s = big_stats
    lines = [
        HEADING,
        "",
        f"Command: `{command}` (from the repository root)  ",
        f"Date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC  ",
        f"Machine: {machine()}  ",
        f"Code measured: {code.description}  ",
        f"Wall time of the whole run: {time.perf_counter() - started:.0f} s",
        "",
        f"Ledger: {s['clusters']} clusters x {MEMBERS} members x {YEARS} years under `{RULE_SET}`:"
        f" {s['companies']:,} companies, {s['memberships']:,} memberships, {s['entries']:,}"
        f" entries of which {s['reversals']:,} reversals; {s['bytes'] / 2**20:.0f} MiB of SQLite."
        f" Built through the migrations plus SQLAlchemy Core bulk inserts in one transaction"
        + (f": {builds[-1]}." if builds else " (reused from an earlier run)."),
        "",
        f"Every process: one discarded warm-up, then {args.repeat} timed runs interleaved with the"
        " others; wall time from spawn to exit; peak RSS is that child's own `ru_maxrss`"
        " (measured by GNU time around it). Page cache warm; bytecode compiled"
        " (`PYTHONPYCACHEPREFIX` in the work folder).",
        "",
        f"### Every cluster-year ({cluster_years:,}) against the bare aggregate",
        "",
        comparison_table(project, totals_only, fine, coarse, floor),
        "",
        "Both sides added up the same total (checked). 'x bare' is the median against the median"
        " of the bare `GROUP BY cluster_id, year, company_id` process.",
        "",
        "Where the summaries' time goes (one more run, the parts of `cluster_summaries` timed"
        " in-process, outermost call only):",
        "",
        breakdown_table(breakdown),
        "",
        "### One cluster-year as the ledger grows",
        "",
        scale_table(sizes),
        "",
        "### Reading",
        "",
        reading(project, totals_only, fine, ratio, flat, inner_flat, sizes, breakdown),
        "",
    ]
    if code.fingerprint() != fingerprint:
        changed = (
            f"**The project code under {code.root} changed during this run: these numbers mix"
            " two versions.** Run again, or measure a commit with `--commit`."
        )
        print(changed, file=sys.stderr)
        lines[1:1] = ["", changed]
    section = "\n".join(lines)
    print(section)
    if write:
        write_results(section)
        print(f"written to {RESULTS_FILE}", file=sys.stderr)
    return 0


def breakdown_parts(breakdown: dict[str, Any]) -> list[tuple[str, float]]:
    """The timed parts, largest first, plus what the wrapped parts leave over."""
    parts = sorted(breakdown["parts"].items(), key=lambda kv: -kv[1])
    rest = breakdown["total_s"] - sum(v for _, v in parts)
    return [(f"`{name}`", v) for name, v in parts] + [("everything else", rest)]


def breakdown_table(breakdown: dict[str, Any]) -> str:
    total = breakdown["total_s"]
    rows = ["| part | s | share |", "|---|---:|---:|"]
    rows += [f"| {name} | {v:.3f} | {v / total:.0%} |" for name, v in breakdown_parts(breakdown)]
    rows.append(f"| **all summaries** | {total:.3f} | 100% |")
    return "\n".join(rows)


def reading(
    project: Measure,
    totals_only: Measure | None,
    fine: Measure,
    ratio: float,
    flat: float,
    inner_flat: float,
    sizes: list[SizeResult],
    breakdown: dict[str, Any],
) -> str:
    """A plain-words reading of the numbers, generated from them so it cannot go stale."""
    met = "met" if ratio <= 2 else "**not met**"
    imports = project.inner("import_s") + project.inner("open_s")
    work = project.inner("work_s")
    fine_query = statistics.median(t for o in fine.outputs() for t in o["times"])
    small, large = sizes[0].stats["entries"], sizes[-1].stats["entries"]
    top = breakdown_parts(breakdown)[:3]
    total = breakdown["total_s"]
    dominant = ", ".join(f"{name} {v:.2f} s ({v / total:.0%})" for name, v in top)
    cli = sizes[-1].cli_year.median
    aggregate = breakdown["parts"].get("queries.contributions_by_company", 0.0)
    verdict = "stays flat" if max(flat, inner_flat) < 1.5 else "**does not stay flat**"
    call = in_process_ms(sizes[-1].in_process)["median"] / 1000
    return (
        f'- Goal "within 2x of the bare aggregate": {met}. The project takes {ratio:.2f}x the'
        f" bare process ({project.median:.2f} s against {fine.median:.2f} s). Inside the project"
        f" process, importing and opening the ledger take {imports:.2f} s and the summaries of"
        f" all cluster-years {work:.2f} s, against {fine_query:.2f} s for the bare query itself"
        f" (which returns the same sums but no membership, matching or shares)."
        + (
            ""
            if totals_only is None
            else f" Without the per-member split (`with_shares=False`) the project takes"
            f" {totals_only.median / fine.median:.2f}x ({totals_only.median:.2f} s), which"
            f" {'meets' if totals_only.median <= 2 * fine.median else 'misses'} the goal."
        )
        + "\n"
        f"- What dominates the summaries: {dominant}. The grouped aggregate, SQL and row"
        f" conversion included, is {aggregate / total:.0%} of them; the rest is Python work"
        " per member and year (facts, matching, shares) and loading members.\n"
        f"- One cluster-year {verdict}: from {small:,} to {large:,} entries the CLI process"
        f" (median) goes {flat:.2f}x and the in-process call (best of {IN_PROCESS_CALLS})"
        f" {inner_flat:.2f}x. Of the CLI's {cli:.2f} s"
        f" at {large:,} entries, the summary itself is {call * 1000:.0f} ms; the rest is Python"
        " start-up and imports."
    )


if __name__ == "__main__":
    sys.exit(main())
