"""Several processes writing one ledger at once lose nothing and wait rather than fail.

Each test starts real processes (:mod:`tests.concurrency.writers`), lets every one open
the ledger, and only then releases them together, so their writes really overlap; a
process that holds the write lock says so, which lets a test decide who goes first
without sleeping. Every wait has a time limit, so a hang fails the test. Afterwards the
ledger must hold exactly what was written, each entry with its one audit event, and
:func:`ledger.integrity.verify.verify` must pass: two writers appending the same link of
a chain would show there as a fork.
"""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from sqlalchemy import text

from ledger.backup.upgrade import UPGRADE_WITHOUT_BACKUP
from ledger.integrity.verify import verify
from ledger.session import Ledger
from ledger.storage.database import alembic_config, head_revision, make_engine
from tests.importers.ledgers import CLUSTER, with_members
from tests.importers.workbooks import ALFA, KENNIS, contributions

REPO = Path(__file__).resolve().parents[2]
WAIT_S = 120  # far beyond the ledger's 30 s busy timeout: a writer gives up before a test does
PER_WRITER = 50
IMPORT_ROWS = 1000
CLI_ENTRIES = 3
BATCH_ROWS = 500  # an import racing a year lock, or itself


class Child:
    """One process of :mod:`tests.concurrency.writers`, spoken to through its stdin and stdout."""

    def __init__(self, stderr: Path) -> None:
        path = [str(REPO), *filter(None, [os.environ.get("PYTHONPATH")])]
        self.stderr = stderr
        with stderr.open("wb") as err:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "tests.concurrency.writers"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=err,
                cwd=REPO,
                env={**os.environ, "PYTHONPATH": os.pathsep.join(path)},
                bufsize=0,
            )
        self._pending = b""
        self.ready = False
        self.task: list[str] | None = None
        self._stderr_at = 0

    def line(self) -> str:
        """The next line the process prints, waited for within the limit."""
        deadline = time.monotonic() + WAIT_S
        while b"\n" not in self._pending:
            assert self.proc.stdout is not None
            ready, _, _ = select.select([self.proc.stdout], [], [], deadline - time.monotonic())
            chunk = os.read(self.proc.stdout.fileno(), 65536) if ready else b""
            if not chunk:
                self.proc.kill()
                raise AssertionError(
                    f"{self.task} gave no answer: {self.stderr.read_text()[-3000:]}"
                )
            self._pending += chunk
        line, self._pending = self._pending.split(b"\n", 1)
        return line.decode()

    def expect(self, word: str) -> None:
        assert self.line() == word, self.task

    def send(self, word: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(f"{word}\n".encode())

    def start(self, *task: str) -> None:
        """Hand the process a task: it begins at once."""
        assert self.task is None, f"still busy with {self.task}"
        self.task = list(task)
        self._stderr_at = self.stderr.stat().st_size
        self.send(json.dumps(self.task))

    def result(self) -> dict[str, Any]:
        """The task's JSON result (``holding`` lines before it are skipped), after checking
        that it wrote nothing to stderr: no word of a busy or locked database."""
        while (line := self.line()) == "holding":
            pass
        with self.stderr.open("rb") as err:
            err.seek(self._stderr_at)
            assert err.read().decode() == "", (self.task, self.stderr.read_text()[-3000:])
        result = json.loads(line)
        assert "error" not in result, (self.task, result)
        self.task = None
        return result

    def stop(self) -> None:
        """End the process: a closed stdin is its signal to exit."""
        if self.proc.stdin is not None and not self.proc.stdin.closed:
            self.proc.stdin.close()
        try:
            self.proc.wait(timeout=WAIT_S)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=WAIT_S)


class Crew:
    """A few writer processes kept for the whole module; each test hands them tasks.

    Starting a process costs a second of imports, which would be most of the tests' time.
    A test that fails can leave a process in the middle of a task; the next test that
    takes the crew then starts it afresh.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.children: list[Child] = []
        self.starts = 0

    def take(self, count: int) -> list[Child]:
        """``count`` idle processes, each done with its imports."""
        if any(c.task is not None or c.proc.poll() is not None for c in self.children):
            self.stop()  # a failed test left a task running, or a process died
        while len(self.children) < count:
            self.starts += 1
            self.children.append(Child(self.folder / f"stderr-{self.starts}.txt"))
        taken = self.children[:count]
        for child in taken:
            if not child.ready:
                child.expect("ready")
                child.ready = True
        return taken

    def stop(self) -> None:
        for child in self.children:  # all told first, so they wind down together
            if child.proc.stdin is not None:
                child.proc.stdin.close()
        for child in self.children:
            child.stop()
        self.children = []


@pytest.fixture(scope="module")
def crew(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Crew]:
    pool = Crew(tmp_path_factory.mktemp("writers"))
    yield pool
    pool.stop()


def workbook(path: Path, year: int, rows: int) -> tuple[Path, int]:
    """A contributions sheet for ``year`` of ``rows`` rows; the file and its sum in cents."""
    lines = [
        [(ALFA, KENNIS)[i % 2], "Lid", 100 + i % 50, date(year, 1 + i % 12, 1 + i % 28)]
        for i in range(rows)
    ]
    return contributions(path, *lines, title=f"Bijdragen {year}"), sum(r[2] for r in lines) * 100


def scalar(ledger: Ledger, sql: str, **params: object) -> Any:
    with ledger.engine.connect() as connection:
        return connection.execute(text(sql), params).scalar_one()


def check_ledger(ledger: Ledger) -> None:
    """Every entry has exactly one audit event (a batch: one for all its entries), and the
    chains and figures verify."""
    assert (
        scalar(
            ledger,
            "SELECT count(*) FROM contribution c WHERE c.batch_id IS NULL AND 1 <> (SELECT count(*) "
            "FROM audit_event a WHERE a.entity = 'contribution' AND a.entity_id = c.id "
            "AND a.action = 'contribution.record')",
        )
        == 0
    )
    assert scalar(
        ledger,
        "SELECT count(*) FROM audit_event WHERE action = 'contribution.record'",
    ) == scalar(ledger, "SELECT count(*) FROM contribution WHERE batch_id IS NULL")
    assert scalar(
        ledger, "SELECT count(*) FROM audit_event WHERE action = 'contribution.record_many'"
    ) == scalar(ledger, "SELECT count(DISTINCT batch_id) FROM contribution")
    verdict = verify(ledger)
    assert verdict.ok, verdict.problems
    assert scalar(ledger, "SELECT max(chain_seq) FROM contribution") == verdict.rows["contribution"]


@pytest.mark.parametrize("writers", [2, 4])
def test_writers_at_once_lose_nothing(
    ledger: Ledger, db_target: str, crew: Crew, writers: int
) -> None:
    with_members(ledger)
    children = crew.take(writers)
    for i, child in enumerate(children):
        kbo = (ALFA, KENNIS)[i % 2]
        child.start("record", db_target, CLUSTER, kbo, "2026", f"{i + 1}.00", str(PER_WRITER))
    assert [child.result() for child in children] == [{"recorded": PER_WRITER}] * writers
    for i in range(writers):
        cents = (i + 1) * 100
        found = scalar(ledger, "SELECT count(*) FROM contribution WHERE amount_cents = :c", c=cents)
        assert found == PER_WRITER, f"writer {i} recorded {PER_WRITER}, the ledger holds {found}"
    assert scalar(ledger, "SELECT count(*) FROM contribution") == writers * PER_WRITER
    expected = PER_WRITER * 100 * sum(range(1, writers + 1))
    assert scalar(ledger, "SELECT sum(amount_cents) FROM contribution") == expected
    check_ledger(ledger)


def test_an_import_the_command_line_and_a_reader_at_once(
    ledger: Ledger, db_target: str, crew: Crew, tmp_path: Path
) -> None:
    with_members(ledger)
    path, batch_cents = workbook(tmp_path / "bijdragen.xlsx", 2026, IMPORT_ROWS)
    reader, importer, command_line = crew.take(3)
    reader.start("read", db_target, CLUSTER, "2026")
    reader.expect("looked")  # it has seen the ledger before any of the writes
    importer.start("import", db_target, CLUSTER, str(path))
    command_line.start("cli", db_target, CLUSTER, KENNIS, "2026", "7.00", str(CLI_ENTRIES))
    imported, typed = importer.result(), command_line.result()
    reader.send("stop")
    read = reader.result()
    assert imported["committed"] and imported["problems"] == []
    assert typed["exit_codes"] == [0] * CLI_ENTRIES, typed["stderr"]
    assert typed["stderr"] == ""
    batch = str(imported["batch_id"])
    final = {"None": [CLI_ENTRIES, CLI_ENTRIES * 700], batch: [IMPORT_ROWS, batch_cents]}
    singles = 0
    for look in read["seen"]:
        assert set(look["batches"]) <= {"None", batch}
        # The batch is all there or not at all; single entries arrive whole, one by one.
        assert look["batches"].get(batch, [IMPORT_ROWS, batch_cents]) == [IMPORT_ROWS, batch_cents]
        count, cents = look["batches"].get("None", [0, 0])
        assert cents == count * 700 and count >= singles
        singles = count
        assert look["total_cents"] == sum(s for _, s in look["batches"].values())
    assert read["seen"][0] == {"total_cents": 0, "batches": {}}
    assert read["seen"][-1]["batches"] == final
    assert scalar(ledger, "SELECT count(*) FROM contribution") == IMPORT_ROWS + CLI_ENTRIES
    assert scalar(ledger, "SELECT count(*) FROM import_batch") == 1
    check_ledger(ledger)


LOCKED = "{year} of Circular Plastics is locked; reopen it with 'year reopen --reason' first"


def test_locking_a_year_during_an_import_into_it_has_one_winner(
    ledger: Ledger, db_target: str, crew: Crew, tmp_path: Path
) -> None:
    """Who goes first: the import holding the write lock, the lock holding it, or both
    started together (in each order). Either the whole batch lands and the year is locked
    after it, or the lock comes first and the import is refused, every row with the lock's
    message and nothing of it in the ledger."""
    with_members(ledger)
    trials = ["import", "lock", "together, import first", "together, lock first", "import"]
    outcomes = []
    importer, locker = crew.take(2)
    for year, first in enumerate(trials, start=2026):
        path, batch_cents = workbook(tmp_path / f"bijdragen-{year}.xlsx", year, BATCH_ROWS)
        do_import = ("import", db_target, CLUSTER, str(path))
        do_lock = ("lock", db_target, CLUSTER, str(year))
        if first == "import":
            importer.start(*do_import)
            importer.expect("holding")  # the import holds the write lock: the lock waits
            locker.start(*do_lock)
        elif first == "lock":
            locker.start(*do_lock, "--hold")
            locker.expect("holding")  # the lock holds it: the import waits, then is refused
            importer.start(*do_import)
            locker.send("continue")
        elif first.endswith("import first"):
            importer.start(*do_import)
            locker.start(*do_lock)
        else:
            locker.start(*do_lock)
            importer.start(*do_import)
        imported, locked = importer.result(), locker.result()
        entries = scalar(ledger, "SELECT count(*) FROM contribution WHERE year = :y", y=year)
        lock_seq = scalar(
            ledger,
            "SELECT chain_seq FROM audit_event WHERE action = 'year.lock' AND entity_id = :e",
            e=locked["lock_event"],
        )
        if imported["committed"]:
            assert imported["batch_id"] is not None and imported["problems"] == []
            assert entries == BATCH_ROWS
            total = "SELECT sum(amount_cents) FROM contribution WHERE batch_id = :b"
            assert scalar(ledger, total, b=imported["batch_id"]) == batch_cents
            import_seq = scalar(
                ledger,
                "SELECT chain_seq FROM audit_event WHERE action = 'contribution.record_many' "
                "AND entity_id = :b",
                b=imported["batch_id"],
            )
            assert import_seq < lock_seq  # the lock came after the whole batch
            outcomes.append("import, then lock")
        else:
            assert imported["batch_id"] is None and entries == 0
            assert imported["problems"] == [LOCKED.format(year=year)]
            assert imported["problem_count"] == BATCH_ROWS
            outcomes.append("lock, import refused")
    assert outcomes[:2] == ["import, then lock", "lock, import refused"]
    assert scalar(ledger, "SELECT count(*) FROM year_lock_event WHERE locked") == len(trials)
    check_ledger(ledger)


def test_the_same_file_imported_twice_at_once_lands_once(
    ledger: Ledger, db_target: str, crew: Crew, tmp_path: Path
) -> None:
    """Started together, and with one import already holding the write lock when the other
    starts: one batch lands, the other import names it as already imported."""
    with_members(ledger)
    first, second = crew.take(2)
    for year, hold in ((2026, False), (2027, True)):
        path, batch_cents = workbook(tmp_path / f"bijdragen-{year}.xlsx", year, BATCH_ROWS)
        first.start("import", db_target, CLUSTER, str(path))
        if hold:
            first.expect("holding")
        second.start("import", db_target, CLUSTER, str(path))
        results = [first.result(), second.result()]
        landed = [r for r in results if r["batch_id"] is not None]
        refused = [r for r in results if r["batch_id"] is None]
        assert len(landed) == 1 and len(refused) == 1, results
        assert refused[0]["already"] == landed[0]["batch_id"]
        assert scalar(ledger, "SELECT count(*) FROM import_batch WHERE year = :y", y=year) == 1
        total = "SELECT count(*), sum(amount_cents) FROM contribution WHERE year = :y"
        with ledger.engine.connect() as connection:
            found = tuple(connection.execute(text(total), {"y": year}).one())
        assert found == (BATCH_ROWS, batch_cents)
    check_ledger(ledger)


def test_an_older_ledger_opened_by_several_processes_at_once_is_upgraded_once(
    db_target: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After an upgrade of cluster-ledger, the app and a command may open the ledger at the
    same moment: one of them backs the ledger up and upgrades its schema, once, and the
    others wait and find it upgraded."""
    sqlite = not db_target.startswith("postgres")
    if not sqlite:  # pg_dump need not be on PATH; the SQLite half counts the copies
        monkeypatch.setenv(UPGRADE_WITHOUT_BACKUP, "1")
    engine = make_engine(db_target)
    config = alembic_config(engine)
    children = [Child(tmp_path / f"stderr-{i}.txt") for i in range(3)]
    try:
        for child in children:
            child.expect("ready")
        for trial in range(4):
            # A ledger of the schema before the newest but one, from nothing or downgraded.
            (command.downgrade if trial else command.upgrade)(config, "0002")
            for child in children:
                child.start("open", db_target)
            assert [c.result() for c in children] == [{"revision": head_revision()}] * 3
            with engine.connect() as connection:
                upgrades = connection.execute(
                    text("SELECT count(*) FROM audit_event WHERE action = 'ledger.upgrade'")
                ).scalar_one()
            assert upgrades == trial + 1  # one upgrade, audited once, per trial
            if sqlite:
                copies = list(tmp_path.glob("*.before-upgrade-from-0002-*.sqlite"))
                assert len(copies) == trial + 1
    finally:
        for child in children:
            child.stop()
        engine.dispose()
