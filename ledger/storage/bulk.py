"""Many rows into one table at once, for imports of 100,000 rows.

SQLAlchemy's multi-row insert turns each row's values into bound parameters one by
one, which costs more than SQLite's own insert. On SQLite this module hands the rows
to the driver's ``executemany`` directly, converting only the columns whose type needs
it (dates become the text SQLAlchemy would store) and each distinct value once. On
other databases the ordinary SQLAlchemy path is fast enough and is used as it is.

>>> from sqlalchemy import create_engine, MetaData, Table, Column, Integer, Date
>>> from datetime import date
>>> engine = create_engine("sqlite://")
>>> t = Table("t", MetaData(), Column("id", Integer, primary_key=True), Column("d", Date))
>>> t.metadata.create_all(engine)
>>> with engine.begin() as conn:
...     insert_many(conn, t, ["d"], [(date(2026, 1, 2),), (None,)])
...     conn.exec_driver_sql("SELECT d FROM t").all()
[('2026-01-02',), (None,)]
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from operator import itemgetter
from typing import Any

from sqlalchemy import Connection, Table

# A 100,000-row insert updates several indexes in random order; with SQLite's default
# 2 MiB page cache their pages are evicted and read again over and over. A larger cache
# for the one statement (pages are only taken as needed) cut its time by a fifth to a
# half. It does not touch durability: the transaction commits exactly as before.
_BULK_CACHE_KIB = 64 << 10
_REBUILD_FROM = 10_000  # rows; below this, index upkeep costs too little to matter
_UNIQUE = "CREATE UNIQUE"


def insert_many(
    connection: Connection, table: Table, columns: list[str], rows: Sequence[tuple[Any, ...]]
) -> None:
    """Insert ``rows`` (tuples in the order of ``columns``) into ``table``."""
    if not rows:
        return
    dialect = connection.dialect
    if dialect.name != "sqlite":
        connection.execute(table.insert(), [dict(zip(columns, row, strict=True)) for row in rows])
        return
    processors = [table.c[name].type._cached_bind_processor(dialect) for name in columns]
    converted: Sequence[tuple[Any, ...]] = rows
    if any(processors):
        # Column by column: each distinct value converted once, the rows rebuilt once,
        # straight from the columns as they stream (no copy of every column first).
        columns_out = []
        for position, process in enumerate(processors):
            values = map(itemgetter(position), rows)
            if process is not None:
                done = {value: process(value) for value in set(values)}
                values = map(done.__getitem__, map(itemgetter(position), rows))
            columns_out.append(values)
        converted = list(zip(*columns_out, strict=True))
    statement = str(table.insert().compile(dialect=dialect, column_keys=columns))
    (previous,) = connection.exec_driver_sql("PRAGMA cache_size").one()
    connection.exec_driver_sql(f"PRAGMA cache_size = -{_BULK_CACHE_KIB}")
    try:
        with _indexes_rebuilt(connection, table.name, len(converted)):
            connection.exec_driver_sql(statement, converted)
    finally:
        connection.exec_driver_sql(f"PRAGMA cache_size = {int(previous)}")


@contextmanager
def _indexes_rebuilt(connection: Connection, table: str, adding: int) -> Iterator[None]:
    """Drop the table's plain indexes for an insert that at least doubles the table, and
    create them again afterwards, from the very SQL that made them.

    Building an index from all its rows at once sorts them; keeping it up to date row by
    row inserts 100,000 times at random places, which took twice as long, and still did
    with as many rows in the table already. A large table (more rows than the insert
    adds) keeps its indexes. Unique indexes always stay, so a duplicate is refused at its
    row. SQLite's DDL is transactional: if anything fails before the commit, the rollback
    brings the indexes back with everything else. That holds only inside a transaction the
    driver has opened already (Python's sqlite3 opens one at the first INSERT, and runs a
    DDL statement before it on its own), so without one the indexes are left alone.
    """
    if adding < _REBUILD_FROM or not _in_transaction(connection):
        yield
        return
    (last,) = connection.exec_driver_sql(f'SELECT max(rowid) FROM "{table}"').one()
    if adding < (last or 0):
        yield
        return
    found = connection.exec_driver_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? "
        "AND sql IS NOT NULL",
        (table,),
    ).all()
    plain = [(name, sql) for name, sql in found if not sql.lstrip().upper().startswith(_UNIQUE)]
    for name, _ in plain:
        connection.exec_driver_sql(f'DROP INDEX "{name}"')
    try:
        yield
    finally:  # also when a row was refused: a caller that goes on keeps its indexes
        # But not after SQLite rolled the whole transaction back by itself (a full disk,
        # an I/O error): the rollback brought the dropped indexes back already.
        if _in_transaction(connection):
            for _, sql in plain:
                connection.exec_driver_sql(sql)


def _in_transaction(connection: Connection) -> bool:
    driver = connection.connection.dbapi_connection
    return bool(getattr(driver, "in_transaction", False))
