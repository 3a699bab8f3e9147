"""Read a workbook in a separate process, so a reader crash cannot end the application.

calamine's OLE2 (.xls) reader can abort the whole process on a damaged file (a Rust
allocation failure is an abort, not an exception), and the binary and OpenDocument
readers cannot be bounded by looking at the file first. So those formats are read by
``python -m importers._child PATH FORMAT MAX_ROWS LIMIT`` under an address-space limit and a
timeout; the child writes a pickle of ``("ok", grids)`` or ``("fail", kind, detail,
sheet)`` to stdout. The child costs a Python start (about 0.1 s) plus pickling the
cells, which is why xlsx, fully checked beforehand, is read in-process instead.
"""

from __future__ import annotations

import os
import pickle
import resource
import subprocess
import sys
from pathlib import Path

from importers._calamine import ReadFailure, SheetGrid, read_grids

# The child's address space: enough for any real file of its size, small enough that
# the damaged .xls files which make calamine allocate until it aborts fail in a second.
MEMORY_FLOOR = 1 << 30
MEMORY_PER_BYTE = 40
MEMORY_CEILING = 6 << 30
TIMEOUT_SECONDS = 120.0
_ROOT = Path(__file__).resolve().parent.parent


def read_isolated(
    path: Path,
    fmt: str,
    *,
    max_rows: int | None,
    timeout: float = TIMEOUT_SECONDS,  # float-ok: seconds
) -> list[SheetGrid]:
    """Read ``path`` with calamine in a child process and return its grids.

    Raises:
        ReadFailure: as :func:`importers._calamine.read_grids`, plus kind ``crashed``
            when the child died or ``timeout`` when it ran out of time.
    """
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(_ROOT), env.get("PYTHONPATH")]))
    limit = min(MEMORY_CEILING, MEMORY_FLOOR + MEMORY_PER_BYTE * path.stat().st_size)
    command = [sys.executable, "-m", "importers._child", str(path), fmt, str(max_rows or 0)]
    command.append(str(limit))
    try:
        done = subprocess.run(command, capture_output=True, timeout=timeout, env=env, check=False)
    except subprocess.TimeoutExpired:
        raise ReadFailure("timeout", f"no result after {timeout:.0f} s") from None
    except OSError as error:
        raise ReadFailure("crashed", str(error)) from None
    if done.returncode != 0:
        raise ReadFailure("crashed", f"reader exited with status {done.returncode}")
    try:
        answer = pickle.loads(done.stdout)
    except Exception as error:
        raise ReadFailure("crashed", f"unreadable answer ({error})") from None
    if answer[0] == "ok":
        return answer[1]
    _, kind, detail, sheet = answer
    raise ReadFailure(kind, detail, sheet)


def _main(argv: list[str]) -> int:
    path, fmt, max_rows, limit = Path(argv[0]), argv[1], int(argv[2]) or None, int(argv[3])
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    try:
        answer: tuple = ("ok", read_grids(path, fmt, max_rows=max_rows))
    except ReadFailure as failure:
        answer = ("fail", failure.kind, failure.detail, failure.sheet)
    except MemoryError:
        answer = ("fail", "too_large", "out of memory", None)
    sys.stdout.buffer.write(pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL))
    return 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
