"""Opening a ledger database, on SQLite by default or PostgreSQL by URL, and migrating it.

>>> database_url("/tmp/x.sqlite")
'sqlite:////tmp/x.sqlite'
>>> database_url("postgresql://u@localhost/ledger")
'postgresql+psycopg://u@localhost/ledger'
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, create_engine, event, inspect, make_url, text
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError

from ledger.errors import DatabaseError
from ledger.storage.migrations import HEAD_REVISION

if TYPE_CHECKING:  # Alembic is imported only when a schema has to change (it costs 0.15 s)
    from alembic.config import Config
    from alembic.script import ScriptDirectory

MIGRATIONS_DIR = Path(__file__).parent / "migrations"


# Takes the copy of a ledger about to be upgraded from the given revision, or refuses with
# a DatabaseError (``ledger.backup.upgrade.before_migration``, handed in by the session:
# storage imports nothing above it).
BeforeUpgrade = Callable[[Engine, str], "Path | None"]


@dataclass(frozen=True)
class Upgrade:
    """A schema upgrade that opening a ledger just made, for its audit event."""

    from_revision: str
    to_revision: str
    backup: Path | None

    def details(self) -> dict[str, str | None]:
        return {
            "from_revision": self.from_revision,
            "to_revision": self.to_revision,
            "backup": None if self.backup is None else str(self.backup),
        }


def database_url(target: str | Path) -> str:
    """Turn a path or URL given by the user into a SQLAlchemy URL.

    Plain ``postgresql://`` URLs use the psycopg 3 driver; anything without ``://`` is a
    SQLite file path.
    """
    text = str(target).strip()
    if not text:
        raise DatabaseError("the database is empty; give a SQLite file path or a postgresql:// URL")
    if text.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + text.split("://", 1)[1]
    if text.startswith(("postgresql+psycopg://", "sqlite://")):
        return text
    if "://" in text:
        scheme = text.split("://", 1)[0]
        raise DatabaseError(
            f"{scheme}:// databases are not supported; give a SQLite file path or a "
            "postgresql:// URL"
        )
    return f"sqlite:///{Path(text).expanduser().absolute()}"


# How long a writer waits for another one to finish before it gives up. An import of
# 100,000 rows holds the ledger for a few seconds; thirty leaves room for a slow disk.
BUSY_TIMEOUT_S = 30

# Set on the connections of a write transaction (see ledger.session.Ledger.write): their
# BEGIN takes the ledger's write lock.
WRITE_OPTION = "ledger_write"

# PostgreSQL advisory lock: the first key is the ledger's own, the second its schema, so
# two ledgers in one database do not wait for each other.
_PG_LOCK_KEY = 0x4C454447  # "LEDG"


def _sqlite_connect(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    # The driver's own transaction handling begins a transaction only at the first
    # INSERT, as a deferred one; SQLAlchemy's "begin" event issues BEGIN itself instead.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    # Foreign keys are off by default in SQLite; the ledger relies on them.
    cursor.execute("PRAGMA foreign_keys=ON")
    # Write-ahead logging: readers (the app, a report) never block a writer and see a
    # consistent ledger while an import commits. The mode is stored in the file.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()


def _sqlite_begin(connection: Connection) -> None:
    """Writers start with ``BEGIN IMMEDIATE``: they queue for the write lock at once, under
    the busy timeout. A deferred transaction that reads first and writes later can find
    another writer committed in between, and SQLite then fails it at once with "database
    is locked" rather than waiting."""
    write = connection.get_execution_options().get(WRITE_OPTION)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def _postgresql_begin(connection: Connection) -> None:
    """Writers take the ledger's advisory lock for their transaction, so they run one after
    another as on SQLite: a year cannot be locked halfway through an import into it, and
    a chain's end read by one writer is still its end when it commits."""
    if connection.get_execution_options().get(WRITE_OPTION):
        connection.exec_driver_sql(f"SET LOCAL lock_timeout = '{BUSY_TIMEOUT_S}s'")
        connection.exec_driver_sql(
            "SELECT pg_advisory_xact_lock(%s, hashtext(current_schema()))", (_PG_LOCK_KEY,)
        )


def _sqlite_connect_read_only(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    dbapi_connection.isolation_level = None


def make_engine(target: str | Path, *, read_only: bool = False) -> Engine:
    """An engine for the ledger at ``target`` (a path or URL); nothing is created yet.

    Args:
        read_only: SQLite: open the file read-only and leave its journal mode alone, so
            checking a backup (``verify``) changes not one byte of it.
    """
    url = database_url(target)
    try:
        make_url(url).port  # noqa: B018  (reading the port checks it is a number)
        if url.startswith("sqlite") and read_only:
            path = Path(url.removeprefix("sqlite:///"))
            engine = create_engine(
                f"sqlite:///{path.absolute().as_uri()}?mode=ro&uri=true",
                connect_args={"timeout": BUSY_TIMEOUT_S},
            )
            event.listen(engine, "connect", _sqlite_connect_read_only)
            event.listen(engine, "begin", _sqlite_begin)
            return engine
        if url.startswith("sqlite"):
            engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_S})
            event.listen(engine, "connect", _sqlite_connect)
            event.listen(engine, "begin", _sqlite_begin)
            return engine
        engine = create_engine(url, pool_pre_ping=True)
        event.listen(engine, "begin", _postgresql_begin)
        return engine
    except (ArgumentError, ValueError) as exc:
        raise DatabaseError(f"the database URL cannot be read: {exc}") from None


def is_busy(exc: Exception) -> bool:
    """Whether the database refused because another writer held it past the busy timeout."""
    text = str(getattr(exc, "orig", exc)).lower()
    return "database is locked" in text or "lock timeout" in text


def alembic_config(engine: Engine) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["engine"] = engine
    return config


def head_revision() -> str:
    """The newest schema revision this version knows (a test keeps it equal to Alembic's head)."""
    return HEAD_REVISION


def _schema_state(engine: Engine) -> tuple[bool, str | None]:
    """Whether the database holds any table, and its schema revision if it is a ledger.

    One look at the catalogue serves both questions: opening a ledger asks them every time.
    """
    try:
        tables = inspect(engine).get_table_names()
        if "alembic_version" not in tables:
            return bool(tables), None
        with engine.connect() as connection:
            rows = connection.execute(text("SELECT version_num FROM alembic_version")).all()
    except (OperationalError, DBAPIError) as exc:
        reason = first_line(exc)
        if engine.dialect.name == "sqlite" and _damaged_sqlite(describe(engine), reason):
            raise DatabaseError(damaged_message(describe(engine), reason)) from None
        raise DatabaseError(f"cannot open the database: {reason}") from None
    return True, rows[0][0] if rows else None


# What SQLite says of a file whose pages are damaged (or that is no database at all).
DAMAGED_MARKS = ("malformed", "file is not a database", "disk image", "database corrupt")


def _damaged_sqlite(path: str, reason: str) -> bool:
    """Whether a SQLite file the driver refuses is a damaged database (its header says
    SQLite) rather than some other file given as the ledger."""
    if not any(mark in reason for mark in DAMAGED_MARKS):
        return False
    try:
        with open(path, "rb") as handle:
            return handle.read(16) == b"SQLite format 3\x00"
    except OSError:
        return False


def damaged_message(where: str, reason: str) -> str:
    """The one line for a SQLite ledger that cannot be read: restore it from a backup."""
    return (
        f"{where} is damaged ({reason}); restore it from a backup with 'cluster-ledger --db "
        f"{where} restore BACKUP.sqlite' (the damaged file is kept beside it), then run "
        "'cluster-ledger verify'"
    )


def current_revision(engine: Engine) -> str | None:
    """The schema revision of the database, or None when it holds no ledger."""
    return _schema_state(engine)[1]


def upgrade(
    engine: Engine, before: Callable[[str], Path | None] | None = None
) -> tuple[str | None, Path | None]:
    """Create or upgrade the schema to the newest revision, through the migrations.

    The migrations run holding the ledger's write lock, and the revision is read again
    under it: of several processes that open an older ledger at once, one upgrades (and
    backs it up first, through ``before``, given the revision found) and the others find
    it done (see :func:`migration_connection`).

    Returns:
        The revision the ledger was at when this process upgraded it (None: it was empty,
        or another process had upgraded it already), and where ``before`` put its backup.
    """
    from alembic import command

    config = alembic_config(engine)
    # The transaction holds the write lock until the migrations commit.
    with migration_connection(engine) as connection, connection.begin():
        found = _revision_in(connection)
        if found == head_revision():
            return None, None
        saved = before(found) if before is not None and found is not None else None
        config.attributes["connection"] = connection
        command.upgrade(config, "head")  # checks the foreign keys before it ends
    return found, saved


@contextmanager
def migration_connection(engine: Engine) -> Iterator[Connection]:
    """A connection to migrate on: its BEGIN takes the write lock, and on SQLite foreign
    keys are off until it closes (batch mode copies tables that rows point at; the
    migrations check every key before they commit). The pragma is a no-op inside a
    transaction, so it is set on the driver's connection before one begins."""
    with engine.execution_options(**{WRITE_OPTION: True}).connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        driver = connection.connection.driver_connection
        if sqlite:
            driver.execute("PRAGMA foreign_keys=OFF")  # type: ignore[union-attr]
        try:
            yield connection
        finally:
            if connection.in_transaction():  # or the pragma below would be swallowed
                connection.rollback()
            if sqlite:
                driver.execute("PRAGMA foreign_keys=ON")  # type: ignore[union-attr]


def _revision_in(connection: Connection) -> str | None:
    if "alembic_version" not in inspect(connection).get_table_names():
        return None
    rows = connection.execute(text("SELECT version_num FROM alembic_version")).all()
    return rows[0][0] if rows else None


def first_line(exc: Exception) -> str:
    """The driver's own message, first line only: enough to act on, no stack of context."""
    text = str(getattr(exc, "orig", exc) or exc)
    return text.strip().splitlines()[0] if text.strip() else type(exc).__name__


def describe(engine: Engine) -> str:
    """The database as the user named it, without a password."""
    url = engine.url
    if url.get_backend_name() == "sqlite":
        return str(url.database)
    return url.render_as_string(hide_password=True)


def prepare(
    engine: Engine, *, create: bool = False, before: BeforeUpgrade | None = None
) -> Upgrade | None:
    """Make sure the database holds a ledger at the newest schema.

    An empty database gets a new ledger when ``create`` is set (``init``); an older
    ledger is upgraded through the migrations, after ``before`` took its backup (the
    session hands in :func:`ledger.backup.upgrade.before_migration`).

    Returns:
        The upgrade made (from which revision, where the backup went), or None.

    Raises:
        DatabaseError: no ledger there (and not ``create``), something else is there, a
            newer version wrote it, or the backup before an upgrade failed.
    """
    has_tables, revision = _schema_state(engine)
    if revision is None:
        if has_tables:
            raise DatabaseError(
                f"{describe(engine)} holds tables but is not a cluster ledger; give another --db"
            )
        if not create:
            raise DatabaseError(
                f"no ledger at {describe(engine)}; run 'cluster-ledger init' to create one,"
                " or 'cluster-ledger demo' to try a demo ledger"
            )
        upgrade(engine)
        return
    head = head_revision()
    if revision == head:
        return
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config(engine))
    if not _known(script, revision):
        raise DatabaseError(
            f"{describe(engine)} was written by a newer version of cluster-ledger "
            f"(schema {revision}); upgrade cluster-ledger to use it"
        )
    # The backup refuses the upgrade when it cannot be taken.
    take = None if before is None else (lambda current: before(engine, current))
    found, saved = upgrade(engine, take)
    return None if found is None else Upgrade(found, head, saved)


def _known(script: ScriptDirectory, revision: str) -> bool:
    """Whether this version's migrations know ``revision`` (an unknown one came from a newer version)."""
    from alembic.util import CommandError

    try:
        return script.get_revision(revision) is not None
    except CommandError:
        return False
