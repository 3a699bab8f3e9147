"""The workbook a report is written into: xlsxwriter in constant-memory mode, behind the
few operations the sheets are built with (rows appended in order, styled cells, tables).

Why xlsxwriter: it writes each finished row straight to a file as XML text, holding one
row in memory however many entries the year has, about twice as fast as openpyxl's
write-only mode. openpyxl stays for reading workbooks back (``verify-report``).

Why this layer: three rules hold for every sheet, so they live here once.

* **Text is text.** A ``str`` is always written as a string cell, whatever it starts
  with; only a :class:`Formula` becomes a formula. A name like ``=HYPERLINK(...)`` from
  a spreadsheet can never turn into one (CSV/formula injection).
* **Formats are made once.** A :class:`Style` is turned into one xlsxwriter format per
  workbook and shared by every cell that has it.
* **Rows come in order.** Constant-memory mode writes a row out when the next begins, so
  a sheet is built top to bottom with :meth:`Sheet.append`; each sheet keeps its own
  cursor, so sheets may be filled in any order.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, NamedTuple

from xlsxwriter.exceptions import FileCreateError
from xlsxwriter.format import Format
from xlsxwriter.utility import quote_sheetname, xl_range, xl_rowcol_to_cell
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

DATE_FORMAT = "yyyy-mm-dd"  # a date cell given no format of its own
DATETIME_FORMAT = "yyyy-mm-dd h:mm:ss"
TABLE_STYLE = "Table Style Medium 2"


class Formula(str):
    """A cell formula, ``=...``. Plain text is never one (see the module docstring)."""

    __slots__ = ()


@dataclass(frozen=True)
class Style:
    """How a cell looks: its number format, font and fill."""

    number_format: str | None = None
    bold: bool = False
    italic: bool = False
    size: int | None = None
    color: str | None = None  # the font's colour, RRGGBB
    fill: str | None = None  # a solid background, RRGGBB


class Styled(NamedTuple):
    """A value with a style of its own, in a row given to :meth:`Sheet.append`."""

    value: Any
    style: Style


@dataclass(frozen=True)
class Table:
    """An Excel table: a header row (written by the sheet) and ``rows`` data rows below it."""

    name: str
    headers: Sequence[str]
    header_row: int  # 1-based, as Excel numbers rows
    rows: int


class _Worksheet(Worksheet):
    """xlsxwriter's worksheet, able to add a table in constant-memory mode.

    xlsxwriter refuses ``add_table`` there because the call writes the header cells
    itself, and in that mode cells must come in row order. Here the sheet has written its
    header row already, in order, and the table is added when its last row is done: the
    header writes are skipped, and the table is registered over its header and first data
    row, then given its full range. (Registering the full range would record every cell
    of it to check for overlaps: millions of entries on a large entries sheet.)
    """

    def add_written_table(self, table: Table, columns: int) -> None:
        first = table.header_row - 1
        options = {
            "name": table.name,
            "style": TABLE_STYLE,
            "columns": [{"header": h} for h in table.headers],
        }
        saved = self.constant_memory
        self.constant_memory = False
        self._write_string = _skip  # type: ignore[method-assign]
        try:
            status = self.add_table(first, 0, first + 1, columns - 1, options)
        finally:
            del self._write_string
            self.constant_memory = saved
        if status != 0:
            raise ValueError(f"xlsxwriter refused the table {table.name} ({status})")
        last = first + max(table.rows, 1)
        added = self.tables[-1]
        added["range"] = added["a_range"] = added["autofilter"] = xl_range(
            first, 0, last, columns - 1
        )


def _skip(*args: Any, **kwargs: Any) -> int:
    return 0


class Sheet:
    """One worksheet, filled row by row from the top."""

    def __init__(self, book: Book, ws: _Worksheet) -> None:
        self.book = book
        self.ws = ws
        self.name: str = ws.name
        self.row = 0  # the next row to write, 0-based
        self._writers: dict[type, Callable[..., Any]] = {
            str: ws._write_string,
            Formula: self._formula,
            int: ws._write_number,
            float: ws._write_number,
            Decimal: self._decimal,
            bool: ws._write_boolean,
            date: self._date,
            datetime: self._date,
        }

    @property
    def next_row(self) -> int:
        """The 1-based number of the row :meth:`append` writes next."""
        return self.row + 1

    def append(self, values: Sequence[Any], formats: Sequence[Format | None] = ()) -> None:
        """Write one row. ``None`` leaves a cell empty; a :class:`Styled` value brings its
        own style; otherwise ``formats`` gives each column's format (or none)."""
        row, writers, book = self.row, self._writers, self.book
        for col, value in enumerate(values):
            if value is None:
                continue
            kind = type(value)
            if kind is Styled:
                value, fmt = value.value, book.format(value.style)
                if value is None:
                    continue
                kind = type(value)
            else:
                fmt = formats[col] if formats else None
            writer = writers.get(kind) or self._writer_for(value)
            if writer(row, col, value, fmt):
                # xlsxwriter would cut a text over 32,767 characters or drop a cell
                # beyond the sheet's edge: a report never leaves anything out silently.
                raise ValueError(f"cell {xl_rowcol_to_cell(row, col)} of {self.name} not written")
        self.row += 1

    def _writer_for(self, value: Any) -> Callable[..., Any]:
        for kind in (Formula, str, bool, int, float, Decimal, datetime, date):
            if isinstance(value, kind):
                return self._writers[kind]
        raise TypeError(f"a report cell cannot hold {type(value).__name__}")

    def _formula(self, row: int, col: int, formula: str, fmt: Format | None) -> int:
        # No cached result (an empty value), as a spreadsheet program expects of a file it
        # must compute: a stored 0 would show until the next recalculation.
        return self.ws._write_formula(row, col, formula, fmt, "")

    def _decimal(self, row: int, col: int, value: Decimal, fmt: Format | None) -> int:
        # As a float: written in its shortest form ("12500", "488.3"), as every number of
        # the report always was; the cell holds a float either way.
        return self.ws._write_number(row, col, float(value), fmt)

    def _date(self, row: int, col: int, value: date, fmt: Format | None) -> int:
        if fmt is None:
            default = DATETIME_FORMAT if isinstance(value, datetime) else DATE_FORMAT
            fmt = self.book.format(Style(number_format=default))
        return self.ws._write_datetime(row, col, value, fmt)

    def set_widths(self, widths: Sequence[float]) -> None:
        """Column widths in characters, as Excel shows them."""
        for col, width in enumerate(widths):
            self.ws.set_column(col, col, width)

    def add_table(self, table: Table, columns: int) -> str:
        """Add ``table`` once its rows are written; returns its range (``A4:M10``)."""
        self.ws.add_written_table(table, columns)
        return str(self.ws.tables[-1]["range"])


class Book:
    """A report workbook being built (constant memory, temporary files in ``tmpdir``)."""

    def __init__(self, tmpdir: Path | None) -> None:
        options: dict[str, Any] = {
            "constant_memory": True,
            "strings_to_formulas": False,
            "strings_to_urls": False,
        }
        if tmpdir is not None:
            options["tmpdir"] = str(tmpdir)
        self.wb = Workbook(None, options)
        self._formats: dict[Style, Format] = {}
        self._properties: dict[str, Any] = {}

    def sheet(self, name: str) -> Sheet:
        ws = self.wb.add_worksheet(name, worksheet_class=_Worksheet)
        return Sheet(self, ws)

    @property
    def sheetnames(self) -> list[str]:
        return [ws.name for ws in self.wb.worksheets()]

    def format(self, style: Style) -> Format:
        """The workbook's one format for ``style``."""
        found = self._formats.get(style)
        if found is None:
            spec: dict[str, Any] = {}
            if style.number_format is not None:
                spec["num_format"] = style.number_format
            if style.bold:
                spec["bold"] = True
            if style.italic:
                spec["italic"] = True
            if style.size is not None:
                spec["font_size"] = style.size
            if style.color is not None:
                spec["font_color"] = f"#{style.color}"
            if style.fill is not None:
                spec.update(pattern=1, bg_color=f"#{style.fill}")
            found = self._formats[style] = self.wb.add_format(spec)
        return found

    def formats(self, styles: Sequence[Style | None]) -> list[Format | None]:
        return [None if s is None else self.format(s) for s in styles]

    def name_cell(self, name: str, sheet: str, column: int, row: int) -> None:
        """A workbook-level defined name for one cell (1-based column and row)."""
        cell = xl_rowcol_to_cell(row - 1, column - 1, row_abs=True, col_abs=True)
        self.wb.define_name(name, f"={quote_sheetname(sheet)}!{cell}")

    def set_properties(self, **properties: Any) -> None:
        self._properties.update(properties)

    def set_custom_property(self, name: str, value: str) -> None:
        self.wb.set_custom_property(name, value, "text")

    def save(self, path: Path, *, stamp: datetime) -> None:
        """Write the workbook to ``path``, its document dated ``stamp`` (naive UTC).

        xlsxwriter dates every part of the zip 1980-01-31 00:00 and the document ``stamp``
        (created and modified): the same workbook gives the same bytes.

        Raises:
            OSError: the file could not be written (disk full, no permission).
        """
        self.wb.set_properties({**self._properties, "created": stamp})
        self.wb.filename = str(path)
        try:
            self.wb.close()
        except FileCreateError as exc:
            cause = exc.args[0] if exc.args else None
            if isinstance(cause, OSError):
                raise cause from None
            raise

    def discard(self) -> None:
        """Drop a workbook that will not be saved: close the files its sheets stream into."""
        for ws in self.wb.worksheets():
            ws._opt_close()
        self.wb.fileclosed = True
