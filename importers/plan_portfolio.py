"""What planning a project list and a partner list share: reading a row's cells, finding
the cluster's projects a row names, and putting the ledger's checks at a row's cell.

A project is known by its acronym or its title, with case and spaces folded, so that
``EDGE`` in a partner list names the project ``Edge`` of the project list:

>>> key_of("  Grid  Edge ")
'grid edge'
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from importers import blocks, cells
from importers.plan import Plan, PlannedRow, problem_of
from importers.table import Table
from ledger import projects
from ledger.errors import LedgerError
from ledger.portfolio import ProjectState
from ledger.problems import Problem
from ledger.storage.tables import Cluster

Get = Callable[..., Any]
# Problems of the ledger's checks whose hint speaks of a command's options: the import
# words them for a row of a sheet.
IMPORT_WORDS = {
    "project.aid_above_requested": "row.aid_above_requested",
    "project.kbo_abroad": "row.kbo_abroad",
    "project.partner_needs_party": "row.partner_needs_party",
    "project.partner_needs_name": "row.partner_needs_name",
}


def getter(table: Table, row: PlannedRow) -> Get:
    """Parse one field of a row (None when its column is absent or its cell blank); a
    failure becomes a problem at its column."""

    def get(name: str, parse: Callable[[object], Any], required: bool = False) -> Any:
        index = table.columns.get(name)
        value = row.cells[index] if index is not None and index < len(row.cells) else None
        if cells.is_blank(value) and not required:
            return None
        try:
            return parse(value)
        except LedgerError as exc:
            row.problems.append(problem_of(exc, table.location(row.number, table.header_at(name))))
            return None

    return get


def worded(text: Callable[[str], Any]) -> Callable[[object], Any]:
    """A parser of words (a type, status, role or country) as a cell parser."""
    return lambda value: text(cells.text(value))


def required(what: str) -> Callable[[object], str]:
    """A cell that must hold text (a project's title, the project a partner row names)."""

    def parse(value: object) -> str:
        found = cells.text(value)
        if not found:
            raise Problem("row.cell_empty", {"what": what}).error()
        return found

    return parse


def money(value: object) -> int:
    return cells.cents(value)


def key_of(name: str) -> str:
    """How a project is known across a sheet and the ledger: its acronym or title, with
    case and spaces folded."""
    return " ".join(name.casefold().split())


def for_row(problem: Problem, table: Table, row: int, column: str | None) -> Problem:
    """A problem of the ledger's checks, at a row's cell, worded for a sheet."""
    code = IMPORT_WORDS.get(problem.code, problem.code)
    place = table.location(row, table.header_at(column) if column else None)
    return Problem(code, problem.facts, place, problem.severity, problem.kind)


def sort_rows(
    table: Table,
    plan: Plan,
    read: Callable[[PlannedRow], None],
    notes: list[Problem],
    table_problems: list[Problem],
) -> None:
    """Read every row (``read`` sets its record, or its problems), and sort out the
    totals, remarks and rows of data as for every import; a total is checked against the
    budgets above it."""
    rows = [PlannedRow(number, values) for number, values in table.rows]
    rows, totals, member_notes, maybe = blocks.members_of_totals(table, rows)
    for row in rows:  # with the rows labelled as totals that may not be ones
        read(row)
    notes += member_notes
    budgets = None
    if "budget" in table.columns:
        budgets = [_cents(row.cells, table.columns["budget"]) for row in rows]
    found = blocks.sort_out(table, rows, budgets, totals, maybe, field="budget")
    plan.skipped += found.skipped
    notes += found.notes
    table_problems += found.problems
    plan.rows = found.rows


def _cents(values: list[object], index: int) -> object:
    """A row's budget in cents, None when blank, :data:`blocks.FAILED` when unreadable."""
    value = values[index] if index < len(values) else None
    if cells.is_blank(value):
        return None
    try:
        return cells.cents(value)
    except LedgerError:
        return blocks.FAILED


def known_projects(
    cluster: Cluster, session: Any
) -> tuple[dict[str, list[ProjectState]], dict[str, list[ProjectState]], dict[str, ProjectState]]:
    """The cluster's projects by acronym, by title and by id."""
    by_acronym: dict[str, list[ProjectState]] = {}
    by_title: dict[str, list[ProjectState]] = {}
    by_id: dict[str, ProjectState] = {}
    for line in projects.portfolio(cluster, session=session):
        held = line.state
        if held.acronym:
            by_acronym.setdefault(key_of(held.acronym), []).append(held)
        by_title.setdefault(key_of(held.title), []).append(held)
        by_id[str(held.id)] = held
    return by_acronym, by_title, by_id


def ambiguous(cluster: Cluster, name: str, found: list[ProjectState]) -> Problem:
    ids = ", ".join(str(p.id) for p in found)
    facts = {"cluster": cluster.name, "count": len(found), "project": name, "ids": ids}
    return Problem("row.project_ambiguous", facts, kind="conflict")
