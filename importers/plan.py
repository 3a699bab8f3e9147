"""What an import would do, row by row, before anything is written.

Every row under the header is parsed and checked against the ledger, then classed:

- ``new``: not in the ledger yet; it lands on ``--commit``;
- ``updated``: a member or a year's costs the ledger knows with other details; it lands;
- ``unchanged``: imported before (or already in the ledger) exactly so; nothing to do;
- ``conflicting``: a contribution imported before from a row that has changed since;
  it never becomes a second entry;
- ``invalid``: a cell cannot be read, or the ledger refuses the row (unknown member,
  locked year, negative amount); each problem names its row and column.

Total and subtotal rows are not imported: they are checked against the amounts above
them, as accountants use control totals, and a mismatch is a problem of its own.

Example::

    plan = make_plan(tx, cluster, table)
    plan.counts()   # {'new': 37, 'updated': 0, 'unchanged': 0, 'conflicting': 1, 'invalid': 2}
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from operator import attrgetter, itemgetter
from typing import Any

from importers import cells
from importers.table import Table
from ledger import identifiers, imports, operations, queries, state
from ledger.checks.costs import check_set_costs
from ledger.errors import ConflictError, InputError, LedgerError
from ledger.kinds import MemberKind
from ledger.money import format_eur, from_cents, to_cents
from ledger.session import Tx
from ledger.snapshot import MemberHistory
from ledger.storage.tables import Cluster

STATUSES = ("new", "updated", "unchanged", "conflicting", "invalid")
LANDS = ("new", "updated")
PROGRESS_EVERY = 5000
Progress = Callable[[int, int], None]  # (rows done, rows in all)


@dataclass(slots=True)
class Problem:
    """Something wrong with a row (or the table), with the column at fault when known."""

    row: int | None
    column: str | None
    error: LedgerError

    def where(self, table: Table) -> str:
        return table.where(self.row, self.column)


@dataclass(slots=True)
class PlannedRow:
    number: int
    cells: list[object]
    status: str = "new"
    record: Any = None  # NewContribution, or the parsed fields of a member or a year's costs
    key: str = ""
    fingerprint: str = ""
    problems: list[Problem] = field(default_factory=list)


_status = attrgetter("status")
_cells = attrgetter("cells")


@dataclass(slots=True)
class Plan:
    table: Table
    rows: list[PlannedRow]
    problems: list[Problem]  # every problem, rows' and totals', in row order

    def counts(self) -> dict[str, int]:
        found = dict.fromkeys(STATUSES, 0)
        found.update(Counter(map(_status, self.rows)))
        return found

    def landing(self) -> list[PlannedRow]:
        return [r for r in self.rows if r.status in LANDS]


def _digest(*parts: object) -> str:
    return hashlib.blake2b("|".join(map(str, parts)).encode(), digest_size=16).hexdigest()


def _fingerprint(cents: int, note: str | None) -> str:
    """What a contribution row says beyond its key: the content itself when short (most
    rows: no digest to compute 100,000 times), else its digest (which has no ``|``)."""
    text = f"{cents}|{note or ''}"
    return text if len(text) <= 32 else _digest(text)


def _getter(table: Table, row: PlannedRow) -> Callable[[str, Callable[[object], Any]], Any]:
    """Parse one field of a row; a failure becomes a problem at its column and gives None."""
    values = row.cells

    def get(name: str, parse: Callable[[object], Any]) -> Any:
        index = table.columns.get(name)
        value = values[index] if index is not None and index < len(values) else None
        try:
            return parse(value)
        except LedgerError as exc:
            header = table.headers[index] if index is not None else None
            row.problems.append(Problem(row.number, header, exc))
            return None

    return get


def make_plan(tx: Tx, cluster: Cluster, table: Table, progress: Progress | None = None) -> Plan:
    """Parse, check and class every row of ``table`` for an import into ``cluster``."""
    rows = [PlannedRow(number, values) for number, values in table.rows]
    plan = Plan(table, rows, [])
    planner = {"contributions": _contributions, "members": _members, "costs": _costs}
    planner[table.what](tx, cluster, plan, progress)
    for row in rows:
        if row.problems:
            row.status = "invalid"
    plan.problems = sorted(
        [p for r in rows for p in r.problems] + plan.problems, key=lambda p: p.row or 0
    )
    return plan


class _Failed:
    """A cell a parser refused; kept in a column's list where the value would be."""

    __slots__ = ("error",)

    def __init__(self, error: LedgerError) -> None:
        self.error = error


def _column(
    table: Table, rows: list[PlannedRow], name: str, parse: Callable[[object], Any]
) -> list[Any] | None:
    """One field parsed down a whole column, each distinct cell value parsed once (an import
    of 100,000 rows holds a few hundred members, amounts and dates); a refused cell becomes
    a problem of its row. None when the table has no such column.

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
        try:
            done[key] = parse(key[1] if mixed else key)
        except LedgerError as exc:
            done[key] = _Failed(exc)
            failed = True
    parsed = list(map(done.__getitem__, keys))
    if failed:
        header = table.headers[index]
        for row, result in zip(rows, parsed, strict=True):
            if result.__class__ is _Failed:
                row.problems.append(Problem(row.number, header, result.error))
    return parsed


def _optional_year(value: object) -> int | None:
    return None if cells.is_blank(value) else cells.year(value)


NO_YEAR = (
    "no year: the sheet has no year column and neither its name nor a title line gives one; "
    "add --year"
)


def _contributions(tx: Tx, cluster: Cluster, plan: Plan, progress: Progress | None) -> None:
    table, rows = plan.table, plan.rows
    if "year" not in table.columns and table.year is None:
        raise InputError(NO_YEAR)
    nothing = [None] * len(rows)
    kbos = _column(table, rows, "kbo", cells.kbo) or nothing
    amounts = _column(table, rows, "amount", cells.cents) or nothing
    years = _column(table, rows, "year", _optional_year) or nothing
    paid = _column(table, rows, "paid_on", cells.day) or nothing
    notes = _column(table, rows, "note", cells.optional_text) or nothing
    year_header = table.header_of("year") if "year" in table.columns else None
    parsed: list[PlannedRow] = []
    seen: dict[tuple[str, int, object], int] = {}
    where = f"{table.file_name}:{table.sheet}:row "
    new, make = operations.NewContribution, tuple.__new__
    default_year = table.year
    columns = zip(rows, kbos, amounts, years, paid, notes, strict=True)
    for i, (row, kbo, amount, year, day, note) in enumerate(columns):
        if progress and i % PROGRESS_EVERY == 0:
            progress(i, len(rows))
        if row.problems:
            continue
        year = year or default_year
        if year is None:
            row.problems.append(Problem(row.number, year_header, InputError(NO_YEAR)))
            continue
        identity = (kbo, year, day)
        seen[identity] = n = seen.get(identity, 0) + 1
        number = row.number
        row.key = f"{kbo}|{year}|{day or ''}|{n}"
        row.fingerprint = f"{amount}|" if note is None else _fingerprint(amount, note)
        # tuple.__new__ builds the named tuple without a Python-level call per row.
        row.record = make(new, (kbo, year, amount, day, note, f"{where}{number}", number))
        parsed.append(row)
    if progress:
        progress(len(rows), len(rows))
    _, problems = operations.contribution_problems(tx, cluster, [r.record for r in parsed])
    fields = {"amount": "amount", "kbo": "kbo", "year": "year", "note": "note"}
    for index, (name, error) in problems.items():
        row = parsed[index]
        column = table.columns.get(fields[name])
        header = table.headers[column] if column is not None else None
        row.problems.append(Problem(row.number, header, error))
    before = imports.imported_rows(cluster, "contributions", session=tx.session)
    for row in parsed if before else ():
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
            message = (
                f"this row changed since batch {batch} imported it; it is not imported twice: "
                f"undo batch {batch} ('import undo {batch}') and import the file again"
            )
            plan.problems.append(Problem(row.number, None, LedgerError(message)))
    plan.problems += _check_totals(table, plan.rows)


def _check_totals(table: Table, rows: list[PlannedRow]) -> list[Problem]:
    """Each total row's cached amount against the rows above it (since the last subtotal).

    A spreadsheet's SUM skips amounts typed as text, so a total that matches the numeric
    cells alone is accepted too. An empty total cell (a formula never calculated) is not
    checked, and neither is a block with an unreadable amount (that row is reported).
    """
    column = table.columns.get("amount")
    if column is None:
        return []
    header = table.headers[column]
    found: list[Problem] = []
    block_all = block_numeric = grand_all = grand_numeric = 0
    block_ok = grand_ok = True
    by_number = iter(rows)
    pending = next(by_number, None)
    for number, values, subtotal in table.totals:
        while pending is not None and pending.number < number:
            value = pending.cells[column] if column < len(pending.cells) else None
            try:
                cents = cells.cents(value)
            except LedgerError:
                block_ok = grand_ok = False
                cents = 0
            numeric = cents if isinstance(value, int | float) else 0
            block_all, block_numeric = block_all + cents, block_numeric + numeric
            grand_all, grand_numeric = grand_all + cents, grand_numeric + numeric
            pending = next(by_number, None)
        stated_cell = values[column] if column < len(values) else None
        sums = (block_all, block_numeric) if subtotal else (grand_all, grand_numeric)
        ok = block_ok if subtotal else grand_ok
        block_all = block_numeric = 0
        block_ok = True
        if cells.is_blank(stated_cell) or not ok:
            continue
        try:
            stated = cells.cents(stated_cell)
        except LedgerError as exc:
            found.append(Problem(number, header, exc))
            continue
        if stated not in sums:
            what = "subtotal" if subtotal else "total"
            message = f"the {what} is {format_eur(stated)} but the rows above add up to {format_eur(sums[0])}"
            if sums[1] != sums[0]:
                message += f" ({format_eur(sums[1])} without the amounts typed as text)"
            found.append(Problem(number, header, InputError(message + "; check both")))
    return found


def _members(tx: Tx, cluster: Cluster, plan: Plan, _progress: Progress | None) -> None:
    table = plan.table
    standing = state.member_histories(cluster, session=tx.session)
    today = date.today()
    optional = {
        "kind": cells.kind,
        "joined": cells.day,
        "left": cells.day,
        "mandate": cells.day,
        "region": cells.region,
    }
    parsed: list[PlannedRow] = []
    for row in plan.rows:
        get = _getter(table, row)
        record = {
            "kbo": get("kbo", cells.kbo),
            "name": get("name", cells.required_text),
            "postcode": get("postcode", cells.postcode),
        }
        for name, parse in optional.items():
            record[name] = get(name, parse) if name in table.columns else None
        if row.problems:
            continue
        if record["joined"] and record["left"] and record["left"] < record["joined"]:
            header = table.headers[table.columns["left"]]
            error = InputError(
                f"the leaving date {record['left']} is before the joining date {record['joined']}"
            )
            row.problems.append(Problem(row.number, header, error))
            continue
        row.record = record
        row.key = record["kbo"]
        parsed.append(row)
    seen: dict[str, int] = {}
    for row in parsed:
        kbo = row.record["kbo"]
        if kbo in seen:
            error = InputError(
                f"{identifiers.format_number(kbo)} is listed twice (also in row {seen[kbo]}); "
                "keep one row per member"
            )
            row.problems.append(Problem(row.number, table.header_of("kbo"), error))
            continue
        seen[kbo] = row.number
        r, known = row.record, standing.get(kbo)
        held = _open_mandate(known)
        # A column the sheet lacks keeps what the ledger knows; so does a blank cell for
        # the kind or the mandate (a blank never withdraws a mandate on record).
        for name in ("joined", "left"):
            if known is not None and name not in table.columns:
                r[name] = getattr(known.period, name)
        if r["mandate"] is None:
            r["mandate"] = held
        elif held is not None and r["mandate"] != held:
            error = ConflictError(
                f"{known.name} ({identifiers.format_number(kbo)}) already holds a mandate, given "
                f"on {held}, and the sheet says {r['mandate']}; correct the date with "
                "'member mandate --replace --reason', or record a withdrawal first"
            )
            row.problems.append(Problem(row.number, table.header_of("mandate"), error))
            continue
        if r["kind"] is None:
            company = known or state.member_history(cluster, kbo, session=tx.session)
            r["kind"] = company.facts.kind_on(today) if company else MemberKind.ENTERPRISE
        row.fingerprint = _digest(*(r[k] for k in sorted(r)))
        if known is None:
            continue
        override = known.facts.override_on(today)
        region = r["region"].value if r["region"] else override
        now = (r["name"], r["postcode"], r["kind"].value, region, r["joined"], r["left"])
        then = (
            known.name,
            known.facts.postcode_on(today),
            known.facts.kind_on(today).value,
            override,
            known.period.joined,
            known.period.left,
        )
        row.status = "unchanged" if now == then and r["mandate"] == held else "updated"


def _open_mandate(known: MemberHistory | None) -> date | None:
    """The day the mandate a member holds (not withdrawn) was given."""
    if known is None or not known.mandates or known.mandates[-1].withdrawn is not None:
        return None
    return known.mandates[-1].given


def _costs(tx: Tx, cluster: Cluster, plan: Plan, _progress: Progress | None) -> None:
    table = plan.table
    known = queries.costs_by_year(cluster, session=tx.session)
    years = state.cluster_years(cluster, session=tx.session)
    seen: dict[int, int] = {}
    for row in plan.rows:
        get = _getter(table, row)
        year, amount = get("year", cells.year), get("amount", cells.amount)
        if row.problems:
            continue
        try:
            cents = to_cents(amount)
        except LedgerError as exc:
            row.problems.append(Problem(row.number, table.header_of("amount"), exc))
            continue
        if year in seen:
            error = InputError(f"{year} is listed twice (also in row {seen[year]}); keep one")
            row.problems.append(Problem(row.number, table.header_of("year"), error))
            continue
        seen[year] = row.number
        # The ledger's own check, the one 'costs set' runs: nothing worded twice.
        found = check_set_costs(years, year, cents)
        if found:
            column = "amount" if found[0].code == "costs.negative" else "year"
            row.problems.append(Problem(row.number, table.header_of(column), found[0].error()))
            continue
        row.record = {"year": year, "amount": from_cents(cents)}
        row.key, row.fingerprint = str(year), _digest(year, cents)
        if year in known:
            row.status = "unchanged" if known[year] == cents else "updated"
