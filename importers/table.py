"""Finding the table in a workbook: the sheet, the header row, the columns, the year.

Accountants put title lines above the header, keep several sheets, add a total row
under the amounts and leave blank rows between blocks. This module looks for the
header in the first 20 rows of each sheet, decides what the sheet holds (members,
contributions or costs) from the columns it finds, and splits what lies under the
header into data rows and total rows. It reads nothing from the ledger.

Hidden sheets are not searched: a hidden sheet is usually a lookup list or last year's
copy. When the only table is on one, the import refuses and says so; naming that sheet
with ``--sheet`` imports it anyway.

Example::

    table = find_table(read_workbook("bijdragen-2024.xlsx"), what="contributions")
    table.year, table.columns["amount"]   # (2024, 2)
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from importers import headers as hdr
from importers.cells import is_blank, text
from importers.reading import RawSheet, RawWorkbook
from ledger.dates import FIRST_YEAR, LAST_YEAR
from ledger.errors import InputError

HEADER_SEARCH_ROWS = 20
_TOTAL_WORDS = ("totaal", "total", "subtotaal", "subtotal", "sub totaal", "sub total", "som")
_TOTAL_INITIALS = "tTsS"
_YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")


@dataclass(slots=True)
class Table:
    """The table found on one sheet, with what it holds and where."""

    file_name: str
    sheet: str
    hidden: bool
    what: str
    header_row: int  # 1-based, as the spreadsheet shows it
    headers: list[str]
    columns: dict[str, int]  # field -> column index
    layout: str  # digest of the normalised headers: the key of a saved mapping
    mapping: dict[str, str]  # the --map or saved mapping used, {normalised column: field}
    rows: list[tuple[int, list[object]]]  # (row number, cells) under the header, blanks skipped
    totals: list[tuple[int, list[object], bool]]  # (row number, cells, is a subtotal)
    year: int | None  # from --year, the sheet name or a title line; a year column wins
    notes: list[str] = field(default_factory=list)

    def where(self, row: int | None = None, column: str | None = None) -> str:
        """``FILE: sheet 'S': row 12, column 'Bedrag'``: the place an accountant looks."""
        place = f"{self.file_name}: sheet {self.sheet!r}"
        if row is not None:
            place += f": row {row}"
            if column is not None:
                place += f", column {column!r}"
        return place

    def header_of(self, name: str) -> str:
        return self.headers[self.columns[name]]


def layout_of(cells: list[object]) -> str:
    """A digest of a header row's normalised headers, the same however they are written."""
    words = "|".join(hdr.normalise(c) for c in cells if not is_blank(c))
    return hashlib.sha256(words.encode()).hexdigest()


@dataclass(slots=True)
class _Candidate:
    sheet: RawSheet
    index: int  # 0-based header row
    what: str
    columns: dict[str, int]
    duplicate: InputError | None
    mapping: dict[str, str]


def _header_texts(cells: list[object]) -> list[str]:
    return [text(c) if not hasattr(c, "code") else "" for c in cells]


def _scan(
    sheet: RawSheet, whats: tuple[str, ...], extra: dict[str, str], saved: Mapping[str, dict]
) -> _Candidate | None:
    """The first row in the first 20 whose headers hold every required field of a kind."""
    for index, cells in enumerate(sheet.rows[:HEADER_SEARCH_ROWS]):
        if sum(not is_blank(c) for c in cells) < 2:
            continue
        headers = _header_texts(cells)
        mapping = {**saved.get(layout_of(cells), {}), **extra}
        best: _Candidate | None = None
        for what in whats:
            columns, duplicate = hdr.match(headers, what, mapping)
            if hdr.missing(columns, what):
                continue
            if best is None or len(columns) > len(best.columns):
                best = _Candidate(sheet, index, what, columns, duplicate, mapping)
        if best is not None:
            return best
    return None


def _year_in(words: str) -> int | None:
    years = {int(y) for y in _YEAR.findall(words) if FIRST_YEAR <= int(y) <= LAST_YEAR}
    return years.pop() if len(years) == 1 else None


def _is_total(cells: list[object]) -> bool | None:
    """None for a data row; False for a total row, True for a subtotal."""
    first = cells[0] if cells else None
    if is_blank(first):
        first = next((c for c in cells if not is_blank(c)), None)
    # Most rows start with an enterprise number or a year: skip them before normalising.
    if not isinstance(first, str) or first.lstrip()[:1] not in _TOTAL_INITIALS:
        return None
    key = hdr.normalise(first)
    for word in _TOTAL_WORDS:
        if key == word or key.startswith(word + " "):
            return word.startswith("sub")
    return None


def _check_merged(sheet: RawSheet, index: int, where: str) -> None:
    for r0, c0, r1, c1 in sheet.merged:
        if r0 <= index <= r1 and c1 > c0:
            cells = f"{hdr.column_letter(c0)}{index + 1}:{hdr.column_letter(c1)}{index + 1}"
            raise InputError(
                f"the header cells {cells} are merged; unmerge them so each column has a "
                "header of its own",
                location=where,
            )


def find_table(
    book: RawWorkbook,
    *,
    what: str | None = None,
    sheet: str | None = None,
    year: int | None = None,
    extra: dict[str, str] | None = None,
    saved: Mapping[str, dict] | None = None,
) -> Table:
    """Find the sheet and header row holding the columns an import needs.

    Args:
        what: members, contributions or costs; guessed from the columns when None.
        sheet: the sheet to read (hidden or not); else the one visible sheet that fits.
        year: the year for rows without a year column (``--year``).
        extra: ``--map`` options, {normalised column: field}.
        saved: mappings saved earlier, by layout digest.

    Raises:
        InputError: no sheet holds such a table, several do, or its header is unusable.
    """
    name = book.path.name
    extra, saved = extra or {}, saved or {}
    whats = (what,) if what else hdr.WHATS
    if sheet is not None:
        sheets = [s for s in book.sheets if s.name == sheet]
        if not sheets:
            found = ", ".join(repr(s.name) for s in book.sheets)
            raise InputError(f"no sheet {sheet!r}; the sheets are {found}", location="--sheet")
    else:
        sheets = [s for s in book.sheets if not s.hidden]
    found = [c for s in sheets if (c := _scan(s, whats, extra, saved)) is not None]
    if sheet is None and len(found) > 1 and year is not None:
        found = [c for c in found if str(year) in c.sheet.name] or found
    if not found:
        hidden = [c for s in book.sheets if s.hidden and (c := _scan(s, whats, extra, saved))]
        if hidden and sheet is None:
            raise InputError(
                f"the only table is on the hidden sheet {hidden[0].sheet.name!r}; hidden sheets "
                f"are not imported unless named: add --sheet {hidden[0].sheet.name!r}",
                location=name,
            )
        raise InputError(_nothing_found(what, sheet), location=name)
    if len(found) > 1:
        names = " and ".join(repr(c.sheet.name) for c in found)
        raise InputError(
            f"sheets {names} both hold a {found[0].what} table; choose one with --sheet",
            location=name,
        )
    best = found[0]
    raw = best.sheet
    table_where = f"{name}: sheet {raw.name!r}: row {best.index + 1}"
    if best.duplicate is not None:
        raise InputError(best.duplicate.message, location=table_where)
    _check_merged(raw, best.index, table_where)
    rows: list[tuple[int, list[object]]] = []
    totals: list[tuple[int, list[object], bool]] = []
    for number, cells in enumerate(raw.rows[best.index + 1 :], start=best.index + 2):
        first = cells[0] if cells else None
        # Most rows start with a filled cell that cannot open a total: a row of data, known
        # without the calls below (which give the same answer for it).
        if first is not None and (
            not isinstance(first, str) or first.lstrip()[:1] not in _TOTAL_INITIALS
        ):
            rows.append((number, cells))
            continue
        if is_blank(first) and all(is_blank(c) for c in cells):
            continue
        kind = _is_total(cells)
        if kind is None:
            rows.append((number, cells))
        else:
            totals.append((number, cells, kind))
            if not kind:
                break  # a grand total ends the table; notes may follow it
    titles = " ".join(text(c) for r in raw.rows[: best.index] for c in r if isinstance(c, str))
    table = Table(
        file_name=name,
        sheet=raw.name,
        hidden=raw.hidden,
        what=best.what,
        header_row=best.index + 1,
        headers=_header_texts(raw.rows[best.index]),
        columns=best.columns,
        layout=layout_of(raw.rows[best.index]),
        mapping=best.mapping,
        rows=rows,
        totals=totals,
        year=year or _year_in(raw.name) or _year_in(titles),
    )
    if raw.hidden:
        table.notes.append(f"sheet {raw.name!r} is hidden; read because --sheet names it")
    if not rows:
        raise InputError(
            f"the table under the header in row {table.header_row} holds no rows; "
            "expected at least one row of data",
            location=table.where(),
        )
    return table


def _nothing_found(what: str | None, sheet: str | None) -> str:
    kinds = (what,) if what else hdr.WHATS
    wanted = "; ".join(
        f"{k}: " + ", ".join(f.column for f in hdr.FIELDS[k].values() if f.required) for k in kinds
    )
    place = f"sheet {sheet!r} has no" if sheet else "no sheet has a"
    return (
        f"{place} header row with the columns of an import in its first {HEADER_SEARCH_ROWS} "
        f"rows; expected ({wanted}), or name columns with --map COLUMN=FIELD"
    )
