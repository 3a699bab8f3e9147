"""Each broken or awkward file: the exact refusal, or exactly the cells read."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from pathlib import Path

import pytest

from importers.reading import CellError, RawSheet, Uncalculated, read_workbook
from ledger.errors import InputError
from tests.importers import broken_files

EXPECTED = "expected .xlsx, .xlsm, .xls, .ods or .csv"
RESAVE = "open it in Excel or LibreOffice, save it as .xlsx and import that"

REFUSALS: list[tuple[Callable[[Path], Path], str]] = [
    (broken_files.not_a_spreadsheet, f"this is a PDF document, not a spreadsheet; {EXPECTED}"),
    (broken_files.random_bytes, f"this is neither a spreadsheet nor text; {EXPECTED}"),
    (broken_files.empty_file, f"the file is empty; {EXPECTED}"),
    (
        broken_files.truncated_zip,
        "the file is a damaged or incomplete zip package (perhaps cut off while copying); "
        "open it in Excel or LibreOffice, save it again and import that",
    ),
    (
        broken_files.xml_bomb,
        "part xl/worksheets/sheet1.xml declares a DOCTYPE/ENTITY, which spreadsheets never "
        "need and entity-expansion attacks use; the file is not read",
    ),
    (
        broken_files.doctype_after_long_comment,
        "part xl/worksheets/sheet1.xml declares a DOCTYPE/ENTITY, which spreadsheets never "
        "need and entity-expansion attacks use; the file is not read",
    ),
    (
        broken_files.prolog_without_end,
        "part xl/worksheets/sheet1.xml has no root element in its first 64 KB; the file is "
        "damaged or hostile and is not read",
    ),
    (
        broken_files.zip_bomb,
        "part xl/worksheets/sheet1.xml would expand 1,029 times (to 100 MB); real "
        "spreadsheets do not compress like that, so this looks like a zip bomb and is not read",
    ),
    (
        broken_files.zip_claiming_size,
        "the workbook would expand to 2,048 MB, more than the 1,024 MB the importer reads; "
        "it is a zip bomb or far too large - split it into smaller files",
    ),
    (
        broken_files.million_empty_columns,
        "sheet 'Breed': the sheet is too large to read (1,000 rows x 16,384 columns); the "
        "importer reads up to 10,000,000 cells from A1 to the last cell - delete the empty "
        "rows and columns after the table, or copy the table to a new workbook",
    ),
    (broken_files.html_without_table, f"this is an HTML page without a table; {RESAVE}"),
]


@pytest.mark.parametrize(
    ("build", "message"), REFUSALS, ids=lambda item: getattr(item, "__name__", "")
)
def test_refusal_names_the_file_and_says_what_is_wrong(
    tmp_path: Path, build: Callable[[Path], Path], message: str
) -> None:
    path = build(tmp_path)
    with pytest.raises(InputError) as caught:
        read_workbook(path)
    assert caught.value.message == message
    assert caught.value.location == str(path)


def test_password_protected_workbook_asks_for_an_unprotected_copy(tmp_path: Path) -> None:
    if not (broken_files.CORPUS / broken_files.ENCRYPTED_SAMPLE).exists():
        pytest.skip(f"the spreadsheet corpus is not at {broken_files.CORPUS}")
    path = broken_files.password_protected(tmp_path)
    with pytest.raises(InputError) as caught:
        read_workbook(path)
    assert str(caught.value) == (
        f"{path}: the workbook is password-protected; save an unprotected copy "
        "(File > Info > Protect Workbook) and import that"
    )


def test_location_is_the_name_as_given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    broken_files.not_a_spreadsheet(tmp_path)
    monkeypatch.chdir(tmp_path)
    with pytest.raises(InputError) as caught:
        read_workbook("scan.pdf")
    assert str(caught.value) == f"scan.pdf: this is a PDF document, not a spreadsheet; {EXPECTED}"


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        read_workbook(tmp_path / "nergens.xlsx")
    assert caught.value.message == "no such file"


def test_empty_workbook_reads_as_a_sheet_without_rows(tmp_path: Path) -> None:
    book = read_workbook(broken_files.empty_workbook(tmp_path))
    assert book.format == "xlsx"
    assert book.sheets == [RawSheet("Leden", False, [], [])]


def test_workbook_without_sheets_reads_as_no_sheets(tmp_path: Path) -> None:
    assert read_workbook(broken_files.workbook_without_sheets(tmp_path)).sheets == []


def test_claimed_dimension_reads_only_the_real_cells(tmp_path: Path) -> None:
    book = read_workbook(broken_files.far_empty_cells(tmp_path))
    assert book.sheets[0].rows == [["Naam", 5.0]]


def test_hidden_and_very_hidden_sheets_are_read_and_flagged(tmp_path: Path) -> None:
    book = read_workbook(broken_files.hidden_sheets(tmp_path))
    assert [(sheet.name, sheet.hidden, sheet.rows) for sheet in book.sheets] == [
        ("Zichtbaar", False, [["zichtbaar"]]),
        ("Verborgen", True, [["verborgen"]]),
        ("Heel verborgen", True, [["heel verborgen"]]),
    ]


def test_merged_header_cells_keep_their_ranges(tmp_path: Path) -> None:
    sheet = read_workbook(broken_files.merged_header(tmp_path)).sheets[0]
    assert sheet.rows == [
        ["Lid", None, "Bijdrage 2024", None],
        ["Ondernemingsnummer", "Naam", "Bedrag", "Datum"],
        ["0403.170.701", "Acme", 1250.5, None],
    ]
    assert sorted(sheet.merged) == [(0, 0, 0, 1), (0, 2, 0, 3)]


def test_error_cells_and_formulas_never_calculated_are_told_from_blanks(tmp_path: Path) -> None:
    sheet = read_workbook(broken_files.error_cells(tmp_path)).sheets[0]
    assert sheet.rows == [
        ["Bedrag"],
        [CellError("#REF!")],
        [CellError("#DIV/0!")],
        [CellError("#N/A")],
        [Uncalculated.of("1/0")],
    ]


def test_an_html_table_named_xls_is_read(tmp_path: Path) -> None:
    book = read_workbook(broken_files.html_named_xls(tmp_path))
    assert (book.format, book.sheets[0].rows) == ("html", [["Datum"]])


def test_cp1252_csv_with_semicolons_and_comma_decimals(tmp_path: Path) -> None:
    book = read_workbook(broken_files.csv_cp1252(tmp_path))
    assert book.format == "csv"
    assert book.sheets == [
        RawSheet(
            "bijdragen",
            False,
            [
                ["Naam", "Bedrag", "Opmerking"],
                ["Café Ökonomie", "1.234,56", "€ 5 korting"],
                ["Brasserie", "12,5", None],
            ],
        )
    ]


@pytest.mark.parametrize("bom", [True, False])
def test_utf16_csv_with_tabs(tmp_path: Path, bom: bool) -> None:
    book = read_workbook(broken_files.csv_utf16(tmp_path, bom=bom))
    assert book.sheets[0].rows == [["Naam", "Bedrag"], ["Élise", "10,00"]]


def test_sep_line_names_the_delimiter_and_is_not_data(tmp_path: Path) -> None:
    book = read_workbook(broken_files.csv_sep_line(tmp_path))
    assert book.sheets[0].rows == [["Naam", "Bedrag"], ["Janssens, Piet", "5,00"]]


def test_delimited_text_named_xls_is_read_as_csv(tmp_path: Path) -> None:
    book = read_workbook(broken_files.csv_named_xls(tmp_path))
    assert (book.format, book.sheets[0].name) == ("csv", "export")
    assert book.sheets[0].rows == [["Naam", "Bedrag"], ["Acme", "10"]]


def test_format_comes_from_the_content_not_the_name(tmp_path: Path) -> None:
    book = read_workbook(broken_files.xlsx_named_ods(tmp_path))
    assert book.format == "xlsx"
    assert book.sheets[0].rows == [["Naam"], ["Acme"]]


def test_dates_times_durations_and_booleans_keep_their_types(tmp_path: Path) -> None:
    values = [
        datetime.date(2024, 3, 1),
        datetime.datetime(2024, 3, 1, 9, 30),
        True,
        datetime.time(9, 30),
        datetime.timedelta(hours=30),
        1250.5,
        7,
    ]
    cells = {f"{column}1": value for column, value in zip("ABCDEFG", values, strict=True)}
    path = broken_files.workbook(tmp_path, **cells)
    assert read_workbook(path).sheets[0].rows == [values]
