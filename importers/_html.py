"""The tables of an HTML page: what Excel's "Web page" export and many banks' ``.xls`` are.

Web banking and ERP systems often send an HTML table with an ``.xls`` name, which Excel
opens as a workbook. It is read here with the standard library's HTML parser, which
runs no script, fetches nothing and knows no entities beyond HTML's own named and
numeric references, so nothing in the page can reach the network or expand. Script and
style blocks are skipped; each ``<table>`` becomes a sheet (a nested table is a sheet
of its own), ``<br>`` a line break, and a cell spanning columns is followed by empty
cells, as a merged cell reads.

Excel writes a number's exact value in ``x:num`` beside the text it shows (which may
be rounded, ``1.235`` for 1234.56); that value is used, so a displayed rounding never
becomes a figure. Dates stay as the text shown (``15/03/2026``).

>>> [g.rows for g in read_tables("<table><tr><td>Naam</td><td x:num='1234.56'>1.235</td></tr></table>", "x")]
[[['Naam', 1234.56]]]
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from importers._calamine import MAX_CELLS, ReadFailure, SheetGrid

_SKIPPED = {"script", "style", "head", "title", "xml"}
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?")
_SPACES = re.compile(r"[ \t\r\n\f\xa0]+")


class _Table:
    __slots__ = ("cell", "merged", "number", "rows", "span")

    def __init__(self) -> None:
        self.rows: list[list[object]] = []
        self.merged: list[tuple[int, int, int, int]] = []
        self.cell: list[str] | None = None  # the text parts of the open cell
        self.number: str | None = None  # its x:num
        self.span = 1


class _Tables(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.done: list[_Table] = []
        self.open: list[_Table] = []
        self.skipping = 0
        self.cells = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self.skipping += 1
            return
        if tag == "table":
            self.open.append(_Table())
            return
        if not self.open:
            return
        table = self.open[-1]
        if tag == "tr":
            self._close_cell(table)
            table.rows.append([])
        elif tag in ("td", "th"):
            self._close_cell(table)
            if not table.rows:
                table.rows.append([])
            values = dict(attrs)
            table.cell, table.number = [], values.get("x:num")
            span = values.get("colspan") or "1"
            table.span = min(int(span), 16384) if span.isdigit() and int(span) > 0 else 1
        elif tag == "br" and table.cell is not None:
            table.cell.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag == "table" and self.open:
            table = self.open.pop()
            self._close_cell(table)
            self.done.append(table)
        elif tag in ("td", "th", "tr") and self.open:
            self._close_cell(self.open[-1])

    def handle_data(self, data: str) -> None:
        if self.open and not self.skipping and self.open[-1].cell is not None:
            self.open[-1].cell.append(data)

    def _close_cell(self, table: _Table) -> None:
        if table.cell is None:
            return
        text = "\n".join(_SPACES.sub(" ", part).strip() for part in "".join(table.cell).split("\n"))
        text = text.strip()
        value: object = text or None
        if table.number is not None and _NUMBER.fullmatch(table.number.strip()):
            # float-ok: Excel's x:num, a spreadsheet number like calamine's cells; amounts
            # become exact cents in cells.amount
            value = float(table.number)
        row = table.rows[-1]
        row.append(value)
        if table.span > 1:
            start = len(row) - 1
            row.extend([None] * (table.span - 1))
            table.merged.append((len(table.rows) - 1, start, len(table.rows) - 1, len(row) - 1))
        self.cells += table.span
        if self.cells > MAX_CELLS:
            raise ReadFailure("too_large", f"more than {MAX_CELLS:,} cells in its tables")
        table.cell, table.number, table.span = None, None, 1


def read_tables(text: str, name: str, max_rows: int | None = None) -> list[SheetGrid]:
    """Each table of the page with a cell in it, as a sheet: ``name`` for the only one,
    ``name (2)`` and so on when there are several, in the order they end in the page.

    Raises:
        ReadFailure: the tables hold more than :data:`MAX_CELLS` cells.
    """
    parser = _Tables()
    parser.feed(text)
    parser.close()
    while parser.open:  # a table left open at the end of the page
        table = parser.open.pop()
        parser._close_cell(table)
        parser.done.append(table)
    tables = [t for t in parser.done if any(v is not None for row in t.rows for v in row)]
    grids = []
    for number, table in enumerate(tables, start=1):
        rows = table.rows[:max_rows] if max_rows else table.rows
        while rows and all(value is None for value in rows[-1]):
            rows.pop()
        title = name if len(tables) == 1 else f"{name} ({number})"
        grids.append(SheetGrid(title, False, rows, table.merged))
    return grids
