"""Running a fault trial: a run of the command line on a copy of a ledger, killed at a
planned point, then the ledger checked (see :mod:`tests.faults.state`).

A run is a process of its own, started either afresh (``sys.executable`` running
``importer_child.py``, which calls the console entry point) or forked from a warm
:class:`Launcher`. Trials run two at a time: one is killed while the other is checked.
"""

from __future__ import annotations

import json
import os
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from ledger.session import Ledger
from tests.faults.state import Expected, added, check_ledger, holdings, indexes

CHILD = Path(__file__).with_name("importer_child.py")
ROOT = CHILD.parents[2]
SEED = int(os.environ.get("FAULT_SEED", "20261123"))
WAIT_S = 120  # a run that has not ended by then hangs, which is a failure of its own


class Run(Protocol):
    def wait(self, timeout: float | None = None) -> bool: ...
    def kill(self) -> None: ...
    def killed(self) -> bool: ...


@dataclass
class FreshRun:
    """A run in a new interpreter, as ``cluster-ledger`` starts from the shell."""

    process: subprocess.Popen[bytes]

    def wait(self, timeout: float | None = None) -> bool:
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            return False
        return True

    def kill(self) -> None:
        self.process.kill()  # SIGKILL
        self.process.wait()

    def killed(self) -> bool:
        return self.process.returncode == -signal.SIGKILL


@dataclass
class ForkedRun:
    """A run forked from the launcher; a pidfd follows it although it is not our child."""

    pid: int
    out: Path
    pidfd: int | None = field(init=False, default=None)

    def __post_init__(self) -> None:
        try:
            self.pidfd = os.pidfd_open(self.pid)
        except ProcessLookupError:  # ended (and reaped) already
            self.pidfd = None

    def wait(self, timeout: float | None = None) -> bool:
        if self.pidfd is None:
            return True
        ready, _, _ = select.select([self.pidfd], [], [], timeout)
        if ready:
            os.close(self.pidfd)
            self.pidfd = None
        return bool(ready)

    def kill(self) -> None:
        if self.pidfd is not None:
            signal.pidfd_send_signal(self.pidfd, signal.SIGKILL)
            self.wait()

    def killed(self) -> bool:
        return not Path(f"{self.out}.exit").exists()


class Launcher:
    """The warm process that forks runs (``importer_child.py --serve``)."""

    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, str(CHILD), "--serve"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            cwd=ROOT,
            text=True,
        )
        self.lock = threading.Lock()

    def start(self, argv: Sequence[str], env: dict[str, str], out: Path) -> ForkedRun:
        request = json.dumps({"argv": list(argv), "env": env, "out": str(out)})
        with self.lock:
            assert self.process.stdin is not None and self.process.stdout is not None
            self.process.stdin.write(request + "\n")
            self.process.stdin.flush()
            pid = int(self.process.stdout.readline())
        return ForkedRun(pid, out)

    def close(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait(WAIT_S)


def start_fresh(argv: Sequence[str], env: dict[str, str], out: Path) -> FreshRun:
    with out.open("wb") as sink:
        process = subprocess.Popen(
            [sys.executable, str(CHILD), *argv],
            stdout=sink,
            stderr=subprocess.STDOUT,
            cwd=ROOT,
            env={**os.environ, **env},
        )
    return FreshRun(process)


@dataclass(frozen=True)
class Trial:
    """One kill: at a stage the run reaches (``kill_at``, see importer_child.py), or
    ``delay`` seconds after a fresh run starts (an outside SIGKILL)."""

    name: str
    kill_at: str = ""
    delay: float | None = None
    landed: bool | None = None  # known for a staged kill; either for a timed one

    @property
    def fresh(self) -> bool:
        return self.delay is not None


@dataclass
class Outcome:
    trial: Trial
    landed: bool
    problems: list[str]


Start = Callable[[Sequence[str], dict[str, str], Path], Run]


def kill_run(
    trial: Trial, start: Start, argv: Sequence[str], env: dict[str, str], out: Path
) -> list[str]:
    """Start a run and kill it as ``trial`` plans; return what went wrong with the run itself."""
    run = start(argv, {**env, "FAULT_KILL_AT": trial.kill_at}, out)
    if trial.delay is not None and not run.wait(trial.delay):
        run.kill()
    if not run.wait(WAIT_S):
        run.kill()
        return [f"the run hung for {WAIT_S} s"]
    if trial.kill_at and not trial.kill_at.startswith("begin+") and not run.killed():
        return [f"the run never reached its kill point; it printed: {out.read_text()[-2000:]}"]
    if not run.killed() and "Imported" not in out.read_text() and "--record-loop" not in argv:
        return [f"the run ended by itself without importing: {out.read_text()[-2000:]}"]
    return []


def judge(
    trial: Trial, ledger: Ledger, expected: Expected, reimport: tuple[Path, str] | None
) -> tuple[bool, list[str]]:
    """Check the ledger after ``trial``; a staged kill must also land as planned."""
    landed, problems = check_ledger(ledger, expected, reimport=reimport)
    if trial.landed is not None and landed != trial.landed:
        problems.append(f"the batch {'did not land' if trial.landed else 'landed'}")
    return landed, problems


@dataclass
class Bench:
    """Where trials run: a ledger to copy, the files, what an undisturbed run adds."""

    base: Path
    work: Path
    env: dict[str, str]
    launcher: Launcher

    def trial(
        self,
        index: int,
        trial: Trial,
        command: Callable[[Path], list[str]],
        expected: Expected,
        reimport: tuple[Path, str] | None,
    ) -> Outcome:
        folder = Path(tempfile.mkdtemp(prefix=f"trial-{index}-", dir=self.work))
        db, out = folder / "ledger.sqlite", folder / "run.out"
        shutil.copyfile(self.base, db)
        start: Start = start_fresh if trial.fresh else self.launcher.start
        problems = kill_run(trial, start, command(db), self.env, out)
        landed = False
        if not problems:
            ledger = Ledger.open(db, actor="tester", origin="test")
            try:
                landed, problems = judge(trial, ledger, expected, reimport)
            finally:
                ledger.dispose()
        if problems:  # kept for a look: the ledger as the kill left it, the run's output
            problems.append(f"(the ledger and the run's output are kept in {folder})")
        else:
            shutil.rmtree(folder)
        return Outcome(trial, landed, problems)

    def run_all(
        self,
        trials: Sequence[Trial],
        command: Callable[[Path], list[str]],
        expected: Expected,
        reimport: tuple[Path, str] | None,
    ) -> list[Outcome]:
        """Run ``trials`` two at a time; a failure lists every trial that failed."""
        with ThreadPoolExecutor(max_workers=2) as pool:
            outcomes = list(
                pool.map(
                    lambda item: self.trial(item[0], item[1], command, expected, reimport),
                    enumerate(trials),
                )
            )
        failed = [f"{o.trial.name}: {'; '.join(o.problems)}" for o in outcomes if o.problems]
        assert not failed, (
            f"{len(failed)} of {len(trials)} kill trials failed (seed {SEED}; repeat with "
            f"FAULT_SEED={SEED}):\n" + "\n".join(failed)
        )
        return outcomes


@dataclass(frozen=True)
class Calibration:
    """One undisturbed run, timed from its start, with each write statement it made."""

    duration: float
    statements: list[str]  # write statements in order: statement K is statements[K - 1]
    window: float  # from BEGIN IMMEDIATE to just after the commit
    expected: Expected


def calibrate(bench: Bench, command: Callable[[Path], list[str]]) -> Calibration:
    """Two undisturbed runs side by side, as the trials run: their mean duration, and the
    first one's trace and what it added to the ledger."""
    ledger = Ledger.open(bench.base, actor="tester", origin="test")
    before, found = holdings(ledger), indexes(ledger)
    ledger.dispose()
    with ThreadPoolExecutor(max_workers=2) as pool:
        durations = list(pool.map(lambda n: _timed_run(bench, command, n), (1, 2)))
    statements, window = read_trace(bench.work / "calibration-1.trace")
    ledger = Ledger.open(bench.work / "calibration-1.sqlite", actor="tester", origin="test")
    delta = added(before, holdings(ledger))
    ledger.dispose()
    duration = sum(durations) / len(durations)
    return Calibration(duration, statements, window, Expected(before, delta, found))


def _timed_run(bench: Bench, command: Callable[[Path], list[str]], number: int) -> float:
    db = bench.work / f"calibration-{number}.sqlite"
    shutil.copyfile(bench.base, db)
    trace = bench.work / f"calibration-{number}.trace"
    trace.unlink(missing_ok=True)
    out = bench.work / f"calibration-{number}.out"
    began = time.monotonic()
    run = start_fresh(command(db), {**bench.env, "FAULT_TRACE": str(trace)}, out)
    assert run.wait(WAIT_S) and run.process.returncode == 0, out.read_text()
    return time.monotonic() - began


def read_trace(trace: Path) -> tuple[list[str], float]:
    """The write statements a traced run made, and how long its write transaction took."""
    lines = [line.split(" ", 2) for line in trace.read_text().splitlines()]
    statements = [line[2] for line in lines if line[1].isdigit()]
    return statements, float(lines[-1][0]) - float(lines[0][0])
