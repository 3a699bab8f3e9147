"""Planning a contributions sheet: each row parsed down its columns, checked, classed.

A sheet of 100,000 entries holds a few hundred members, amounts and dates, so each
column is parsed once per distinct value (:func:`parse_column`) and the per-row work is
left to built-ins; the ledger's own pure checks (:mod:`ledger.checks.contributions`)
run on a snapshot of the cluster, once per distinct member, year and amount. A row read
before by an earlier batch is ``unchanged`` (same fingerprint) or ``conflicting``
(changed since), never booked twice.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import compress
from operator import attrgetter, itemgetter
from typing import Any

from importers import blocks, cells
from importers.plan import PROGRESS_EVERY, Plan, PlannedRow, Progress, Skipped, digest, problem_of
from importers.table import Table
from ledger import imports, state
from ledger.checks.contributions import NewContribution, check_entries
from ledger.errors import LedgerError
from ledger.problems import Problem
from ledger.storage.tables import Cluster

_cells = attrgetter("cells")


def parse_column(
    table: Table,
    rows: list[PlannedRow],
    name: str,
    parse: Callable[[object], Any],
    empty: Callable[[object], Any] | None = None,
) -> list[Any] | None:
    """One field parsed down a whole column, each distinct cell value parsed once; a refused
    cell becomes a problem of its row and :data:`blocks.FAILED` in the list, unless
    ``empty`` gives it a value (a blank amount: not paid). None when the table has no
    such column.

    The per-row work is left to built-ins (``zip``, ``map``, ``set``, dict lookups): a
    column of 100,000 cells costs a few hundredths of a second."""
    index = table.columns.get(name)
    if index is None:
        return None
    if min(map(len, map(_cells, rows)), default=0) > index:  # no row ends before the column
        values = list(map(itemgetter(index), map(_cells, rows)))
    else:
        values = [c[index] if index < len(c) else None for c in map(_cells, rows)]
    # 1, 1.0 and True are equal but not the same cell: a column of mixed types keys each
    # value by its type too.
    mixed = len(set(map(type, values))) > 1
    keys: list[Any] = list(zip(map(type, values), values, strict=True)) if mixed else values
    distinct = set(keys)
    if len(distinct) * 2 > len(keys):  # mostly distinct (amounts): parsing once saves nothing
        try:
            return list(map(parse, values))
        except LedgerError:
            pass  # a refused cell: the way below finds each one
    done: dict[Any, Any] = {}
    failed = False
    for key in distinct:
        value = key[1] if mixed else key
        try:
            done[key] = parse(value)
        except LedgerError as exc:
            instead = empty(value) if empty is not None else None
            done[key] = exc if instead is None else instead
            failed = failed or instead is None
    parsed = list(map(done.__getitem__, keys))
    if failed:
        header = table.headers[index]
        for i, (row, result) in enumerate(zip(rows, parsed, strict=True)):
            if isinstance(result, LedgerError):
                row.problems.append(problem_of(result, table.location(row.number, header)))
                parsed[i] = blocks.FAILED
    return parsed


def _optional_year(value: object) -> int | None:
    return None if cells.is_blank(value) else cells.year(value)


def plan(
    session: Any,
    cluster: Cluster,
    plan: Plan,
    table_problems: list[Problem],
    notes: list[Problem],
    progress: Progress | None,
) -> None:
    """Fill ``plan`` with the contributions sheet's rows, their fates and problems."""
    table = plan.table
    if "year" not in table.columns and table.year is None:
        raise Problem("row.no_year", {}).error()
    rows = [PlannedRow(number, values) for number, values in table.rows]
    rows, totals, member_notes, maybe = blocks.members_of_totals(table, rows)
    notes += member_notes
    nothing = [None] * len(rows)
    kbos = parse_column(table, rows, "kbo", cells.kbo) or nothing
    amounts = parse_column(table, rows, "amount", cells.cents, cells.not_paid) or nothing
    years = parse_column(table, rows, "year", _optional_year) or nothing
    paid = parse_column(table, rows, "paid_on", cells.day) or nothing
    texts = parse_column(table, rows, "note", cells.optional_text) or nothing
    sorted_out = blocks.sort_out(table, rows, amounts, totals, maybe)
    plan.skipped += sorted_out.skipped
    table_problems += sorted_out.problems
    notes += sorted_out.notes
    if len(sorted_out.rows) != len(rows):  # some were totals or remarks
        kept = {id(r) for r in sorted_out.rows}
        keep = [id(r) in kept for r in rows]
        rows, kbos, amounts, years, paid, texts = (
            list(compress(c, keep)) for c in (rows, kbos, amounts, years, paid, texts)
        )
    year_header = table.header_at("year")
    parsed: list[PlannedRow] = []
    landing: list[PlannedRow] = []
    seen: dict[tuple[str, int, object], int] = {}
    where = f"{table.file_name}:{table.sheet}:row "
    new, make = NewContribution, tuple.__new__
    default_year = table.year
    not_paid = cells.NOT_PAID_YET
    columns = zip(rows, kbos, amounts, years, paid, texts, strict=True)
    for i, (row, kbo, amount, year, day, note) in enumerate(columns):
        if progress and i % PROGRESS_EVERY == 0:
            progress(i, len(rows))
        if row.problems:
            parsed.append(row)
            continue
        if amount is not_paid:
            plan.skipped.append(Skipped(row.number, "not_paid", row.cells))
            place = table.location(row.number, table.header_at("amount"))
            notes.append(Problem("note.not_paid", {}, place, "note"))
            continue
        year = year or default_year
        if year is None:
            row.problems.append(Problem("row.no_year", {}, table.location(row.number, year_header)))
            parsed.append(row)
            continue
        identity = (kbo, year, day)
        seen[identity] = n = seen.get(identity, 0) + 1
        number = row.number
        row.key = f"{kbo}|{year}|{day or ''}|{n}"
        row.fingerprint = f"{amount}|" if note is None else _fingerprint(amount, note)
        # tuple.__new__ builds the named tuple without a Python-level call per row.
        row.record = make(new, (kbo, year, amount, day, note, f"{where}{number}", number))
        parsed.append(row)
        landing.append(row)
    if progress:
        progress(len(rows), len(rows))
    plan.rows = parsed
    _check(session, cluster, table, landing)
    _compare(session, cluster, table, landing)


def _fingerprint(cents: int, note: str | None) -> str:
    """What a contribution row says beyond its key: the content itself when short (most
    rows: no digest to compute 100,000 times), else its digest (which has no ``|``)."""
    text = f"{cents}|{note or ''}"
    return text if len(text) <= 32 else digest(text)


def _check(session: Any, cluster: Cluster, table: Table, rows: list[PlannedRow]) -> None:
    """The ledger's own checks of each entry (a member, a year of the program that is
    open, a positive amount, a note it can keep): the pure checks ``contribution add``
    and the commit run, on the snapshot the plan reads."""
    years = state.cluster_years(cluster, session=session)
    members = state.member_ids(cluster, session=session)
    for index, problem in check_entries(years, members, [r.record for r in rows]):
        row = rows[index]
        header = table.header_at(problem.location.field or "")
        row.problems.append(problem.at(table.location(row.number, header)))


def _compare(session: Any, cluster: Cluster, table: Table, rows: list[PlannedRow]) -> None:
    """Rows an earlier batch imported: unchanged when alike, else conflicting."""
    before = imports.imported_rows(cluster, "contributions", session=session)
    for row in rows if before else ():
        if row.problems:
            continue
        known = before.get(row.key)
        if known is None:
            continue
        fingerprint, batch = known
        if fingerprint == row.fingerprint:
            row.status = "unchanged"
        else:
            row.status = "conflicting"
            place = table.location(row.number)
            row.problems.append(Problem("row.conflict", {"batch": batch}, place, kind="conflict"))
