"""The bytes a hash chain covers never change, however they are computed.

Every stored ``chain_hash`` and every anchor kept outside a ledger was computed over
the canonical form as ``json.JSONEncoder(ensure_ascii=False, separators=(",", ":"),
default=_plain).encode(row)`` writes it. The ledger now builds that text faster (one
encoder made once, dates and times read straight into their canonical text, an import
batch's rows hashed in one update), so these tests hold each fast path to that
definition on rows chosen to be awkward: quotes, backslashes, control characters, lone
surrogates, characters beyond the BMP, huge and negative numbers, booleans, dates and
times with and without a zone, on SQLite and PostgreSQL.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import Boolean, Column, Date, DateTime, Integer, MetaData, Table, Text, select
from sqlalchemy import insert as sa_insert

from ledger.integrity.chain import _CanonicalTime, _plain, canonical, link, rows_digest
from ledger.storage.database import make_engine

# The definition the stored hashes were made with, written out here on purpose.
REFERENCE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), default=_plain)


def reference_link(previous: str, values: list) -> str:
    text = previous + "\n" + REFERENCE.encode(values)
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def reference_digest(rows: list[tuple[int, str, str]]) -> str:
    digest = hashlib.sha256()
    for row in sorted(rows):
        digest.update(REFERENCE.encode(list(row)).encode("utf-8", "surrogatepass"))
        digest.update(b"\n")
    return digest.hexdigest()


texts = st.text(
    st.characters(codec=None, categories=None)  # every code point, lone surrogates too
) | st.sampled_from(['"', "\\", "\n\r\t\b\f", "\x00\x1f\x7f", "€ ünïcødé", "😀", "\u2028\u2029"])
zones = st.sampled_from([None, UTC, timezone(timedelta(hours=2)), timezone(timedelta(hours=-5))])
times = st.builds(lambda d, z: d.replace(tzinfo=z), st.datetimes(), zones)
values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(-(2**63), 2**63 - 1),
    texts,
    st.dates(),
    times,
)


@settings(max_examples=400)
@given(st.lists(values, max_size=16), st.text("0123456789abcdef", min_size=64, max_size=64))
def test_the_canonical_text_is_the_reference_encoders(row: list, previous: str) -> None:
    assert canonical(row) == REFERENCE.encode(row)
    assert canonical(tuple(row)) == REFERENCE.encode(row)
    assert canonical(iter(row)) == REFERENCE.encode(row)
    assert link(previous, row) == reference_link(previous, row)


@settings(max_examples=200)
@given(st.lists(st.tuples(st.integers(1, 10**6), texts, texts), max_size=30))
def test_an_import_batchs_digest_is_the_row_by_row_one(rows: list[tuple[int, str, str]]) -> None:
    assert rows_digest(rows) == reference_digest(rows)


def test_a_chain_made_with_the_reference_encoder_still_verifies() -> None:
    """A known link, computed once with the encoder the first chains were made with."""
    row = [1, 3, 7, 2026, -12_345, date(2026, 2, 1), 'a "quote"\n', None, None, 4, 2]
    row.append(datetime(2026, 3, 4, 5, 6, 7, 89, tzinfo=UTC))
    assert canonical(row) == (
        '[1,3,7,2026,-12345,"2026-02-01","a \\"quote\\"\\n",null,null,4,2,'
        '"2026-03-04T05:06:07.000089"]'
    )
    assert link("0" * 64, row) == reference_link("0" * 64, row)


def stored_times(url: str) -> tuple[list[tuple], list[tuple]]:
    """Rows written with typed columns, read back typed and read as canonical text."""
    metadata = MetaData()
    table = Table(
        "t",
        metadata,
        Column("id", Integer, primary_key=True),
        Column("day", Date),
        Column("at", DateTime),
        Column("flag", Boolean),
        Column("note", Text),
    )
    from ledger.storage.tables import Contribution

    utc_type = Contribution.__table__.c.created_at.type  # type: ignore[attr-defined]
    zoned = Table("z", metadata, Column("id", Integer, primary_key=True), Column("at", utc_type))
    engine = make_engine(url)
    try:
        metadata.create_all(engine)
        stamps = [
            datetime(2026, 1, 1, 0, 0, 0),
            datetime(2026, 12, 31, 23, 59, 59, 999_999),
            datetime(1, 1, 1),
            datetime(2026, 6, 1, 12, 0, 0, 5),
        ]
        with engine.begin() as c:
            for i, at in enumerate(stamps):
                c.execute(
                    sa_insert(table).values(
                        id=i, day=at.date(), at=at, flag=i % 2 == 0, note=f"row {i}"
                    )
                )
                c.execute(sa_insert(zoned).values(id=i, at=at.replace(tzinfo=UTC)))
            c.execute(sa_insert(table).values(id=99))
            c.execute(sa_insert(zoned).values(id=99))
        typed, fast = [], []
        with engine.connect() as c:
            for source in (table, zoned):
                cols = list(source.c)
                typed += [tuple(r) for r in c.execute(select(*cols).order_by(source.c.id)).all()]
                coerced = [
                    col if col.name in ("id", "flag", "note") else _coerce(col) for col in cols
                ]
                fast += [tuple(r) for r in c.execute(select(*coerced).order_by(source.c.id)).all()]
        return typed, fast
    finally:
        metadata.drop_all(engine)
        engine.dispose()


def _coerce(column: Column) -> object:
    from sqlalchemy import type_coerce

    return type_coerce(column, _CanonicalTime(column.type)).label(column.name)


def check_times(url: str) -> None:
    typed, fast = stored_times(url)
    assert len(typed) == len(fast) == 10
    for slow_row, fast_row in zip(typed, fast, strict=True):
        assert REFERENCE.encode(list(slow_row)) == canonical(fast_row)
        assert all(not isinstance(v, date) for v in fast_row)


def test_times_read_as_canonical_text_hash_as_the_typed_values_do(tmp_path: Path) -> None:
    check_times(f"sqlite:///{tmp_path / 't.sqlite'}")


@pytest.mark.postgres
def test_times_read_as_canonical_text_on_postgresql() -> None:
    from tests.conftest import pg_schema

    with pg_schema() as url:
        check_times(url)
