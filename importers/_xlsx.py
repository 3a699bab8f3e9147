"""What calamine cannot tell about an xlsx sheet: its true extent, its text, its error cells.

calamine allocates each sheet as one dense block from its first to its last cell,
so one cell at ``XFD1048576`` next to ``A1`` asks for 17 billion cells. This module
measures each sheet from its cell references before calamine runs (a byte-level
scan: about 0.1 s for a 100,000-row sheet, against 0.5 s for calamine's read) and
refuses a sheet whose grid would exceed the limit.

A cell of type ``t="s"`` names an entry of the shared strings, and every such cell
becomes a text of its own in Python: 250,000 cells naming one 32 KB string ask for
8 GB from a 665 KB file. So the text the cells expand to (the shared strings' lengths
times the cells that name them) is bounded before calamine runs too: first by the
longest string times the count of such cells, which clears every ordinary file at the
cost of a byte count, and only past that by counting each string's references.

It also collects cells of type ``t="e"`` and formulas saved without a value, which
calamine returns as empty, so the importer can tell ``#REF!`` and a formula never
calculated from a blank. The package has already passed the zip and DOCTYPE guards.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from xml.etree import ElementTree

from importers._calamine import CellError, ErrorCells, ReadFailure, Uncalculated
from importers._ods import MAX_TEXT, too_much_text

# A reference of a cell that has content: calamine skips self-closing ``<c r=".." s="1"/>``.
_WIDE_COLUMN = re.compile(rb'r="([A-Z]{2,3})[0-9]{1,7}"[^>]*(?<!/)>')
_ERROR_CELL = re.compile(rb'<(?:[\w.-]+:)?c\s([^>]*\bt="e"[^>]*)>(.*?)</(?:[\w.-]+:)?c>', re.DOTALL)
_REF = re.compile(rb'\br="([A-Z]{1,3})([0-9]{1,7})"')
_VALUE = re.compile(rb"<(?:[\w.-]+:)?v>([^<]*)</")
_WORKSHEET = re.compile(rb"<([\w.-]+:)?sheetData[\s>/]")
# A cell holding only a formula: no value, or an empty one (openpyxl writes ``<v />``).
_FORMULA_ONLY = re.compile(
    rb"<(?:[\w.-]+:)?c\s([^>]*)>\s*<(?:[\w.-]+:)?f\b([^>]*?)(?:/>|>([^<]*)</(?:[\w.-]+:)?f>)"
    rb"\s*(?:<(?:[\w.-]+:)?v\s*/>|<(?:[\w.-]+:)?v>\s*</(?:[\w.-]+:)?v>)?\s*</(?:[\w.-]+:)?c>"
)
_SHARED_STRING = re.compile(rb"<(?:[\w.-]+:)?si\b[^>]*?(?:/>|>(.*?)</(?:[\w.-]+:)?si>)", re.DOTALL)
_SHARED_REFERENCE = re.compile(rb'\bt="s"[^>]*>\s*<(?:[\w.-]+:)?v>\s*([0-9]+)\s*<')


def check_and_find_errors(data: bytes, max_cells: int) -> ErrorCells:
    """Refuse a too-large sheet or too much text; return each sheet's error cells by name.

    Raises:
        ReadFailure: kind ``too_large`` naming the sheet, or ``refused`` for text that
            would expand beyond :data:`~importers._ods.MAX_TEXT`.
    """
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = _sheet_names_by_part(archive)
        lengths = _shared_string_lengths(archive)
        longest = max(lengths, default=0)
        bounds: dict[str, int] = {}  # a sheet part's bound of the text its cells name
        errors: ErrorCells = {}
        for info in archive.infolist():
            part = _normal(info.filename)
            if not part.lower().endswith(".xml") or info.file_size < 20:
                continue
            sheet = names.get(part.lower())
            if sheet is None and "worksheets/" not in part.lower():
                continue
            try:
                xml = archive.read(info)
            except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError):
                continue  # calamine reports the damage in its own words
            if not _WORKSHEET.search(xml[: 1 << 16]) and b"sheetData" not in xml:
                continue
            rows, columns = _extent(xml, max_cells)
            if rows * columns > max_cells:
                raise ReadFailure(
                    "too_large", f"{rows:,} rows x {columns:,} columns", sheet or part
                )
            # A cell naming a shared string takes at least 10 bytes (``t="s"><v>0``): only
            # a sheet whose size allows too many such cells needs them counted.
            if len(xml) // 10 * longest > MAX_TEXT // 8:
                bounds[info.filename] = xml.count(b't="s"') * longest
            found = _error_cells(xml) if b't="e"' in xml else []
            if b"<f" in xml or b":f" in xml:
                found += _uncalculated(xml)
            if found:
                errors[sheet] = found
        if sum(bounds.values()) > MAX_TEXT:
            _check_shared_text(archive, bounds, lengths)
    return errors


def _check_shared_text(
    archive: zipfile.ZipFile, bounds: dict[str, int], lengths: list[int]
) -> None:
    """Count each shared string's references where the cheap bound says the text may be
    too much, and refuse the workbook when it is."""
    text = 0
    for part, bound in bounds.items():
        if bound:
            counts: dict[int, int] = {}
            for index in _SHARED_REFERENCE.findall(archive.read(part)):
                counts[int(index)] = counts.get(int(index), 0) + 1
            text += sum(lengths[i] * n for i, n in counts.items() if i < len(lengths))
        if text > MAX_TEXT:
            raise too_much_text(text)


def _shared_string_lengths(archive: zipfile.ZipFile) -> list[int]:
    """The length of each shared string, in bytes of XML (an upper bound of its text)."""
    for info in archive.infolist():
        if _normal(info.filename).lower().endswith("sharedstrings.xml"):
            try:
                xml = archive.read(info)
            except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError):
                return []  # calamine reports the damage in its own words
            return [len(found.group(1) or b"") for found in _SHARED_STRING.finditer(xml)]
    return []


def _extent(xml: bytes, max_cells: int) -> tuple[int, int]:
    """Rows and columns from A1 to the last cell, or enough to prove the limit exceeded."""
    # ' r="' counts rows and cells that carry a reference, '<c' counts cells (and a few
    # <col> and the like): more openings than references means unreferenced cells.
    found = _WORKSHEET.search(xml)
    prefix = found.group(1) or b"" if found else b""
    if xml.count(b"<" + prefix + b"c") > xml.count(b' r="'):
        return _extent_by_parsing(xml)
    columns = 26
    letters = set(_WIDE_COLUMN.findall(xml))
    if letters:
        columns = max(_column_number(name) for name in letters)
    allowed_rows = max_cells // columns
    digits = len(str(allowed_rows))
    tall = re.compile(rb'r="[A-Z]{1,3}([0-9]{%d,7})"[^>]*(?<!/)>' % digits)
    rows = max((int(number) for number in tall.findall(xml)), default=1)
    return rows, columns


def _extent_by_parsing(xml: bytes) -> tuple[int, int]:
    """Cells without ``r`` attributes follow each other; count them as calamine does."""
    rows = columns = 0
    row_number = 0
    try:
        for _, element in ElementTree.iterparse(io.BytesIO(xml), events=("end",)):
            tag = element.tag.rsplit("}", 1)[-1]
            if tag == "row":
                reference = element.get("r")
                row_number = int(reference) if reference and reference.isdigit() else row_number + 1
                column = 0
                for cell in element:
                    ref = cell.get("r")
                    match = _REF.match(f'r="{ref}"'.encode()) if ref else None
                    column = _column_number(match.group(1)) if match else column + 1
                    if len(cell):  # calamine skips cells without a value or formula
                        columns = max(columns, column)
                        rows = max(rows, row_number)
                element.clear()
    except ElementTree.ParseError:
        pass  # calamine reports the damage in its own words
    return rows, columns


def _error_cells(xml: bytes) -> list[tuple[int, int, CellError]]:
    found = []
    for attributes, body in _ERROR_CELL.findall(xml):
        ref = _REF.search(attributes)
        value = _VALUE.search(body)
        if ref and value:
            code = value.group(1).decode("utf-8", errors="replace").strip()
            place = (int(ref.group(2)) - 1, _column_number(ref.group(1)) - 1)
            found.append((*place, CellError(code)))
    return found


def _uncalculated(xml: bytes) -> list[tuple[int, int, CellError]]:
    """Formulas saved without a value. A formula whose value is an empty text (``t="str"``
    with ``<v></v>``) was calculated, to nothing: it is left empty."""
    found = []
    for attributes, _, formula in _FORMULA_ONLY.findall(xml):
        ref = _REF.search(attributes)
        if ref is None or b't="str"' in attributes or b't="e"' in attributes:
            continue
        text = (formula or b"").decode("utf-8", errors="replace")
        place = (int(ref.group(2)) - 1, _column_number(ref.group(1)) - 1)
        found.append((*place, Uncalculated.of(text)))
    return found


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


def _normal(name: str) -> str:
    return name.replace("\\", "/").lstrip("/")


def _sheet_names_by_part(archive: zipfile.ZipFile) -> dict[str, str]:
    """Map each worksheet part to its sheet name via the package relationships."""
    try:
        members = {_normal(info.filename).lower(): info for info in archive.infolist()}

        def read(part: str) -> ElementTree.Element | None:
            info = members.get(part.lower())
            return ElementTree.fromstring(archive.read(info)) if info else None

        root_rels = read("_rels/.rels")
        workbook = _target(root_rels, "officeDocument", "")
        if not workbook:
            return {}
        folder, base = posixpath.split(workbook)
        rels = read(posixpath.join(folder, "_rels", base + ".rels"))
        book = read(workbook)
        if rels is None or book is None:
            return {}
        targets = {
            rel.get("Id"): _resolve(folder, rel.get("Target", "")) for rel in rels if rel.get("Id")
        }
        names = {}
        for element in book.iter():
            if element.tag.rsplit("}", 1)[-1] != "sheet":
                continue
            rel_id = next(
                (value for key, value in element.attrib.items() if key.endswith("}id")), None
            )
            if rel_id in targets and element.get("name") is not None:
                names[targets[rel_id].lower()] = element.get("name")
        return names
    except (ElementTree.ParseError, zipfile.BadZipFile, OSError, EOFError, ValueError):
        return {}


def _target(rels: ElementTree.Element | None, kind: str, folder: str) -> str | None:
    if rels is None:
        return None
    for rel in rels:
        if rel.get("Type", "").endswith("/" + kind):
            return _resolve(folder, rel.get("Target", ""))
    return None


def _resolve(folder: str, target: str) -> str:
    target = target.replace("\\", "/")
    if target.startswith("/"):
        return posixpath.normpath(target.lstrip("/"))
    return posixpath.normpath(posixpath.join(folder, target))
