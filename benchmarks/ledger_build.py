"""Synthetic ledgers for the benchmarks: up to a million entries, the same ones every time.

Why it exists: the benchmarks measure ledgers far larger than the sample data, built the
way the product builds them (its own migrations) but quickly (SQLAlchemy Core bulk
inserts in one transaction, no ORM object per row), from the rows :mod:`ledger_rows`
draws for a seed. ``ledger_scale.py`` measures summaries on them; later benchmarks (the
TUI's open time) reuse them::

    ready = prepare(work, clusters=10, seed=SEED, reuse=True)
    print(ready.path, ready.stats["entries"], describe(ready))

100 clusters make about 950,000 entries (110 MiB) in about 20 s. The project is
imported inside :func:`build`, after the benchmark has put the measured code first on
``sys.path``.
"""

from __future__ import annotations

import random
import sqlite3
import sys
import time
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from harness import check
from ledger_rows import (
    MEMBERS,
    RULE_SET,
    YEARS,
    Row,
    cluster_entries,
    cluster_rows,
    company_rows,
    cost_rows,
    lock_rows,
    membership_rows,
    stamp,
)


@dataclass
class BuildStats:
    clusters: int
    companies: int
    memberships: int
    entries: int
    reversals: int
    costs: int
    seconds: float

    def describe(self) -> str:
        return (
            f"{self.entries:,} entries ({self.reversals:,} reversals) in {self.seconds:.1f} s"
            f" ({self.entries / self.seconds:,.0f} rows/s)"
        )


def build(path: Path, clusters: int, seed: int) -> BuildStats:
    """A fresh ledger at ``path`` of ``clusters`` clusters: migrations, then Core inserts."""
    from sqlalchemy import insert

    from ledger import identifiers
    from ledger.session import Ledger
    from ledger.storage import tables

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
        company_table, facts = split_companies(companies)
        conn.execute(insert(tables.Company), company_table)
        conn.execute(insert(tables.CompanyFact), facts)
        cluster_table = cluster_rows(rng, clusters, used)
        conn.execute(insert(tables.Cluster), cluster_table)
        conn.execute(insert(tables.RuleSetCopy), rule_copies(cluster_table))
        locks: list[Row] = []
        next_membership = 1
        for cluster_id in range(1, clusters + 1):
            memberships = membership_rows(rng, cluster_id, pool)
            members, periods, mandates = split_memberships(memberships, next_membership)
            next_membership += len(members)
            conn.execute(insert(tables.Membership), members)
            conn.execute(insert(tables.MembershipPeriod), periods)
            if mandates:
                conn.execute(insert(tables.MandateEvent), mandates)
            rows, reversals = cluster_entries(rng, cluster_id, memberships, next_entry)
            conn.execute(insert(tables.Contribution), rows)
            next_entry += len(rows)
            costs = cost_rows(rng, cluster_id)
            if costs:
                conn.execute(insert(tables.CoordinationCost), costs)
            locks += lock_rows(cluster_id)
            stats.memberships += len(memberships)
            stats.entries += len(rows)
            stats.reversals += reversals
            stats.costs += len(costs)
        conn.execute(insert(tables.YearLockEvent), locks)
    ledger.dispose()
    stats.seconds = time.perf_counter() - started
    return stats


def split_companies(companies: list[Row]) -> tuple[list[Row], list[Row]]:
    """The drawn companies as the ledger keeps them: the company (its enterprise number and
    name) and its dated facts, in force from the start."""
    from ledger.history import START

    plain, facts = [], []
    for c in companies:
        plain.append({k: c[k] for k in ("id", "kbo", "name", "created_at", "updated_at")})
        for field in ("kind", "postcode", "region_override"):
            if c[field] is not None:
                facts.append(
                    {
                        "company_id": c["id"],
                        "field": field,
                        "value": c[field],
                        "valid_from": START,
                        "recorded_at": c["created_at"],
                    }
                )
    return plain, facts


def split_memberships(
    memberships: list[Row], first_id: int
) -> tuple[list[Row], list[Row], list[Row]]:
    """Memberships with their days kept as history and their mandate as an event."""
    members, periods, mandates = [], [], []
    for n, m in enumerate(memberships, start=first_id):
        at = stamp(m["joined"])
        members.append(
            {**{k: m[k] for k in ("cluster_id", "company_id", "joined", "left")}, "id": n}
        )
        periods.append(
            {
                "membership_id": n,
                "cluster_id": m["cluster_id"],
                "joined": m["joined"],
                "left": m["left"],
                "recorded_at": at,
            }
        )
        if m["mandate"] is not None:
            mandates.append(
                {
                    "membership_id": n,
                    "cluster_id": m["cluster_id"],
                    "action": "given",
                    "on_date": m["mandate"],
                    "recorded_at": at,
                }
            )
    return members, periods, mandates


def rule_copies(clusters: list[Row]) -> list[Row]:
    """Each cluster's copy of its rule set, as ``cluster add`` keeps it."""
    from ledger.rules import read_rule_text, rule_file, text_hash

    copies = []
    for c in clusters:
        path = rule_file(c["rule_set"])
        assert path is not None, c["rule_set"]
        text = read_rule_text(path)
        copies.append(
            {
                "cluster_id": c["id"],
                "rule_set": c["rule_set"],
                "from_year": c["start_year"],
                "content": text,
                "sha256": text_hash(text),
                "recorded_at": c["created_at"],
            }
        )
    return copies


def build_before_history(path: Path, clusters: int, seed: int) -> None:
    """The same ledger as :func:`build`, written at schema 0003, before the dated history:
    one value per company and membership. The upgrade test opens it with this version and
    compares every figure before and after."""
    from alembic import command
    from sqlalchemy import MetaData, insert

    from ledger.storage import database

    path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)
    engine = database.make_engine(path)
    command.upgrade(database.alembic_config(engine), "0003")
    rng = random.Random(seed)
    used: set[str] = set()
    pool = max(MEMBERS, clusters * MEMBERS * 4 // 5)
    meta = MetaData()
    meta.reflect(engine)
    t = meta.tables
    with engine.begin() as conn:
        conn.execute(insert(t["company"]), company_rows(rng, pool, used))
        conn.execute(insert(t["cluster"]), cluster_rows(rng, clusters, used))
        next_entry = 1
        for cluster_id in range(1, clusters + 1):
            memberships = membership_rows(rng, cluster_id, pool)
            conn.execute(insert(t["membership"]), memberships)
            rows, _ = cluster_entries(rng, cluster_id, memberships, next_entry)
            conn.execute(insert(t["contribution"]), rows)
            next_entry += len(rows)
            costs = cost_rows(rng, cluster_id)
            if costs:
                conn.execute(insert(t["coordination_cost"]), costs)
    engine.dispose()


def count(path: Path, sql: str, *params: object) -> int:
    """The single number ``sql`` selects from the ledger at ``path``, opened read-only."""
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as con:
        return con.execute(sql, params).fetchone()[0]


def ledger_stats(path: Path) -> dict[str, int]:
    """Row counts read back from a built ledger, and its size in bytes."""

    def rows(table: str, where: str = "") -> int:
        return count(path, f"SELECT COUNT(*) FROM {table} {where}")

    return {
        "clusters": rows("cluster"),
        "companies": rows("company"),
        "memberships": rows("membership"),
        "entries": rows("contribution"),
        "reversals": rows("contribution", "WHERE reverses_id IS NOT NULL"),
        "bytes": path.stat().st_size,
    }


def entries_in(path: Path, cluster: str, year: int) -> int:
    """How many entries one cluster-year holds."""
    return count(
        path,
        "SELECT COUNT(*) FROM contribution JOIN cluster ON cluster.id = cluster_id"
        " WHERE cluster.name = ? AND year = ?",
        cluster,
        year,
    )


@dataclass(frozen=True)
class Ready:
    """A ledger ready to measure: where it is, what it holds, and its build if this run made it."""

    path: Path
    stats: dict[str, int]
    built: BuildStats | None


def prepare(work: Path, clusters: int, seed: int, *, reuse: bool) -> Ready:
    """The ledger of ``clusters`` clusters in ``work``: built, or reused if asked and present."""
    path = work / f"ledger_scale_{clusters}c_seed{seed}.sqlite"
    built = None
    if not (reuse and path.exists()):
        print(f"building {path.name} ...", file=sys.stderr)
        built = build(path, clusters, seed)
    return Ready(path, ledger_stats(path), built)


def describe(ready: Ready) -> str:
    """One paragraph on a ledger for a report: its contents, size and how it was built."""
    s = ready.stats
    return (
        f"Ledger: {s['clusters']} clusters x {MEMBERS} members x {YEARS} years under `{RULE_SET}`:"
        f" {s['companies']:,} companies, {s['memberships']:,} memberships, {s['entries']:,}"
        f" entries of which {s['reversals']:,} reversals; {s['bytes'] / 2**20:.0f} MiB of SQLite."
        " Built through the migrations plus SQLAlchemy Core bulk inserts in one transaction"
        + (f": {ready.built.describe()}." if ready.built else " (reused from an earlier run).")
    )
