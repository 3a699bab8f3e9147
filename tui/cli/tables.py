"""Plain text tables for the command line.

Columns are padded, never truncated, so output stays whole when piped to a file or
another program; numbers are right-aligned.
"""

from __future__ import annotations

from collections.abc import Sequence


def render_table(
    headers: Sequence[str], rows: Sequence[Sequence[object]], right: set[int] | None = None
) -> str:
    """Lay out rows under headers; ``right`` holds the indexes of right-aligned columns."""
    right = right or set()
    from ledger.text import escape_controls

    # A cell holding a line break or an escape sequence (a file name) stays on its line.
    cells = [[("" if v is None else escape_controls(str(v))) for v in row] for row in rows]
    widths = [len(h) for h in headers]
    for row in cells:
        for i, value in enumerate(row):
            widths[i] = max(widths[i], len(value))

    def line(values: Sequence[str]) -> str:
        parts = [
            v.rjust(widths[i]) if i in right else v.ljust(widths[i]) for i, v in enumerate(values)
        ]
        return "  ".join(parts).rstrip()

    out = [line(list(headers)), line(["-" * w for w in widths])]
    out.extend(line(row) for row in cells)
    return "\n".join(out)
