"""The Import screen's preview: the problems, every column, every row, in the app's language.

Each is a table in a tab of its own, so the preview fits an 80x24 terminal; what it
shows is the plan's (:mod:`importers.plan`), put into words from the catalogue
(:mod:`ledger.words.imports`) by :mod:`importers.wording`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widgets import DataTable

from ledger import identifiers
from ledger.errors import LedgerError
from ledger.money import format_eur
from ledger.words import say

if TYPE_CHECKING:
    from importers.batches import Outcome
    from importers.plan import Plan

MAX_ROWS = 1000  # rows and problems shown; the command line's --errors-out writes them all


def where(location: object, language: str) -> str:
    """A problem's place without the file (the preview names it once): ``row 7, column 'X'``."""
    row, column = getattr(location, "row", None), getattr(location, "column", None)
    sheet = getattr(location, "sheet", None)
    parts = []
    if row is not None:
        parts.append(say("import.where.row", language, row=row))
    if column is not None:
        parts.append(say("import.where.column", language, column=column))
    if not parts and sheet is not None:
        parts.append(say("import.where.sheet", language, sheet=sheet))
    return ", ".join(parts)


def fill_problems(table: DataTable[str], plan: Plan, language: str) -> None:
    """Every problem and note, with where it is; notes marked as such."""
    table.clear()
    findings = sorted(plan.problems + plan.notes, key=lambda f: f.row or 0)
    for finding in findings[:MAX_ROWS]:
        text = finding.text(language, face="app")
        if finding.problem.severity == "note":
            text = f"{say('import.note', language)}: {text}"
        table.add_row(where(finding.problem.location, language), text)


def fill_columns(table: DataTable[str], outcome: Outcome, language: str) -> None:
    """Every column of the header row, and what became of it."""
    from importers.wording import describe

    table.clear()
    columns = outcome.table.accounting
    for column in columns:
        table.add_row(column.letter, column.header, describe(column, columns, language, "app"))


def _cell(cells: list[object], index: int | None) -> str:
    from importers.cells import text

    value = cells[index] if index is not None and index < len(cells) else None
    try:
        return text(value)
    except LedgerError:  # an error cell
        return str(getattr(value, "code", ""))


# The columns whose cells say whom (or which project) an invalid row is about, and its amount.
_SAID = {
    "projects": ("acronym", "budget"),
    "project-partners": ("project", "budget"),
}


def _portfolio(record: object) -> tuple[str, str]:
    """A project's acronym (or title) and budget; a partner's project and party, and its
    budget."""
    from importers.portfolio import PortfolioProject

    cents = getattr(record, "budget_cents", None)
    amount = "" if cents is None else format_eur(cents)
    if isinstance(record, PortfolioProject):
        return record.acronym or record.title, amount
    kbo, name = getattr(record, "kbo", None), getattr(record, "name", None)
    party = identifiers.format_number(kbo) if kbo else name or ""
    return f"{getattr(record, 'project', '')}: {party}", amount


def fill_rows(table: DataTable[str], plan: Plan, language: str) -> str:
    """Every row of the sheet with its fate, member and amount; returns the sum line."""
    table.clear()
    fates: dict[int, tuple[str, str, str]] = {}
    status = {"new": "landing", "updated": "landing"}
    columns = plan.table.columns
    for row in plan.rows:
        record, member, amount = row.record, "", ""
        if row.status == "invalid":  # what the cells say, as written
            said = _SAID.get(plan.table.what, ("kbo", "amount"))
            member, amount = (_cell(row.cells, columns.get(name)) for name in said)
        elif plan.table.what in ("projects", "project-partners") and record is not None:
            member, amount = _portfolio(record)
        elif plan.table.what == "contributions" and record is not None:
            member = identifiers.format_number(record.kbo)
            amount = format_eur(record.amount_cents)
        elif isinstance(record, dict):
            member = identifiers.format_number(record["kbo"]) if record.get("kbo") else ""
            member = f"{member} {record.get('name') or ''}".strip() or str(record.get("year", ""))
            if record.get("cents") is not None:
                amount = format_eur(record["cents"])
        fate = status.get(row.status, row.status)
        fates[row.number] = (say(f"import.row.{fate}", language), member, amount)
    for skipped in plan.skipped:
        fates[skipped.number] = (say(f"import.row.{skipped.fate}", language), "", "")
    for number in plan.table.blank:
        fates[number] = (say("import.row.blank", language), "", "")
    for number in sorted(fates)[:MAX_ROWS]:
        table.add_row(str(number), *fates[number])
    total = plan.landing_cents()
    if total is None:
        return ""
    return say("import.sum", language, rows=len(plan.landing()), amount=format_eur(total))
