"""``backup`` and ``restore`` from the command line: what they print, what they refuse."""

from __future__ import annotations

import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.conftest import Run
from tests.ledger.test_backup import STAMP, problems_of, rows, sha256, tamper

CLUSTER = "Circular Plastics"
ADD = ("contribution", "add", "--cluster", CLUSTER, "--kbo", "0403170701", "--year", "2026")


def trail(cli: Run) -> str:
    return cli("audit", "--json").stdout


@pytest.fixture
def sqlite_only(db_target: str) -> Path:
    if "://" in db_target:
        pytest.skip("backup and restore of a PostgreSQL ledger use pg_dump and pg_restore")
    return Path(db_target)


def test_backup_prints_where_and_what_it_checked(
    demo_cluster: Run, sqlite_only: Path, tmp_path: Path
) -> None:
    cli = demo_cluster
    cli(*ADD, "--amount", "100")
    folder = tmp_path / "backups"
    folder.mkdir()
    out = cli("backup", str(folder)).stdout.splitlines()
    (copy,) = folder.iterdir()
    assert re.fullmatch(rf"ledger-{STAMP}\.sqlite", copy.name)
    assert out[0] == f"Backed up {sqlite_only} to {copy} ({copy.stat().st_size / 1024:,.0f} KiB)"
    assert out[1].startswith("Checked 1 entry, ") and out[1].endswith(" chains.")
    assert re.fullmatch(
        rf"  entries of {CLUSTER} \(cluster 1\): 1 link, tip [0-9a-f]{{16}}", out[2]
    )
    assert rows(copy, "contribution") == rows(sqlite_only, "contribution")


def test_backup_refuses_to_overwrite_without_force(
    demo_cluster: Run, sqlite_only: Path, tmp_path: Path
) -> None:
    cli = demo_cluster
    dest = tmp_path / "copy.sqlite"
    cli("backup", str(dest))
    cli(*ADD, "--amount", "100")
    result = cli("backup", str(dest), expect=1)
    assert result.stderr == (
        f"cluster-ledger: error: DEST: {dest} already exists; pass --force to replace it\n"
    )
    assert rows(dest, "contribution") == []
    cli("backup", str(dest), "--force")
    assert len(rows(dest, "contribution")) == 1


@pytest.mark.parametrize(
    ("dest", "line"),
    [
        ("nowhere/copy.sqlite", "DEST: the folder {tmp}/nowhere does not exist; create it first"),
        ("nowhere/", "DEST: the folder {tmp}/nowhere does not exist; create it first"),
        (
            "ledger.sqlite",
            "DEST: {tmp}/ledger.sqlite is the ledger itself (or one of its files); give another name",
        ),
        ("copy\r.sqlite", "DEST: the path holds a control character; remove it"),
        ("copy\x00.sqlite", "DEST: the path holds a control character; remove it"),
    ],
)
def test_bad_backup_destinations_one_line_exit_1(
    demo_cluster: Run, sqlite_only: Path, tmp_path: Path, dest: str, line: str
) -> None:
    result = demo_cluster("backup", f"{tmp_path}/{dest}", "--force", expect=1)
    assert result.stderr == f"cluster-ledger: error: {line.format(tmp=tmp_path)}\n"
    assert result.stdout == ""
    assert not (tmp_path / "nowhere").exists()


def test_restore_puts_the_backup_back_and_says_where_the_old_one_went(
    demo_cluster: Run, sqlite_only: Path, tmp_path: Path
) -> None:
    cli = demo_cluster
    cli(*ADD, "--amount", "100")
    saved = tmp_path / "saved.sqlite"
    cli("backup", str(saved))
    cli(*ADD, "--amount", "200")
    out = cli("restore", str(saved), "--yes").stdout.splitlines()
    (safety,) = tmp_path.glob("ledger.before-restore-*.sqlite")
    assert out[0] == f"Restored {sqlite_only} from {saved} (sha256 {sha256(saved)[:16]}...)"
    assert out[1] == f"The ledger it replaced is in {safety}"
    assert out[2].startswith("Checked 1 entry, ")
    assert rows(sqlite_only, "contribution") == rows(saved, "contribution")
    assert len(rows(safety, "contribution")) == 2
    assert '"action": "ledger.restore"' in trail(cli)


def test_restore_refuses_a_tampered_backup_and_changes_nothing(
    demo_cluster: Run, sqlite_only: Path, tmp_path: Path
) -> None:
    cli = demo_cluster
    cli(*ADD, "--amount", "100")
    cli(*ADD, "--amount", "200")
    saved = tmp_path / "saved.sqlite"
    cli("backup", str(saved))
    tamper(saved)
    before = trail(cli), rows(sqlite_only, "contribution")
    result = cli("restore", str(saved), "--yes", expect=1)
    assert result.stderr == (
        f"cluster-ledger: error: {saved} fails its integrity check, so nothing was restored: "
        f"{problems_of(saved)}\n"
    )
    assert result.stdout == ""
    assert (trail(cli), rows(sqlite_only, "contribution")) == before
    assert not list(tmp_path.glob("*before-restore*"))


def test_restore_without_yes_and_without_a_terminal_refuses(
    demo_cluster: Run, sqlite_only: Path, tmp_path: Path
) -> None:
    cli = demo_cluster
    saved = tmp_path / "saved.sqlite"
    cli("backup", str(saved))
    before = trail(cli)
    result = cli("restore", str(saved), expect=1)
    assert result.stderr == (
        "cluster-ledger: error: there is no terminal to ask on; pass --yes to replace "
        f"{sqlite_only} with {saved} without asking\n"
    )
    assert trail(cli) == before


def test_restore_asks_on_a_terminal(demo_cluster: Run, sqlite_only: Path, tmp_path: Path) -> None:
    cli = demo_cluster
    saved = tmp_path / "saved.sqlite"
    cli("backup", str(saved))
    cli(*ADD, "--amount", "100")

    def answer(text: bytes) -> tuple[int, str, str]:
        leader, follower = pty.openpty()
        try:
            process = subprocess.Popen(
                [sys.executable, "-m", "tui.cli", "--db", str(sqlite_only), "restore", str(saved)],
                stdin=follower,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                cwd=Path(__file__).parents[2],
            )
            assert process.stdout is not None
            shown = b""
            while not shown.endswith(b"[y/N]: "):  # answer once the question is asked
                byte = process.stdout.read(1)
                if not byte:
                    break
                shown += byte
            os.write(leader, text)
            out, err = process.communicate(timeout=120)
            return process.returncode, (shown + out).decode(), err.decode()
        finally:
            os.close(follower)
            os.close(leader)

    code, out, err = answer(b"n\n")
    assert code == 1, err
    assert f"Replace the ledger at {sqlite_only} with {saved}?" in out
    assert len(rows(sqlite_only, "contribution")) == 1
    code, out, err = answer(b"y\n")
    assert code == 0, err
    assert f"[y/N]: Restored {sqlite_only} from {saved}" in out
    assert rows(sqlite_only, "contribution") == []


@pytest.mark.parametrize(
    ("src", "line"),
    [
        ("gone.sqlite", "SRC: {tmp}/gone.sqlite does not exist"),
        ("gone\x1b[2J.sqlite", "SRC: the path holds a control character; remove it"),
        ("gone\x00.sqlite", "SRC: the path holds a control character; remove it"),
    ],
)
def test_bad_restore_sources_one_line_exit_1(
    demo_cluster: Run, sqlite_only: Path, tmp_path: Path, src: str, line: str
) -> None:
    before = trail(demo_cluster)
    result = demo_cluster("restore", f"{tmp_path}/{src}", "--yes", expect=1)
    assert result.stderr == f"cluster-ledger: error: {line.format(tmp=tmp_path)}\n"
    assert trail(demo_cluster) == before


def test_postgresql_is_refused_with_the_tools_to_use(
    demo_cluster: Run, db_target: str, tmp_path: Path
) -> None:
    if "://" not in db_target:
        pytest.skip("the PostgreSQL half of db_target")
    result = demo_cluster("backup", str(tmp_path), expect=1)
    assert result.stderr == (
        "cluster-ledger: error: backup works on SQLite ledgers only; back up a PostgreSQL "
        "ledger with 'pg_dump --format=custom -f ledger.dump URL' (see \"Backup and restore\" "
        "in the README)\n"
    )
    result = demo_cluster("restore", str(tmp_path / "x.sqlite"), "--yes", expect=1)
    assert result.stderr == (
        "cluster-ledger: error: restore works on SQLite ledgers only; restore a PostgreSQL "
        "ledger with 'pg_restore --clean --if-exists -d URL ledger.dump', then run "
        "'cluster-ledger --db URL verify' (see \"Backup and restore\" in the README)\n"
    )
    assert os.listdir(tmp_path) == []
