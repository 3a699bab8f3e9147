"""Triggers that make the ledger's history append-only in the database itself.

The ledger never updates or deletes an entry, an audit event, a year's lock event or an
import batch; corrections are new rows. The triggers hold that rule against everything
else too: a SQL shell, another program, a bug. Removing them takes a deliberate
``DROP TRIGGER``, and :mod:`ledger.integrity.verify` reports a missing trigger.

The migration that creates them calls :func:`create`; a later migration that copies one
of these tables (SQLite's batch mode drops the old table and its triggers with it) must
call :func:`create` again.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Connection, text

APPEND_ONLY = (
    "contribution",
    "audit_event",
    "year_lock_event",
    "import_batch",
    "import_row",
    # The dated history that decides figures (migration 0004).
    "company_fact",
    "membership_period",
    "mandate_event",
    "rule_set_copy",
    # Money coming in (migration 0008).
    "bank_account",
    "bank_statement",
    "bank_movement",
    "payment_match",
    "payment_queue_event",
    "payer_account",
    # A project's status changes and a cluster's themes (migration 0009).
    "project_status_change",
    "project_theme",
)
_FUNCTION = "ledger_append_only"
_MESSAGE = "is append-only in cluster-ledger: record a correcting entry instead"


def trigger_names(dialect: str, tables: Sequence[str] = APPEND_ONLY) -> list[str]:
    """The triggers a ledger on ``dialect`` must have (on ``tables``)."""
    if dialect == "sqlite":
        return [f"{t}_no_{op}" for t in tables for op in ("update", "delete")]
    return [f"{t}_{kind}" for t in tables for kind in ("no_change", "no_truncate")]


def create(connection: Connection, tables: Sequence[str] = APPEND_ONLY) -> None:
    """Create the append-only triggers on ``tables`` (SQLite or PostgreSQL).

    Each migration names the tables it makes append-only: a migration must create what its
    own revision knows, whatever this module lists by the time it runs.
    """
    if connection.dialect.name == "sqlite":
        for table in tables:
            for op in ("update", "delete"):
                connection.execute(
                    text(
                        f'CREATE TRIGGER "{table}_no_{op}" BEFORE {op.upper()} ON "{table}" '
                        f"BEGIN SELECT RAISE(ABORT, '{table} {_MESSAGE}'); END"
                    )
                )
        return
    connection.execute(
        text(
            f"CREATE OR REPLACE FUNCTION {_FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$ "
            f"BEGIN RAISE EXCEPTION '% {_MESSAGE} (% refused)', TG_TABLE_NAME, TG_OP "
            "USING ERRCODE = 'restrict_violation'; END $$"
        )
    )
    for table in tables:
        connection.execute(
            text(
                f'CREATE TRIGGER "{table}_no_change" BEFORE UPDATE OR DELETE ON "{table}" '
                f"FOR EACH ROW EXECUTE FUNCTION {_FUNCTION}()"
            )
        )
        connection.execute(
            text(
                f'CREATE TRIGGER "{table}_no_truncate" BEFORE TRUNCATE ON "{table}" '
                f"FOR EACH STATEMENT EXECUTE FUNCTION {_FUNCTION}()"
            )
        )


def drop(connection: Connection, tables: Sequence[str] = APPEND_ONLY) -> None:
    """Remove the triggers on ``tables`` (a downgrade; the ledger itself never does).

    The shared PostgreSQL function goes with the last of them (the first revision's tables).
    """
    dialect = connection.dialect.name
    for name in trigger_names(dialect, tables):
        table = name.rsplit("_no_", 1)[0]
        on = "" if dialect == "sqlite" else f' ON "{table}"'
        connection.execute(text(f'DROP TRIGGER IF EXISTS "{name}"{on}'))
    if dialect != "sqlite" and "contribution" in tables:
        connection.execute(text(f"DROP FUNCTION IF EXISTS {_FUNCTION}()"))


def missing(connection: Connection) -> list[str]:
    """The append-only triggers the database lacks (none, on an untouched ledger)."""
    dialect = connection.dialect.name
    if dialect == "sqlite":
        found = connection.execute(
            text("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        ).scalars()
    else:
        found = connection.execute(
            text(
                "SELECT t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
                "JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE n.nspname = current_schema() AND NOT t.tgisinternal AND t.tgenabled <> 'D'"
            )
        ).scalars()
    present = set(found)
    return [name for name in trigger_names(dialect) if name not in present]
