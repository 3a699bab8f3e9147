"""read_workbook on files built here: formats by content, CSV dialects, limits, isolation."""

from __future__ import annotations

import csv
import hashlib
import io
import shutil
import tempfile
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from importers import _child, reading
from importers._calamine import ReadFailure
from importers.reading import read_workbook
from ledger.errors import InputError
from tests.importers import broken_files

# Any text a cell may hold, except NUL (no CSV reader keeps it) and lone surrogates.
cell_text = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), min_size=1
)


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    rows=st.integers(1, 4).flatmap(
        lambda width: st.lists(st.lists(cell_text, min_size=width, max_size=width), min_size=1)
    ),
    delimiter=st.sampled_from([";", ",", "\t"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"]),
)
def test_csv_round_trips_any_text_cells(
    tmp_path: Path, rows: list[list[str]], delimiter: str, encoding: str
) -> None:
    """What a CSV writer quotes, the reader gives back cell for cell."""
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=delimiter, quoting=csv.QUOTE_ALL).writerows(rows)
    try:
        data = buffer.getvalue().encode(encoding)
    except UnicodeEncodeError:
        assume(False)
    path = tmp_path / "rondje.csv"
    path.write_bytes(data)
    assert read_workbook(path).sheets[0].rows == rows


def test_a_delimiter_quoted_as_text_is_not_taken_for_the_delimiter(tmp_path: Path) -> None:
    """Commas inside quoted cells of a semicolon file: split by the semicolon (found by the
    round trip above)."""
    path = tmp_path / "rondje.csv"
    path.write_bytes(b'"0";",\n";","\r\n')
    assert read_workbook(path).sheets[0].rows == [["0", ",\n", ","]]


def test_workbook_carries_the_digest_of_its_bytes(tmp_path: Path) -> None:
    path = broken_files.workbook(tmp_path, A1="Naam")
    assert read_workbook(path).sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_cells_come_from_the_bytes_that_were_hashed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The parser reads a copy of the bytes the digest covers, so a file that another
    program rewrites while it is read is never parsed as one thing and recorded as another."""
    path = broken_files.workbook(tmp_path, A1="Naam", A2="Alfa")
    first = path.read_bytes()
    later = broken_files.workbook(tmp_path, "later.xlsx", A1="Naam", A2="Beta")
    read_bytes = reading._file.read_bytes

    def read_then_rewritten(file: Path, location: str, limit: int) -> bytes:
        data = read_bytes(file, location, limit)
        shutil.copyfile(later, file)  # the accountant saves the file again, just now
        return data

    monkeypatch.setattr(reading._file, "read_bytes", read_then_rewritten)
    book = read_workbook(path)
    assert book.sha256 == hashlib.sha256(first).hexdigest()
    assert [row[0] for row in book.sheets[0].rows] == ["Naam", "Alfa"]


def test_no_room_for_the_working_copy_is_one_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = broken_files.workbook(tmp_path, A1="Naam")
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "no-such-folder"))
    with pytest.raises(InputError) as raised:
        read_workbook(path)
    assert raised.value.message.startswith(
        "the file could not be copied to the temporary folder to be read (No such file or "
        "directory); free some space there and try again"
    )
    assert raised.value.location == str(path)


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_max_rows_reads_only_the_first_rows(tmp_path: Path, suffix: str) -> None:
    if suffix == ".csv":
        path = tmp_path / "lang.csv"
        path.write_text("".join(f"rij {index};{index}\n" for index in range(50)))
    else:
        path = broken_files.workbook(tmp_path, **{f"A{index}": index for index in range(1, 51)})
    assert len(read_workbook(path, max_rows=5).sheets[0].rows) == 5
    assert len(read_workbook(path).sheets[0].rows) == 50


def test_macro_workbook_is_recognised_by_its_content_type(tmp_path: Path) -> None:
    source = broken_files.workbook(tmp_path, A1="Naam")
    path = tmp_path / "met_macro.xlsx"
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(path, "w") as new:
        for info in old.infolist():
            content = old.read(info)
            if info.filename == "[Content_Types].xml":
                content = content.replace(b"sheet.main+xml", b"sheet.macroEnabled.main+xml")
            new.writestr(info.filename, content)
    book = read_workbook(path)
    assert (book.format, book.sheets[0].rows) == ("xlsm", [["Naam"]])


def test_word_document_is_named_as_such(tmp_path: Path) -> None:
    path = tmp_path / "brief.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<Types><Override PartName="/word/document.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        )
    with pytest.raises(InputError) as caught:
        read_workbook(path)
    assert caught.value.message == (
        "this is a Word document, not a spreadsheet; expected .xlsx, .xlsm, .xls, .ods or .csv"
    )


def test_plain_text_with_a_spreadsheet_name_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "rapport.xlsx"
    path.write_text("Attachment not found!")
    with pytest.raises(InputError) as caught:
        read_workbook(path)
    assert caught.value.message == (
        "this is plain text, not a spreadsheet (whatever its name says); "
        "expected .xlsx, .xlsm, .xls, .ods or .csv"
    )


def test_excel_2003_xml_is_named_as_such(tmp_path: Path) -> None:
    path = tmp_path / "oud.xls"
    path.write_text(
        '<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">'
        "</Workbook>"
    )
    with pytest.raises(InputError) as caught:
        read_workbook(path)
    assert caught.value.message == (
        "this is an Excel 2003 XML spreadsheet, not a spreadsheet; open it in Excel or "
        "LibreOffice, save it as .xlsx and import that"
    )


@pytest.mark.parametrize(
    ("content", "rows"),
    [
        (b"a;b\r1;2\r", [["a", "b"], ["1", "2"]]),  # old Mac line endings
        (
            b'naam,adres\r\n"Acme","Straat 1\r\n9000 Gent"\r\n',
            [["naam", "adres"], ["Acme", "Straat 1\r\n9000 Gent"]],
        ),
        (b'"a;b",c\n"d;e",f\n', [["a;b", "c"], ["d;e", "f"]]),  # ';' inside quotes does not count
        (b"titel\n\nx;y\n1;2\n\n\n", [["titel"], [], ["x", "y"], ["1", "2"]]),
        (b"\xef\xbb\xbfnaam\tbedrag\nA\t1,5\n", [["naam", "bedrag"], ["A", "1,5"]]),
    ],
)
def test_csv_dialects(tmp_path: Path, content: bytes, rows: list[list[object]]) -> None:
    path = tmp_path / "export.csv"
    path.write_bytes(content)
    assert read_workbook(path).sheets[0].rows == rows


def test_reader_child_that_runs_out_of_time_is_stopped(tmp_path: Path) -> None:
    path = broken_files.workbook(tmp_path, A1="Naam")
    with pytest.raises(ReadFailure) as caught:
        _child.read_isolated(path, "xlsx", max_rows=None, timeout=0.001)
    assert caught.value.kind == "timeout"


def test_reader_child_returns_the_cells(tmp_path: Path) -> None:
    path = broken_files.hidden_sheets(tmp_path)
    grids = _child.read_isolated(path, "xlsx", max_rows=None)
    assert [(grid.name, grid.hidden, grid.rows) for grid in grids] == [
        ("Zichtbaar", False, [["zichtbaar"]]),
        ("Verborgen", True, [["verborgen"]]),
        ("Heel verborgen", True, [["heel verborgen"]]),
    ]
