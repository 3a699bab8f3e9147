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

import re
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
    # The fees expected of members (migration 0007).
    "expected_fee",
    # A project's status changes and a cluster's themes (migration 0009).
    "project_status_change",
    "project_theme",
)
_FUNCTION = "ledger_append_only"
_MESSAGE = "is append-only in cluster-ledger: record a correcting entry instead"
_BODY = (
    f" BEGIN RAISE EXCEPTION '% {_MESSAGE} (% refused)', TG_TABLE_NAME, TG_OP "
    "USING ERRCODE = 'restrict_violation'; END "
)


def _sqlite_sql(table: str, op: str) -> str:
    return (
        f'CREATE TRIGGER "{table}_no_{op}" BEFORE {op.upper()} ON "{table}" '
        f"BEGIN SELECT RAISE(ABORT, '{table} {_MESSAGE}'); END"
    )


def expected(dialect: str, tables: Sequence[str] = APPEND_ONLY) -> dict[str, str]:
    """Each trigger a ledger on ``dialect`` must have, with its definition as the database
    gives it back (SQLite: the statement; PostgreSQL: ``pg_get_triggerdef``, unqualified)."""
    if dialect == "sqlite":
        return {f"{t}_no_{op}": _sqlite_sql(t, op) for t in tables for op in ("update", "delete")}
    found: dict[str, str] = {}
    for t in tables:
        found[f"{t}_no_change"] = (
            f"CREATE TRIGGER {t}_no_change BEFORE DELETE OR UPDATE ON {t} "
            f"FOR EACH ROW EXECUTE FUNCTION {_FUNCTION}()"
        )
        found[f"{t}_no_truncate"] = (
            f"CREATE TRIGGER {t}_no_truncate BEFORE TRUNCATE ON {t} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION {_FUNCTION}()"
        )
    return found


def trigger_names(dialect: str, tables: Sequence[str] = APPEND_ONLY) -> list[str]:
    """The triggers a ledger on ``dialect`` must have (on ``tables``)."""
    return list(expected(dialect, tables))


def create(connection: Connection, tables: Sequence[str] = APPEND_ONLY) -> None:
    """Create the append-only triggers on ``tables`` (SQLite or PostgreSQL).

    Each migration names the tables it makes append-only: a migration must create what its
    own revision knows, whatever this module lists by the time it runs.
    """
    if connection.dialect.name == "sqlite":
        for table in tables:
            for op in ("update", "delete"):
                connection.execute(text(_sqlite_sql(table, op)))
        return
    connection.execute(
        text(
            f"CREATE OR REPLACE FUNCTION {_FUNCTION}() RETURNS trigger LANGUAGE plpgsql "
            f"AS $${_BODY}$$"
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


def _found(connection: Connection) -> dict[str, tuple[str, str, bool]]:
    """Every trigger on the ledger's tables: name -> (table, definition, enabled)."""
    if connection.dialect.name == "sqlite":
        rows = connection.execute(
            text("SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger'")
        ).all()
        return {name: (table, _spaces(sql or ""), True) for name, table, sql in rows}
    rows = connection.execute(
        text(
            "SELECT t.tgname, c.relname, pg_get_triggerdef(t.oid), t.tgenabled <> 'D', "
            "p.prosrc, pn.nspname = current_schema() "
            "FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
            "JOIN pg_namespace n ON n.oid = c.relnamespace "
            "JOIN pg_proc p ON p.oid = t.tgfoid JOIN pg_namespace pn ON pn.oid = p.pronamespace "
            "WHERE n.nspname = current_schema() AND NOT t.tgisinternal"
        )
    ).all()
    found = {}
    for name, table, definition, enabled, body, own in rows:
        plain = re.sub(r" ON \S+\.", " ON ", definition)
        plain = re.sub(r"FUNCTION \S+\.", "FUNCTION ", plain)
        if body != _BODY or not own:  # the same name, another function body
            plain += f" -- function body: {body.strip()[:60]}"
        found[name] = (table, _spaces(plain), bool(enabled))
    return found


def _spaces(sql: str) -> str:
    return " ".join(sql.split())


def missing(connection: Connection) -> list[str]:
    """The append-only triggers the database lacks (none, on an untouched ledger)."""
    present = _found(connection)
    return [name for name in trigger_names(connection.dialect.name) if name not in present]


def problems(connection: Connection) -> list[str]:
    """What is wrong with the triggers, each in words: missing ones (together), and each
    one whose definition is not the ledger's (``... WHEN 0``, another function body),
    disabled, or unknown to the ledger (a trigger could rewrite rows as they are written).
    """
    want = expected(connection.dialect.name)
    present = _found(connection)
    out: list[str] = []
    gone = [name for name in want if name not in present]
    if gone:
        which = f"trigger {gone[0]} is" if len(gone) == 1 else f"triggers {', '.join(gone)} are"
        out.append(
            f"the append-only {which} missing: the database no longer refuses changes to "
            "history; restore a backup, or compare the chains' tips with ones noted before (a "
            "report records them, 'verify --anchor' keeps them)"
        )
    for name, (table, definition, enabled) in sorted(present.items()):
        if name not in want:
            out.append(
                f"trigger {name} on {table} is not one of the ledger's: it runs on every "
                f"write to {table} and may change what is stored ({definition[:120]}); find "
                "out who added it, and drop it"
            )
        elif definition != _spaces(want[name]):
            out.append(
                f"the append-only trigger {name} was replaced by another definition "
                f"({definition[:160]}): it may no longer refuse changes to history; restore a "
                "backup, or compare the chains' tips with ones noted before"
            )
        elif not enabled:
            out.append(
                f"the append-only trigger {name} is disabled: the database no longer refuses "
                "changes to history"
            )
    return out
