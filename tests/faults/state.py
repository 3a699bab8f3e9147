"""What a ledger holds after a fault, and the checks every fault trial makes of it.

A batch lands whole or not at all: so after a fault the ledger holds either exactly what
it held before or exactly that plus what one undisturbed run adds. :func:`holdings` puts
both in numbers (rows per table, the euros, the chains' lengths); :func:`check_ledger`
compares them and makes the other checks: the chains verify, SQLite finds its file
sound, the indexes are the ones there were, and the same import run again agrees with
what landed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import text

from importers.batches import Request, run_import
from ledger.integrity.verify import verify
from ledger.session import Ledger

TABLES = (
    "cluster",
    "company",
    "membership",
    "contribution",
    "import_batch",
    "import_row",
    "audit_event",
    "chain_tip",
)
Holdings = dict[str, int]


def holdings(ledger: Ledger) -> Holdings:
    """Rows per table, the sum of all entries in cents and the chains' total length."""
    with ledger.engine.connect() as conn:
        found = {t: conn.execute(text(f'SELECT count(*) FROM "{t}"')).scalar_one() for t in TABLES}
        found["cents"] = conn.execute(
            text("SELECT coalesce(sum(amount_cents), 0) FROM contribution")
        ).scalar_one()
        found["links"] = conn.execute(
            text("SELECT coalesce(sum(length), 0) FROM chain_tip")
        ).scalar_one()
    return found


def added(before: Holdings, after: Holdings) -> Holdings:
    """What a run added: ``after - before``, key by key."""
    return {key: after[key] - before[key] for key in before}


def plus(before: Holdings, delta: Holdings) -> Holdings:
    return {key: before[key] + delta[key] for key in before}


def indexes(ledger: Ledger) -> list[tuple[str, ...]]:
    """Every index of the ledger with the SQL that made it (SQLite) or its definition."""
    with ledger.engine.connect() as conn:
        if conn.dialect.name == "sqlite":
            query = (
                "SELECT tbl_name, name, coalesce(sql, '') FROM sqlite_master WHERE type = 'index'"
            )
        else:
            query = (
                "SELECT tablename, indexname, indexdef FROM pg_indexes "
                "WHERE schemaname = current_schema()"
            )
        return sorted(tuple(row) for row in conn.execute(text(query)).all())


def integrity_problems(ledger: Ledger) -> list[str]:
    """SQLite's full check of its file (every page, every index entry); none elsewhere."""
    if ledger.engine.dialect.name != "sqlite":
        return []
    with ledger.engine.connect() as conn:
        found = [row[0] for row in conn.execute(text("PRAGMA integrity_check")).all()]
    return [] if found == ["ok"] else [f"integrity_check: {found[:5]}"]


@dataclass(frozen=True)
class Expected:
    """What the ledger held before a run, what an undisturbed run adds, and its indexes."""

    before: Holdings
    delta: Holdings
    indexes: list[tuple[str, ...]]

    @property
    def after(self) -> Holdings:
        return plus(self.before, self.delta)


def check_ledger(
    ledger: Ledger, expected: Expected, *, reimport: tuple[Path, str] | None = None
) -> tuple[bool, list[str]]:
    """Check a ledger after a fault; return whether the batch landed, and what is wrong.

    Args:
        reimport: a file and cluster to import again once the checks pass: it must land
            now if it had not, or be known as imported if it had.
    """
    problems: list[str] = []
    held = holdings(ledger)
    landed = held == expected.after
    if not landed and held != expected.before:
        problems.append(
            "part of a batch: the ledger changed by "
            f"{added(expected.before, held)}, expected nothing or {expected.delta}"
        )
    verdict = verify(ledger)
    problems += [f"verify: {p}" for p in verdict.problems]
    problems += integrity_problems(ledger)
    found = indexes(ledger)
    if found != expected.indexes:
        lost = sorted(set(expected.indexes) - set(found))
        extra = sorted(set(found) - set(expected.indexes))
        problems.append(f"indexes changed: missing {lost}, unexpected {extra}")
    if reimport is None or problems:
        return landed, problems
    path, cluster = reimport
    outcome = run_import(ledger, Request(path, cluster, commit=True))
    if landed and outcome.already is None:
        problems.append(f"the batch landed, but importing it again did not say so: {outcome}")
    if not landed and (outcome.batch_id is None or holdings(ledger) != expected.after):
        problems.append(
            f"importing again after the kill did not land the batch whole: batch "
            f"{outcome.batch_id}, already {outcome.already}, changed by "
            f"{added(expected.before, holdings(ledger))}"
        )
    return landed, problems
