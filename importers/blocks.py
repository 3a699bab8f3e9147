"""Totals, remarks and the blocks between them: every non-data row of a table, sorted out.

A row is a total by its label *and* its cells: it starts with "Totaal", "Total",
"Subtotaal" (:data:`~importers.vocabulary.TOTALS`) and holds no enterprise number, and
its amount is the sum above it, or its label is nothing but a total's ("Totaal",
"Subtotaal januari", "Totaal 2026: 38 leden"). So "Total Belgium NV" with an enterprise
number is a member, and without one it is a member's row missing its number, not a
total. A row with no label and nothing but an amount that equals the sum above it is a
total too (noted). A total is checked against the amounts above it: a subtotal against
its block (since the previous total), a total against the block or everything above.

Rows after a total are read, as a block of their own, never dropped. A row holding a
single text and nothing else, after a total or in a column no field takes, is a remark
("Opgemaakt door Jan"): noted, not imported.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from importers import cells
from importers.plan import PlannedRow, Skipped, problem_of
from importers.reading import Uncalculated
from importers.table import Table, total_label
from importers.vocabulary import MONTHS, QUALIFIERS, normalise
from ledger.errors import LedgerError
from ledger.money import format_eur
from ledger.problems import Problem

_TOTAL_WORDS = QUALIFIERS | frozenset(
    {"generaal", "algemeen", "general", "bijdragen", "bijdrage", "contributions", "kosten"}
)


class Failed:
    """A parsed column's cell that was refused (its problem is on the row)."""

    __slots__ = ()


FAILED = Failed()


@dataclass(slots=True)
class Sorted:
    """The rows of data that remain, and what the others became."""

    rows: list[PlannedRow] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)


def holds_number(value: object) -> bool:
    """Whether a cell could be an enterprise number: nine digits or more (a number cell
    loses the leading zero), so ``Totaal: 38 leden`` in that column is a label."""
    if cells.is_blank(value) or isinstance(value, cells.CellError):
        return False
    return sum(ch.isdigit() for ch in cells.text(value)) >= 9


def pure_total_label(label: str) -> bool:
    """A label that is nothing but a total's: the word, then digits, months or words such
    as "van", "leden" (``Totaal januari``, ``Totaal 2026: 38 leden``)."""
    words = normalise(label).split()
    rest = words[1:]
    if words[:2] in (["sub", "total"], ["sub", "totaal"], ["grand", "total"], ["sous", "total"]):
        rest = words[2:]
    if words[:2] == ["algemeen", "totaal"]:
        rest = words[2:]
    return all(w.isdigit() or w in MONTHS or w in _TOTAL_WORDS for w in rest)


def members_of_totals(
    table: Table, rows: list[PlannedRow]
) -> tuple[list[PlannedRow], list[tuple[int, list[object], bool]], list[Problem], set[int]]:
    """Rows labelled as totals that hold an enterprise number are members: put back among
    the rows of data (in row order), each with a note. A label that is more than a
    total's ("Total Belgium NV") without a number goes back too, as a row that is a total
    only if its amount is the sum above it (the last set returned)."""
    kbo = table.columns.get("kbo")
    totals, notes, members, maybe = [], [], [], set()
    for number, values, subtotal in table.totals:
        value = values[kbo] if kbo is not None and kbo < len(values) else None
        label = total_label(values)
        if holds_number(value):
            members.append(PlannedRow(number, values))
            facts = {"word": label[1].split()[0] if label else ""}
            notes.append(Problem("note.total_is_member", facts, table.location(number), "note"))
        elif label is not None and not pure_total_label(label[1]):
            members.append(PlannedRow(number, values))
            maybe.add(number)
        else:
            totals.append((number, values, subtotal))
    if members:
        rows = sorted(rows + members, key=lambda r: r.number)
    return rows, totals, notes, maybe


def sort_out(
    table: Table,
    rows: list[PlannedRow],
    amounts: Sequence[object] | None,
    totals: list[tuple[int, list[object], bool]],
    maybe: set[int] = frozenset(),  # type: ignore[assignment]
    field: str = "amount",
) -> Sorted:
    """Walk the rows and totals in order: check each total, find unlabelled totals and
    remarks among the rows that failed, and keep the rest as rows of data.

    ``amounts`` holds each row's parsed amount in cents (or :data:`FAILED`, or
    ``cells.NOT_PAID_YET``), or is None when the table has no amount column; ``field``
    is the column the amounts and the totals are in (a project list's ``budget``).
    """
    if not totals and not any(row.problems for row in rows):
        # No total to check and no row that could be one, or a remark: every row is a
        # row of data (the usual large file), known without walking them in Python.
        return Sorted(rows=list(rows))
    walk = _Walk(table, amounts is not None, maybe, field)
    labelled = iter(totals)
    pending = next(labelled, None)
    for index, row in enumerate(rows):
        while pending is not None and pending[0] < row.number:
            walk.total(*pending)
            pending = next(labelled, None)
        walk.row(row, amounts[index] if amounts is not None else None)
    while pending is not None:
        walk.total(*pending)
        pending = next(labelled, None)
    return walk.done


class _Walk:
    """Sums of the current block (since the last total) and of everything above."""

    def __init__(self, table: Table, checks: bool, maybe: set[int], field: str) -> None:
        self.table, self.checks, self.maybe, self.field = table, checks, maybe, field
        self.amount = table.columns.get(field)
        self.mapped = set(table.columns.values())
        self.done = Sorted()
        self.block = [0, 0]  # every amount, and those in number cells only
        self.grand = [0, 0]
        self.block_ok = self.grand_ok = True
        self.block_rows = 0
        self.after: int | None = None  # the row of the last total that was not a subtotal
        self.said_after = False

    def row(self, row: PlannedRow, value: object) -> None:
        if row.problems and self._remark(row):
            return
        if row.problems and self._unlabelled_total(row, value):
            return
        if self.after is not None and not self.said_after:
            place = self.table.location(self.after)
            self.done.notes.append(Problem("note.after_total", {"row": self.after}, place, "note"))
            self.said_after = True
        self.done.rows.append(row)
        if value is None or value is cells.NOT_PAID_YET:
            return
        if value is FAILED:
            self.block_ok = self.grand_ok = False
            return
        cell = (
            row.cells[self.amount]
            if self.amount is not None and self.amount < len(row.cells)
            else None
        )
        numeric = value if isinstance(cell, int | float) else 0
        self.block[0] += value  # type: ignore[operator]
        self.block[1] += numeric  # type: ignore[operator]
        self.grand[0] += value  # type: ignore[operator]
        self.grand[1] += numeric  # type: ignore[operator]
        self.block_rows += 1

    def _filled(self, row: PlannedRow) -> list[tuple[int, object]]:
        return [(i, v) for i, v in enumerate(row.cells) if not cells.is_blank(v)]

    def _remark(self, row: PlannedRow) -> bool:
        filled = self._filled(row)
        if len(filled) != 1 or not isinstance(filled[0][1], str):
            return False
        index, text = filled[0]
        if self.after is None and index in self.mapped:
            return False
        place = self.table.location(row.number)
        self.done.notes.append(Problem("note.remark", {"text": text.strip()[:80]}, place, "note"))
        self.done.skipped.append(Skipped(row.number, "remark", row.cells))
        return True

    def _unlabelled_total(self, row: PlannedRow, value: object) -> bool:
        if not self.checks or not isinstance(value, int) or not self.block_rows:
            return False
        filled = [i for i, _ in self._filled(row)]
        if row.number in self.maybe:
            filled = filled[1:]  # the label
        if filled != [self.amount]:
            return False
        if value not in (self.block[0], self.block[1], self.grand[0], self.grand[1]):
            return False
        place = self.table.location(row.number, self.table.header_at(self.field))
        self.done.notes.append(
            Problem("note.total_unlabelled", {"sum": format_eur(value)}, place, "note")
        )
        self.done.skipped.append(Skipped(row.number, "total", row.cells))
        self._close_block(subtotal=False, number=row.number)
        return True

    def total(self, number: int, values: list[object], subtotal: bool) -> None:
        self.done.skipped.append(Skipped(number, "total", values))
        if self.checks and self.amount is not None:
            self._check(number, values, subtotal)
        self._close_block(subtotal, number)

    def _close_block(self, subtotal: bool, number: int) -> None:
        self.block = [0, 0]
        self.block_ok = True
        self.block_rows = 0
        if not subtotal:
            self.after, self.said_after = number, False

    def _check(self, number: int, values: list[object], subtotal: bool) -> None:
        assert self.amount is not None
        header = self.table.headers[self.amount]
        place = self.table.location(number, header)
        stated_cell = values[self.amount] if self.amount < len(values) else None
        if isinstance(stated_cell, Uncalculated):
            facts = {"formula": stated_cell.formula}
            self.done.notes.append(Problem("note.total_uncalculated", facts, place, "note"))
            return
        ok = self.block_ok if subtotal else self.block_ok and self.grand_ok
        if cells.is_blank(stated_cell) or not ok:
            return
        try:
            stated = cells.cents(stated_cell)
        except LedgerError as exc:
            self.done.problems.append(problem_of(exc, place))
            return
        sums = [self.block] if subtotal else [self.block, self.grand]
        if any(stated in pair for pair in sums):
            return
        shown = self.block if subtotal or self.after is not None else self.grand
        kind = "subtotal" if subtotal else "total"
        code = f"{kind}.mismatch" if shown[0] == shown[1] else f"{kind}.mismatch_text"
        facts = {
            "stated": format_eur(stated),
            "sum": format_eur(shown[0]),
            "numeric": format_eur(shown[1]),
        }
        self.done.problems.append(Problem(code, facts, place))
