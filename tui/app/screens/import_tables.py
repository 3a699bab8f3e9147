"""The Import screen's preview: the problems, every column, every row, in the app's language.

Each is a table in a tab of its own, so the preview fits an 80x24 terminal; what it
shows is the plan's (:mod:`importers.plan`), put into words from the catalogue
(:mod:`ledger.words.imports`) by :mod:`importers.wording`. The rows are made whole here
and shown by :func:`show`, which keeps those that match the screen's filter.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widgets import DataTable

from ledger import identifiers
from ledger.errors import LedgerError
from ledger.money import format_eur
from ledger.words import say
from tui.app.formats import when
from tui.app.widgets.filter_line import matches

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from importers.batches import Outcome
    from importers.plan import Plan
    from ledger.imports import BatchRow
    from tui.app.i18n import Labels

MAX_ROWS = 1000  # rows and problems shown; the command line's --errors-out writes them all

Cells = tuple[str, ...]


def show(
    table: DataTable[str], rows: list[Cells], words: str, keys: list[str] | None = None
) -> int:
    """Show the rows whose cells hold ``words`` (folded), the first :data:`MAX_ROWS` of them;
    ``keys`` names each row (a batch's id). Returns how many match."""
    table.clear()
    shown = 0
    for index, cells in enumerate(rows):
        if not matches(words, cells):
            continue
        shown += 1
        if shown <= MAX_ROWS:
            table.add_row(*cells, key=None if keys is None else keys[index])
    return shown


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


def problem_rows(plan: Plan, language: str) -> list[Cells]:
    """Every problem and note, with where it is; notes marked as such."""
    rows = []
    for finding in sorted(plan.problems + plan.notes, key=lambda f: f.row or 0):
        text = finding.text(language, face="app")
        if finding.problem.severity == "note":
            text = f"{say('import.note', language)}: {text}"
        rows.append((where(finding.problem.location, language), text))
    return rows


def column_rows(outcome: Outcome, language: str) -> list[Cells]:
    """Every column of the header row, and what became of it."""
    from importers.wording import describe

    columns = outcome.table.accounting
    return [
        (column.letter, column.header, describe(column, columns, language, "app"))
        for column in columns
    ]


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


def fate_rows(plan: Plan, language: str) -> tuple[list[Cells], str]:
    """Every row of the sheet with its fate, member and amount, and the sum line."""
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
    rows = [(str(number), *fates[number]) for number in sorted(fates)]
    total = plan.landing_cents()
    if total is None:
        return rows, ""
    return rows, say("import.sum", language, rows=len(plan.landing()), amount=format_eur(total))


def batch_rows(rows: list[BatchRow], t: Labels, zone: ZoneInfo) -> list[Cells]:
    """The cluster's import batches, the last first, each with what undid it (or what it
    undid)."""
    cells = []
    for r in reversed(rows):
        b = r.batch
        if b.undoes_id:
            state = t("undoes", id=b.undoes_id)
        else:
            state = t("undone-by", id=r.undone_by) if r.undone_by else ""
        at = when(b.at, zone)
        cells.append((str(b.id), at, t.word(b.what), b.file_name, str(b.year or ""),
                      str(b.row_count), state))  # fmt: skip
    return cells
