"""Planning a project list (``--what projects``).

A project's row says where the project stands now and on which days it got there; it
becomes a new project and the status steps that bring it there (see
:mod:`importers.portfolio`). Each step is checked by the ledger's own pure checks on the
project as it would be after the steps before it, the checks ``project status`` runs: a
grant above the request, a day before the last one or in a locked year is the row's
problem, at its column.

A project the cluster holds already (the same acronym, else the same title) is
``unchanged`` when the row says what the ledger holds, ``updated`` when the row moves it
further along its road (submitted in the ledger, approved in the sheet with the day of
the decision: the steps are added, each dated and audited), and ``conflicting`` when
the row says something else: an import never rewrites a project's details, nor steps
back (``project update`` and ``project status`` do, dated and audited).

An import never closes a project: a closed project is read-only, and its partners (the
partner list, imported next) must land first. A row that says ``closed`` brings its
project as far as ``running``, with a note saying how to close it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from importers import cells
from importers.plan import Plan, PlannedRow, Progress, Skipped, digest, problem_of
from importers.plan_portfolio import (
    ambiguous,
    for_row,
    getter,
    key_of,
    known_projects,
    money,
    required,
    sort_rows,
    worded,
)
from importers.portfolio import PortfolioProject, road
from importers.table import Table
from ledger import projects, state
from ledger.checks.project_status import check_status
from ledger.checks.projects import ProjectFields, check_add, check_update
from ledger.cluster_rules import ClusterRules
from ledger.errors import LedgerError
from ledger.portfolio import ProjectState, Step, derived, path
from ledger.problems import Location, Problem
from ledger.project_terms import ProjectStatus, parse_status, parse_type
from ledger.rules import RuleSet
from ledger.snapshot import ClusterYears
from ledger.storage.tables import Cluster

S = ProjectStatus


@dataclass(frozen=True)
class _Context:
    """What every row of a project list is checked against."""

    years: ClusterYears
    rules: ClusterRules
    themes: list[str]
    today: date

    def rules_for(self, p: PortfolioProject | ProjectState) -> RuleSet:
        """The rule set of the year the project was submitted (or of today, for a draft)."""
        day = p.submitted if isinstance(p, PortfolioProject) else p.submitted_on
        return self.rules.for_year((day or self.today).year)


def plan_projects(
    session: Any,
    cluster: Cluster,
    plan: Plan,
    table_problems: list[Problem],
    notes: list[Problem],
    _progress: Progress | None,
) -> None:
    """Fill ``plan`` with a project list's rows, their fates and problems."""
    table = plan.table
    sort_rows(table, plan, lambda row: _read(table, row), notes, table_problems)
    ctx = _Context(
        state.cluster_years(cluster, session=session),
        state.rule_copies(cluster.id, session=session),  # type: ignore[arg-type]
        projects.themes(cluster, session=session),
        date.today(),
    )
    by_acronym, by_title, _ = known_projects(cluster, session)
    seen: dict[str, PlannedRow] = {}
    kept: list[PlannedRow] = []
    for row in plan.rows:
        p: PortfolioProject | None = row.record
        if row.problems or p is None:
            kept.append(row)
            continue
        row.key = key_of(p.acronym or p.title)
        first = seen.setdefault(row.key, row)
        if first is not row:
            if first.record == p:
                place = table.location(row.number)
                notes.append(
                    Problem("note.duplicate_project", {"other": first.number}, place, "note")
                )
                plan.skipped.append(Skipped(row.number, "duplicate", row.cells))
                continue
            facts = {"project": p.acronym or p.title, "other": first.number}
            place = table.location(row.number, table.header_at("acronym" if p.acronym else "title"))
            row.problems.append(Problem("row.project_twice", facts, place))
            kept.append(row)
            continue
        kept.append(row)
        row.fingerprint = digest(*_values(p))
        found = by_acronym.get(row.key, []) if p.acronym else []
        found = found or by_title.get(key_of(p.title), [])
        if len(found) > 1:
            column = "acronym" if p.acronym else "title"
            row.problems.append(
                for_row(ambiguous(cluster, p.acronym or p.title, found), table, row.number, column)
            )
        elif found:
            _class_known(ctx, table, row, p, found[0], notes)
        else:
            for problem in _new_project_problems(ctx, p):
                placed = for_row(problem, table, row.number, _column(table, problem))
                (row.problems if problem.severity == "error" else notes).append(placed)
            if p.status == S.CLOSED and not row.problems:
                notes.append(_closed_note(table, row.number, p))
    plan.rows = kept


def _read(table: Table, row: PlannedRow) -> None:
    """The row's project, or its problems."""
    get = getter(table, row)
    title = get("title", required("the project's title"), required=True)
    kind = get("type", worded(parse_type), required=True)
    status = get("status", worded(parse_status))
    submitted = get("submitted", cells.day)
    fields = {
        "acronym": get("acronym", cells.optional_text),
        "theme": get("theme", cells.optional_text),
        "decided": get("decided", cells.day),
        "start": get("start", cells.day),
        "end": get("end", cells.day),
        "budget_cents": get("budget", money),
        "aid_requested_cents": get("aid_requested", money),
        "aid_granted_cents": get("aid_granted", money),
    }
    if not row.problems:
        status = status or (S.SUBMITTED if submitted else S.DRAFT)
        row.record = PortfolioProject(kind, title, status, submitted=submitted, **fields)


def _closed_note(table: Table, row: int, p: PortfolioProject, id: int | None = None) -> Problem:
    facts = {"project": p.acronym or p.title, "day": p.end, "id": id or "ID"}
    return Problem(
        "note.project_closed_after_partners",
        facts,
        table.location(row, table.header_at("status")),
        "note",
    )


def _values(p: PortfolioProject) -> tuple[object, ...]:
    return (
        p.type.value, p.title, p.acronym, p.theme, p.status.value, p.submitted, p.decided,
        p.start, p.end, p.budget_cents, p.aid_requested_cents, p.aid_granted_cents,
    )  # fmt: skip


def _class_known(
    ctx: _Context,
    table: Table,
    row: PlannedRow,
    p: PortfolioProject,
    known: ProjectState,
    notes: list[Problem],
) -> None:
    """A project the ledger holds: unchanged if the row says the same, updated if it moves
    the project forward (or gives a start or end the ledger has not got yet), else
    conflicting."""
    held = [status for status, _ in path(known.steps)][1:]  # from the submission on
    closing = p.status == S.CLOSED and known.status != S.CLOSED
    same = p.status == known.status or (closing and known.status == S.RUNNING)
    steps: list[tuple[ProjectStatus, date, int | None]] = []
    if not (same and p.status == S.WITHDRAWN):  # a withdrawal's day is not in a sheet
        try:
            sheet = [(S.SUBMITTED, p.submitted, None), *road(p)] if p.status != S.DRAFT else []
        except LedgerError as exc:
            field = exc.problem.location.field if exc.problem else "status"
            row.problems.append(problem_of(exc, table.location(row.number, _header(table, field))))
            return
        if not same:
            if [s for s, _, _ in sheet[: len(held)]] != held or len(sheet) <= len(held):
                _behind(ctx.years, table, row, p, known)
                return
            steps = [s for s in sheet[len(held) :] if s[0] != S.CLOSED]  # type: ignore[misc]
    fills = tuple(
        name
        for name, held in (("start", known.starts_on), ("end", known.ends_on))
        if held is None and getattr(p, name) is not None and name in table.columns
    )
    differs = [
        name
        for name in _differs(table, p, known, decided=known.decided_on is not None)
        if name not in fills
    ]
    if differs:
        row.status = "conflicting"
        words = {"aid_requested": "aid requested", "aid_granted": "aid granted"}
        facts = {"project": known.label, "id": known.id, "field": words.get(differs[0], differs[0])}
        place = table.location(row.number, table.header_at(differs[0]))
        row.problems.append(Problem("row.project_differs", facts, place, kind="conflict"))
        return
    if closing:
        notes.append(_closed_note(table, row.number, p, known.id))
    if not steps and not fills:
        row.status = "unchanged"
        return
    current = known
    if fills:
        current = replace(
            known, starts_on=known.starts_on or p.start, ends_on=known.ends_on or p.end
        )
        fields = ProjectFields(
            current.title, current.type, current.acronym, current.theme, current.submitted_on,
            current.starts_on, current.ends_on, current.budget_cents, current.aid_requested_cents,
        )  # fmt: skip
        found = check_update(ctx.years, ctx.rules_for(known), known, fields, ctx.themes, ctx.today)
        problems = [x for x in found if x.severity == "error"]
        if problems:
            column = _column(table, problems[0]) or fills[0]
            row.problems.append(for_row(problems[0], table, row.number, column))
            return
    for status, day, granted in steps:
        problems = check_status(ctx.years, current, status, day, aid_granted_cents=granted)
        if problems:
            column = _column(table, problems[0]) or "status"
            row.problems.append(for_row(problems[0], table, row.number, column))
            return
        current = _after(current, status, day, granted)
    row.status = "updated"
    row.record = replace(p, id=known.id, steps=tuple(steps), fills=fills)


def _behind(
    years: ClusterYears, table: Table, row: PlannedRow, p: PortfolioProject, known: ProjectState
) -> None:
    """The row's status is behind the ledger's, or on another branch of the road: the
    ledger's check of that step says why it is refused."""
    row.status = "conflicting"
    day = p.decided or p.submitted or date.today()
    facts = {"project": known.label, "current": known.status.value, "to": p.status.value}
    behind = Problem("row.project_behind", {**facts, "id": known.id}, kind="conflict")
    problem = next(iter(check_status(years, known, p.status, day)), behind)
    if problem.code == "project.status_back_needs_reason":
        problem = behind
    row.problems.append(for_row(problem, table, row.number, "status"))


def _differs(table: Table, p: PortfolioProject, known: ProjectState, *, decided: bool) -> list[str]:
    """The fields a row gives otherwise than the ledger holds them (the decision's day and
    grant only once the ledger has a decision; a column the sheet lacks never differs)."""
    theirs = {
        "type": (p.type, known.type),
        "title": (p.title, known.title),
        "acronym": (p.acronym, known.acronym),
        "theme": (p.theme, known.theme),
        "submitted": (p.submitted, known.submitted_on),
        "start": (p.start, known.starts_on),
        "end": (p.end, known.ends_on),
        "budget": (p.budget_cents, known.budget_cents),
        "aid_requested": (p.aid_requested_cents, known.aid_requested_cents),
    }
    if decided:
        theirs["decided"] = (p.decided, known.decided_on)
        theirs["aid_granted"] = (p.aid_granted_cents, known.aid_granted_cents)
    return [
        name for name, (given, held) in theirs.items() if given != held and name in table.columns
    ]


def _after(
    project: ProjectState, to: ProjectStatus, day: date, granted: int | None
) -> ProjectState:
    """The project once it took one more step (as the ledger would record it)."""
    step = Step(len(project.steps) + 1, project.status, to, day, granted)
    steps = (*project.steps, step)
    submitted, decided, aid = derived(steps)
    return replace(
        project,
        status=to,
        steps=steps,
        submitted_on=submitted,
        decided_on=decided,
        aid_granted_cents=aid,
    )


def _new_project_problems(ctx: _Context, p: PortfolioProject) -> list[Problem]:
    """What adding the project and walking it to its status would meet, step by step."""
    fields = ProjectFields(
        title=p.title,
        type=p.type,
        acronym=p.acronym,
        theme=p.theme,
        submitted_on=p.submitted,
        starts_on=p.start,
        ends_on=p.end,
        budget_cents=p.budget_cents,
        aid_requested_cents=p.aid_requested_cents,
    )
    found = check_add(ctx.years, ctx.rules_for(p), fields, ctx.themes)
    if any(x.severity == "error" for x in found):
        return found
    try:
        steps = road(p)
    except LedgerError as exc:
        return [*found, exc.problem or problem_of(exc, Location(field="status"))]
    first = Step(1, None, S.SUBMITTED if p.submitted else S.DRAFT, p.submitted or ctx.today)
    submitted, decided, granted = derived((first,))
    current = ProjectState(
        0, 0, p.type, p.title, p.acronym, p.theme, first.to_status, submitted, decided,
        p.start, p.end, p.budget_cents, p.aid_requested_cents, granted, 1, (first,),
    )  # fmt: skip
    for status, day, aid in steps:
        problems = check_status(ctx.years, current, status, day, aid_granted_cents=aid)
        if problems:
            return found + problems
        current = _after(current, status, day, aid)
    return found


def _header(table: Table, field: str | None) -> str | None:
    """The header of a field's column, else of the status column (which decides what the
    row needs)."""
    return table.header_at(field or "status") or table.header_at("status")


def _column(table: Table, problem: Problem) -> str | None:
    """The column of a project list a problem of the ledger's checks is about (the status
    column when the sheet lacks that field's column)."""
    field = problem.location.field
    if problem.code == "project.dates_out_of_order":
        field = "end" if problem.facts.get("late_what") == "end" else "decided"
    elif problem.code == "date.implausible":
        field = {"submission": "submitted", "start": "start", "end": "end"}.get(
            str(problem.facts.get("what")), _status_day(problem)
        )
    elif problem.code.startswith("project.status") or problem.code == "year.locked":
        field = _status_day(problem) if field == "date" else (field or "status")
    if field is None:
        return None
    return field if field in table.columns else ("status" if "status" in table.columns else None)


def _status_day(problem: Problem) -> str:
    """The column holding the day of the status a step goes to."""
    days = {"approved": "decided", "rejected": "decided", "running": "start", "closed": "end"}
    return days.get(str(problem.facts.get("to")), "status")
