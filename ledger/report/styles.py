"""How the report looks: number formats, headers, tables, column widths and print set-up.

Every sheet is laid out the same way, so a reader finds their way at once: a title on
row 1, the year's state on row 2 (``VOORLOPIG`` while the year is open), a table from
row 4 with its header frozen and repeated on every printed page, amounts in euro.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from typing import Any

from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.filters import AutoFilter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.table import Table, TableColumn, TableStyleInfo

EURO = '#,##0.00 "€";-#,##0.00 "€"'
DATE = "yyyy-mm-dd"
INTEGER = "0"
HEADER_ROW = 4  # the row of each table's header; rows 1-2 carry the title and the state
FIRST_DATA_ROW = HEADER_ROW + 1
MAX_WIDTH = 60

TITLE_FONT = Font(bold=True, size=14)
STATE_FONT = Font(bold=True, color="9C0006")
FINAL_FONT = Font(italic=True, color="006100")
BOLD = Font(bold=True)
PROVISIONAL_FILL = PatternFill("solid", fgColor="FFC7CE")
WRAP = Alignment(wrap_text=True, vertical="top")


class Column:
    """A table column: its header, its width in characters, and its cells' number format."""

    def __init__(self, header: str, width: int, number_format: str | None = None) -> None:
        self.header = header
        self.width = min(max(width, len(header) + 3), MAX_WIDTH)
        self.number_format = number_format
        self._style: Any = None

    def cell(self, ws: Any, value: Any) -> Any:
        """A cell in this column's number format.

        The format is looked up once per column and its style shared by every cell:
        setting ``number_format`` cell by cell costs more than writing the cell, and an
        entries sheet has hundreds of thousands.
        """
        if value is None or self.number_format is None:
            return value
        c = WriteOnlyCell(ws, value)
        if self._style is None:
            c.number_format = self.number_format
            self._style = c._style
        else:
            c._style = self._style
        return c


def cell(ws: Any, value: Any, number_format: str | None = None, font: Font | None = None) -> Any:
    """A styled cell for ``ws.append``; a bare value when it needs no style (cheaper)."""
    if number_format is None and font is None:
        return value
    c = WriteOnlyCell(ws, value)
    if number_format is not None:
        c.number_format = number_format
    if font is not None:
        c.font = font
    return c


def styled_row(ws: Any, values: Sequence[Any], columns: Sequence[Column]) -> list[Any]:
    """A row whose numbers and dates carry their column's format."""
    return [col.cell(ws, v) for v, col in zip(values, columns, strict=True)]


def heading(ws: Any, title: Any, state: str, *, provisional: bool) -> None:
    """Rows 1-3: the sheet's title, the year's state (marked when provisional), a blank line."""
    if isinstance(title, str):
        title = cell(ws, title, font=TITLE_FONT)
    else:
        title.font = TITLE_FONT
    mark = cell(ws, state, font=STATE_FONT if provisional else FINAL_FONT)
    if provisional:
        mark.fill = PROVISIONAL_FILL
    ws.append([title])
    ws.append([mark])
    ws.append([])


def set_columns(ws: Any, columns: Sequence[Column]) -> None:
    """Widths first: a write-only sheet writes its column definitions before any row."""
    for index, col in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(index)].width = col.width


def header_row(ws: Any, columns: Sequence[Column]) -> list[Any]:
    return [cell(ws, col.header, font=BOLD) for col in columns]


def add_table(ws: Any, name: str, columns: Sequence[Column], rows: int) -> str:
    """An Excel table with filters over the header and ``rows`` data rows; returns its range.

    An empty table keeps one blank data row: Excel refuses a table of a header alone.
    """
    last = get_column_letter(len(columns))
    ref = f"A{HEADER_ROW}:{last}{HEADER_ROW + max(rows, 1)}"
    table = Table(
        displayName=name,
        ref=ref,
        tableColumns=[TableColumn(id=i, name=c.header) for i, c in enumerate(columns, start=1)],
        tableStyleInfo=TableStyleInfo(name="TableStyleMedium2", showRowStripes=True),
    )
    table.autoFilter = AutoFilter(ref=ref)
    with warnings.catch_warnings():
        # openpyxl warns that write-only tables need their columns named: they are, above.
        warnings.simplefilter("ignore", UserWarning)
        ws.add_table(table)
    return ref


def print_setup(ws: Any, *, provisional: bool, provisional_text: str, title: str) -> None:
    """Landscape, one page wide, the table header on every page, the state in the page header."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = "9"  # A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.freeze_panes = f"A{FIRST_DATA_ROW}"
    ws.oddHeader.left.text = title.replace("&", "&&")
    if provisional:
        ws.oddHeader.right.text = provisional_text
        ws.oddHeader.right.color = "9C0006"
    ws.oddFooter.right.text = "&P / &N"


def data_range(sheet: str, column: int, rows: int) -> str:
    """An absolute range over a table column's data rows, for formulas on other sheets."""
    letter = get_column_letter(column)
    last = FIRST_DATA_ROW + max(rows, 1) - 1
    return f"'{sheet}'!${letter}${FIRST_DATA_ROW}:${letter}${last}"
