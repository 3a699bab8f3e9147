"""The ledger checks itself: hash chains, append-only guards and the figures they imply.

``cluster-ledger verify`` runs :func:`verify`. It reads the whole ledger in one snapshot,
so it can run while the app and an import write, and reports, for each chain, the first
link that does not follow (a row changed, removed or slipped in) rather than everything
after it. The chains are read from the driver's cursor a few thousand rows at a time
(:mod:`ledger.integrity.rows`); what does not depend on them runs beside the walk, on a
large SQLite file in a second process that must have seen the same snapshot
(:mod:`ledger.integrity.beside`). It also checks what the chains cannot: that the guards are still there, that
every entry has its audit event, that each reversal mirrors its entry, and that each
import batch holds the rows it says it does.

The rows the ledger does change in place (a company's details, a membership's dates,
the year's costs) are replayed from their audit events, which are chained, and must
agree with them (:mod:`ledger.integrity.state`).

Which tables are chained and which are replayed is declared in two registries
(:data:`ledger.integrity.chain.REGISTRY`, :data:`ledger.integrity.state.REPLAYED`); this
module walks whatever they list. The append-only triggers are checked by their
definition, not their name, and a trigger the ledger does not know is named. A restore
that was interrupted is named too (its journal is still beside the ledger).

What it does not prove: someone who can rewrite the database file can also rewrite every
hash after their change, and the tips with them. The tips are the answer: keep them
outside the ledger (``verify --anchor FILE``, or the annual report, which records its
cluster's), and :mod:`ledger.integrity.anchor` proves the ledger still extends them.
"""

from __future__ import annotations

import json
import threading
from collections import Counter
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, func, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from ledger.integrity import beside as beside_process
from ledger.integrity import guards
from ledger.integrity.beside import Beside
from ledger.integrity.canonical import link_of_text
from ledger.integrity.chain import GENESIS, REGISTRY, chain_name
from ledger.integrity.history import history_problems
from ledger.integrity.projects import project_problems
from ledger.integrity.rows import canonical_batches, follows
from ledger.integrity.state import state_problems
from ledger.payments.verify import payment_problems
from ledger.session import Ledger
from ledger.storage.tables import (
    AuditEvent,
    ChainTip,
    Cluster,
    Contribution,
    ImportBatch,
    ImportRow,
)


@dataclass
class ChainState:
    """Where one chain ends, as recomputed from its rows."""

    name: str
    label: str
    length: int
    tip: str


@dataclass
class Verdict:
    """What :func:`verify` found: nothing wrong when ``problems`` is empty."""

    problems: list[str] = field(default_factory=list)
    chains: list[ChainState] = field(default_factory=list)
    rows: Counter[str] = field(default_factory=Counter)

    @property
    def ok(self) -> bool:
        return not self.problems

    def lines(self) -> list[str]:
        """A summary for people: what was checked and where each chain ends."""
        others = sum(n for t, n in self.rows.items() if t not in ("contribution", "audit_event"))
        out = [
            f"Checked {_count(self.rows['contribution'], 'entry', 'entries')}, "
            f"{_count(self.rows['audit_event'], 'audit event', 'audit events')} and "
            f"{_count(others, 'other history row', 'other history rows')} in "
            f"{_count(len(self.chains), 'chain', 'chains')}."
        ]
        out += [
            f"  {c.label}: {_count(c.length, 'link', 'links')}, tip {c.tip[:16]}"
            for c in self.chains
        ]
        return out + [f"Note: {note}" for note in self.notes]

    notes: list[str] = field(default_factory=list)


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


Progress = Callable[[int, int], None]  # (rows checked, rows in all)
_PROGRESS_EVERY = 20_000


def verify(ledger: Ledger, progress: Progress | None = None) -> Verdict:
    """Check the whole ledger; see the module docstring for what is checked.

    ``progress`` hears how many chained rows were checked, every 20,000 rows: a ledger
    of a million entries takes tens of seconds.
    """
    verdict = Verdict()
    verdict.problems += restore_problems(ledger)
    at = len(verdict.problems)
    beside: Beside | None = None
    try:
        with ledger.read() as session:
            connection = session.connection(**_snapshot(ledger))
            tips = {t.chain: t for t in session.exec(select(ChainTip)).all()}
            # What does not depend on the walk runs beside it: in a second process on a
            # large SQLite file, else SQLite's page check (which lets go of the
            # interpreter) in a thread of its own.
            beside = _start_beside(ledger)
            pages = None if beside is not None else _page_check(ledger)
            trigger_problems = guards.problems(connection)
            total = 0
            if progress is not None:
                total = sum(
                    session.exec(select(func.count()).select_from(spec.model)).one()
                    for spec in REGISTRY.values()
                )
            names = dict(session.exec(select(Cluster.id, Cluster.name)).all())
            for table in REGISTRY:
                _check_chains(connection, table, names, tips, verdict, progress, total)
            for chain in sorted(set(tips) - {c.name for c in verdict.chains}):
                verdict.problems.append(
                    f"the ledger last wrote link {tips[chain].length} of chain {chain}, but the "
                    "chain has no rows: they were deleted"
                )
            verdict.problems += _figure_problems(session)
            seen = [[t.chain, t.length, t.tip] for _, t in sorted(tips.items())]
            found = None if beside is None else beside.result(seen)
            if found is None:  # no second process, or its findings cannot be used
                found = _beside_here(connection, pages=beside is not None or pages is None)
            verdict.problems += found["import_rows"]
            verdict.problems += bound_problems(session)
            verdict.problems += state_problems(session)
            verdict.problems += history_problems(session)
            verdict.problems += payment_problems(session)
            verdict.problems += project_problems(session)
    finally:
        if beside is not None:
            beside.stop()
    verdict.problems[at:at] = (found["pages"] if pages is None else pages.result()) + found["keys"]
    verdict.problems += trigger_problems
    verdict.notes += leftover_notes(ledger)
    return verdict


def _start_beside(ledger: Ledger) -> Beside | None:
    """The second process for a SQLite file (see :mod:`ledger.integrity.beside`)."""
    url = ledger.engine.url
    name = url.database
    if ledger.engine.dialect.name != "sqlite" or not name or name == ":memory:":
        return None
    from ledger.storage.database import BUSY_TIMEOUT_S

    return beside_process.start(name, uri=bool(url.query.get("uri")), timeout=BUSY_TIMEOUT_S)


def _beside_here(connection: Connection, *, pages: bool) -> dict[str, list[str]]:
    """What the second process finds, found in this snapshot: page damage (``pages``:
    unless a thread checks it), rows pointing at rows not there, import rows rewritten."""
    driver = connection.connection.driver_connection
    if connection.dialect.name != "sqlite":
        return {
            "pages": [],
            "keys": [],
            "import_rows": beside_process.import_row_problems(driver, placeholder="%s"),
        }
    return {
        "pages": beside_process.page_problems(driver) if pages else [],
        "keys": beside_process.key_problems(driver),
        "import_rows": beside_process.import_row_problems(driver),
    }


def _page_check(ledger: Ledger) -> Future[list[str]] | None:
    """SQLite's ``quick_check`` of every page, started in a thread of its own."""
    name = ledger.engine.url.database
    if ledger.engine.dialect.name != "sqlite" or not name or name == ":memory:":
        return None  # no file another connection could open: checked in the snapshot

    def check() -> list[str]:
        with ledger.engine.connect() as connection:
            found = [row[0] for row in connection.execute(text("PRAGMA quick_check")).all()]
        return [] if found == ["ok"] else [f"the database file is damaged: {found[0]}"]

    future: Future[list[str]] = Future()

    def run() -> None:
        try:
            future.set_result(check())
        except BaseException as exc:  # handed to the caller, which raises it
            future.set_exception(exc)

    threading.Thread(target=run, name="quick_check", daemon=True).start()
    return future


def _snapshot(ledger: Ledger) -> dict[str, Any]:
    """One consistent view for every query: SQLite's read transaction is one already."""
    if ledger.engine.dialect.name == "postgresql":
        return {"execution_options": {"isolation_level": "REPEATABLE READ"}}
    return {}


def _label(table: str, key: int | None, names: dict[int, str]) -> str:
    spec = REGISTRY[table]
    if spec.key is None:
        return spec.plural
    if key is None:
        return f"{spec.plural} of no cluster"
    if spec.key != "cluster_id":
        return f"{spec.plural} of {spec.key.removesuffix('_id')} {key}"
    return f"{spec.plural} of {names.get(key, '?')} (cluster {key})"


def _check_chains(
    connection: Connection,
    table: str,
    names: dict[int, str],
    tips: dict[str, ChainTip],
    verdict: Verdict,
    progress: Progress | None,
    total: int,
) -> None:
    """Walk each chain of ``table`` once, comparing every link with its stored hash.

    A link is checked against the stored hash before it, so one changed row is reported
    once, not as a break of every link after it.
    """
    spec = REGISTRY[table]
    what = spec.what
    current: str | None = None
    length, previous, last_id, broken = 0, GENESIS, 0, 0

    def close() -> None:
        if current is None:
            return
        label = _label(table, cluster_id, names)
        verdict.chains.append(ChainState(current, label, length, previous))
        tip = tips.get(current)
        if tip is None:
            verdict.problems.append(
                f"the {label} have {length} links but the ledger never recorded writing "
                "them: the chain was made outside the ledger"
            )
        elif tip.length > length:
            verdict.problems.append(
                f"the {label} end at link {length}, but the ledger last wrote link "
                f"{tip.length}: the newest {tip.length - length} were deleted"
            )
        elif tip.length < length or tip.tip != previous:
            verdict.problems.append(
                f"the {label} do not end where the ledger last wrote them (link "
                f"{tip.length}, tip {tip.tip[:16]}; found link {length}, tip {previous[:16]}): "
                "rows were added or changed outside the ledger"
            )
        if broken > 1:
            verdict.problems.append(f"the {label} have {broken - 1} more broken links")

    cluster_id: int | None = None
    before = done = sum(verdict.rows.values())
    for batch in canonical_batches(connection, table):  # each of one chain, in order
        end = done + len(batch.ids)
        if progress is not None:  # at every 20,000th row
            first = done + _PROGRESS_EVERY - done % _PROGRESS_EVERY
            for mark in range(first, end + 1, _PROGRESS_EVERY):
                progress(mark, total)
        done = end
        if current is None or batch.key != cluster_id:
            close()
            cluster_id = batch.key
            current = chain_name(table, cluster_id)
            length, previous, last_id, broken = 0, GENESIS, 0, 0
        if follows(batch, previous, length, last_id):  # the usual case, checked at once
            length, previous, last_id = batch.seqs[-1], batch.hashes[-1], batch.ids[-1]
            continue
        rows = zip(batch.ids, batch.seqs, batch.texts, batch.hashes, strict=True)
        for row_id, seq, written, stored in rows:
            length += 1
            problem = None
            if stored is None or seq is None:
                problem = (
                    f"{what} {row_id} has no place in the chain: it was written outside the ledger"
                )
            elif seq != length:
                problem = (
                    f"{what} {row_id} is link {seq} of the {_label(table, cluster_id, names)}, "
                    f"but link {length} was expected: a link before it was deleted or one was "
                    "slipped in"
                )
            elif link_of_text(previous, written) != stored:
                problem = (
                    f"{what} {row_id} (link {seq} of the {_label(table, cluster_id, names)}) "
                    "does not match its hash: it was changed after it was written"
                )
            elif row_id < last_id:
                problem = (
                    f"{what} {row_id} comes after {what} {last_id} in the "
                    f"{_label(table, cluster_id, names)}: it was renumbered"
                )
            if problem is not None:
                broken += 1
                if broken == 1:
                    verdict.problems.append(f"first broken link: {problem}")
            previous = stored or previous
            if seq is not None:
                length = seq
            if row_id > last_id:
                last_id = row_id
    close()
    if done > before:
        verdict.rows[table] += done - before


def _figure_problems(session: Session) -> list[str]:
    """What the figures imply: every entry audited, reversals mirrored, batches whole."""
    problems: list[str] = []
    audited = set(
        session.exec(
            select(AuditEvent.entity_id).where(
                AuditEvent.entity == "contribution", col(AuditEvent.entity_id).is_not(None)
            )
        ).all()
    )
    unaudited = session.exec(
        select(Contribution.id)
        .where(col(Contribution.batch_id).is_(None))
        .order_by(col(Contribution.id))
    ).all()
    missing = [i for i in unaudited if i not in audited]
    if missing:
        problems.append(
            f"{len(missing)} entries have no audit event, the first entry {missing[0]}: "
            "they were written outside the ledger"
        )
    booked = dict(
        session.exec(
            select(Contribution.batch_id, func.count())
            .where(col(Contribution.batch_id).is_not(None))
            .group_by(col(Contribution.batch_id))
        ).all()
    )
    claimed: dict[int, int] = {}
    for entity_id, details in session.exec(
        select(AuditEvent.entity_id, AuditEvent.details).where(
            AuditEvent.action == "contribution.record_many"
        )
    ).all():
        if entity_id is not None:
            claimed[entity_id] = claimed.get(entity_id, 0) + int(json.loads(details)["entries"])
    for batch_id in sorted(set(booked) | set(claimed)):
        if booked.get(batch_id, 0) != claimed.get(batch_id, 0):
            problems.append(
                f"import batch {batch_id} holds {booked.get(batch_id, 0)} entries but its audit "
                f"event recorded {claimed.get(batch_id, 0)}"
            )
    original = aliased(Contribution)
    mismatched = session.exec(
        select(Contribution.id, original.id)
        .join(original, col(original.id) == Contribution.reverses_id)
        .where(
            (Contribution.amount_cents != -original.amount_cents)
            | (Contribution.cluster_id != original.cluster_id)
            | (Contribution.company_id != original.company_id)
            | (Contribution.year != original.year)
        )
        .order_by(col(Contribution.id))
    ).all()
    if mismatched:
        reversal, entry = mismatched[0]
        problems.append(
            f"{len(mismatched)} reversals do not mirror their entry, the first reversal "
            f"{reversal} of entry {entry} (amount, member, cluster and year must match)"
        )
    rows = dict(
        session.exec(
            select(ImportRow.batch_id, func.count()).group_by(col(ImportRow.batch_id))
        ).all()
    )
    for batch_id, count in session.exec(
        select(ImportBatch.id, ImportBatch.row_count)
        .where(col(ImportBatch.undoes_id).is_(None))
        .order_by(col(ImportBatch.id))
    ).all():
        if rows.get(batch_id, 0) != count:
            problems.append(
                f"import batch {batch_id} says it committed {count} rows but holds "
                f"{rows.get(batch_id, 0)}"
            )
    return problems


def bound_problems(session: Session) -> list[str]:
    """Amounts beyond what the ledger accepts, and a cluster whose amounts add up past what
    a sum can hold: written outside the ledger, they would make every figure fail."""
    from ledger.money import CLUSTER_TOTAL_BOUND_CENTS, MAX_CENTS

    problems = []
    huge = session.exec(
        select(Contribution.id, Contribution.amount_cents)
        .where((Contribution.amount_cents > MAX_CENTS) | (Contribution.amount_cents < -MAX_CENTS))
        .order_by(col(Contribution.id))
    ).all()
    if huge:
        problems.append(
            f"{len(huge)} entries hold amounts beyond the most the ledger accepts, the first "
            f"entry {huge[0][0]}: they were written outside the ledger"
        )
    totals = _cluster_sizes(session)
    over = sorted(c for c, total in totals.items() if total > CLUSTER_TOTAL_BOUND_CENTS)
    if over:
        problems.append(
            f"the amounts of cluster {over[0]} add up beyond the bound that keeps every sum "
            "within what the database can add: its figures cannot be computed"
        )
    return problems


def _cluster_sizes(session: Session) -> dict[int, int]:
    """What each cluster's amounts add up to by size, summed by the database; where SQLite
    cannot hold the sum (far past any bound), added up here exactly instead."""
    query = select(Contribution.cluster_id, func.sum(func.abs(Contribution.amount_cents))).group_by(
        Contribution.cluster_id
    )
    try:
        return {cid: int(total) for cid, total in session.connection().execute(query)}
    except OperationalError:  # SQLite's "integer overflow" (PostgreSQL sums into numeric)
        totals: dict[int, int] = {}
        for cluster_id, amount in session.connection().execute(
            select(Contribution.cluster_id, Contribution.amount_cents)
        ):
            totals[cluster_id] = totals.get(cluster_id, 0) + abs(amount)
        return totals


def restore_problems(ledger: Ledger) -> list[str]:
    """A restore into this ledger that did not finish: its journal is still there."""
    from pathlib import Path

    from ledger.backup.restore import journal_path, read_journal

    name = ledger.engine.url.database
    if ledger.engine.dialect.name != "sqlite" or not name or name == ":memory:":
        return []
    journal = read_journal(Path(name))
    if journal is None:
        return []
    where = journal_path(Path(name))
    if journal.get("unreadable"):
        return [f"a restore into this ledger was interrupted (its journal {where} cannot be read)"]
    with ledger.read() as session:
        done = any(
            json.loads(details).get("restore") == journal.get("restore")
            for (details,) in session.exec(
                select(AuditEvent.details).where(AuditEvent.action == "ledger.restore")
            ).all()
        )
    state = (
        "it finished (the ledger holds its 'ledger.restore' event); delete the journal"
        if done
        else "the ledger is as it was before it; run the restore again"
    )
    return [
        f"a restore from {journal.get('source')} started at {journal.get('started')} was "
        f"interrupted (journal {where}): {state}"
    ]


def leftover_notes(ledger: Ledger) -> list[str]:
    """Temporary files a killed run left beside the ledger (the next backup or restore
    removes them)."""
    from pathlib import Path

    from ledger.files import shown, stale

    name = ledger.engine.url.database
    if ledger.engine.dialect.name != "sqlite" or not name or name == ":memory:":
        return []
    return [
        f"temporary file {shown(p)} was left by an interrupted run"
        for p in stale(Path(name).parent)
    ]
