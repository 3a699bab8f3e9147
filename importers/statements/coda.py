"""CODA (Febelfin's coded statement of account, version 2.x), read with ``febelfin-coda``.

The library parses the records; this module checks the envelope first (every record 128
characters, a known record type, each statement closed by its trailer record) so that a
cut-off or mangled file is refused with the record at fault instead of being half read,
then turns the library's statements into the ledger's plain values.

The library checks a statement's totals with ``assert``, which ``python -O`` removes;
the ledger checks the balances itself (:mod:`ledger.payments.checks`), so nothing
depends on those asserts.

>>> sniff_coda(b"0000005012672505        00000000  ")
True
"""

from __future__ import annotations

from collections.abc import Iterator

import coda as febelfin

from importers.statements.common import cents, iban_or_none, refuse
from ledger.payments import ogm
from ledger.payments.statement import Movement, Statement
from ledger.problems import Location

RECORD_LENGTH = 128
_TYPES = set("0123489")
# CODA's transaction types: 0 and 3 are single amounts, 1 and 2 bundles (totalled by the
# customer or by the bank) whose details, where given, follow as types 5, 6 and 7.
_BUNDLES = {"1", "2"}
# Structured communication types (CODA 2.x, position 63-65 of record 2.1): 101 and 102 are
# the Belgian structured communication, 12 digits.
_OGM_TYPES = {"101", "102"}


def sniff_coda(data: bytes) -> bool:
    """Whether ``data`` starts like a CODA file: a header record ``0000``."""
    return data[:5] == b"00000" or (data[:1] == b"0" and data[1:5] == b"0000")


def _records(text: str, name: str) -> list[str]:
    """The file's records, each checked for its length and type."""
    lines = text.splitlines()
    while lines and not lines[-1].strip():
        lines.pop()
    if not lines:
        raise refuse("statement.empty", Location(file=name))
    open_statement = False
    for number, line in enumerate(lines, start=1):
        where = Location(file=name, field=f"record {number}")
        if len(line) != RECORD_LENGTH:
            raise refuse("coda.record-length", where, length=len(line))
        if line[0] not in _TYPES:
            raise refuse("coda.record-type", where, found=line[0])
        if line[0] == "0":
            if line[127] != "2":
                raise refuse("coda.version", where, version=line[127])
            open_statement = True
        elif line[0] == "9":
            open_statement = False
        elif not open_statement:
            raise refuse("coda.unreadable", where, reason="a record before the header record (0)")
    if open_statement:
        raise refuse("coda.truncated", Location(file=name, field=f"record {len(lines)}"))
    return lines


class _Counted:
    """The records handed to the library, counted so an error can name where it stopped."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.at = 0

    def __iter__(self) -> Iterator[str]:
        for line in self.lines:
            self.at += 1
            yield line + "\n"


def read_coda(data: bytes, name: str) -> list[Statement]:
    """The statements of a CODA file.

    Raises:
        importers.statements.common.Refusal: the file is cut off, a record has the wrong
            length or type, the library cannot parse it, or an amount has a fraction of a cent.
    """
    # CODA is written in a Windows code page; every byte is a character in Latin-1 too.
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    lines = _records(text, name)
    counted = _Counted(lines)
    try:
        parsed = febelfin.CODA(counted)
    except ArithmeticError:  # decimal.InvalidOperation: an amount field holds a non-digit
        raise refuse(
            "coda.unreadable",
            Location(file=name, field=f"record {counted.at}"),
            reason="an amount field holds something other than digits",
        ) from None
    except (AssertionError, ValueError, IndexError, KeyError, AttributeError, TypeError) as exc:
        reason = str(exc) or "its totals or sequence numbers do not follow"
        raise refuse(
            "coda.unreadable",
            Location(file=name, field=f"record {counted.at}"),
            reason=reason,
        ) from None
    starts = [n for n, line in enumerate(lines, start=1) if line[0] == "0"]
    statements = []
    for raw, start in zip(parsed.statements, starts, strict=True):
        try:
            statements.append(_statement(raw, name, start))
        except (KeyError, ValueError, AttributeError, TypeError, IndexError):
            # A field the library hands over as it found it (the account's structure code,
            # say) holds a value the standard does not know.
            raise refuse(
                "coda.unreadable",
                Location(file=name, field=f"record {start}"),
                reason="a field of this statement holds a value the CODA standard does not "
                "allow (an account structure, a date)",
            ) from None
    return statements


def _statement(raw: febelfin.Statement, name: str, start: int) -> Statement:
    where = Location(file=name, field=f"record {start}")
    account = iban_or_none(raw.account) or raw.account
    movements: list[Movement] = []
    for move in raw.moves:
        details = list(move.moves) if move.transaction_type in _BUNDLES else []
        bundle = "global" if move.transaction_type in _BUNDLES else None
        movements.append(_movement(move, where, bundle=bundle, count=len(details) or None))
        movements += [_movement(d, where, bundle="detail", parent=_line(move)) for d in details]
    return Statement(
        format="coda",
        account_iban=account,
        currency=raw.account_currency,
        number=raw.old_sequence,
        opening_date=raw.old_balance_date,
        closing_date=raw.new_balance_date,
        opening_cents=cents(raw.old_balance, where),
        closing_cents=cents(raw.new_balance, where),
        movements=tuple(movements),
        file_line=f"record {start}",
    )


def _line(move: febelfin.Move) -> str:
    return f"{move.sequence}/{move.detail_sequence}"


def _movement(
    move: febelfin.Move,
    where: Location,
    *,
    bundle: str | None,
    count: int | None = None,
    parent: str | None = None,
) -> Movement:
    structured = free = None
    if move.communication_type in _OGM_TYPES:
        structured = ogm.compact(move.communication or "")
    else:
        text = move.communication
        free = " ".join(text.split()) if text else None
    account = (move.counterparty_account or "").split()
    return Movement(
        line=_line(move),
        booking_date=move.entry_date,
        value_date=move.value_date,
        amount_cents=cents(move.amount, where),
        counterparty_name=(move.counterparty_name or "").strip() or None,
        counterparty_iban=iban_or_none(account[0]) if account else None,
        counterparty_bic=move.counterparty_bic or None,
        structured_ref=structured or None,
        free_text=free or None,
        bank_ref=(move.bank_reference or "").strip() or None,
        end_to_end_id=None
        if move.customer_reference in (None, "", "NOTPROVIDED")
        else move.customer_reference,
        bundle=bundle,
        bundle_count=count,
        parent_line=parent,
    )
