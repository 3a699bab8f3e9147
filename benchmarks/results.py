"""What a benchmark writes: Markdown tables, the machine line and its section of RESULTS.md.

Why it exists: every benchmark reports the same way (whole processes side by side, a
ratio against the obvious alternative, each child's peak memory) and owns one ``## ``
section of ``RESULTS.md``, replaced on each run and leaving the others alone. The
processes themselves are timed by :mod:`harness`. For example::

    rows = [process_row("project", project, bare, "import 0.4 s", bold=True)]
    rows.append(process_row("bare sqlite3", bare, bare))
    print(markdown_table(process_header("bare"), rows, PROCESS_ALIGN))
    write_results("## Import speed (import_speed.py)\n\n...", "## Import speed (import_speed.py)")
"""

from __future__ import annotations

import os
import platform
import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from harness import Measure

RESULTS_FILE = Path(__file__).resolve().parent / "RESULTS.md"


def machine() -> str:
    """CPUs, OS, Python and the database libraries, for the report's ``Machine:`` line."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    from importlib.metadata import version

    return (
        f"{os.cpu_count()} CPUs ({cpu}), {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}, "
        f"SQLAlchemy {version('sqlalchemy')}, SQLModel {version('sqlmodel')}"
    )


PROCESS_ALIGN = "lrrlrr"


def process_header(base: str) -> list[str]:
    """The columns of a whole-process comparison; ``base`` names the process ratios are against."""
    return [
        "process",
        "median s",
        "best s",
        "inside the process (median)",
        "peak RSS MiB",
        f"x {base}",
    ]


def markdown_table(
    header: Sequence[str], rows: Sequence[Sequence[str]], align: str | None = None
) -> str:
    """A Markdown table; ``align`` is ``l`` or ``r`` per column (default: the first left)."""
    align = align or "l" + "r" * (len(header) - 1)
    rule = "|".join("---" if a == "l" else "---:" for a in align)
    body = ["| " + " | ".join(cells) + " |" for cells in rows]
    return "\n".join([f"| {' | '.join(header)} |", f"|{rule}|", *body])


def process_row(
    label: str, m: Measure, base: Measure, inside: str = "", *, bold: bool = False
) -> list[str]:
    """One row of a :func:`process_header` table: ``m`` against the median of ``base``."""
    ratio = f"{m.median / base.median:.2f}"
    return [
        label,
        f"{m.median:.3f}",
        f"{m.best:.3f}",
        inside,
        f"{m.peak_mib:.0f}",
        f"**{ratio}**" if bold else ratio,
    ]


def method_note(repeat: int) -> str:
    """How every process was timed, in one paragraph."""
    return (
        f"Every process: one discarded warm-up, then {repeat} timed runs interleaved with the"
        " others; wall time from spawn to exit; peak RSS is that child's own `ru_maxrss`"
        " (measured by GNU time around it). Page cache warm; bytecode compiled"
        " (`PYTHONPYCACHEPREFIX` in the work folder)."
    )


def write_results(section: str, heading: str, path: Path = RESULTS_FILE) -> None:
    """Replace the section under ``heading`` in RESULTS.md (or add it), leaving the others alone."""
    text = path.read_text() if path.exists() else "# Benchmark results\n"
    start = text.find(heading)
    if start < 0:
        text = text.rstrip("\n") + "\n\n" + section
    else:
        end = text.find("\n## ", start + len(heading))
        text = text[:start] + section + ("" if end < 0 else text[end:])
    path.write_text(text.rstrip("\n") + "\n")
