"""Every file the ledger writes goes through ledger/files.py: checked first, written
beside its name and renamed, with the ledger's permissions, nothing left behind."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from ledger import files
from ledger.errors import ConflictError, InputError

POSIX = pytest.mark.skipif(os.name != "posix", reason="needs FIFOs and POSIX permissions")


@pytest.fixture
def ledger_file(tmp_path: Path) -> Path:
    path = tmp_path / "ledger.sqlite"
    path.write_bytes(files.SQLITE_HEADER + b"\0" * 100)
    (tmp_path / "ledger.sqlite-wal").write_bytes(b"")
    return path


def check(path: Path, origin: files.Origin, *, force: bool = False) -> Path:
    return files.check_target(
        path, option="--output", suffixes=(".xlsx",), force=force, origin=origin, what="workbook"
    )


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("ledger.sqlite", "'ledger.sqlite' does not end in .xlsx; name the workbook FILE.xlsx"),
        (
            "ledger.sqlite-wal",
            "'ledger.sqlite-wal' does not end in .xlsx; name the workbook FILE.xlsx",
        ),
        ("report.txt", "'report.txt' does not end in .xlsx; name the workbook FILE.xlsx"),
        ("missing/report.xlsx", "the folder {tmp}/missing does not exist"),
    ],
)
def test_wrong_names_are_refused(
    ledger_file: Path, tmp_path: Path, name: str, message: str
) -> None:
    origin = files.origin_of(ledger_file)
    with pytest.raises(InputError) as refused:
        check(tmp_path / name, origin, force=True)
    assert str(refused.value) == "--output: " + message.format(tmp=tmp_path)


def test_the_ledger_and_its_companions_are_never_targets(ledger_file: Path) -> None:
    origin = files.origin_of(ledger_file)
    for name in (
        "ledger.sqlite",
        "ledger.sqlite-wal",
        "ledger.sqlite-shm",
        "ledger.sqlite-journal",
    ):
        assert origin.guards(ledger_file.parent / name)
    # even under another name for the same file
    link = ledger_file.parent / "alias.sqlite"
    os.link(ledger_file, link)
    assert origin.guards(link)
    with pytest.raises(InputError) as refused:
        files.check_target(
            link, option="DEST", suffixes=(".sqlite",), force=True, origin=origin, what="backup"
        )
    assert str(refused.value) == (
        f"DEST: {link} is the ledger itself (or one of its files); give another name"
    )


@POSIX
def test_special_files_links_and_databases_are_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.xlsx"
    os.mkfifo(fifo)
    with pytest.raises(InputError) as refused:
        check(fifo, files.Origin(), force=True)
    assert str(refused.value) == (
        f"--output: {fifo} is not a regular file (a device, FIFO or socket); give a file name"
    )
    target = tmp_path / "real.xlsx"
    target.write_bytes(b"x")
    (tmp_path / "link.xlsx").symlink_to(target)
    with pytest.raises(InputError, match="is a symbolic link"):
        check(tmp_path / "link.xlsx", files.Origin(), force=True)
    other = tmp_path / "other.xlsx"
    other.write_bytes(files.SQLITE_HEADER + b"\0" * 10)
    with pytest.raises(InputError, match="is a SQLite database"):
        check(other, files.Origin(), force=True)


def test_an_existing_file_needs_force(tmp_path: Path) -> None:
    target = tmp_path / "r.xlsx"
    target.write_bytes(b"old")
    with pytest.raises(ConflictError):
        check(target, files.Origin())
    assert check(target, files.Origin(), force=True) == target


@POSIX
@pytest.mark.parametrize("mode", [0o600, 0o640, 0o644])
def test_a_written_file_gets_the_ledgers_permissions(
    ledger_file: Path, tmp_path: Path, mode: int
) -> None:
    ledger_file.chmod(mode)
    origin = files.origin_of(ledger_file)
    target = tmp_path / "r.xlsx"
    old = os.umask(0o077)
    try:
        with files.staged(target, force=False, origin=origin) as temp:
            temp.write_bytes(b"content")
    finally:
        os.umask(old)
    assert stat.S_IMODE(target.stat().st_mode) == mode
    assert target.read_bytes() == b"content"


def test_a_failure_while_writing_leaves_nothing(tmp_path: Path) -> None:
    target = tmp_path / "r.xlsx"
    with (
        pytest.raises(RuntimeError),
        files.staged(target, force=False, origin=files.Origin()) as temp,
    ):
        temp.write_bytes(b"half")
        raise RuntimeError("stopped")
    assert list(tmp_path.iterdir()) == []


def test_what_a_killed_run_left_is_removed_by_the_next(tmp_path: Path) -> None:
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)  # fmt: skip
    pid = int(dead.stdout)
    left = tmp_path / files.temp_name("report.xlsx", pid=pid)
    left.write_bytes(b"rows of a killed export")
    work = tmp_path / files.temp_name("report.xlsx", pid=pid).replace(".part", ".work")
    work.mkdir()
    (work / "openpyxl.sheet").write_bytes(b"entries")
    mine = tmp_path / files.temp_name("other.xlsx")  # this process: still at work
    mine.write_bytes(b"")
    assert sorted(files.stale(tmp_path)) == sorted([left, work])
    with files.staged(tmp_path / "report.xlsx", force=False, origin=files.Origin()) as temp:
        temp.write_bytes(b"new")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([mine.name, "report.xlsx"])


def test_a_refusal_is_a_problem_the_app_words_in_dutch_without_options(
    tmp_path: Path, ledger_file: Path
) -> None:
    origin = files.origin_of(ledger_file)
    (tmp_path / "report.xlsx").write_bytes(b"x")
    (tmp_path / "folder.xlsx").mkdir()
    refused = {}
    for name in ("report.xlsx", "report.txt", "folder.xlsx"):
        with pytest.raises((ConflictError, InputError)) as caught:
            check(tmp_path / name, origin)
        assert caught.value.problem is not None
        refused[caught.value.problem.code] = caught.value.problem
    exists = refused["file.exists"]
    assert (
        str(exists.error())
        == f"--output: {tmp_path / 'report.xlsx'} already exists; pass --force to replace it"
    )
    assert exists.text("nl", face="app") == (
        f"{tmp_path / 'report.xlsx'} bestaat al; vink 'Bestaand bestand vervangen' aan om het "
        "te vervangen"
    )
    assert refused["file.ending"].text("nl", face="app") == (
        "'report.txt' heeft niet de verwachte extensie; geef het bestand de extensie .xlsx"
    )
    assert refused["file.is_folder"].text("nl", face="app") == (
        f"{tmp_path / 'folder.xlsx'} is een map; verwacht een bestandsnaam"
    )
    for problem in refused.values():
        assert "--" not in problem.text("nl", face="app")
