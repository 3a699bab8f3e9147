"""Bulk inserts: every row lands as SQLAlchemy would store it, and the table's indexes
come out exactly as they went in, also when the transaction fails."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime

import pytest
from sqlalchemy import (
    Column,
    Connection,
    Date,
    DateTime,
    Engine,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    UniqueConstraint,
    create_engine,
    select,
)
from sqlalchemy.exc import IntegrityError

from ledger.storage.bulk import insert_many
from ledger.storage.database import database_url

ROWS = 12_000  # above the size from which SQLite's indexes are rebuilt rather than kept up


def _table() -> Table:
    return Table(
        "entry",
        MetaData(),
        Column("id", Integer, primary_key=True),
        Column("member", Integer, nullable=False),
        Column("code", String(20), nullable=False),
        Column("paid_on", Date),
        Column("at", DateTime, nullable=False),
        Index("ix_entry_member_paid", "member", "paid_on"),
        UniqueConstraint("code", name="uq_entry_code"),
    )


def _rows(count: int, start: int = 0) -> list[tuple[object, ...]]:
    at = datetime(2026, 11, 23, 15, 30)
    return [
        (n % 500, f"c{n}", date(2026, 1, 1 + n % 28) if n % 3 else None, at)
        for n in range(start, start + count)
    ]


def _indexes(conn: Connection) -> list[tuple[str, str | None]]:
    found = conn.exec_driver_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'entry' "
        "ORDER BY name"
    ).all()
    return [(name, sql) for name, sql in found]


@pytest.fixture
def engine(db_target: str) -> Iterator[Engine]:
    made = create_engine(database_url(db_target))
    _table().metadata.create_all(made)
    yield made
    made.dispose()


COLUMNS = ["member", "code", "paid_on", "at"]


def _after_a_write(conn: Connection, table: Table, rows: list[tuple[object, ...]]) -> None:
    """As an import does: one ordinary insert first (its batch), then the bulk insert."""
    opening = _rows(1, start=-len(rows))[0]
    conn.execute(table.insert(), [dict(zip(COLUMNS, opening, strict=True))])
    insert_many(conn, table, COLUMNS, rows)


def test_every_row_lands_with_its_dates_as_sqlalchemy_reads_them(engine: Engine) -> None:
    table = _table()
    rows = _rows(ROWS)
    with engine.begin() as conn:
        insert_many(conn, table, COLUMNS, rows)
    with engine.connect() as conn:
        stored = conn.execute(select(*(table.c[c] for c in COLUMNS)).order_by(table.c.id)).all()
    assert [tuple(r) for r in stored] == rows


def test_a_large_insert_leaves_the_indexes_as_they_were(engine: Engine) -> None:
    if engine.dialect.name != "sqlite":
        pytest.skip("indexes are rebuilt on SQLite only")
    table = _table()
    with engine.connect() as conn:
        before = _indexes(conn)
    with engine.begin() as conn:
        _after_a_write(conn, table, _rows(ROWS))
    with engine.connect() as conn:
        assert _indexes(conn) == before
        plan = conn.exec_driver_sql(
            "EXPLAIN QUERY PLAN SELECT id FROM entry WHERE member = 7 AND paid_on = '2026-01-08'"
        ).all()
    assert "ix_entry_member_paid" in " ".join(str(step) for step in plan)


@pytest.mark.parametrize("opened", [True, False], ids=["after-a-write", "first-statement"])
def test_a_failed_transaction_brings_back_the_indexes_and_no_row(
    engine: Engine, opened: bool
) -> None:
    """An import writes its batch first, so the driver has a transaction open; an insert
    that is the transaction's first statement must not drop an index for good either."""
    if engine.dialect.name != "sqlite":
        pytest.skip("indexes are rebuilt on SQLite only")
    table = _table()
    with engine.connect() as conn:
        before = _indexes(conn)
    with pytest.raises(RuntimeError), engine.begin() as conn:
        if opened:
            _after_a_write(conn, table, _rows(ROWS))
        else:
            insert_many(conn, table, COLUMNS, _rows(ROWS))
        raise RuntimeError("a later step of the import failed")
    with engine.connect() as conn:
        assert _indexes(conn) == before
        assert conn.exec_driver_sql("SELECT count(*) FROM entry").scalar() == 0


def test_a_duplicate_of_a_unique_column_is_refused_and_nothing_lands(engine: Engine) -> None:
    table = _table()
    rows = _rows(ROWS)
    rows[-1] = (1, "c5", None, rows[-1][3])  # the code of row 5 again
    with pytest.raises(IntegrityError), engine.begin() as conn:
        insert_many(conn, table, COLUMNS, rows)
    with engine.connect() as conn:
        assert conn.execute(select(table.c.id)).all() == []


def test_a_table_larger_than_the_insert_keeps_its_indexes_and_its_rows(engine: Engine) -> None:
    table = _table()
    with engine.begin() as conn:
        _after_a_write(conn, table, _rows(ROWS + 100))
    with engine.begin() as conn:
        _after_a_write(conn, table, _rows(ROWS, start=ROWS + 100))
    with engine.connect() as conn:
        codes = conn.execute(select(table.c.code)).scalars().all()
        if engine.dialect.name == "sqlite":
            assert [name for name, _ in _indexes(conn)] == [
                "ix_entry_member_paid",
                "sqlite_autoindex_entry_1",
            ]
    openings = [f"c{-(ROWS + 100)}", f"c{-ROWS}"]
    assert sorted(codes) == sorted([*openings, *(f"c{n}" for n in range(2 * ROWS + 100))])


def test_a_caller_that_goes_on_after_a_refused_row_keeps_the_indexes(engine: Engine) -> None:
    if engine.dialect.name != "sqlite":
        pytest.skip("indexes are rebuilt on SQLite only")
    table = _table()
    rows = _rows(ROWS)
    rows[-1] = (1, "c5", None, rows[-1][3])
    with engine.connect() as conn:
        before = _indexes(conn)
    with engine.begin() as conn, pytest.raises(IntegrityError):
        _after_a_write(conn, table, rows)
    with engine.connect() as conn:
        assert _indexes(conn) == before
