"""How the report looks: number formats, headers, tables, column widths and print set-up.

Every sheet is laid out the same way, so a reader finds their way at once: a title on
row 1, the year's state on row 2 (``VOORLOPIG`` while the year is open), a table from
row 4 with its header frozen and repeated on every printed page, amounts in euro.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from xlsxwriter.utility import xl_col_to_name

from ledger.report.sheet import Sheet, Style, Styled, Table

EURO = '#,##0.00 "€";-#,##0.00 "€"'
DATE = "yyyy-mm-dd"
INTEGER = "0"
HEADER_ROW = 4  # the row of each table's header; rows 1-2 carry the title and the state
FIRST_DATA_ROW = HEADER_ROW + 1
MAX_WIDTH = 60
HEADER_LIMIT = 255  # the most characters Excel allows in a page header

TITLE_FONT = Style(bold=True, size=14)
STATE_FONT = Style(bold=True, color="9C0006")
PROVISIONAL_STATE = Style(bold=True, color="9C0006", fill="FFC7CE")
FINAL_FONT = Style(italic=True, color="006100")
BOLD = Style(bold=True)


class Column:
    """A table column: its header, its width in characters, and its cells' number format."""

    def __init__(self, header: str, width: int, number_format: str | None = None) -> None:
        self.header = header
        self.width = min(max(width, len(header) + 3), MAX_WIDTH)
        self.number_format = number_format

    @property
    def style(self) -> Style | None:
        return None if self.number_format is None else Style(number_format=self.number_format)


def cell(value: Any, number_format: str | None = None, font: Style | None = None) -> Any:
    """A styled cell for ``Sheet.append``; the bare value when it needs no style."""
    if number_format is None and font is None:
        return value
    base = font or Style()
    return Styled(value, Style(number_format, base.bold, base.italic, base.size, base.color))


def formats(ws: Sheet, columns: Sequence[Column]) -> list[Any]:
    """Each column's format, made once per sheet and shared by all its cells: the
    ``formats`` argument of ``Sheet.append`` for the table's rows."""
    return ws.book.formats([c.style for c in columns])


def heading(ws: Sheet, title: str | None, state: str, *, provisional: bool) -> None:
    """Rows 1-3: the sheet's title, the year's state (marked when provisional), a blank line."""
    ws.append([Styled(title, TITLE_FONT)])
    ws.append([Styled(state, PROVISIONAL_STATE if provisional else FINAL_FONT)])
    ws.append([])


def set_columns(ws: Sheet, columns: Sequence[Column]) -> None:
    ws.set_widths([col.width for col in columns])


def header_row(columns: Sequence[Column]) -> list[Any]:
    return [Styled(col.header, BOLD) for col in columns]


def add_table(
    ws: Sheet, name: str, columns: Sequence[Column], rows: int, header_row: int = HEADER_ROW
) -> str:
    """An Excel table with filters over the header and ``rows`` data rows; returns its range.

    Called once the rows are written. An empty table keeps one blank data row: Excel
    refuses a table of a header alone.
    """
    table = Table(name, [c.header for c in columns], header_row, rows)
    return ws.add_table(table, len(columns))


def print_setup(ws: Sheet, *, provisional: bool, provisional_text: str, title: str) -> None:
    """Landscape, one page wide, the table header on every page, the state in the page header."""
    sheet = ws.ws
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(HEADER_ROW - 1)
    sheet.freeze_panes(FIRST_DATA_ROW - 1, 0)
    right = f"&R&K9C0006{provisional_text}" if provisional else ""
    room = HEADER_LIMIT - len("&L") - len(right)
    # A very long cluster name is cut short here (the sheet's title row holds it whole).
    sheet.set_header(f"&L{_header_text(title, room)}{right}")
    sheet.set_footer("&R&P / &N")


def _header_text(title: str, room: int) -> str:
    escaped = title.replace("&", "&&")
    while len(escaped) > room:
        title = title[:-1]
        escaped = title.replace("&", "&&")
    return escaped


def data_range(sheet: str, column: int, rows: int) -> str:
    """An absolute range over a table column's data rows, for formulas on other sheets."""
    letter = xl_col_to_name(column - 1)
    last = FIRST_DATA_ROW + max(rows, 1) - 1
    return f"'{sheet}'!${letter}${FIRST_DATA_ROW}:${letter}${last}"


def column_letter(column: int) -> str:
    """The letter of a 1-based column."""
    return xl_col_to_name(column - 1)
