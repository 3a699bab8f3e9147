"""The bytes a hash chain covers never change, however they are computed.

Every stored ``chain_hash`` and every anchor kept outside a ledger was computed over
the canonical form as ``json.JSONEncoder(ensure_ascii=False, separators=(",", ":"),
default=_plain).encode(row)`` writes it. The ledger now builds that text faster (one
encoder made once, dates and times read straight into their canonical text, an import
batch's rows hashed in one update, verify's rows read from the driver's cursor and an
entry's or audit event's text written field by field), so these tests hold each fast
path to that definition on rows chosen to be awkward: quotes, backslashes, control
characters, lone surrogates, characters beyond the BMP, huge and negative numbers,
floats and bytes where numbers belong, booleans, dates and times with and without a
zone, on SQLite and PostgreSQL.
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

from ledger.integrity.canonical import json_value, time_text
from ledger.integrity.chain import (
    REGISTRY,
    _CanonicalTime,
    _is_time,
    _plain,
    canonical,
    chain_rows,
    link,
    rows_digest,
)
from ledger.integrity.rows import _WRITERS, canonical_batches
from ledger.session import Ledger
from ledger.storage.database import make_engine
from tests.ledger.test_integrity import behind_the_ledgers_back, booked  # noqa: F401

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


# --- verify's rows, read from the driver -----------------------------------------------


def canonical_rows(connection: object, table: str) -> list[tuple]:
    """Every row as verify reads it: (id, chain key, chain_seq, text, chain_hash)."""
    return [
        (row_id, batch.key, seq, text, stored)
        for batch in canonical_batches(connection, table)  # type: ignore[arg-type]
        for row_id, seq, text, stored in zip(
            batch.ids, batch.seqs, batch.texts, batch.hashes, strict=True
        )
    ]


# What SQLite's driver hands back for a column, whatever the column was declared: a
# whole number, a float, text, bytes or null.
stored = st.one_of(
    st.none(),
    st.integers(-(2**63), 2**63 - 1),
    st.floats(allow_nan=False),
    texts,
    st.binary(max_size=4),
)


def _sqlite_processors(table: str) -> dict[int, object]:
    """The SQLite dialect's conversions of the table's date and time columns, by place."""
    from sqlalchemy.dialects import sqlite

    dialect = sqlite.dialect()
    columns = REGISTRY[table].model.__table__.c  # type: ignore[attr-defined]
    return {
        at: columns[name].type.dialect_impl(dialect).result_processor(dialect, None)
        for at, name in enumerate(REGISTRY[table].fields, 1)
        if _is_time(columns[name].type)
    }


def _stored_time() -> st.SearchStrategy:
    """A date or time column's stored text as SQLAlchemy writes it on SQLite."""
    days = st.dates().map(date.isoformat)
    stamps = st.datetimes().map(lambda d: d.strftime("%Y-%m-%d %H:%M:%S.%f"))
    return st.one_of(days, stamps)


@pytest.mark.parametrize("table", sorted(_WRITERS))
@settings(max_examples=300)
@given(data=st.data())
def test_an_entrys_and_an_audit_events_text_written_directly_is_the_encoders(
    table: str, data: st.DataObject
) -> None:
    """A row the writer accepts gets the reference encoder's text for the row as the
    ledger reads it; any other row (a float, text or bytes where a number belongs) is
    refused with TypeError or ValueError and then written by the encoder itself."""
    fields, time_places, make = _WRITERS[table]
    assert fields == REGISTRY[table].fields
    processors = _sqlite_processors(table)
    assert set(processors) == set(time_places)
    write = make({at: time_text(p) for at, p in processors.items()})
    columns = REGISTRY[table].model.__table__.c  # type: ignore[attr-defined]
    row = [data.draw(st.integers(1, 10**6))]
    for at, name in enumerate(fields, 1):
        column = columns[name]
        if at in processors:
            usual = _stored_time()
        elif column.type.python_type is int:
            usual = st.integers(-(2**63), 2**63 - 1)
        else:
            usual = texts
        if column.nullable:
            usual = st.none() | usual
        row.append(data.draw(usual))
    # Most rows hold what the ledger writes (the writer's own path); others one odd value.
    if data.draw(st.booleans()):
        row[data.draw(st.integers(1, len(fields)))] = data.draw(stored)
    row.append(data.draw(st.text("0123456789abcdef", min_size=64, max_size=64)))
    try:
        fast = write(row)
    except (TypeError, ValueError):
        return  # canonical_rows then hands the row to the encoder
    values = [
        processors[at](v) if at in processors else v  # type: ignore[operator]
        for at, v in enumerate(row[1:-1], 1)
    ]
    assert fast == REFERENCE.encode(values)


def test_a_time_columns_text_is_the_encoders_for_its_value() -> None:
    assert json_value(datetime(2026, 1, 2, 3, 4, 5, 6)) == '"2026-01-02T03:04:05.000006"'
    assert json_value(None) == "null"
    texts_of = time_text(None)
    assert texts_of[date(2026, 2, 1)] == '"2026-02-01"'
    assert texts_of[None] == "null"


def test_rows_read_from_the_driver_have_the_typed_rows_text(booked: Ledger) -> None:  # noqa: F811
    """Every chained table, on SQLite and PostgreSQL: the text verify hashes for each row
    read from the driver's cursor is the encoder's text for the row SQLAlchemy reads."""
    with booked.read() as session:
        for table in REGISTRY:
            typed = list(chain_rows(session, table))
            fast = list(canonical_rows(session.connection(), table))
            assert len(typed) == len(fast) > 0
            key_at = REGISTRY[table].fields.index(REGISTRY[table].key or "chain_seq") + 1
            for row, (row_id, key, seq, text, stored_hash) in zip(typed, fast, strict=True):
                assert (row_id, seq, stored_hash) == (row[0], row[1], row[-1])
                assert key == (row[key_at] if REGISTRY[table].key else None)
                assert text == REFERENCE.encode(list(row[1:-1]))


def test_rows_holding_what_their_columns_should_not_have_the_encoders_text(
    booked: Ledger,  # noqa: F811
) -> None:
    """Written behind the ledger's back: a float amount, a number as a note, text where
    a number belongs (SQLite keeps each as given); bytes the encoder refuses either way."""
    if booked.engine.dialect.name != "sqlite":
        pytest.skip("PostgreSQL refuses a value of another type")
    behind_the_ledgers_back(
        booked,
        "UPDATE contribution SET amount_cents = 12.5, note = 7 WHERE id = 1",
        "UPDATE contribution SET year = 'twenty', source = '1e400' WHERE id = 2",
        "UPDATE contribution SET amount_cents = 9e999 WHERE id = 3",
        "UPDATE audit_event SET entity_id = 1.5, actor = 3 WHERE id = 1",
    )
    with booked.read() as session:
        for table in ("contribution", "audit_event"):
            typed = list(chain_rows(session, table))
            fast = list(canonical_rows(session.connection(), table))
            for row, (_, _, _, text, _) in zip(typed, fast, strict=True):
                assert text == REFERENCE.encode(list(row[1:-1]))
    behind_the_ledgers_back(booked, "UPDATE contribution SET source = X'00' WHERE id = 2")
    with booked.read() as session, pytest.raises(TypeError, match="cannot hold bytes"):
        list(canonical_rows(session.connection(), "contribution"))
