"""Delimited text, as Belgian accountants and banks actually export it.

Excel on a Dutch or French Windows writes ``;`` with comma decimals in Windows-1252;
LibreOffice writes UTF-8; some tools write UTF-16 with or without a byte-order mark,
old Macs end lines with CR alone, and Excel understands a first line ``sep=;``. This
module decodes the bytes, picks the delimiter by parsing a sample with each candidate
(so delimiters inside quotes do not count) and returns text cells; turning ``1.234,56``
into an amount is the cell parser's job.

>>> decode_text("a;b\\r\\n1;2".encode("cp1252"))
'a;b\\r\\n1;2'
>>> read_delimited("sep=;\\na;b\\n1,5;2\\n")
[['a', 'b'], ['1,5', '2']]
"""

from __future__ import annotations

import csv
import io
import re

CANDIDATES = (";", ",", "\t")
SAMPLE_CHARS = 64 * 1024
SAMPLE_RECORDS = 50
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")

MAX_FIELD = 16 * 1024 * 1024
csv.field_size_limit(MAX_FIELD)  # one quoted cell may hold a long note, never more


class NotText(ValueError):
    """The bytes are not text in any encoding a spreadsheet export uses."""


class FieldTooLong(ValueError):
    """A cell of more than :data:`MAX_FIELD` characters (a quote left open, or not a CSV)."""

    def __init__(self, line: int) -> None:
        super().__init__(f"line {line}")
        self.line = line


def decode_text(data: bytes) -> str:
    """Decode CSV bytes: BOM first, then UTF-16 by its zero bytes, UTF-8, Windows-1252.

    Raises:
        NotText: binary data (control characters no text export contains).
    """
    guessed = False
    if data.startswith(b"\xef\xbb\xbf"):
        text = data[3:].decode("utf-8", errors="replace")
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16", errors="replace")
    elif (utf16 := _utf16_without_bom(data)) is not None:
        text = data.decode(utf16, errors="replace")
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            # cp1252 leaves five bytes undefined; latin-1 maps them so nothing is lost
            guessed = True
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError:
                text = data.decode("latin-1")
    sample = text[:SAMPLE_CHARS]
    # Valid UTF-8 is text whatever it holds; bytes that only a single-byte code page
    # accepts are binary when they are full of control characters.
    controls = len(_CONTROL.findall(sample)) if guessed else 0
    if "\x00" in sample or controls > max(2, len(sample) // 200):
        raise NotText("binary data")
    return text


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text of mostly Latin characters has a zero in every other byte."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = len(sample) // 2
    if odd > half * 0.4 and even < half * 0.05:
        return "utf-16-le"
    if even > half * 0.4 and odd < half * 0.05:
        return "utf-16-be"
    return None


def split_sep_line(text: str) -> tuple[str | None, str]:
    """Excel's ``sep=X`` first line names the delimiter; it is not data."""
    first, newline, rest = text.partition("\n")
    line = first.rstrip("\r").lstrip("\ufeff")
    if "\r" in line:  # CR-only line endings
        line, _, tail = line.partition("\r")
        rest = tail + newline + rest
    if len(line) == 5 and line.lower().startswith("sep="):
        return line[4], rest
    return None, text


def choose_delimiter(text: str) -> str:
    """The candidate that splits the first records into the most, most regular, fields;
    one whose quotes close where a field ends comes first: text after a closing quote
    means the quotes held that delimiter as text (``"0";",x"`` is split by ``;``)."""
    sample = text[:SAMPLE_CHARS]
    best, best_score = CANDIDATES[0], (0, 0, 0)
    for delimiter in CANDIDATES:
        for strict in (True, False):
            counts = _field_counts(sample, delimiter, strict)
            if counts is not None:
                break
        else:
            continue
        multi = [count for count in counts if count > 1]
        if not multi:
            continue
        mode = max(set(multi), key=multi.count)
        score = (int(strict), multi.count(mode), mode)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _field_counts(sample: str, delimiter: str, strict: bool) -> list[int] | None:
    """How many fields each of the first records holds; None when the reader refuses."""
    reader = csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter, strict=strict)
    counts: list[int] = []
    try:
        for record in reader:
            if record:
                counts.append(len(record))
            if len(counts) >= SAMPLE_RECORDS:
                break
    except csv.Error:
        return None
    return counts


def read_delimited(text: str, max_rows: int | None = None) -> list[list[object]]:
    """Split decoded text into rows of text cells; empty cells become None.

    Raises:
        FieldTooLong: a cell holds more than :data:`MAX_FIELD` characters.
    """
    delimiter, body = split_sep_line(text)
    if delimiter is None:
        delimiter = choose_delimiter(body)
    reader = csv.reader(io.StringIO(body, newline=""), delimiter=delimiter)
    rows: list[list[object]] = []
    try:
        for record in reader:
            rows.append([cell if cell != "" else None for cell in record])
            if max_rows is not None and len(rows) >= max_rows:
                break
    except csv.Error:  # "field larger than field limit": the only error a str reader raises
        raise FieldTooLong(reader.line_num) from None
    return rows
