"""Shared fixtures: real ledgers on SQLite files and, when ``TEST_DATABASE_URL`` names a
PostgreSQL server, on PostgreSQL too (each test in its own schema, dropped afterwards).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import settings
from sqlalchemy import create_engine, text

from ledger.session import Ledger
from ledger.storage.database import database_url

# Property tests check values, not speed: a busy two-core CI machine must not fail them.
settings.register_profile("ledger", deadline=None, print_blob=True)
# CI draws the same examples on every run, so a red run is about the change, never the
# draw; runs elsewhere keep exploring new ones.
settings.register_profile("ci", parent=settings.get_profile("ledger"), derandomize=True)
settings.load_profile("ci" if os.environ.get("CI") == "true" else "ledger")

PG_URL = os.environ.get("TEST_DATABASE_URL")
BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


@pytest.fixture(autouse=True)
def _isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Keep every test away from the user's real data directory and rule sets."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("CLUSTER_LEDGER_HOME", str(home))
    monkeypatch.delenv("CLUSTER_LEDGER_DB", raising=False)


@pytest.fixture
def pg_schema_url() -> Iterator[str]:
    """A URL whose connections live in a fresh PostgreSQL schema."""
    with pg_schema() as url:
        yield url


@contextmanager
def pg_schema() -> Iterator[str]:
    """A fresh PostgreSQL schema for as long as the block runs (for tests that make many
    ledgers, such as a Hypothesis test's examples); skips the test without a server."""
    if not PG_URL:
        pytest.skip("TEST_DATABASE_URL is not set; PostgreSQL tests need a server (see .ci/run)")
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(database_url(PG_URL), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    base = database_url(PG_URL)
    sep = "&" if "?" in base else "?"
    try:
        yield f"{base}{sep}options=-csearch_path%3D{schema}"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(params=BACKENDS)
def db_target(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A database target (a SQLite path or a PostgreSQL URL) holding nothing yet."""
    if request.param == "sqlite":
        return str(tmp_path / "ledger.sqlite")
    return request.getfixturevalue("pg_schema_url")


@pytest.fixture
def ledger(db_target: str) -> Iterator[Ledger]:
    """A new, empty ledger with its schema created by the migrations."""
    opened = Ledger.open(db_target, create=True, actor="tester", origin="test")
    yield opened
    opened.dispose()
