"""Bank statements in: CODA and ISO 20022 camt.053/camt.054, the format told by the content.

:func:`read_statement_file` reads a file into the ledger's plain
:class:`~ledger.payments.statement.Statement` values and checks each one
(:mod:`ledger.payments.checks`); booking them is :func:`importers.statements.run.run_statements`.

Example::

    found = read_statement_file(Path("2026-03-02.cod"))
    found.format, len(found.statements)
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from importers.statements.camt import read_camt, sniff_camt
from importers.statements.coda import read_coda, sniff_coda
from importers.statements.common import MAX_BYTES, Refusal, refuse
from ledger.errors import InputError
from ledger.payments.checks import check_statement
from ledger.payments.statement import Statement
from ledger.problems import Location

_FOREIGN = (
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a zip archive (a spreadsheet?)"),
    (b"\xd0\xcf\x11\xe0", "an old Office document"),
    (b"{", "JSON"),
    (b":20:", "an MT940 statement (ask the bank for CODA or camt.053)"),
)


@dataclass(frozen=True)
class StatementFile:
    """A statement file as read: its name, hash, format and its checked statements."""

    name: str
    sha256: str
    format: str
    statements: tuple[Statement, ...]


def sniff(data: bytes) -> str:
    """``coda``, ``camt.053`` or ``camt.054`` from the first bytes (``xml`` for other XML,
    which the camt reader parses safely before it says what it is).

    Raises:
        Refusal: none of them; the problem says what the file looks like instead.
    """
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not head:
        raise refuse("statement.empty")
    if head[:1] == b"<":
        return sniff_camt(head) or "xml"
    if sniff_coda(head):
        return "coda"
    for magic, words in _FOREIGN:
        if head.startswith(magic):
            raise refuse("statement.format", found=words)
    shown = head[:20].decode("latin-1").encode("unicode_escape").decode("ascii")
    raise refuse("statement.format", found=f"text starting {shown!r}")


def read_statement_file(path: Path) -> StatementFile:
    """Read, sniff, parse and check a statement file; nothing is written.

    Raises:
        InputError: the file cannot be read, is not a statement, or a statement in it
            fails a check (its problem names the file and where in it).
    """
    name = path.name
    try:
        if path.stat().st_size > MAX_BYTES:
            raise InputError(
                f"the file is {path.stat().st_size:,} bytes; a statement file is at most "
                f"{MAX_BYTES:,}",
                location=name,
            )
        if not path.is_file():
            raise InputError("this is not a regular file", location=name)
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read the file: {exc.strerror}", location=name) from None
    return read_statement_bytes(data, name)


def read_statement_bytes(data: bytes, name: str) -> StatementFile:
    """As :func:`read_statement_file`, for bytes already read."""
    try:
        kind = sniff(data)
        statements = read_coda(data, name) if kind == "coda" else read_camt(data, name)
    except Refusal as refusal:
        problem = refusal.problem
        where = problem.location if problem.location.file else Location(file=name)
        raise problem.at(where).error() from None
    for statement in statements:
        where = Location(file=name, field=statement.file_line)
        for problem in check_statement(statement, where):
            raise problem.error()
    kind = statements[0].format  # XML is camt.053 or camt.054 once it has been read
    return StatementFile(name, hashlib.sha256(data).hexdigest(), kind, tuple(statements))


__all__ = ["StatementFile", "read_statement_bytes", "read_statement_file", "sniff"]
