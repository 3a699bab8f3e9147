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

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, NamedTuple

from xlsxwriter.exceptions import FileCreateError
from xlsxwriter.format import Format
from xlsxwriter.utility import (
    _preserve_whitespace,
    quote_sheetname,
    xl_col_to_name,
    xl_range,
    xl_rowcol_to_cell,
)
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet
from xlsxwriter.xmlwriter import XMLwriter

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


# A text that needs more than wrapping in <t>: XML's special characters, control characters
# and what looks like Excel's own escape of one (``_x0041_``), non-characters, or space at
# either end (kept with ``xml:space``). Most names and notes need none of it.
_TEXT_CARE = re.compile(r"[\x00-\x1f&<>\ufffe\uffff]|_x[0-9a-fA-F]{4}_|^\s|\s$")
_escape_control = XMLwriter._escape_control_characters
_escape_data = XMLwriter()._escape_data
_EPOCH = date(1899, 12, 30)  # day 0 of the 1900 date system, as Excel counts past March 1900
_MARCH_1900 = date(1900, 3, 1)  # before it, Excel's count has its leap-day quirk
MAX_TEXT = 32767  # the most characters (UTF-16 units) a cell holds


def _inline(text: str) -> str:
    """The ``<is>`` of an inline string cell, escaped the way xlsxwriter escapes one.

    Raises:
        ValueError: longer than a cell may hold (the ledger's texts never are).
    """
    if len(text) > MAX_TEXT // 2 and len(text.encode("utf-16-le")) // 2 > MAX_TEXT:
        raise ValueError(f"a text of {len(text):,} characters does not fit in a cell")
    if _TEXT_CARE.search(text) is None:
        return f"<is><t>{text}</t></is>"
    text = _escape_control(text)
    space = ' xml:space="preserve"' if _preserve_whitespace(text) else ""
    return f"<is><t{space}>{_escape_data(text)}</t></is>"


class Sheet:
    """One worksheet, filled row by row from the top.

    Rows of text, numbers and dates, nearly every row of a report, are written straight
    to the sheet's row file as XML, the way xlsxwriter writes them in constant-memory mode
    but without keeping each cell as an object first: on an entries sheet of 200,000 rows
    that is most of the writing time. A row holding a formula goes through xlsxwriter's
    own ``write_formula``; the two never interleave within a row.
    """

    def __init__(self, book: Book, ws: _Worksheet) -> None:
        self.book = book
        self.ws = ws
        self.name: str = ws.name
        self.row = 0  # the next row to write, 0-based
        self._letters: list[str] = []
        self._styles: dict[int, str] = {}  # a format's id -> its ` s="n"` attribute
        self._days: dict[date, str] = {}  # a day -> its serial number, as text
        self._pending = False  # xlsxwriter holds a row of this sheet not yet written out

    @property
    def next_row(self) -> int:
        """The 1-based number of the row :meth:`append` writes next."""
        return self.row + 1

    def append(self, values: Sequence[Any], formats: Sequence[Format | None] = ()) -> None:
        """Write one row. ``None`` leaves a cell empty; a :class:`Styled` value brings its
        own style; otherwise ``formats`` gives each column's format (or none)."""
        if not self._append_plain(values, formats):
            self._append_with_formulas(values, formats)
        self.row += 1

    def _append_plain(self, values: Sequence[Any], formats: Sequence[Format | None]) -> bool:
        """Write a row without formulas; False (nothing written) if it holds one."""
        number = self.row + 1
        letters = self._letters
        if len(letters) < len(values):
            letters.extend(xl_col_to_name(c) for c in range(len(letters), len(values)))
        cells: list[str] = []
        first = last = -1
        for col, value in enumerate(values):
            if value is None:
                continue
            fmt: Format | None
            if type(value) is Styled:
                value, fmt = value.value, self.book.format(value.style)
                if value is None:
                    continue
            else:
                fmt = formats[col] if formats else None
            ref = f"{letters[col]}{number}"
            kind = type(value)
            if kind is str:
                cells.append(f'<c r="{ref}"{self._style(fmt)} t="inlineStr">{_inline(value)}</c>')
            elif kind is int:
                cells.append(f'<c r="{ref}"{self._style(fmt)}><v>{value}</v></c>')
            elif kind is Decimal or kind is float:
                cells.append(f'<c r="{ref}"{self._style(fmt)}><v>{self._number(value)}</v></c>')
            elif kind is date:
                fmt = fmt or self.book.format(Style(number_format=DATE_FORMAT))
                cells.append(f'<c r="{ref}"{self._style(fmt)}><v>{self._day(value)}</v></c>')
            elif isinstance(value, Formula):
                return False
            else:
                cells.append(self._other(ref, value, fmt))
            if first < 0:
                first = col
            last = col
        if first < 0:
            return True  # an empty row: nothing to write
        ws = self.ws
        if self._pending:  # the formula row before this one goes out first
            ws._write_single_row(self.row)
            self._pending = False
        if ws._check_dimensions(self.row, first) or ws._check_dimensions(self.row, last):
            raise ValueError(f"row {number} of {self.name} is outside the sheet")
        ws.fh.write(f'<row r="{number}">{"".join(cells)}</row>')
        return True

    def _style(self, fmt: Format | None) -> str:
        if fmt is None:
            return ""
        found = self._styles.get(id(fmt))
        if found is None:
            found = self._styles[id(fmt)] = f' s="{fmt._get_xf_index()}"'
        return found

    def _day(self, value: date) -> str:
        """A day's serial number, as text (a report holds few distinct days, many times)."""
        day = self._days.get(value)
        if day is None:
            if value < _MARCH_1900:
                serial = self.ws._convert_date_time(value)
                day = self._days[value] = f"{serial:.16G}"
            else:
                day = self._days[value] = str((value - _EPOCH).days)
        return day

    @staticmethod
    def _number(value: float | Decimal) -> str:  # float-ok: an xlsx number cell is a double
        # A Decimal as a float: written in its shortest form ("12500", "488.3"), as every
        # number of the report always was; the cell holds a float either way. Amounts are
        # cents (at most 15 significant digits under the ledger's bounds), so the shortest
        # form of the double is the exact amount; the checksum is taken from the Decimals.
        number = float(value)  # float-ok: the file format's number, at the last boundary
        if not math.isfinite(number):
            raise ValueError(f"a report cell cannot hold {value}")
        return f"{number:.16G}"

    def _other(self, ref: str, value: Any, fmt: Format | None) -> str:
        """The cell of a value of a less common type (a datetime, a bool, a subclass)."""
        if isinstance(value, bool):
            return f'<c r="{ref}"{self._style(fmt)} t="b"><v>{int(value)}</v></c>'
        if isinstance(value, datetime):
            serial = self.ws._convert_date_time(value)
            fmt = fmt or self.book.format(Style(number_format=DATETIME_FORMAT))
            return f'<c r="{ref}"{self._style(fmt)}><v>{serial:.16G}</v></c>'
        if isinstance(value, str):
            return f'<c r="{ref}"{self._style(fmt)} t="inlineStr">{_inline(str(value))}</c>'
        if isinstance(value, int):
            return f'<c r="{ref}"{self._style(fmt)}><v>{int(value)}</v></c>'
        if isinstance(value, float | Decimal):
            return f'<c r="{ref}"{self._style(fmt)}><v>{self._number(value)}</v></c>'
        if isinstance(value, date):
            fmt = fmt or self.book.format(Style(number_format=DATE_FORMAT))
            return f'<c r="{ref}"{self._style(fmt)}><v>{self._day(value)}</v></c>'
        raise TypeError(f"a report cell cannot hold {type(value).__name__}")

    def _append_with_formulas(
        self, values: Sequence[Any], formats: Sequence[Format | None]
    ) -> None:
        """A row with a formula, through xlsxwriter (which checks and prepares formulas)."""
        ws, row = self.ws, self.row
        for col, value in enumerate(values):
            if value is None:
                continue
            if type(value) is Styled:
                value, fmt = value.value, self.book.format(value.style)
                if value is None:
                    continue
            else:
                fmt = formats[col] if formats else None
            if isinstance(value, Formula):
                # No cached result (an empty value), as a spreadsheet program expects of a
                # file it must compute: a stored 0 would show until it recalculates.
                status = ws._write_formula(row, col, str(value), fmt, "")
            elif isinstance(value, str):
                status = ws._write_string(row, col, value, fmt)
            elif isinstance(value, bool):
                status = ws._write_boolean(row, col, value, fmt)
            elif isinstance(value, int | float | Decimal):
                # An xlsx number cell is a double; an amount in cents is exact in it.
                status = ws._write_number(row, col, float(value), fmt)  # float-ok: xlsx
            elif isinstance(value, date):
                default = DATETIME_FORMAT if isinstance(value, datetime) else DATE_FORMAT
                fmt = fmt or self.book.format(Style(number_format=default))
                status = ws._write_datetime(row, col, value, fmt)
            else:
                raise TypeError(f"a report cell cannot hold {type(value).__name__}")
            if status:
                # xlsxwriter would cut a text over 32,767 characters or drop a cell beyond
                # the sheet's edge: a report never leaves anything out silently.
                raise ValueError(f"cell {xl_rowcol_to_cell(row, col)} of {self.name} not written")
        self._pending = True

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
