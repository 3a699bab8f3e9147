"""Planning a partner list (``--what project-partners``).

A partner's row names its project by acronym (or title, or its id in the ledger, as
``project list`` shows it) and the partner by enterprise number, or by name and
country. Each row is checked as ``project partner add`` checks it, against the project
with the partners of the rows above it: a party twice in a role, a second coordinator,
a user group on a project type that has none, shares above the project's totals, a
closed project. A partner the project has already, with the same shares, is
``unchanged``; with other shares, ``conflicting`` (``project partner update`` changes
them, audited).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from importers import cells
from importers.plan import Plan, PlannedRow, Progress, Skipped, digest
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
from importers.portfolio import PortfolioPartner
from importers.table import Table
from ledger import projects, state
from ledger.checks.partners import NewPartner, check_partner, check_party
from ledger.identifiers import format_number
from ledger.portfolio import PartnerShare, ProjectState
from ledger.problems import Problem
from ledger.project_terms import parse_country, parse_role
from ledger.snapshot import ClusterYears
from ledger.storage.tables import Cluster

# The column a problem of the partner checks is about, by the field it names.
_COLUMNS = {"role": "role", "name": "name", "country": "country", "kbo": "kbo", "aid": "aid"}


def plan_partners(
    session: Any,
    cluster: Cluster,
    plan: Plan,
    table_problems: list[Problem],
    notes: list[Problem],
    _progress: Progress | None,
) -> None:
    """Fill ``plan`` with a partner list's rows, their fates and problems."""
    table = plan.table
    sort_rows(table, plan, lambda row: _read(table, row), notes, table_problems)
    by_acronym, by_title, by_id = known_projects(cluster, session)
    years = state.cluster_years(cluster, session=session)
    today = date.today()
    sims: dict[int, ProjectState] = {}  # each project with the partners of the rows above
    seen: dict[str, PlannedRow] = {}
    kept: list[PlannedRow] = []
    for row in plan.rows:
        r: PortfolioPartner | None = row.record
        kept.append(row)
        if row.problems or r is None:
            continue
        found = by_acronym.get(key_of(r.project)) or by_title.get(key_of(r.project))
        found = found or ([by_id[r.project.strip()]] if r.project.strip() in by_id else [])
        if len(found) != 1:
            problem = ambiguous(cluster, r.project, found) if found else _unknown(cluster, r, by_id)
            row.problems.append(for_row(problem, table, row.number, "project"))
            continue
        project = sims.setdefault(found[0].id, found[0])
        known_name = projects.known_name(r.kbo, session=session)
        name = (r.name or "").strip() or known_name or ""
        share = PartnerShare(0, r.kbo, name, r.country or "BE", r.role, r.budget_cents, r.aid_cents)
        row.key = f"{project.id}|{share.party}|{r.role.value}"
        row.fingerprint = digest(row.key, r.budget_cents, r.aid_cents, name)
        row.record = replace(r, project=str(project.id))
        first = seen.setdefault(row.key, row)
        if first is not row:
            if _twice(table, plan, row, first, project, share, notes):
                kept.pop()  # read once
            continue
        new = NewPartner(r.role, r.kbo, r.name, r.country, r.budget_cents, r.aid_cents)
        _class(years, table, row, project, share, new, known_name, today, sims)
    plan.rows = kept


def _read(table: Table, row: PlannedRow) -> None:
    """The row's partner, or its problems."""
    get = getter(table, row)
    reference = get(
        "project",
        required("the project's acronym, title or id"),
        required=True,
    )
    role = get("role", worded(parse_role), required=True)
    kbo = get("kbo", cells.kbo)
    country = get("country", worded(parse_country))
    name = get("name", cells.optional_text)
    budget, aid = get("budget", money), get("aid", money)
    if row.problems:
        return
    country = None if kbo and country == "BE" else country
    row.record = PortfolioPartner(reference, role, kbo, name, country, budget, aid)


def _unknown(cluster: Cluster, r: PortfolioPartner, by_id: dict[str, ProjectState]) -> Problem:
    known = ", ".join(sorted(p.acronym or p.title for p in by_id.values()))
    facts = {"project": r.project, "cluster": cluster.name, "known": known or "-"}
    return Problem("row.project_unknown", facts, kind="notfound")


def _twice(
    table: Table,
    plan: Plan,
    row: PlannedRow,
    first: PlannedRow,
    project: ProjectState,
    share: PartnerShare,
    notes: list[Problem],
) -> bool:
    """A party in the same role of the same project as a row above: read once (True) when
    the row repeats it, refused when its shares differ."""
    if row.fingerprint == first.fingerprint:
        place = table.location(row.number)
        notes.append(Problem("note.duplicate_partner", {"other": first.number}, place, "note"))
        plan.skipped.append(Skipped(row.number, "duplicate", row.cells))
        return True
    party = format_number(share.kbo) if share.kbo else f"{share.name} ({share.country})"
    facts = {
        "party": party,
        "role": share.role.value,
        "project": project.label,
        "other": first.number,
    }
    column = "kbo" if share.kbo else "name"
    row.problems.append(
        Problem("row.partner_twice", facts, table.location(row.number, table.header_at(column)))
    )
    return False


def _class(
    years: ClusterYears,
    table: Table,
    row: PlannedRow,
    project: ProjectState,
    share: PartnerShare,
    new: NewPartner,
    known_name: str | None,
    today: date,
    sims: dict[int, ProjectState],
) -> None:
    """Unchanged, conflicting, new, or refused by the ledger's checks of the partner."""
    held = next(
        (
            p
            for p in project.partners
            if p.id > 0 and (p.party, p.role) == (share.party, share.role)
        ),
        None,
    )
    if held is not None:
        if (held.budget_cents, held.aid_cents) == (share.budget_cents, share.aid_cents):
            row.status = "unchanged"
            return
        row.status = "conflicting"
        facts = {"project": project.label, "partner": held.id, "id": project.id}
        column = "budget" if held.budget_cents != share.budget_cents else "aid"
        place = table.location(row.number, table.header_at(column))
        row.problems.append(Problem("row.partner_differs", facts, place, kind="conflict"))
        return
    problems = check_party(new, known_name) or check_partner(years, project, share, today)
    for problem in problems[:1]:
        column = _COLUMNS.get(problem.location.field or "")
        if column is None:
            column = "budget" if "budget" in problem.code else "aid"
        if column not in table.columns:
            column = "role" if problem.code != "project.partner_needs_party" else "name"
        row.problems.append(for_row(problem, table, row.number, column))
    if not row.problems:  # the next rows are checked with this partner on the project
        sims[project.id] = replace(project, partners=(*project.partners, share))
