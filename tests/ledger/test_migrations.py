"""The schema comes only from the migrations: one head, upgrade from nothing, the
tables match the models, and every step can go down and up again."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text
from sqlmodel import SQLModel

import ledger.storage.tables  # noqa: F401
from ledger.errors import DatabaseError
from ledger.session import Ledger
from ledger.storage import database


def test_single_head_revision_and_the_ledger_knows_it() -> None:
    script = ScriptDirectory.from_config(database.alembic_config(None))  # type: ignore[arg-type]
    assert script.get_heads() == [database.head_revision()]


def test_upgrade_from_nothing_then_models_match(db_target: str) -> None:
    engine = database.make_engine(db_target)
    database.upgrade(engine)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        diff = compare_metadata(context, SQLModel.metadata)
    assert diff == []
    assert database.current_revision(engine) == database.head_revision()
    engine.dispose()


def test_every_step_goes_down_and_up(db_target: str) -> None:
    engine = database.make_engine(db_target)
    config = database.alembic_config(engine)
    script = ScriptDirectory.from_config(config)
    revisions = list(reversed(list(script.walk_revisions())))
    for revision in revisions:
        command.upgrade(config, revision.revision)
        command.downgrade(config, revision.down_revision or "base")
        command.upgrade(config, revision.revision)
    command.downgrade(config, "base")
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    engine.dispose()


def test_init_creates_and_a_plain_open_refuses_a_missing_ledger(tmp_path: Path) -> None:
    target = tmp_path / "new" / "ledger.sqlite"
    with pytest.raises(DatabaseError, match="run 'cluster-ledger init'"):
        Ledger.open(target)
    assert not target.exists()
    Ledger.open(target, create=True).dispose()
    Ledger.open(target).dispose()


def test_a_database_from_a_newer_version_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "ledger.sqlite"
    Ledger.open(target, create=True).dispose()
    engine = database.make_engine(target)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = 'ffff_future'"))
    with pytest.raises(DatabaseError, match="newer version"):
        Ledger.open(target)
    engine.dispose()


def test_a_foreign_database_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "other.sqlite"
    engine = database.make_engine(target)
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE photos (id INTEGER)"))
    with pytest.raises(DatabaseError, match="not a cluster ledger"):
        Ledger.open(target)
    engine.dispose()


def test_a_file_that_is_not_a_database_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "notes.sqlite"
    target.write_text("this is not a database\n" * 100)
    with pytest.raises(DatabaseError, match="cannot open the database"):
        Ledger.open(target)


@pytest.mark.parametrize(
    ("target", "words"),
    [
        ("mysql://root@localhost/ledger", "mysql:// databases are not supported"),
        ("postgresql://nobody@127.0.0.1:1/ledger", "cannot open the database"),
        ("postgresql://u@host:notaport/x", "cannot"),
        ("  ", "give a SQLite file path or a postgresql:// URL"),
    ],
)
def test_a_database_that_cannot_be_used_is_refused_clearly(target: str, words: str) -> None:
    with pytest.raises(DatabaseError, match=words):
        Ledger.open(target)


def test_a_ledger_with_entries_and_reversals_upgrades_and_keeps_them(db_target: str) -> None:
    """Upgrading copies tables on SQLite; the entries, their reversals and the foreign keys
    between them must come through whole."""
    engine = database.make_engine(db_target)
    config = database.alembic_config(engine)
    command.upgrade(config, "0001")
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO cluster (id, name, rule_set, start_year, created_at) "
                "VALUES (1, 'C', 'ibn-2026', 2026, '2026-01-01 00:00:00')"
            )
        )
        connection.execute(
            text(
                "INSERT INTO company (id, kbo, name, postcode, kind, created_at, updated_at) "
                "VALUES (1, '0403170701', 'A', '9000', 'enterprise', "
                "'2026-01-01 00:00:00', '2026-01-01 00:00:00')"
            )
        )
        for entry, amount, reverses in ((1, 100, None), (2, -100, 1), (3, 250, None)):
            connection.execute(
                text(
                    "INSERT INTO contribution (id, cluster_id, company_id, year, amount_cents, "
                    "reverses_id, created_at) VALUES (:id, 1, 1, 2026, :amount, :reverses, "
                    "'2026-01-01 00:00:00')"
                ),
                {"id": entry, "amount": amount, "reverses": reverses},
            )
    engine.dispose()

    Ledger.open(db_target).dispose()  # opening upgrades to the newest schema

    engine = database.make_engine(db_target)
    assert database.current_revision(engine) == database.head_revision()
    with engine.connect() as connection:
        rows = connection.execute(
            text("SELECT id, amount_cents, reverses_id, batch_id FROM contribution ORDER BY id")
        ).all()
        if engine.dialect.name == "sqlite":
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert connection.exec_driver_sql("PRAGMA foreign_key_check").all() == []
    assert [tuple(r) for r in rows] == [
        (1, 100, None, None),
        (2, -100, 1, None),
        (3, 250, None, None),
    ]
    engine.dispose()
