"""What an import would do, row by row, before anything is written.

Every non-blank row under the header gets a fate. A row of data is parsed, checked
against the ledger and classed:

- ``new``: not in the ledger yet; it lands on ``--commit``;
- ``updated``: a member or a year's costs the ledger knows with other details; it lands;
- ``unchanged``: imported before (or already in the ledger) exactly so; nothing to do;
- ``conflicting``: a contribution imported before from a row that has changed since;
  it never becomes a second entry;
- ``invalid``: a cell cannot be read, or the ledger refuses the row (unknown member,
  locked year, negative amount); each problem names its row and column.

The other rows are read and accounted for, never dropped without a word
(:class:`Skipped`): a *total* (labelled so and holding no enterprise number, or an
unlabelled row whose amount is the sum above it) is checked against the amounts above
it; a *remark* (a lone text after a total, or in a column no field takes) is noted;
on a contributions sheet a member's row without an amount (or ``-``) is *not paid*;
on a members sheet a row repeating another exactly (one per contact person) is read
once. Rows after a total are read as a further block. Blank rows are counted.

Problems are :class:`ledger.problems.Problem` values located at their file, sheet,
row and column; notes are problems of severity ``note`` and never block.

Planning only reads: it runs on a read snapshot for a dry run, and again under the
write lock for ``--commit`` (see :mod:`importers.batches`).

Example::

    plan = make_plan(session, cluster, table)
    plan.counts()   # {'new': 37, 'updated': 0, 'unchanged': 0, 'conflicting': 1, 'invalid': 2}
    plan.fates()    # {'rows': 41, 'landing': 37, ..., 'total': 1, 'blank': 1}
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Any, NamedTuple

from importers import columns
from importers.table import Table
from ledger.errors import (
    ConflictError,
    DatabaseError,
    LedgerError,
    LockedYearError,
    NotFoundError,
    RuleSetError,
)
from ledger.problems import Location, Problem
from ledger.storage.tables import Cluster

STATUSES = ("new", "updated", "unchanged", "conflicting", "invalid")
LANDS = ("new", "updated")
FATES = ("not_paid", "duplicate", "total", "remark")
PROGRESS_EVERY = 5000
Progress = Callable[[int, int], None]  # (rows done, rows in all)
_KINDS = (
    (LockedYearError, "locked"),
    (NotFoundError, "notfound"),
    (ConflictError, "conflict"),
    (RuleSetError, "rules"),
    (DatabaseError, "database"),
)


@dataclass(frozen=True, slots=True)
class Finding:
    """A problem (or note) of a plan: the ledger's :class:`Problem`, with the row, column
    and English error that the error report and older callers read."""

    problem: Problem

    @property
    def row(self) -> int | None:
        return self.problem.location.row

    @property
    def column(self) -> str | None:
        return self.problem.location.column

    @property
    def code(self) -> str:
        return self.problem.code

    @property
    def error(self) -> LedgerError:
        return self.problem.error()

    def where(self, table: Table | None = None) -> str:
        return str(self.problem.location)

    def text(self, language: str = "en", *, face: str = "cli") -> str:
        return self.problem.text(language, face=face)


def problem_of(error: LedgerError, location: Location) -> Problem:
    """A ledger error raised for a cell or row, as a problem found at ``location``."""
    if error.problem is not None:
        return error.problem.at(location)
    kind = next((k for cls, k in _KINDS if isinstance(error, cls)), "input")
    return Problem("cell.invalid", {"reason": error.message}, location, kind=kind)


@dataclass(slots=True)
class PlannedRow:
    number: int
    cells: list[object]
    status: str = "new"
    record: Any = None  # NewContribution, or the parsed fields of a member or a year's costs
    key: str = ""
    fingerprint: str = ""
    problems: list[Problem] = field(default_factory=list)


class Skipped(NamedTuple):
    """A non-blank row that is read but imports nothing: its fate is one of :data:`FATES`."""

    number: int
    fate: str
    cells: list[object]


_status = attrgetter("status")


@dataclass(slots=True)
class Plan:
    table: Table
    rows: list[PlannedRow]  # the rows of data, in row order
    problems: list[Finding]  # every error, rows' and the table's, in row order
    notes: list[Finding] = field(default_factory=list)  # what was read so, in row order
    skipped: list[Skipped] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        found = dict.fromkeys(STATUSES, 0)
        found.update(Counter(map(_status, self.rows)))
        return found

    def fates(self) -> dict[str, int]:
        """Every non-blank row's fate, the blank ones, and the rows in all."""
        counts = self.counts()
        fates = {
            "landing": counts["new"] + counts["updated"],
            "unchanged": counts["unchanged"],
            "conflicting": counts["conflicting"],
            "invalid": counts["invalid"],
            **dict.fromkeys(FATES, 0),
        }
        fates.update(Counter(s.fate for s in self.skipped))
        fates["blank"] = len(self.table.blank)
        fates["rows"] = len(self.rows) + len(self.skipped) + fates["blank"]
        return fates

    def landing(self) -> list[PlannedRow]:
        return [r for r in self.rows if r.status in LANDS]

    def landing_cents(self) -> int | None:
        """The sum of the amounts that land (contributions and costs), else None."""
        if self.table.what == "contributions":
            return sum(r.record.amount_cents for r in self.landing())
        if self.table.what == "costs":
            return sum(r.record["cents"] for r in self.landing())
        return None

    def blocking(self) -> list[Finding]:
        """Problems not tied to a row of data (a column, a wrong total): they keep the
        whole file out, even when invalid rows may be skipped."""
        numbers = {r.number for r in self.rows}
        return [p for p in self.problems if p.row not in numbers or p.code.startswith("column.")]


def digest(*parts: object) -> str:
    return hashlib.blake2b("|".join(map(str, parts)).encode(), digest_size=16).hexdigest()


def make_plan(
    session: Any, cluster: Cluster, table: Table, progress: Progress | None = None
) -> Plan:
    """Parse, check and class every row of ``table`` for an import into ``cluster``.

    ``session`` only reads: a read snapshot for a dry run, the write transaction's
    session for a commit.
    """
    from importers import plan_contributions, plan_members, plan_partners, plan_projects

    plan = Plan(table, [], [])
    planner = {
        "contributions": plan_contributions.plan,
        "members": plan_members.plan_members,
        "costs": plan_members.plan_costs,
        "projects": plan_projects.plan_projects,
        "project-partners": plan_partners.plan_partners,
    }
    notes: list[Problem] = list(table.notes)
    table_problems: list[Problem] = columns.problems(
        table.accounting, table.file_name, table.sheet, table.header_row
    )
    planner[table.what](session, cluster, plan, table_problems, notes, progress)
    for row in plan.rows:
        if row.problems and row.status != "conflicting":
            row.status = "invalid"
    found = [p for r in plan.rows for p in r.problems] + table_problems
    plan.problems = [Finding(p) for p in sorted(found, key=_order)]
    plan.notes = [Finding(p) for p in sorted(notes, key=_order)]
    plan.skipped.sort(key=attrgetter("number"))
    return plan


def _order(problem: Problem) -> int:
    return problem.location.row or 0
