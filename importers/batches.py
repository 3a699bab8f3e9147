"""Running an import: read, find the table, plan, and on ``--commit`` land it in one transaction.

Planning reads, writing writes: a dry run plans on a read snapshot of the ledger and
takes no write lock, so it never waits for (or holds up) the app or another import;
``--commit`` plans again under the write lock, so what it checked is still true when it
writes. The same file imported again adds nothing (its hash names the batch that took
it); a row that changed since is a conflict, never a second entry; any invalid row keeps
the whole import out unless the user asks to skip such rows, and a column that looks
like a field no column fills, or a wrong control total, always does. The batch's audit
event keeps the column accounting and the fate of every row. A batch of contributions
is undone with reversing entries, as every correction in the ledger is.

Example::

    outcome = run_import(ledger, Request(Path("bijdragen-2024.xlsx"), "Circular Plastics"))
    outcome.plan.counts()        # dry run: nothing written
    run_import(ledger, Request(..., commit=True)).batch_id
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlmodel import Session

from importers import headers as hdr
from importers import portfolio
from importers.plan import Plan, Progress, make_plan
from importers.reading import read_workbook
from importers.table import Table, find_table
from ledger import imports, operations, queries, state
from ledger.errors import LedgerError
from ledger.problems import Location, Problem
from ledger.session import Ledger, Tx
from ledger.storage.tables import Cluster, ImportBatch


@dataclass(slots=True)
class Request:
    """What the user asked for on the command line."""

    path: Path
    cluster: str
    what: str | None = None
    sheet: str | None = None
    year: int | None = None
    mapping: list[str] = field(default_factory=list)
    commit: bool = False
    skip_invalid: bool = False


@dataclass(slots=True)
class Outcome:
    """What happened: the table and its plan, and the batch that landed, if one did."""

    table: Table
    plan: Plan | None
    file_hash: str
    batch_id: int | None = None
    already: int | None = None  # the batch that imported this very file before
    committed: bool = False

    def blocked(self, *, skip_invalid: bool = False) -> bool:
        """Whether the plan keeps the import out: a column to map or a wrong control total
        always does; invalid and conflicting rows do unless they are to be skipped."""
        if self.plan is None:
            return False
        if self.plan.blocking():
            return True
        counts = self.plan.counts()
        return not skip_invalid and bool(counts["invalid"] or counts["conflicting"])


class _DryRun(Exception):
    """Raised to roll back the planning transaction of a dry run."""


def run_import(ledger: Ledger, request: Request, progress: Progress | None = None) -> Outcome:
    """Read ``request.path`` and plan its rows; with ``commit``, land them in one transaction.

    Raises:
        InputError: the file, its table or an option is unusable (nothing is written).
    """
    if request.what is not None and request.what not in (*hdr.WHATS, *hdr.ASKED_ONLY):
        raise Problem("what.unknown", {"what": request.what}, Location(field="--what")).error()
    extra = hdr.parse_map(request.mapping)
    hdr.check_map(extra, request.what)
    with _collector_paused():
        return _run(ledger, request, extra, progress)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for the length of an import.

    An import of 100,000 rows keeps about a million cells, tuples and lists alive, none
    of them in a reference cycle; each automatic collection walks them all again, which
    cost a fifth of the import's time. Reference counting still frees everything as
    usual, and the collector resumes afterwards for whatever cycles the database layer
    left.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _run(
    ledger: Ledger, request: Request, extra: dict[str, str], progress: Progress | None
) -> Outcome:
    book = read_workbook(request.path)
    with snapshot(ledger) as session:
        cluster = queries.get_cluster(request.cluster, session=session)
        saved = imports.saved_mappings(session=session)
        table = find_table(
            book,
            what=request.what,
            sheet=request.sheet,
            year=request.year,
            extra=extra,
            saved=saved,
        )
        hdr.check_map(extra, table.what)
        outcome = Outcome(table, None, book.sha256)
        done = imports.imported_file(cluster, table.what, book.sha256, table.sheet, session=session)
        if done is not None:
            outcome.already = done.id
            return outcome
        if not request.commit:
            outcome.plan = make_plan(session, cluster, table, progress)
            return outcome
    try:
        with ledger.write() as tx:
            cluster = queries.get_cluster(request.cluster, session=tx.session)
            # Asked again under the write lock: the same file imported by another process
            # since the look above must not land twice.
            done = imports.imported_file(
                cluster, table.what, book.sha256, table.sheet, session=tx.session
            )
            if done is not None:
                outcome.already = done.id
                raise _DryRun
            outcome.plan = plan = make_plan(tx.session, cluster, table, progress)
            if outcome.blocked(skip_invalid=request.skip_invalid):
                raise _DryRun
            if plan.landing():
                batch = commit_plan(tx, cluster, plan, file_hash=book.sha256)
                outcome.batch_id = batch.id
            if extra:
                imports.save_mapping(
                    tx,
                    layout=table.layout,
                    what=table.what,
                    headers=table.headers,
                    mapping=table.mapping,
                )
            outcome.committed = True
    except _DryRun:
        pass
    return outcome


@contextmanager
def snapshot(ledger: Ledger) -> Iterator[Session]:
    """A read session that sees one state of the ledger from its first query to its last,
    and takes no write lock: SQLite's deferred transaction (WAL mode) gives that by
    itself; PostgreSQL needs REPEATABLE READ, since its default reads each statement
    afresh."""
    with ledger.read() as session:
        if session.get_bind().dialect.name == "postgresql":
            session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
        yield session


@contextmanager
def located(where: str) -> Iterator[None]:
    """Give an error raised by a ledger operation the place of the row it came from."""
    try:
        yield
    except LedgerError as exc:
        if exc.location:
            raise
        raise type(exc)(exc.message, location=where) from None


def commit_plan(tx: Tx, cluster: Cluster, plan: Plan, *, file_hash: str) -> ImportBatch:
    """Write the rows of ``plan`` that land (new and updated ones) as one batch.

    Raises:
        LedgerError: the ledger refused a row; its location names the row.
    """
    table = plan.table
    landing = plan.landing()
    years = {r.record.year for r in landing} if table.what == "contributions" else set()
    years = years if len(years) == 1 else set()
    batch = imports.add_import_batch(
        tx,
        cluster,
        what=table.what,
        file_name=table.file_name,
        file_hash=file_hash,
        source_key=f"{table.what}|{table.file_name}|{table.sheet}",
        sheet=table.sheet,
        year=None
        if table.what in ("members", "projects", "project-partners")
        else table.year or (years.pop() if years else None),
        rows=[(r.number, r.key, r.fingerprint) for r in landing],  # type: ignore[misc]
        accounting=record_of(plan),
    )
    if table.what == "contributions":
        operations.record_contributions(tx, cluster, [r.record for r in landing], batch_id=batch.id)
    elif table.what == "members":
        for row in landing:
            with located(table.where(row.number)):
                _member(tx, cluster, row.record)
    elif table.what == "projects":
        for row in landing:
            with located(table.where(row.number)):
                if row.record.id is None:
                    portfolio.write_project(tx, cluster, row.record)
                else:  # a project the ledger holds, moved forward
                    portfolio.move_forward(tx, row.record)
    elif table.what == "project-partners":
        for row in landing:
            with located(table.where(row.number)):
                portfolio.write_partner(tx, row.record)
    else:
        for row in landing:
            with located(table.where(row.number)):
                operations.set_costs(
                    tx, cluster, year=row.record["year"], amount=row.record["amount"]
                )
    return batch


def record_of(plan: Plan) -> dict[str, object]:
    """What the batch record keeps of a plan: the header row, every column and what became
    of it, and the fate of every row of the sheet."""
    table = plan.table
    fates = {k: v for k, v in plan.fates().items() if v}
    return {
        "header_row": table.header_row,
        "columns": [column.as_data() for column in table.accounting],
        "fates": fates,
    }


def _member(tx: Tx, cluster: Cluster, record: dict) -> None:
    company, _ = operations.upsert_company(
        tx,
        kbo=record["kbo"],
        name=record["name"],
        postcode=record["postcode"],
        kind=record["kind"],
        region_override=record["region"],
    )
    dates = {k: record[k] for k in ("joined", "left")}
    try:
        membership, _ = queries.get_membership(cluster, record["kbo"], session=tx.session)
    except LedgerError:
        operations.join(tx, cluster, company, **dates, mandate=record["mandate"])
        return
    changed = {k: v for k, v in dates.items() if getattr(membership, k) != v}
    if changed:
        operations.update_membership(tx, cluster, kbo=record["kbo"], **changed)
    history = state.member_history(cluster, record["kbo"], session=tx.session)
    holds = history is not None and history.mandates and history.mandates[-1].withdrawn is None
    if record["mandate"] is not None and not holds:
        operations.record_mandate(tx, cluster, kbo=record["kbo"], mandate=record["mandate"])


def undo(ledger: Ledger, batch_id: int, *, reason: str) -> ImportBatch:
    """Reverse a contributions batch in one transaction (see ``ledger.imports``)."""
    with ledger.write() as tx:
        return imports.undo_import_batch(tx, batch_id, reason=reason)


def show_batch(ledger: Ledger, batch_id: int) -> tuple[ImportBatch, dict[str, object]]:
    """A batch and what its audit event recorded: columns, fates, file, rows.

    Raises:
        NotFoundError: no such batch.
    """
    with ledger.read() as session:
        batch = imports.get_batch(batch_id, session=session)
        return batch, imports.batch_details(batch, session=session)


def list_batches(ledger: Ledger, cluster: str) -> list[imports.BatchRow]:
    with ledger.read() as session:
        found = queries.get_cluster(cluster, session=session)
        return imports.list_batches(found, session=session)
