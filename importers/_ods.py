"""OpenDocument spreadsheet XML, read or measured without trusting its repeat counts.

An OpenDocument sheet compresses runs of equal cells and rows into one element with a
repeat count (``table:number-columns-repeated="16384"``), so a few bytes may ask for
billions of cells, or one 32 KB text repeated a million times. This module walks the
XML with the standard library's expat parser (its DOCTYPE has been refused already)
and expands a repeat only when the cells hold something and the sheet stays within
:data:`~importers._calamine.MAX_CELLS` cells and :data:`MAX_TEXT` characters of text;
trailing empty cells and rows, which LibreOffice writes by the million, cost nothing.

Two uses: :func:`read_flat` reads a flat OpenDocument file (``.fods``, one XML
document) into sheets, and :func:`measure` runs the same walk over an ``.ods``
package's ``content.xml`` without keeping cells, before calamine expands it in the
reader child.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import IO
from xml.etree import ElementTree

from importers._calamine import MAX_CELLS, ReadFailure, SheetGrid, Uncalculated

MAX_TEXT = 256 << 20  # characters of cell text a workbook may expand to
_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
_CELLS = (f"{_TABLE}table-cell", f"{_TABLE}covered-table-cell")


def too_much_text(characters: int) -> ReadFailure:
    return ReadFailure(
        "refused",
        f"the workbook's cells would expand to {characters / (1 << 20):,.0f} MB of text in "
        f"memory, more than the {MAX_TEXT >> 20} MB the importer reads (a long text repeated "
        "in many cells); it is hostile or far too large - copy the table to a new workbook",
    )


class _Walk:
    """The state of one walk: the sheets so far and what they have cost."""

    def __init__(self, keep: bool, max_rows: int | None) -> None:
        self.keep, self.max_rows = keep, max_rows
        self.sheets: list[SheetGrid] = []
        self.hidden_styles: set[str] = set()
        self.text = 0

    def add_row(self, sheet: SheetGrid, state: dict, cells: list[object], repeat: int) -> None:
        if not any(value is not None for value in cells):
            state["empty"] += repeat
            return
        rows = state["rows"] + state["empty"] + repeat
        width = max(state["width"], len(cells))
        if rows * width > MAX_CELLS:
            raise ReadFailure("too_large", f"{rows:,} rows x {width:,} columns", sheet.name)
        state["width"] = width
        if self.keep:
            limit = self.max_rows or rows
            for _ in range(min(state["empty"], max(0, limit - len(sheet.rows)))):
                sheet.rows.append([])
            for _ in range(min(repeat, max(0, limit - len(sheet.rows)))):
                sheet.rows.append(list(cells))
        state["rows"], state["empty"] = rows, 0


def _cell_value(cell: ElementTree.Element) -> object:
    kind = cell.get(f"{_OFFICE}value-type")
    if kind in ("float", "percentage", "currency"):
        raw = cell.get(f"{_OFFICE}value")
        try:
            # float-ok: the spreadsheet's own number, typed as calamine types xlsx cells;
            # an amount becomes exact cents in cells.amount (denoised), never kept as float
            return float(raw) if raw is not None else None
        except ValueError:
            return None
    if kind == "date":
        raw = cell.get(f"{_OFFICE}date-value") or ""
        try:
            moment = datetime.fromisoformat(raw)
        except ValueError:
            return raw or None
        return moment.date() if "T" not in raw else moment
    if kind == "boolean":
        return cell.get(f"{_OFFICE}boolean-value") == "true"
    paragraphs = ["".join(_text_of(p)) for p in cell if p.tag == f"{_TEXT}p"]
    text = "\n".join(paragraphs)
    if not text and cell.get(f"{_TABLE}formula") and kind is None:
        return Uncalculated.of(cell.get(f"{_TABLE}formula") or "")
    return text or None


def _text_of(element: ElementTree.Element) -> Iterator[str]:
    if element.text:
        yield element.text
    for child in element:
        tag = child.tag
        if tag == f"{_TEXT}s":
            count = child.get(f"{_TEXT}c") or "1"
            yield " " * min(int(count) if count.isdigit() else 1, 1000)
        elif tag == f"{_TEXT}tab":
            yield "\t"
        elif tag == f"{_TEXT}line-break":
            yield "\n"
        else:
            yield from _text_of(child)
        if child.tail:
            yield child.tail


def _repeat(element: ElementTree.Element, attribute: str) -> int:
    raw = element.get(f"{_TABLE}{attribute}") or "1"
    return max(1, int(raw)) if raw.isdigit() else 1


def _row_cells(walk: _Walk, sheet: SheetGrid, row: ElementTree.Element, number: int) -> list:
    """The row's cells with repeats expanded where they hold something; empty runs at the
    end cost nothing, and the text a run expands to is counted (times the row's repeat)."""
    cells: list[object] = []
    pending = 0
    repeat_rows = _repeat(row, "number-rows-repeated")
    for cell in row:
        if cell.tag not in _CELLS:
            continue
        times = _repeat(cell, "number-columns-repeated")
        value = _cell_value(cell) if cell.tag == _CELLS[0] else None
        if value is None:
            pending += times
            continue
        if len(cells) + pending + times > MAX_CELLS:
            raise ReadFailure(
                "too_large", f"{len(cells) + pending + times:,} columns in a row", sheet.name
            )
        if isinstance(value, str):
            walk.text += len(value) * times * repeat_rows
            if walk.text > MAX_TEXT:
                raise too_much_text(walk.text)
        cells.extend([None] * pending)
        pending = 0
        spanned = _repeat(cell, "number-columns-spanned")
        rows_spanned = _repeat(cell, "number-rows-spanned")
        if (spanned > 1 or rows_spanned > 1) and walk.keep:
            column = len(cells)
            sheet.merged.append((number, column, number + rows_spanned - 1, column + spanned - 1))
        cells.extend([value] * times)
    return cells


def _walk(source: IO[bytes], keep: bool, max_rows: int | None) -> list[SheetGrid]:
    walk = _Walk(keep, max_rows)
    sheet: SheetGrid | None = None
    state: dict = {}
    stack: list[ElementTree.Element] = []
    try:
        for event, element in ElementTree.iterparse(source, events=("start", "end")):
            if event == "start":
                stack.append(element)
                if element.tag == f"{_TABLE}table":
                    style = element.get(f"{_TABLE}style-name")
                    name = element.get(f"{_TABLE}name") or f"Sheet{len(walk.sheets) + 1}"
                    sheet = SheetGrid(name, style in walk.hidden_styles, [])
                    walk.sheets.append(sheet)
                    state = {"rows": 0, "empty": 0, "width": 0}
                continue
            stack.pop()
            tag = element.tag
            if tag == f"{_STYLE}table-properties":
                if element.get(f"{_TABLE}display") == "false" and stack:
                    walk.hidden_styles.add(stack[-1].get(f"{_STYLE}name") or "")
            elif tag == f"{_TABLE}table-row" and sheet is not None:
                number = state["rows"] + state["empty"]
                cells = _row_cells(walk, sheet, element, number)
                walk.add_row(sheet, state, cells, _repeat(element, "number-rows-repeated"))
                if stack:
                    stack[-1].remove(element)
                element.clear()
    except ElementTree.ParseError:
        raise ReadFailure("damaged", "the spreadsheet XML is not well-formed") from None
    return walk.sheets


def read_flat(source: IO[bytes], max_rows: int | None = None) -> list[SheetGrid]:
    """The sheets of a flat OpenDocument spreadsheet (``.fods``).

    Raises:
        ReadFailure: a sheet too large, too much text, or XML that is not well-formed.
    """
    return _walk(source, keep=True, max_rows=max_rows)


def measure(content: IO[bytes]) -> None:
    """Refuse an ``.ods`` whose ``content.xml`` expands beyond the limits; keeps no cells.

    Raises:
        ReadFailure: as :func:`read_flat`.
    """
    _walk(content, keep=False, max_rows=None)


def is_flat_ods(head: str) -> bool:
    """Whether the start of an XML text is a flat OpenDocument spreadsheet."""
    start = head[:16384]
    return (
        "urn:oasis:names:tc:opendocument:xmlns:office" in start
        and "application/vnd.oasis.opendocument.spreadsheet" in start
    )
