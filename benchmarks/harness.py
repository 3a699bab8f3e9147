"""Running the processes a benchmark compares: timed whole, one at a time, side by side.

Why it exists: each benchmark compares the project with the obvious alternative as whole
processes (spawn to exit), after a discarded warm-up, interleaved so drift hits all of
them, with each child's own peak RSS, in the same environment, and on exactly the code
it says it measured (``--commit`` exports a commit; a run notices edits made meanwhile).
The scenarios differ; this machinery does not, so it lives here once. What the run
writes comes from :mod:`results`. A benchmark uses it like this::

    parser = argparse.ArgumentParser(description="...")
    add_common_options(parser, write_default="always")
    bench = Bench.start(parser.parse_args(), __file__)
    project = Measure("project", child("summarise_all", str(db), "totals"))
    bare = Measure("bare", child("bare_query", str(db), "1", sql))
    bench.launcher.measure([project, bare], bench.repeat)
    rows = [process_row("project", project, bare, bold=True), process_row("bare", bare, bare)]
    table = markdown_table(process_header("bare"), rows, PROCESS_ALIGN)
    bench.finish("## My benchmark", [table], write=True)

Children are scripts in ``benchmarks/children/`` (see :func:`child`), so each one's
start-up costs exactly what it imports and nothing of the benchmark that starts it.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import shlex
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from results import RESULTS_FILE, machine, write_results

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
DEFAULT_WORK = HERE / "work"
CHILDREN = HERE / "children"
GNU_TIME = Path("/usr/bin/time")
PACKAGES = ("ledger", "tui", "importers")  # the project code a run measures


def check(condition: bool, message: str) -> None:
    """A sanity check that also holds under ``python -O``."""
    if not condition:
        raise RuntimeError(message)


def child(name: str, *args: str) -> list[str]:
    """The command line of the child script ``benchmarks/children/<name>.py``."""
    return [sys.executable, str(CHILDREN / f"{name}.py"), *args]


def cli_argv() -> list[str]:
    """The project's command line as a user starts it (the installed ``cluster-ledger``)."""
    script = Path(sys.executable).parent / "cluster-ledger"
    return [str(script)] if script.exists() else [sys.executable, "-m", "tui.cli"]


@dataclass
class Run:
    seconds: float
    maxrss_kib: int
    stdout: str


@dataclass
class Measure:
    """Repeated whole-process runs of one command."""

    label: str
    argv: list[str]
    runs: list[Run] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(r.seconds for r in self.runs)

    @property
    def best(self) -> float:
        return min(r.seconds for r in self.runs)

    @property
    def peak_mib(self) -> float:
        return max(r.maxrss_kib for r in self.runs) / 1024

    def outputs(self) -> list[dict[str, Any]]:
        """Each run's JSON line (children print one)."""
        return [json.loads(r.stdout) for r in self.runs]

    def inner(self, key: str) -> float:
        """The median of a timing the child reported about itself."""
        return statistics.median(o[key] for o in self.outputs())

    def calls_ms(self) -> dict[str, float]:
        """Best, median and first of the calls one run timed in-process (``times``), in ms."""
        (out,) = self.outputs()
        times = [t * 1000 for t in out["times"]]
        return {"best": min(times), "median": statistics.median(times), "first": times[0]}

    def inner_all(self, key: str = "times") -> float:
        """The median of every time the child listed under ``key``, over all runs."""
        return statistics.median(t for o in self.outputs() for t in o[key])


@dataclass(frozen=True)
class Launcher:
    """Starts the children: all with the same environment, in the work folder.

    The work folder as working directory keeps a ``-c`` or ``-m`` child from importing the
    project from the current directory first (a script child searches its own folder,
    ``benchmarks/children/``, which holds none of it). Every child imports the project
    from ``PYTHONPATH``: the measured code, after any path the caller set, so a candidate
    checkout can be measured with ``PYTHONPATH=/path/to/checkout``. Bytecode goes to
    ``PYTHONPYCACHEPREFIX`` under the work folder, so after the warm-up every child
    imports compiled code, as an installed product does.
    """

    env: dict[str, str]
    cwd: Path

    @classmethod
    def for_work(cls, work: Path, code: CodeSource) -> Launcher:
        env = dict(os.environ)
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
        env["PYTHONPATH"] = os.pathsep.join(str(p) for p in code.path)
        env.setdefault("PYTHONIOENCODING", "utf-8")
        return cls(env, work)

    def run(self, argv: Sequence[str]) -> Run:
        """Run one child to the end; its wall time and its own peak RSS.

        The peak RSS comes from GNU time wrapped around the child: Linux carries a parent's
        high-water RSS into a forked child's ``ru_maxrss``, so ``os.wait4`` on a child of
        this (large) process would report this process's peak, not the child's. Without
        GNU time the figure falls back to ``os.wait4`` and is only an upper bound.

        Raises:
            RuntimeError: the child exited with a non-zero status (its stderr's tail).
        """
        with tempfile.TemporaryDirectory() as tmp:
            rss_file, out, err = Path(tmp) / "rss", Path(tmp) / "out", Path(tmp) / "err"
            wrapped = list(argv)
            if GNU_TIME.exists():
                wrapped = [str(GNU_TIME), "-f", "%M", "-o", str(rss_file), *argv]
            with out.open("wb") as out_f, err.open("wb") as err_f:
                started = time.perf_counter()
                proc = subprocess.Popen(
                    wrapped, stdout=out_f, stderr=err_f, env=self.env, cwd=self.cwd
                )
                _, status, usage = os.wait4(proc.pid, 0)
                seconds = time.perf_counter() - started
            proc.returncode = os.waitstatus_to_exitcode(status)
            if proc.returncode != 0:
                raise RuntimeError(
                    f"{shlex.join(argv)} exited {proc.returncode}:\n{err.read_text()[-3000:]}"
                )
            rss = int(rss_file.read_text().split()[-1]) if GNU_TIME.exists() else usage.ru_maxrss
            return Run(seconds, rss, out.read_text())

    def measure(self, measures: Sequence[Measure], repeat: int) -> None:
        """One discarded warm-up run each, then ``repeat`` rounds, interleaved so drift hits all."""
        for m in measures:
            self.run(m.argv)
        for _ in range(repeat):
            for m in measures:
                m.runs.append(self.run(m.argv))
                print(f"  {m.label}: {m.runs[-1].seconds:.3f} s", file=sys.stderr)


def git(*args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(REPO), *args], capture_output=True, text=True, check=True
    ).stdout.strip()


@dataclass(frozen=True)
class CodeSource:
    """Which project code is measured: the import path first, and how to say it in RESULTS."""

    path: tuple[Path, ...]
    description: str

    @property
    def root(self) -> Path:
        """The folder the project is imported from (the first on the path that holds it)."""
        return next((p for p in self.path if (p / "ledger").is_dir()), REPO)

    def fingerprint(self) -> str:
        """A hash of the project's code, to notice when someone edits it during a run."""
        digest = hashlib.sha256()
        for package in PACKAGES:
            for file in sorted((self.root / package).rglob("*")):
                if file.suffix in (".py", ".toml") and "__pycache__" not in file.parts:
                    digest.update(str(file.relative_to(self.root)).encode())
                    digest.update(file.read_bytes())
        return digest.hexdigest()


def code_source(commit: str | None, work: Path) -> CodeSource:
    """The working tree (after any ``PYTHONPATH``), or ``commit`` exported into ``work``."""
    user = [Path(p) for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]
    if commit is not None:
        sha = git("rev-parse", "--short", commit)
        target = work / f"code-{sha}"
        if not (target / "ledger").is_dir():
            archive = subprocess.run(
                ["git", "-C", str(REPO), "archive", sha], capture_output=True, check=True
            ).stdout
            with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
                tar.extractall(target, filter="data")
        return CodeSource(
            (target, *user, REPO), f"commit {sha}, exported with `git archive` into the work folder"
        )
    try:
        dirty = git("status", "--porcelain", "--", *PACKAGES)
        text = f"the working tree at commit {git('rev-parse', '--short', 'HEAD')}" + (
            ", with uncommitted changes in ledger/, tui/ or importers/" if dirty else ""
        )
    except (OSError, subprocess.CalledProcessError):
        text = "this repository (not a git checkout)"
    if user:
        text = f"PYTHONPATH={os.pathsep.join(map(str, user))}, imported before {text}"
    return CodeSource((*user, REPO), text)


# --- one run of a benchmark ------------------------------------------------------------------


def add_common_options(parser: argparse.ArgumentParser, write_default: str) -> None:
    """``--repeat``, ``--work``, ``--commit`` and ``--write/--no-write``.

    Args:
        write_default: when the benchmark writes RESULTS.md unless told, for the help.
    """
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per process (median)")
    parser.add_argument("--work", type=Path, default=DEFAULT_WORK, help="folder for the ledgers")
    parser.add_argument(
        "--commit",
        metavar="REV",
        help="measure the code committed at REV (exported), not the working tree",
    )
    parser.add_argument(
        "--write",
        action=argparse.BooleanOptionalAction,
        default=None,
        help=f"write {RESULTS_FILE.name} (default: {write_default})",
    )


@dataclass
class Bench:
    """One run of a benchmark: its work folder, the code it measures and how it was started."""

    repeat: int
    work: Path
    code: CodeSource
    launcher: Launcher
    command: str
    fingerprint: str
    started: float = field(default_factory=time.perf_counter)

    @classmethod
    def start(cls, args: argparse.Namespace, script: str) -> Bench:
        """Set up from the common options; this process then imports the measured code too."""
        work: Path = args.work.resolve()
        work.mkdir(parents=True, exist_ok=True)
        code = code_source(args.commit, work)
        sys.path[:0] = [str(p) for p in code.path]
        command = shlex.join(
            [os.path.relpath(sys.executable, REPO), os.path.relpath(script, REPO), *sys.argv[1:]]
        )
        launcher = Launcher.for_work(work, code)
        return cls(args.repeat, work, code, launcher, command, code.fingerprint())

    def header(self, heading: str) -> list[str]:
        """The section's heading, command, date, machine, code measured and wall time."""
        return [
            heading,
            "",
            f"Command: `{self.command}` (from the repository root)  ",
            f"Date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC  ",
            f"Machine: {machine()}  ",
            f"Code measured: {self.code.description}  ",
            f"Wall time of the whole run: {time.perf_counter() - self.started:.0f} s",
        ]

    def finish(self, heading: str, body: Sequence[str], *, write: bool) -> str:
        """Print the section (and write it to RESULTS.md), saying so if the code changed."""
        lines = [*self.header(heading), "", *body, ""]
        if self.code.fingerprint() != self.fingerprint:
            changed = (
                f"**The project code under {self.code.root} changed during this run: these"
                " numbers mix two versions.** Run again, or measure a commit with `--commit`."
            )
            print(changed, file=sys.stderr)
            lines[1:1] = ["", changed]
        section = "\n".join(lines)
        print(section)
        if write:
            write_results(section, heading)
            print(f"written to {RESULTS_FILE}", file=sys.stderr)
        return section
