"""Writing a workbook: formula-like text stays text, timestamps are fixed, no half files."""

from __future__ import annotations

import errno
import os
import zipfile
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
import xlsxwriter
from openpyxl import load_workbook

from ledger.errors import InputError
from ledger.report import sheet, write
from ledger.report.labels import LANGUAGES, catalogue_keys, labels

RISKY = ["=1+1", "+31 2 345", "-2", "@SUM(A1:A2)", "\tcmd", "\rx", '=HYPERLINK("x")']
STAMP = datetime(2026, 3, 1, 12, 0, 0)


def workbook(values: list[str]) -> sheet.Book:
    wb = write.new_book()
    ws = wb.sheet("S")
    for value in values:
        ws.append([write.clean(value)])
    return wb


def test_formula_like_text_is_written_as_text(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    write.save(workbook([*RISKY, "plain", "a=b"]), path, stamp=STAMP, force=False)
    xml = zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in xml
    assert xml.count('t="inlineStr"') == len(RISKY) + 2
    cells = [row[0] for row in load_workbook(path)["S"].iter_rows(values_only=True)]
    assert cells[:4] == RISKY[:4] and cells[-3:] == [RISKY[-1], "plain", "a=b"]


def test_only_a_formula_is_a_formula(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    wb = write.new_book()
    wb.sheet("S").append(["=1+1", sheet.Formula("=1+1")])
    write.save(wb, path, stamp=STAMP, force=False)
    xml = zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml").decode()
    assert xml.count("<f>1+1</f><v></v>") == 1  # no cached result: computed when opened
    assert load_workbook(path)["S"]["A1"].data_type == "s"


def test_characters_no_workbook_may_hold_are_replaced(tmp_path: Path) -> None:
    assert write.clean("a\x07b") == "a\ufffdb"
    assert write.clean(None) is None


def test_same_workbook_same_bytes_with_fixed_times(tmp_path: Path) -> None:
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    write.save(workbook(["x"]), first, stamp=STAMP, force=False)
    write.save(workbook(["x"]), second, stamp=STAMP, force=False)
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as archive:
        assert {i.date_time for i in archive.infolist()} == {write.ZIP_TIME}
        core = archive.read("docProps/core.xml").decode()
    assert core.count("2026-03-01T12:00:00Z") == 2  # created and modified


@pytest.mark.parametrize(
    ("name", "error"),
    [
        ("report.csv", "--output: 'report.csv' does not end in .xlsx; name the workbook FILE.xlsx"),
        ("missing/report.xlsx", "--output: the folder {tmp}/missing does not exist"),
        ("dir.xlsx", "--output: {tmp}/dir.xlsx is a folder; expected a file name"),
        ("bad\x01name.xlsx", "--output: the file name holds a control character; remove it"),
    ],
)
def test_unusable_output_paths(tmp_path: Path, name: str, error: str) -> None:
    (tmp_path / "dir.xlsx").mkdir()
    with pytest.raises(InputError) as caught:
        write.check_output(tmp_path / name, force=False)
    assert str(caught.value) == error.format(tmp=tmp_path)


def test_a_failed_save_leaves_nothing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A disk that fills up half-way: the old file stays, no temporary file is left."""

    def full_disk(self: object, *args: object) -> None:
        Path(str(self.filename)).write_bytes(b"PK partial")  # type: ignore[attr-defined]
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(sheet.Workbook, "_store_workbook", full_disk)
    target = tmp_path / "report.xlsx"
    target.write_bytes(b"old")
    with pytest.raises(InputError) as caught:
        write.save(workbook(["x"]), target, stamp=STAMP, force=True)
    assert str(caught.value) == (
        f"--output: cannot write {target}: the disk is full; free some space there"
    )
    assert [p.name for p in tmp_path.iterdir()] == ["report.xlsx"]
    assert target.read_bytes() == b"old"


def test_an_unwritable_folder_is_refused_before_any_work(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        if (folder / "probe").exists() or _writable(folder):
            pytest.skip("running as a user who may write anywhere (root)")
        with pytest.raises(InputError) as caught:
            write.check_output(folder / "r.xlsx", force=False)
        assert str(caught.value) == (
            f"--output: cannot write to the folder {folder}: permission denied"
        )
    finally:
        folder.chmod(0o700)


def _writable(folder: Path) -> bool:
    try:
        (folder / "probe").touch()
    except PermissionError:
        return False
    (folder / "probe").unlink()
    return True


def test_both_languages_have_every_label() -> None:
    for lang in LANGUAGES:
        lab = labels(lang)
        assert all(lab[key].strip() for key in catalogue_keys())
    assert labels("nl")["sheet_entries"] == "Boekingen"
    assert labels("en")["sheet_entries"] == "Entries"


TRICKY = [
    "plain",
    "a & b < c > d",
    " leading",
    "trailing ",
    "tab\tinside",
    "line\nbreak",
    "_x0041_ literal",
    "non\ufffecharacter",
    "€ ünïcode 🙂",
    "=1+1",
    '"quoted"',
]


def test_rows_are_written_as_xlsxwriter_writes_them(tmp_path: Path) -> None:
    """The sheet writes plain rows itself (faster): cell for cell, byte for byte, what
    xlsxwriter's own write methods give for the same values."""
    days = [date(2026, 3, 1), date(1900, 1, 15), datetime(2026, 3, 1, 12, 30)]
    numbers = [7, -2.5, Decimal("12500.00"), Decimal("488.30"), 10**15 + 1]
    ours = write.new_book()
    ws = ours.sheet("S")
    ws.append([*TRICKY, None, *numbers, True, *days])
    ws.append([])
    ws.append([sheet.Styled("bold", sheet.Style(bold=True)), sheet.Formula("=SUM(A1:A2)")])
    ws.append(["after the formula"])
    write.save(ours, tmp_path / "ours.xlsx", stamp=STAMP, force=False)

    theirs = xlsxwriter.Workbook(str(tmp_path / "theirs.xlsx"), {"constant_memory": True})
    tws = theirs.add_worksheet("S")
    date_format = theirs.add_format({"num_format": "yyyy-mm-dd"})
    time_format = theirs.add_format({"num_format": "yyyy-mm-dd h:mm:ss"})
    for col, value in enumerate(TRICKY):
        tws.write_string(0, col, value)
    col = len(TRICKY) + 1
    for value in numbers:
        tws.write_number(0, col, float(value) if isinstance(value, Decimal) else value)
        col += 1
    tws.write_boolean(0, col, True)
    tws.write_datetime(0, col + 1, days[0], date_format)
    tws.write_datetime(0, col + 2, days[1], date_format)
    tws.write_datetime(0, col + 3, days[2], time_format)
    tws.write_string(2, 0, "bold", theirs.add_format({"bold": True}))
    tws.write_formula(2, 1, "=SUM(A1:A2)", None, "")
    tws.write_string(3, 0, "after the formula")
    theirs.close()

    def sheet_xml(path: Path) -> str:
        return zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml").decode()

    assert sheet_xml(tmp_path / "ours.xlsx") == sheet_xml(tmp_path / "theirs.xlsx")


def test_a_text_too_long_for_a_cell_is_refused(tmp_path: Path) -> None:
    ws = write.new_book().sheet("S")
    with pytest.raises(ValueError, match="does not fit in a cell"):
        ws.append(["x" * 32768])
