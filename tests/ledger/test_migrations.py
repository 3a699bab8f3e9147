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
