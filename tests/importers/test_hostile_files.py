"""Files that would hang, exhaust or mislead the reader: each refused with one line, in time.

Special files are refused by their type before they are opened; a workbook whose cells
expand to far more text than its size is refused before anything is expanded (shown in
a child process under a 1.5 GB address-space limit, which the expansion would break);
formats people send instead of a workbook (an HTML table named .xls, a flat .fods) are
read as what they are.
"""

from __future__ import annotations

import datetime
import os
import socket
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from importers import _sniff
from importers.reading import RawSheet, Uncalculated, read_workbook
from ledger.errors import InputError
from tests.importers import broken_files

RESAVE = "open it in Excel or LibreOffice, save it as .xlsx and import that"
TEXT_BOMB = (
    "the workbook's cells would expand to {mb} MB of text in memory, more than the 256 MB "
    "the importer reads (a long text repeated in many cells); it is hostile or far too large "
    "- copy the table to a new workbook"
)


def _refusal(path: Path | str) -> str:
    with pytest.raises(InputError) as caught:
        read_workbook(path)
    assert caught.value.location == str(path)
    return caught.value.message


def test_a_named_pipe_is_refused_without_opening_it(tmp_path: Path) -> None:
    pipe = tmp_path / "leden.xlsx"
    os.mkfifo(pipe)  # opening it for reading would wait for a writer for ever
    assert _refusal(pipe) == (
        "this is a named pipe (FIFO), not a file; import a spreadsheet file itself"
    )


def test_a_link_to_dev_zero_is_refused_as_a_device(tmp_path: Path) -> None:
    link = tmp_path / "bijdragen.csv"
    link.symlink_to("/dev/zero")  # read to the end, it never ends
    assert _refusal(link) == "this is a device, not a file; import a spreadsheet file itself"


def test_a_device_and_a_folder_are_refused(tmp_path: Path) -> None:
    assert _refusal("/dev/null") == "this is a device, not a file; import a spreadsheet file itself"
    assert _refusal(tmp_path) == "this is a folder, not a file"


@pytest.fixture
def unix_socket(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "s.csv"
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(path))
    except OSError as error:  # a path too long for a socket on this system
        pytest.skip(f"cannot bind a Unix socket here: {error}")
    yield path
    server.close()


def test_a_socket_is_refused(unix_socket: Path) -> None:
    assert _refusal(unix_socket) == (
        "this is a socket, not a file; import a spreadsheet file itself"
    )


def test_shared_strings_named_by_many_cells_are_refused_before_expanding(tmp_path: Path) -> None:
    path = broken_files.shared_string_bomb(tmp_path)
    assert path.stat().st_size < 1_000_000
    # In a child held to 1.5 GB of address space: expanding 8 GB of text would fail there.
    code = textwrap.dedent(
        f"""
        import resource, sys
        resource.setrlimit(resource.RLIMIT_AS, (1536 << 20, 1536 << 20))
        from importers.reading import read_workbook
        from ledger.errors import InputError
        try:
            read_workbook({str(path)!r})
        except InputError as error:
            print(error.message)
        """
    )
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=root, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == TEXT_BOMB.format(mb="7,813")


def test_a_small_shared_string_table_reads(tmp_path: Path) -> None:
    path = broken_files.shared_string_bomb(tmp_path, cells=20, length=30)
    rows = read_workbook(path).sheets[0].rows
    assert len(rows) == 2 and rows[0] == [("lang " * 6).strip()] * 10


@pytest.mark.parametrize(
    ("build", "mb"),
    [(broken_files.fods_repeat_bomb, "6,250"), (broken_files.ods_repeat_bomb, "6,250")],
)
def test_repeated_text_in_opendocument_is_refused_before_expanding(
    tmp_path: Path, build: Callable[[Path], Path], mb: str
) -> None:
    path = build(tmp_path)
    assert path.stat().st_size < 100_000
    assert _refusal(path) == TEXT_BOMB.format(mb=mb)


def test_a_csv_field_over_16_mb_is_one_line(tmp_path: Path) -> None:
    assert _refusal(broken_files.csv_long_field(tmp_path)) == (
        "line 2 holds a cell of more than 16 MB (a quote left open, or not a CSV file); check "
        "the file in a text editor"
    )


def test_excel_html_export_is_read_as_its_table(tmp_path: Path) -> None:
    book = read_workbook(broken_files.excel_html_export(tmp_path))
    assert book.format == "html"
    assert book.sheets == [
        RawSheet(
            "bijdragen",
            False,
            [
                ["Bijdragen 2026 & later", None],
                ["Ondernemingsnummer", "Naam", "Bedrag", "Betaald op"],
                ["0403.170.701", "Alfa\nNV", 1234.56, "15/03/2026"],  # x:num, not "1.235"
                ["0123.456.749", "Café Ö", 500.0, None],
            ],
            [(0, 0, 0, 1)],
        )
    ]


def test_an_html_page_without_a_table_is_refused(tmp_path: Path) -> None:
    assert _refusal(broken_files.html_without_table(tmp_path)) == (
        f"this is an HTML page without a table; {RESAVE}"
    )


def test_flat_opendocument_is_read(tmp_path: Path) -> None:
    book = read_workbook(broken_files.flat_ods(tmp_path))
    assert book.format == "fods"
    leden, oud = book.sheets
    assert (leden.name, leden.hidden, oud.name, oud.hidden) == ("Leden", False, "Oud", True)
    assert leden.rows == [
        ["Naam", "Bedrag", "Datum"],
        [],
        [],
        ["Alfa  NV", 1234.5, datetime.date(2026, 3, 15)],
        [7.0, 7.0, Uncalculated.of("of:=[.B4]*2")],
    ]


def test_flat_opendocument_declaring_entities_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "lachen.fods"
    path.write_text(
        broken_files.FODS_HEAD.replace(
            "<office:document ", '<!DOCTYPE x [<!ENTITY a "aaaa">]><office:document ', 1
        )
        + broken_files.FODS_TAIL
    )
    assert _refusal(path) == (
        "the document declares a DOCTYPE/ENTITY, which spreadsheets never need and "
        "entity-expansion attacks use; the file is not read"
    )


def test_an_xls_with_a_filepass_record_is_password_protected(tmp_path: Path) -> None:
    path = broken_files.biff_with_filepass(tmp_path)
    assert _sniff.is_encrypted_ole2(path.read_bytes())
    assert _refusal(path) == _sniff.PASSWORD_HINT


@pytest.mark.parametrize(
    "name", ["sheetjs__password_2002_40_xor.xls", "edr__Test_git_issue_242_xor_pwd_password.xls"]
)
def test_xor_obfuscated_xls_is_found_before_calamine(name: str) -> None:
    path = broken_files.CORPUS / name
    if not path.exists():
        pytest.skip(f"the spreadsheet corpus is not at {broken_files.CORPUS}")
    assert _sniff.is_encrypted_ole2(path.read_bytes())
    assert _refusal(path) == _sniff.PASSWORD_HINT


def test_excel_lock_file_names_the_workbook(tmp_path: Path) -> None:
    assert _refusal(broken_files.excel_lock_file(tmp_path)) == (
        "this is Excel's lock file for leden.xlsx (Excel keeps it while the workbook is open), "
        "not the workbook; import leden.xlsx itself"
    )
    assert _refusal(broken_files.libreoffice_lock_file(tmp_path)) == (
        "this is LibreOffice's lock file for leden.xlsx (kept while the workbook is open), "
        "not the workbook; import leden.xlsx itself"
    )
