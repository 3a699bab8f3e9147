"""Mangled statements: whatever the bytes, a reader returns checked statements or refuses
with an InputError, never a traceback."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from importers.statements import read_statement_bytes
from ledger.errors import InputError
from tests.payments.conftest import data

CODA = data("kbc-statement-061.cod").read_bytes()
CAMT = data("kbc-statement-061.camt053.001.08.xml").read_bytes()
PRINTABLE = st.integers(32, 126)


def read_or_refuse(content: bytes, name: str) -> None:
    try:
        found = read_statement_bytes(content, name)
    except InputError as exc:
        assert str(exc).startswith(f"{name}: ")
        assert "\n" not in str(exc)
        return
    for statement in found.statements:
        if statement.opening_cents is not None and statement.closing_cents is not None:
            moved = sum(m.amount_cents for m in statement.booked)
            assert statement.opening_cents + moved == statement.closing_cents


@settings(max_examples=150)
@given(st.lists(st.tuples(st.integers(0, len(CODA) - 1), PRINTABLE), min_size=1, max_size=4))
def test_a_coda_file_with_changed_characters(changes: list[tuple[int, int]]) -> None:
    content = bytearray(CODA)
    for at, value in changes:
        if content[at] not in b"\r\n":
            content[at] = value
    read_or_refuse(bytes(content), "x.cod")


@settings(max_examples=100)
@given(st.integers(0, len(CAMT) - 1), st.binary(max_size=8))
def test_a_camt_file_with_bytes_cut_or_slipped_in(at: int, inserted: bytes) -> None:
    read_or_refuse(CAMT[:at] + inserted + CAMT[at + len(inserted) :], "x.xml")


@given(st.binary(max_size=300))
def test_any_bytes(content: bytes) -> None:
    read_or_refuse(content, "f.dat")
    read_or_refuse(b"0000" + content, "f.cod")


def test_found_by_fuzzing() -> None:
    """Inputs that once ended in a traceback."""
    bad_amount = bytearray(CODA)
    bad_amount[292] = ord("!")  # a movement's amount field
    bad_structure = bytearray(CODA)
    bad_structure[131] = ord(" ")  # the account structure code of record 1
    for content in (bytes(bad_amount), bytes(bad_structure)):
        read_or_refuse(content, "x.cod")
    read_or_refuse(CAMT[:30] + b"A" + CAMT[31:], "x.xml")  # encoding="ATF-8"
    read_or_refuse(CAMT[:3967] + b"\xc2\x80" + CAMT[3969:], "x.xml")  # a date of "\x8026-03-02"
