"""What no check can refuse gets one line, not a traceback: a damaged ledger file (the line
names the restore command), a full disk, a total past what the database can add; and the
audit trail's user comes from the process's user id."""

from __future__ import annotations

import os
import resource
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from ledger.session import current_actor
from tests.cli.conftest import Run
from tests.cli.test_backup import sqlite_only  # noqa: F401  (the fixture)
from tests.cli.test_file_safety import REPO, big_ledger

CLUSTER = "Circular Plastics"
POSIX = pytest.mark.skipif(os.name != "posix", reason="needs POSIX resource limits and users")


def damage(path: Path) -> None:
    """Overwrite every page but the first: the schema is readable, the tables are not."""
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # everything into the main file
    connection.close()
    size = path.stat().st_size
    with open(path, "r+b") as handle:
        handle.seek(4096)
        handle.write(b"\xff" * (size - 4096))


@pytest.mark.parametrize(
    "command",
    [
        ["verify"],
        ["backup", "copy.sqlite"],
        ["summary", "--cluster", CLUSTER],
        ["export", "--cluster", CLUSTER, "--year", "2026", "-o", "r.xlsx"],
    ],
)
def test_a_damaged_ledger_gets_one_line_naming_the_restore(
    demo_cluster: Run,
    sqlite_only: Path,  # noqa: F811
    command: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    damage(sqlite_only)
    result = demo_cluster(*command, expect=1)
    assert result.stderr == (
        f"cluster-ledger: error: {sqlite_only} is damaged (database disk image is malformed); "
        f"restore it from a backup with 'cluster-ledger --db {sqlite_only} restore "
        "BACKUP.sqlite' (the damaged file is kept beside it), then run 'cluster-ledger verify'\n"
    )
    assert not (tmp_path / "copy.sqlite").exists() and not (tmp_path / "r.xlsx").exists()


def test_restore_moves_a_damaged_ledger_aside(
    demo_cluster: Run,
    sqlite_only: Path,  # noqa: F811
    tmp_path: Path,
) -> None:
    saved = tmp_path / "saved.sqlite"
    demo_cluster("backup", str(saved))
    damage(sqlite_only)
    out = demo_cluster("restore", str(saved), "--yes").stdout
    (aside,) = [p for p in tmp_path.iterdir() if ".damaged-" in p.name and p.suffix == ".sqlite"]
    assert f"The ledger it replaced is in {aside}" in out
    demo_cluster("verify")


@pytest.mark.parametrize(
    "command",
    [["summary", "--cluster", CLUSTER], ["export", "--cluster", CLUSTER, "--year", "2026", "-o"]],
)
def test_a_total_past_two_to_the_63_cents_gets_one_line(
    demo_cluster: Run,
    sqlite_only: Path,  # noqa: F811
    command: list[str],
    tmp_path: Path,
) -> None:
    connection = sqlite3.connect(sqlite_only)
    connection.execute(
        "INSERT INTO contribution (cluster_id, company_id, year, amount_cents, created_at) "
        "VALUES (1, 1, 2026, 9000000000000000000, '2026-05-01'), "
        "(1, 1, 2026, 9000000000000000000, '2026-05-01')"
    )
    connection.commit()
    connection.close()
    args = [*command, str(tmp_path / "r.xlsx")] if command[0] == "export" else command
    result = demo_cluster(*args, expect=1)
    assert result.stderr == (
        "cluster-ledger: error: the ledger's amounts add up beyond what the database can sum "
        "(more than 2^63 cents): an amount far too large was written to it outside "
        "cluster-ledger; run 'cluster-ledger verify' to find it, then restore a backup from "
        "before it\n"
    )
    assert not (tmp_path / "r.xlsx").exists()


@POSIX
def test_an_export_into_a_full_disk_gets_one_line_and_leaves_nothing(tmp_path: Path) -> None:
    """A file size limit makes every write past it fail, as a full disk does."""
    ledger = tmp_path / "ledger.sqlite"
    big_ledger(ledger, 2_000)
    out = tmp_path / "out"
    out.mkdir()

    def limited() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, 64 * 1024))

    target = out / "r.xlsx"
    done = subprocess.run(
        [sys.executable, "-c", "from tui.cli import main; main()", "--db", str(ledger),
         "export", "--cluster", CLUSTER, "--year", "2026", "-o", str(target)],
        cwd=REPO, capture_output=True, text=True, preexec_fn=limited, check=False,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )  # fmt: skip
    assert done.returncode == 1, done.stderr
    assert done.stderr == (
        f"cluster-ledger: error: --output: cannot write {target}: the disk is full; free some "
        "space there\n"
    )
    assert list(out.iterdir()) == []


@POSIX
def test_the_audit_user_comes_from_the_uid_and_logname_is_a_label(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import pwd

    real = pwd.getpwuid(os.getuid()).pw_name
    monkeypatch.setenv("LOGNAME", real)
    assert current_actor() == real
    monkeypatch.setenv("LOGNAME", "the-boss\nx")
    assert current_actor() == f"{real} (LOGNAME=the-boss\\nx)"
