"""Alembic environment: runs the ledger's migrations on the connection or engine the
caller hands over.

On SQLite most schema changes copy a table ("batch mode"): create the new one, copy the
rows, drop the old one. With foreign keys enforced, dropping a table that rows point at
(an entry and the reversal that names it) fails, so enforcement is switched off for the
migration, as SQLite's documentation prescribes for such changes, and every foreign key
is checked before the migration commits; a violation rolls it back.

The ledger itself passes a ``connection`` (:func:`ledger.storage.database.upgrade`), with
its transaction begun under the write lock and the pragma already set. Given only an
``engine`` (the migration tests, Alembic's own commands), this module takes the same kind
of connection (:func:`ledger.storage.database.migration_connection`).
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, text
from sqlmodel import SQLModel

import ledger.storage.tables  # noqa: F401  (registers the tables on the metadata)
from ledger.storage.database import migration_connection

config = context.config


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=SQLModel.metadata,
        # SQLite cannot ALTER most things in place; batch mode copies the table instead.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()
        if connection.dialect.name == "sqlite":
            broken = connection.execute(text("PRAGMA foreign_key_check")).all()
            if broken:
                raise RuntimeError(f"the migration left broken foreign keys: {broken[:5]}")


def _run_on_engine() -> None:
    with migration_connection(config.attributes["engine"]) as connection:
        _run(connection)
        connection.commit()


if "connection" in config.attributes:
    _run(config.attributes["connection"])
else:
    _run_on_engine()
