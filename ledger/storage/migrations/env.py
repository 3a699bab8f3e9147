"""Alembic environment: runs the ledger's migrations on the engine the caller hands over."""

from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

import ledger.storage.tables  # noqa: F401  (registers the tables on the metadata)

config = context.config
engine = config.attributes["engine"]

with engine.begin() as connection:
    context.configure(
        connection=connection,
        target_metadata=SQLModel.metadata,
        # SQLite cannot ALTER most things in place; batch mode copies the table instead.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    context.run_migrations()
