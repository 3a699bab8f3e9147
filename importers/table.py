"""Finding the table in a workbook: the sheet, the header row, the columns, the year.

Accountants put title lines above the header, keep several sheets, add a total row
under the amounts (and late payments under the total), and leave blank rows between
blocks. This module looks for the header in the first 20 rows of each sheet, decides
what the sheet holds (members, contributions or costs) from the columns it finds,
accounts for every column of the header row (:mod:`importers.columns`), and keeps
every non-blank row under the header, setting apart the rows whose label reads as a
total; the plan decides, from their cells, which of those are totals. It reads
nothing from the ledger.

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

from importers import columns as column_accounting
from importers import headers as hdr
from importers.cells import is_blank, text
from importers.reading import CellError, RawSheet, RawWorkbook
from importers.vocabulary import QUALIFIERS, SUBTOTALS, TOTALS, normalise
from ledger.dates import FIRST_YEAR, LAST_YEAR
from ledger.errors import InputError
from ledger.problems import Location, Problem

HEADER_SEARCH_ROWS = 20
# Words that say "a number of some kind": a header holding only these points at no field.
_COUNTING = frozenset({"nr", "nummer", "number", "numero", "no", "n", "num"})
_TOTAL_INITIALS = "".join(
    sorted({w[0] for w in TOTALS + SUBTOTALS} | {w[0].upper() for w in TOTALS + SUBTOTALS})
)
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
    totals: list[tuple[int, list[object], bool]]  # rows labelled as a total: (row, cells, subtotal)
    year: int | None  # from --year, the sheet name or a title line; a year column wins
    notes: list[Problem] = field(default_factory=list)
    blank: list[int] = field(default_factory=list)  # blank rows between the header and the end
    accounting: list[column_accounting.Column] = field(default_factory=list)

    def where(self, row: int | None = None, column: str | None = None) -> str:
        """``FILE: sheet 'S': row 12, column 'Bedrag'``: the place an accountant looks."""
        return str(self.location(row, column))

    def location(self, row: int | None = None, column: str | None = None) -> Location:
        return Location(self.file_name, self.sheet, row, column)

    def header_of(self, name: str) -> str:
        return self.headers[self.columns[name]]

    def header_at(self, name: str) -> str | None:
        """The header of a field's column, or None when the sheet has no such column."""
        index = self.columns.get(name)
        return self.headers[index] if index is not None else None


def layout_of(cells: list[object]) -> str:
    """A digest of a header row's normalised headers, the same however they are written."""
    words = "|".join(normalise(c) for c in cells if not is_blank(c))
    return hashlib.sha256(words.encode()).hexdigest()


@dataclass(slots=True)
class _Candidate:
    sheet: RawSheet
    index: int  # 0-based header row
    what: str
    row: hdr.HeaderRow
    given: dict[str, str]
    saved: dict[str, str]


def _header_texts(cells: list[object]) -> list[str]:
    return [text(c) if not isinstance(c, CellError) else "" for c in cells]


def _scan(
    sheet: RawSheet, whats: tuple[str, ...], given: dict[str, str], saved: Mapping[str, dict]
) -> _Candidate | None:
    """The first row in the first 20 whose headers hold every required field of a kind."""
    for index, cells in enumerate(sheet.rows[:HEADER_SEARCH_ROWS]):
        if sum(not is_blank(c) for c in cells) < 2:
            continue
        headers = _header_texts(cells)
        known = dict(saved.get(layout_of(cells), {}))
        best: _Candidate | None = None
        for what in whats:
            row = hdr.read_row(headers, what, given, known)
            if hdr.missing(row, what):
                continue
            if best is None or len(row.columns) > len(best.row.columns):
                best = _Candidate(sheet, index, what, row, given, known)
        if best is not None:
            return best
    return None


def _year_in(words: str) -> int | None:
    years = {int(y) for y in _YEAR.findall(words) if FIRST_YEAR <= int(y) <= LAST_YEAR}
    return years.pop() if len(years) == 1 else None


def total_label(cells: list[object]) -> tuple[bool, str] | None:
    """(is a subtotal, the label's word) when the row's first filled cell reads as a total."""
    first = cells[0] if cells else None
    if is_blank(first):
        first = next((c for c in cells if not is_blank(c)), None)
    # Most rows start with an enterprise number or a year: skip them before normalising.
    if not isinstance(first, str) or first.lstrip()[:1] not in _TOTAL_INITIALS:
        return None
    key = normalise(first)
    for words, subtotal in ((SUBTOTALS, True), (TOTALS, False)):
        for word in words:
            if key == word or key.startswith(word + " "):
                return subtotal, first.strip()
    return None


def _check_merged(sheet: RawSheet, index: int, where: Location) -> None:
    for r0, c0, r1, c1 in sheet.merged:
        if r0 <= index <= r1 and c1 > c0:
            cells = f"{hdr.column_letter(c0)}{index + 1}:{hdr.column_letter(c1)}{index + 1}"
            raise Problem("table.merged_header", {"cells": cells}, where).error()


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
            facts = {"sheet": sheet, "found": found}
            raise Problem("table.no_sheet", facts, Location(field="--sheet")).error()
    else:
        sheets = [s for s in book.sheets if not s.hidden]
    found = [c for s in sheets if (c := _scan(s, whats, extra, saved)) is not None]
    if sheet is None and len(found) > 1 and year is not None:
        found = [c for c in found if str(year) in c.sheet.name] or found
    if not found:
        hidden = [c for s in book.sheets if s.hidden and (c := _scan(s, whats, extra, saved))]
        if hidden and sheet is None:
            facts = {"sheet": hidden[0].sheet.name}
            raise Problem("table.hidden_only", facts, Location(name)).error()
        raise _nearest(name, sheets, whats, extra, saved) or _nothing_found(name, what, sheet)
    if len(found) > 1:
        names = " and ".join(repr(c.sheet.name) for c in found)
        facts = {"names": names, "what": found[0].what}
        raise Problem("table.two_sheets", facts, Location(name)).error()
    best = found[0]
    raw = best.sheet
    header_place = Location(name, raw.name, best.index + 1)
    if best.row.duplicate is not None:
        raise best.row.duplicate.at(header_place).error()
    _check_merged(raw, best.index, header_place)
    rows, totals, blank = _split(raw.rows, best.index)
    titles = " ".join(text(c) for r in raw.rows[: best.index] for c in r if isinstance(c, str))
    headers = _header_texts(raw.rows[best.index])
    table = Table(
        file_name=name,
        sheet=raw.name,
        hidden=raw.hidden,
        what=best.what,
        header_row=best.index + 1,
        headers=headers,
        columns=best.row.columns,
        layout=layout_of(raw.rows[best.index]),
        mapping={**best.saved, **best.given},
        rows=rows,
        totals=totals,
        year=year or _year_in(raw.name) or _year_in(titles),
        blank=blank,
    )
    table.accounting = column_accounting.account(headers, best.what, rows, best.given, best.saved)
    if raw.hidden:
        table.notes.append(
            Problem("note.hidden_sheet", {"sheet": raw.name}, table.location(), "note")
        )
    if not rows and not totals:
        facts = {"row": table.header_row}
        raise Problem("table.no_rows", facts, table.location()).error()
    return table


def _split(
    grid: list[list[object]], header: int
) -> tuple[list[tuple[int, list[object]]], list[tuple[int, list[object], bool]], list[int]]:
    """Every non-blank row under the header, those labelled as totals apart, and the blank
    rows that lie between the header and the last non-blank row."""
    rows: list[tuple[int, list[object]]] = []
    totals: list[tuple[int, list[object], bool]] = []
    blank: list[int] = []
    for number, cells in enumerate(grid[header + 1 :], start=header + 2):
        first = cells[0] if cells else None
        # Most rows start with a filled cell that cannot open a total: a row of data, known
        # without the calls below (which give the same answer for it).
        if first is not None and (
            not isinstance(first, str) or first.lstrip()[:1] not in _TOTAL_INITIALS
        ):
            rows.append((number, cells))
            continue
        if is_blank(first) and all(is_blank(c) for c in cells):
            blank.append(number)
            continue
        label = total_label(cells)
        if label is None:
            rows.append((number, cells))
        else:
            totals.append((number, cells, label[0]))
    last = max((rows[-1][0] if rows else 0), (totals[-1][0] if totals else 0))
    return rows, totals, [n for n in blank if n < last]


def _nearest(
    file: str,
    sheets: list[RawSheet],
    whats: tuple[str, ...],
    given: dict[str, str],
    saved: Mapping[str, dict],
) -> InputError | None:
    """The row that comes closest to a header, named with what it lacks and the columns
    that may hold it: the user sees which row was read and which column was missed,
    instead of a search that found nothing anywhere."""
    best: tuple[tuple[int, int, int], RawSheet, int, str, list[str], list[hdr.Field]] | None
    best = None
    for sheet in sheets:
        for index, cells in enumerate(sheet.rows[:HEADER_SEARCH_ROWS]):
            if sum(not is_blank(c) for c in cells) < 2:
                continue
            headers = _header_texts(cells)
            known = dict(saved.get(layout_of(cells), {}))
            for what in whats:
                row = hdr.read_row(headers, what, given, known)
                lacking = hdr.missing(row, what)
                needed = sum(f.required for f in hdr.FIELDS[what].values())
                found = needed - len(lacking)
                if not found or len(row.columns) < 2:
                    continue  # a stray word of a title or a note is no header
                rank = (-len(lacking), len(row.columns), -index)
                if best is None or rank > best[0]:
                    unread = [h for h, r in zip(headers, row.readings, strict=True) if not r.how]
                    best = (rank, sheet, index, what, unread, lacking)
    if best is None:
        return None
    _, sheet, index, what, unread, lacking = best
    place = Location(file, sheet.name, index + 1)
    missing = ", ".join(f"{f.column} ({f.name})" for f in lacking)
    for f in lacking:
        words = f.meaning.word_set()
        strong = [h for h in unread if (words - QUALIFIERS) & _all_words(h)]
        weak = [h for h in unread if (words - _COUNTING) & _all_words(h)]
        maybe = strong or weak
        if maybe:
            letter = hdr.column_letter(_header_texts(sheet.rows[index]).index(maybe[0]))
            facts = {"what": what, "missing": missing, "header": maybe[0], "letter": letter}
            facts["field"] = f.name
            return Problem("table.nearest.column", facts, place).error()
    return Problem("table.nearest", {"what": what, "missing": missing}, place).error()


def _all_words(header: str) -> set[str]:
    """A header's words, those in brackets too (which reading a header leaves out)."""
    return set(normalise(re.sub(r"[()\[\]]", " ", header)).split())


def _nothing_found(file: str, what: str | None, sheet: str | None) -> InputError:
    kinds = (what,) if what else hdr.WHATS
    wanted = "; ".join(
        f"{k}: " + ", ".join(f.column for f in hdr.FIELDS[k].values() if f.required) for k in kinds
    )
    facts: dict[str, object] = {"rows": HEADER_SEARCH_ROWS, "expected": wanted}
    if sheet:
        return Problem("table.not_found", facts | {"sheet": repr(sheet)}, Location(file)).error()
    return Problem("table.not_found_any", facts, Location(file)).error()
