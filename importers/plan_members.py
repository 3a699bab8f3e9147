"""Planning a members sheet and a coordination-costs sheet.

A member's row creates or updates the company and its membership; the ledger's details
of a member count as the row's ``before``: a row that says the same is ``unchanged``,
one that says something else ``updated``. A column the sheet lacks keeps what the
ledger knows. A membership date written as a year alone is read as 1 January (joined)
or 31 December (left) of that year, with a note; a mandate needs its day. Rows that
repeat another exactly (a list with one row per contact person) are read once.

A costs row sets one year's coordination costs; a year listed twice, negative costs or a
locked year are problems of the row.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from importers import blocks, cells
from importers.plan import Plan, PlannedRow, Progress, Skipped, digest, problem_of
from importers.table import Table
from ledger import identifiers, queries
from ledger.errors import LedgerError
from ledger.kinds import MemberKind
from ledger.money import format_plain, from_cents
from ledger.problems import Problem
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
        joined, left = record["joined"], record["left"]
        if not row.problems and joined and left and left < joined:
            facts = {"left": left, "joined": joined}
            place = table.location(row.number, table.header_at("left"))
            row.problems.append(Problem("row.left_before_joined", facts, place))
        row.record = record
    sorted_out = blocks.sort_out(table, rows, None, totals, maybe)
    plan.skipped += sorted_out.skipped
    notes += sorted_out.notes
    plan.rows = sorted_out.rows
    _class_members(session, cluster, plan, notes)


def _class_members(session: Any, cluster: Cluster, plan: Plan, notes: list[Problem]) -> None:
    table = plan.table
    standing = {s.kbo: s for s in queries.member_standings(cluster, session=session)}
    seen: dict[str, PlannedRow] = {}
    kept: list[PlannedRow] = []
    for row in plan.rows:
        if row.problems:
            kept.append(row)
            continue
        r = row.record
        kbo = r["kbo"]
        row.key = kbo
        if kbo in seen:
            first = seen[kbo]
            place = table.location(row.number, table.header_at("kbo"))
            if first.record == r:
                facts = {"other": first.number}
                notes.append(
                    Problem("note.duplicate_row", facts, table.location(row.number), "note")
                )
                plan.skipped.append(Skipped(row.number, "duplicate", row.cells))
                continue
            facts = {"kbo": identifiers.format_number(kbo), "other": first.number}
            row.problems.append(Problem("row.member_twice", facts, place))
            kept.append(row)
            continue
        seen[kbo] = row
        kept.append(row)
    plan.rows = kept
    for row in kept:
        if row.problems:
            continue
        r, known = dict(row.record), standing.get(row.key)
        # A column the sheet lacks keeps what the ledger knows; so does a blank kind.
        for name in ("joined", "left", "mandate"):
            if known is not None and name not in table.columns:
                r[name] = getattr(known, name)
        if r["kind"] is None:
            company = queries.find_company(row.key, session=session) if known is None else known
            r["kind"] = MemberKind(company.kind) if company else MemberKind.ENTERPRISE
        row.record = r
        row.fingerprint = digest(*(r[k] for k in sorted(r)))
        if known is None:
            continue
        region = r["region"].value if r["region"] else known.region_override
        now = (r["name"], r["postcode"], r["kind"].value, region, r["joined"], r["left"])
        then = (known.name, known.postcode, known.kind, known.region_override, known.joined)
        same = now == (*then, known.left) and r["mandate"] == known.mandate
        row.status = "unchanged" if same else "updated"


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
    locked = queries.locked_years(cluster, session=session)
    seen: dict[int, int] = {}
    for row in sorted_out.rows:
        if row.problems:
            continue
        year, cents = row.record["year"], row.record["cents"]
        amount_place = table.location(row.number, table.header_at("amount"))
        year_place = table.location(row.number, table.header_at("year"))
        if cents < 0:
            facts = {"amount": format_plain(cents)}
            row.problems.append(Problem("row.costs_negative", facts, amount_place))
        elif year in seen:
            facts = {"year": year, "other": seen[year]}
            row.problems.append(Problem("row.year_twice", facts, year_place))
        elif year in locked:
            facts = {"year": year, "cluster": cluster.name}
            row.problems.append(Problem("year.locked", facts, year_place, kind="locked"))
        else:
            seen[year] = row.number
            row.record = {"year": year, "amount": from_cents(cents), "cents": cents}
            row.key, row.fingerprint = str(year), digest(year, cents)
            if year in known:
                row.status = "unchanged" if known[year] == cents else "updated"
    plan.rows = sorted_out.rows
