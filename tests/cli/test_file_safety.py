"""No file the ledger touches is at risk: --errors-out, --output and backup refuse the
ledger, special files and wrong names; what they write gets the ledger's permissions;
killed, they leave nothing under the target's name and the next run removes what they
left (SQLite ledgers: the attacks are on files)."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from ledger import operations, queries
from ledger.files import TEMP_PREFIX
from ledger.operations import NewContribution
from ledger.session import Ledger
from tests.cli.conftest import Run
from tests.cli.test_backup import sqlite_only  # noqa: F401  (the fixture)
from tests.ledger.test_backup import rows

CLUSTER = "Circular Plastics"
REPO = Path(__file__).resolve().parents[2]
PROGRAM = [sys.executable, "-c", "from tui.cli import main; main()"]


def sha(path: Path) -> tuple[bytes, object, object]:
    """What the ledger holds (its file's bytes move as SQLite checkpoints its log)."""
    return path.read_bytes()[:16], rows(path, "audit_event"), rows(path, "contribution")


@pytest.fixture
def bad_csv(tmp_path: Path) -> Path:
    path = tmp_path / "bad.csv"
    path.write_text("Ondernemingsnummer;Bedrag;Jaar\n0403170701;1.500;2026\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("name", "line"),
    [
        ("ledger.sqlite", "'ledger.sqlite' does not end in .xlsx; name the workbook FILE.xlsx"),
        (
            "ledger.sqlite-wal",
            "'ledger.sqlite-wal' does not end in .xlsx; name the workbook FILE.xlsx",
        ),
        ("/dev/null", "'null' does not end in .xlsx; name the workbook FILE.xlsx"),
    ],
)
def test_errors_out_never_overwrites_the_ledger_even_on_a_dry_run(
    demo_cluster: Run,
    sqlite_only: Path,  # noqa: F811
    bad_csv: Path,
    name: str,
    line: str,
) -> None:
    target = name if name.startswith("/") else str(sqlite_only.parent / name)
    before = sha(sqlite_only)
    args = ("import", str(bad_csv), "--cluster", CLUSTER, "--year", "2026")
    result = demo_cluster(*args, "--errors-out", target, "--force", expect=1)
    assert result.stderr == f"cluster-ledger: error: --errors-out: {line}\n"
    assert result.stdout == ""  # refused before the file was read
    assert sha(sqlite_only) == before


@pytest.mark.skipif(os.name != "posix", reason="needs FIFOs")
def test_errors_out_refuses_a_fifo_a_link_to_the_ledger_and_wants_force(
    demo_cluster: Run,
    sqlite_only: Path,  # noqa: F811
    bad_csv: Path,
    tmp_path: Path,
) -> None:
    args = ("import", str(bad_csv), "--cluster", CLUSTER, "--year", "2026", "--errors-out")
    fifo = tmp_path / "fouten.xlsx"
    os.mkfifo(fifo)
    result = demo_cluster(*args, str(fifo), "--force", expect=1)
    assert result.stderr == (
        f"cluster-ledger: error: --errors-out: {fifo} is not a regular file (a device, FIFO or "
        "socket); give a file name\n"
    )
    link = tmp_path / "ledger-link.xlsx"
    link.symlink_to(sqlite_only)
    result = demo_cluster(*args, str(link), "--force", expect=1)
    assert result.stderr.endswith(
        "ledger-link.xlsx is the ledger itself (or one of its files); give another name\n"
    )
    existing = tmp_path / "old.xlsx"
    existing.write_bytes(b"keep me")
    result = demo_cluster(*args, str(existing), expect=1)
    assert result.stderr == (
        f"cluster-ledger: error: --errors-out: {existing} already exists; pass --force to "
        "replace it\n"
    )
    assert existing.read_bytes() == b"keep me"
    result = demo_cluster(*args, str(existing), "--force", expect=1)  # the import's own refusal
    assert f"Wrote 1 problem rows to {existing}" in result.stdout
    assert existing.read_bytes()[:2] == b"PK"


def big_ledger(path: Path, entries: int) -> None:
    """A ledger whose report takes a moment to write, so a run can be killed halfway."""
    ledger = Ledger.open(path, create=True, actor="tester")
    with ledger.write() as tx:
        cluster = operations.add_cluster(tx, name=CLUSTER, rule_set_id="ibn-2026", start_year=2026)
        operations.add_member(tx, cluster, kbo="0403170701", name="Alfa NV", postcode="9000")
    from ledger.imports import SourceRow, add_import_batch

    with ledger.write() as tx:
        cluster = queries.get_cluster(CLUSTER, session=tx.session)
        rows = [SourceRow(n + 2, f"k{n}", f"{n:064}") for n in range(entries)]
        batch = add_import_batch(
            tx, cluster, what="contributions", file_name="groot.xlsx", file_hash="a" * 64,
            source_key="groot.xlsx", sheet=None, year=2026, rows=rows,
        )  # fmt: skip
        items = [
            NewContribution("0403170701", 2026, 100 + n % 7, date(2026, 3, 1), f"note {n}")
            for n in range(entries)
        ]
        operations.record_contributions(tx, cluster, items, batch_id=batch.id or 0)
    ledger.dispose()


def run(args: list[str], tmp: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "TMPDIR": str(tmp), "PYTHONPATH": str(REPO)}
    return subprocess.Popen(
        [*PROGRAM, *args], cwd=REPO, env=env, text=True,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip


def kill_when_writing(process: subprocess.Popen[str], folder: Path, sig: int) -> bool:
    """Send ``sig`` once the run has its temporary file in ``folder``; False if it ended first."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        if any(p.name.startswith(TEMP_PREFIX) for p in folder.iterdir()):
            process.send_signal(sig)
            process.wait(timeout=60)
            return True
        time.sleep(0.005)
    process.wait(timeout=60)
    return False


@pytest.mark.skipif(os.name != "posix", reason="needs POSIX signals")
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM], ids=["kill-9", "term"])
@pytest.mark.parametrize("what", ["export", "backup"])
def test_a_killed_export_or_backup_leaves_nothing_after_the_next_run(
    tmp_path: Path, sig: int, what: str
) -> None:
    ledger = tmp_path / "ledger.sqlite"
    big_ledger(ledger, 5_000)
    out, tmp = tmp_path / "out", tmp_path / "tmp"
    out.mkdir()
    tmp.mkdir()
    target = out / ("report.xlsx" if what == "export" else "copy.sqlite")
    args = ["--db", str(ledger)]
    args += (
        ["export", "--cluster", CLUSTER, "--year", "2026", "--output", str(target)]
        if what == "export"
        else ["backup", str(target)]
    )
    killed = kill_when_writing(run(args, tmp), out, sig)
    if not killed:
        pytest.skip("the run ended before it could be killed (a very fast machine)")
    assert not target.exists()
    assert list(tmp.iterdir()) == []  # nothing of the entries in the temporary folder
    left = [p for p in out.iterdir()]
    if sig == signal.SIGTERM:
        assert left == []  # unwound like Ctrl-C: its own temporary files removed
    done = run(args, tmp)
    assert done.wait(timeout=120) == 0, done.stderr.read() if done.stderr else ""
    assert [p.name for p in out.iterdir()] == [target.name]


@pytest.mark.skipif(os.name != "posix", reason="needs POSIX permissions")
@pytest.mark.parametrize("mode", [0o600, 0o640])
def test_reports_and_backups_get_the_ledgers_permissions_under_any_umask(
    demo_cluster: Run,
    sqlite_only: Path,  # noqa: F811
    tmp_path: Path,
    mode: int,
) -> None:
    sqlite_only.chmod(mode)
    old = os.umask(0o022)
    try:
        demo_cluster(
            "export", "--cluster", CLUSTER, "--year", "2026", "-o", str(tmp_path / "r.xlsx")
        )
        demo_cluster("backup", str(tmp_path / "b.sqlite"))
    finally:
        os.umask(old)
    for name in ("r.xlsx", "b.sqlite"):
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == mode
