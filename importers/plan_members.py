"""Planning a members sheet and a coordination-costs sheet.

A member's row creates or updates the company and its membership; the ledger's details
of a member count as the row's ``before``: a row that says the same is ``unchanged``,
one that says something else ``updated``. A column the sheet lacks keeps what the
ledger knows. A membership date written as a year alone is read as 1 January (joined)
or 31 December (left) of that year, with a note; a mandate needs its day. Rows that
repeat another exactly (a list with one row per contact person) are read once.

A costs row sets one year's coordination costs; a year listed twice, negative costs or a
locked year are problems of the row.

Every row is checked by the ledger's own pure checks (:mod:`ledger.checks`), the ones
the commit runs again under the write lock: joining or a change of a membership's days,
a mandate, a change of a company's facts (none may move a locked year's figures), a
year's costs.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from importers import blocks, cells
from importers.plan import Plan, PlannedRow, Progress, Skipped, digest, problem_of
from importers.table import Table
from ledger import identifiers, queries, state
from ledger.checks.companies import check_fact_change
from ledger.checks.costs import check_set_costs
from ledger.checks.mandates import check_given
from ledger.checks.memberships import check_join, check_period_change
from ledger.errors import LedgerError
from ledger.history import CompanyFacts, Period, value_on
from ledger.kinds import MemberKind
from ledger.money import from_cents
from ledger.problems import Problem
from ledger.snapshot import ClusterYears, MemberHistory
from ledger.storage.tables import Cluster

_OPTIONAL: dict[str, Callable[[object], Any]] = {
    "kind": cells.kind,
    "joined": cells.day,
    "left": cells.day,
    "mandate": cells.day,
    "region": cells.region,
}
_YEAR_ONLY = {"joined": (1, 1), "left": (12, 31)}


def _getter(table: Table, row: PlannedRow) -> Callable[[str, Callable[[object], Any]], Any]:
    """Parse one field of a row; a failure becomes a problem at its column and gives None."""
    values = row.cells

    def get(name: str, parse: Callable[[object], Any]) -> Any:
        index = table.columns.get(name)
        value = values[index] if index is not None and index < len(values) else None
        try:
            return parse(value)
        except LedgerError as exc:
            place = table.location(row.number, table.header_at(name))
            row.problems.append(problem_of(exc, place))
            return None

    return get


def _member_date(table: Table, row: PlannedRow, name: str, notes: list[Problem]) -> date | None:
    """A membership date; a year alone is a date at the year's start or end, noted (a
    mandate's day matters for the mandate count: a year alone is a problem)."""
    index = table.columns[name]
    value = row.cells[index] if index < len(row.cells) else None
    place = table.location(row.number, table.headers[index])
    year = cells.year_only(value)
    if year is not None and name in _YEAR_ONLY:
        found = date(year, *_YEAR_ONLY[name])
        facts = {"year": year, "date": found.strftime("%d/%m/%Y")}
        notes.append(Problem("note.year_only", facts, place, "note"))
        return found
    if year is not None:
        row.problems.append(Problem("cell.year_only_mandate", {"year": year}, place))
        return None
    return _getter(table, row)(name, cells.day)


def plan_members(
    session: Any,
    cluster: Cluster,
    plan: Plan,
    table_problems: list[Problem],
    notes: list[Problem],
    _progress: Progress | None,
) -> None:
    """Fill ``plan`` with the members sheet's rows, their fates and problems."""
    table = plan.table
    rows = [PlannedRow(number, values) for number, values in table.rows]
    rows, totals, member_notes, maybe = blocks.members_of_totals(table, rows)
    notes += member_notes
    for row in rows:
        get = _getter(table, row)
        record = {
            "kbo": get("kbo", cells.kbo),
            "name": get("name", cells.required_text),
            "postcode": get("postcode", cells.postcode),
        }
        for name, parse in _OPTIONAL.items():
            if name not in table.columns:
                record[name] = None
            elif name in ("joined", "left", "mandate"):
                record[name] = _member_date(table, row, name, notes)
            else:
                record[name] = get(name, parse)
        row.record = record
    sorted_out = blocks.sort_out(table, rows, None, totals, maybe)
    plan.skipped += sorted_out.skipped
    notes += sorted_out.notes
    plan.rows = sorted_out.rows
    _class_members(session, cluster, plan, notes)


def _class_members(session: Any, cluster: Cluster, plan: Plan, notes: list[Problem]) -> None:
    table = plan.table
    seen: dict[str, PlannedRow] = {}
    kept: list[PlannedRow] = []
    for row in plan.rows:
        if row.problems:
            kept.append(row)
            continue
        kbo = row.record["kbo"]
        row.key = kbo
        first = seen.get(kbo)
        if first is None:
            seen[kbo] = row
        elif first.record == row.record:
            facts = {"other": first.number}
            notes.append(Problem("note.duplicate_row", facts, table.location(row.number), "note"))
            plan.skipped.append(Skipped(row.number, "duplicate", row.cells))
            continue
        else:
            facts = {"kbo": identifiers.format_number(kbo), "other": first.number}
            place = table.location(row.number, table.header_at("kbo"))
            row.problems.append(Problem("row.member_twice", facts, place))
        kept.append(row)
    plan.rows = kept
    years = state.cluster_years(cluster, session=session)
    standing = state.member_histories(cluster, session=session)
    today = date.today()
    for row in kept:
        if row.problems:
            continue
        r, known = dict(row.record), standing.get(row.key)
        held = _open_mandate(known)
        # A column the sheet lacks keeps what the ledger knows; so does a blank cell for
        # the kind or the mandate (a blank never withdraws a mandate on record).
        for name in ("joined", "left"):
            if known is not None and name not in table.columns:
                r[name] = getattr(known.period, name)
        if r["mandate"] is None:
            r["mandate"] = held
        company = known or state.member_history(cluster, row.key, session=session)
        if r["kind"] is None:
            r["kind"] = company.facts.kind_on(today) if company else MemberKind.ENTERPRISE
        row.record = r
        for problem in _checks(session, years, company, r, held, today):
            row.problems.append(problem.at(table.location(row.number, _column(table, problem))))
        if row.problems:
            continue
        row.fingerprint = digest(*(r[k] for k in sorted(r)))
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


def _checks(
    session: Any,
    years: ClusterYears,
    company: MemberHistory | None,
    r: dict[str, Any],
    held: date | None,
    today: date,
) -> list[Problem]:
    """The ledger's own pure checks of what committing the row would do: join (or change
    the membership's days), give a mandate, change the company's facts."""
    period = Period(r["joined"], r["left"])
    if company is None:  # a company the ledger does not know yet
        region = r["region"].value if r["region"] else None
        facts = CompanyFacts.initial(r["kind"].value, r["postcode"], region)
        return check_join(
            years, MemberHistory(-1, r["kbo"], r["name"], facts), period, r["mandate"]
        )
    found = _fact_checks(session, company, r, today)
    if not company.is_member:
        return found + check_join(years, company, period, r["mandate"])
    if period != company.period:
        found += check_period_change(years, company, period)
    if r["mandate"] is not None and r["mandate"] != held:
        found += check_given(years, company, r["mandate"])
    return found


def _fact_checks(
    session: Any, company: MemberHistory, r: dict[str, Any], today: date
) -> list[Problem]:
    facts: dict[str, str | None] = {"postcode": r["postcode"], "kind": r["kind"].value}
    if r["region"] is not None:
        facts["region_override"] = r["region"].value
    changed = {f: v for f, v in facts.items() if value_on(company.facts.field(f), today) != v}
    if not changed:
        return []
    found = queries.find_company(company.kbo, session=session)
    if found is None:
        return []
    return check_fact_change(state.company_history(found, session=session), changed, today)


def _column(table: Table, problem: Problem) -> str | None:
    """The column a problem of the ledger's checks is about."""
    if problem.code.startswith("mandate."):
        return table.header_at("mandate")
    if problem.code == "membership.left_before_joined":
        return table.header_at("left")
    return None


def plan_costs(
    session: Any,
    cluster: Cluster,
    plan: Plan,
    table_problems: list[Problem],
    notes: list[Problem],
    _progress: Progress | None,
) -> None:
    """Fill ``plan`` with the costs sheet's rows: one year's coordination costs each."""
    table = plan.table
    rows = [PlannedRow(number, values) for number, values in table.rows]
    rows, totals, member_notes, maybe = blocks.members_of_totals(table, rows)
    notes += member_notes
    amounts: list[object] = []
    for row in rows:
        get = _getter(table, row)
        year, cents = get("year", cells.year), get("amount", cells.cents)
        amounts.append(blocks.FAILED if cents is None else cents)
        row.record = {"year": year, "cents": cents}
    sorted_out = blocks.sort_out(table, rows, amounts, totals, maybe)
    plan.skipped += sorted_out.skipped
    table_problems += sorted_out.problems
    notes += sorted_out.notes
    known = queries.costs_by_year(cluster, session=session)
    years = state.cluster_years(cluster, session=session)
    seen: dict[int, int] = {}
    for row in sorted_out.rows:
        if row.problems:
            continue
        year, cents = row.record["year"], row.record["cents"]
        if year in seen:
            facts = {"year": year, "other": seen[year]}
            row.problems.append(
                Problem(
                    "row.year_twice", facts, table.location(row.number, table.header_at("year"))
                )
            )
            continue
        seen[year] = row.number
        # The ledger's own check, the one 'costs set' runs: nothing worded twice.
        for problem in check_set_costs(years, year, cents):
            column = "amount" if problem.code.startswith("costs.") else "year"
            place = table.location(row.number, table.header_at(column))
            row.problems.append(problem.at(place))
        if row.problems:
            continue
        row.record = {"year": year, "amount": from_cents(cents), "cents": cents}
        row.key, row.fingerprint = str(year), digest(year, cents)
        if year in known:
            row.status = "unchanged" if known[year] == cents else "updated"
    plan.rows = sorted_out.rows
