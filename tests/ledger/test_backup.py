"""Backups, restores and the backup before every upgrade, on real files.

A backup must be one consistent, checked, self-contained file even while the ledger is
read and written; a restore must refuse a backup that does not check and leave the ledger
as it was; an upgrade must not start without a copy of what it upgrades.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sqlite3
import subprocess
import sys
import threading
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from alembic import command

from ledger import operations
from ledger.backup import restore as restoring
from ledger.backup import snapshot, upgrade
from ledger.errors import ConflictError, DatabaseError, InputError
from ledger.integrity.verify import verify
from ledger.session import Ledger
from ledger.storage import database

CLUSTER = "Circular Plastics"
STAMP = r"\d{4}-\d\d-\d\dT\d{6}Z"
# A file size limit (RLIMIT_FSIZE) stands in for a full disk.
POSIX = pytest.mark.skipif(os.name != "posix", reason="needs POSIX resource limits")


def fill(target: Path | str, entries: int = 3) -> Ledger:
    """A ledger with a cluster, two members, entries and a reversal."""
    ledger = Ledger.open(target, create=True, actor="tester", origin="test")
    with ledger.write() as tx:
        cluster = operations.add_cluster(
            tx, name=CLUSTER, rule_set_id="ibn-2026", start_year=2026, kbo="0403170701"
        )
        operations.add_member(
            tx, cluster, kbo="0403170701", name="Alfa NV", postcode="9000", mandate=date(2026, 2, 1)
        )
        operations.add_member(tx, cluster, kbo="0123456749", name="Beta BV", postcode="3000")
        first = None
        for n in range(entries):
            entry = operations.record_contribution(
                tx, cluster, kbo="0403170701", year=2026, amount=Decimal(1000 + n)
            )
            first = first or entry
        assert first is not None and first.id is not None
        operations.reverse_contribution(tx, first.id, reason="booked twice")
    return ledger


def add_entry(ledger: Ledger, amount: str = "12.34") -> None:
    from ledger import queries

    with ledger.write() as tx:
        cluster = queries.get_cluster(CLUSTER, session=tx.session)
        operations.record_contribution(
            tx, cluster, kbo="0123456749", year=2026, amount=Decimal(amount)
        )


def rows(path: Path, table: str) -> list[tuple[object, ...]]:
    connection = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True)
    try:
        return connection.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()
    finally:
        connection.close()


def revision_of(path: Path) -> str:
    return rows_of(path, "SELECT version_num FROM alembic_version")[0][0]


def rows_of(path: Path, sql: str) -> list[tuple[object, ...]]:
    connection = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True)
    try:
        return connection.execute(sql).fetchall()
    finally:
        connection.close()


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def tamper(path: Path) -> None:
    """What someone with a SQL shell could do: drop a guard and change an amount."""
    connection = sqlite3.connect(path)
    connection.execute("DROP TRIGGER contribution_no_update")
    connection.execute("UPDATE contribution SET amount_cents = amount_cents + 100 WHERE id = 2")
    connection.commit()
    connection.close()


def problems_of(path: Path) -> str:
    """What the ledger's own check finds in a file, as backup and restore list it: the
    first three problems (the wording is the check's own)."""
    ledger = Ledger(database.make_engine(path))
    try:
        problems = verify(ledger).problems
    finally:
        ledger.dispose()
    assert any("contribution_no_update" in p for p in problems), problems
    assert any("entry 2 " in p for p in problems), problems  # the changed amount
    more = f"; and {len(problems) - 3} more" if len(problems) > 3 else ""
    return "; ".join(problems[:3]) + more


def make_old_ledger(path: Path) -> None:
    """A ledger at schema 0002 with a cluster, a member, two entries and the audit events
    of each."""
    engine = database.make_engine(path)
    command.upgrade(database.alembic_config(engine), "0002")
    engine.dispose()
    at = "2026-03-01 10:00:00.000000"
    connection = sqlite3.connect(path)
    connection.executescript(
        f"""
        INSERT INTO cluster VALUES (1, '{CLUSTER}', 'ibn-2026', 2026, NULL, '{at}');
        INSERT INTO company VALUES (1, '0403170701', 'Alfa NV', '9000', NULL, 'enterprise',
            '{at}', '{at}');
        INSERT INTO membership VALUES (1, 1, 1, NULL, NULL, '2026-02-01');
        INSERT INTO contribution (id, cluster_id, company_id, year, amount_cents, created_at)
            VALUES (1, 1, 1, 2026, 500000, '{at}'), (2, 1, 1, 2026, 250000, '{at}');
        INSERT INTO audit_event (at, actor, origin, action, cluster_id, entity, entity_id,
            details) VALUES
            ('{at}', 'old', 'cli@host', 'cluster.add', NULL, 'cluster', 1,
             '{{"kbo": null, "name": "{CLUSTER}", "rule_set": "ibn-2026", "start_year": 2026}}'),
            ('{at}', 'old', 'cli@host', 'company.add', NULL, 'company', 1,
             '{{"kbo": "0403170701", "kind": "enterprise", "name": "Alfa NV", "postcode": "9000",
               "region_override": null}}'),
            ('{at}', 'old', 'cli@host', 'member.join', 1, 'membership', 1,
             '{{"joined": null, "kbo": "0403170701", "left": null, "mandate": "2026-02-01"}}'),
            ('{at}', 'old', 'cli@host', 'contribution.record', 1, 'contribution', 1, '{{}}'),
            ('{at}', 'old', 'cli@host', 'contribution.record', 1, 'contribution', 2, '{{}}');
        """
    )
    connection.close()


def audit_actions(path: Path) -> list[str]:
    return [row[0] for row in rows_of(path, "SELECT action FROM audit_event ORDER BY id")]


@pytest.fixture
def live(tmp_path: Path) -> Ledger:
    ledger = fill(tmp_path / "ledger.sqlite")
    yield ledger
    ledger.dispose()


def source_of(ledger: Ledger) -> Path:
    return Path(str(ledger.engine.url.database))


# --- backup ----------------------------------------------------------------------------


def test_a_backup_into_a_folder_is_one_checked_file_holding_the_same_rows(
    live: Ledger, tmp_path: Path
) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    made = snapshot.backup(live, folder)
    assert re.fullmatch(rf"ledger-{STAMP}\.sqlite", made.path.name)
    assert os.listdir(folder) == [made.path.name]  # no -wal, no temporary file
    assert made.size == made.path.stat().st_size
    assert rows_of(made.path, "PRAGMA journal_mode") == [("delete",)]
    for table in ("contribution", "audit_event", "chain_tip", "membership"):
        assert rows(made.path, table) == rows(source_of(live), table)
    assert made.verdict.ok and made.verdict.rows["contribution"] == 4
    assert made.verdict.lines()[0].startswith("Checked 4 entries, ")


def test_a_backup_to_a_file_name_refuses_to_overwrite_unless_asked(
    live: Ledger, tmp_path: Path
) -> None:
    dest = tmp_path / "copy.sqlite"
    dest.write_text("keep me")
    with pytest.raises(ConflictError) as refused:
        snapshot.backup(live, dest)
    assert str(refused.value) == f"DEST: {dest} already exists; pass --force to replace it"
    assert dest.read_text() == "keep me"
    snapshot.backup(live, dest, overwrite=True)
    assert rows(dest, "contribution") == rows(source_of(live), "contribution")


def test_bad_destinations_are_refused_before_anything_is_written(
    live: Ledger, tmp_path: Path
) -> None:
    missing = tmp_path / "nowhere" / "copy.sqlite"
    with pytest.raises(InputError) as refused:
        snapshot.backup(live, missing)
    assert (
        str(refused.value) == f"DEST: the folder {missing.parent} does not exist; create it first"
    )
    with pytest.raises(InputError) as refused:
        snapshot.backup(live, f"{tmp_path}/new-folder/")
    assert str(refused.value) == (
        f"DEST: the folder {tmp_path}/new-folder does not exist; create it first"
    )
    with pytest.raises(InputError, match="is the ledger itself"):
        snapshot.backup(live, source_of(live), overwrite=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "ledger.sqlite",
        "ledger.sqlite-shm",
        "ledger.sqlite-wal",
    ]


def test_a_backup_is_consistent_while_a_reader_and_a_writer_are_at_work(
    live: Ledger, tmp_path: Path
) -> None:
    """A reader holds a read transaction open and another connection keeps writing entries
    while backups are taken: each copy checks, and holds every entry with its audit event."""
    reader = sqlite3.connect(source_of(live), isolation_level=None)
    reader.execute("BEGIN")
    before = reader.execute("SELECT count(*) FROM contribution").fetchone()[0]
    writer = Ledger.open(source_of(live), actor="writer", origin="test")
    written, stop, going = [0], threading.Event(), threading.Event()
    failure: list[BaseException] = []

    def write() -> None:
        try:
            while not stop.is_set():
                add_entry(writer, "1.00")
                written[0] += 1
                if written[0] == 3:
                    going.set()
        except BaseException as exc:  # reported by the test below
            failure.append(exc)
            going.set()

    thread = threading.Thread(target=write)
    thread.start()
    try:
        assert going.wait(60)
        copies = [snapshot.backup(live, tmp_path / f"copy-{n}.sqlite") for n in range(3)]
    finally:
        stop.set()
        thread.join()
        writer.dispose()
    assert not failure
    counts = []
    for made in copies:
        assert made.verdict.ok
        entries = rows_of(made.path, "SELECT id FROM contribution")
        audited = rows_of(
            made.path,
            "SELECT entity_id FROM audit_event WHERE entity = 'contribution' ORDER BY entity_id",
        )
        assert sorted(entries) == audited
        counts.append(len(entries))
    assert before + 3 <= counts[0] <= counts[-1] <= before + written[0]
    # The reader's snapshot is untouched by the writes and the backups.
    assert reader.execute("SELECT count(*) FROM contribution").fetchone()[0] == before
    reader.close()


def test_a_tampered_ledger_is_not_backed_up(live: Ledger, tmp_path: Path) -> None:
    tamper(source_of(live))
    folder = tmp_path / "backups"
    folder.mkdir()
    with pytest.raises(DatabaseError) as refused:
        snapshot.backup(live, folder)
    assert str(refused.value) == (
        f"{source_of(live)} fails its integrity check, so no backup was written: "
        f"{problems_of(source_of(live))}; run 'cluster-ledger verify' to see every problem"
    )
    assert os.listdir(folder) == []


ROOT = pytest.mark.skipif(
    os.name == "posix" and os.geteuid() == 0, reason="root may write into any folder"
)


@ROOT
def test_a_folder_without_write_permission_is_refused(live: Ledger, tmp_path: Path) -> None:
    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(InputError) as refused:
            snapshot.backup(live, folder / "copy.sqlite")
        assert str(refused.value) == (
            f"DEST: cannot write to the folder {folder}: permission denied"
        )
        assert os.listdir(folder) == []
    finally:
        folder.chmod(0o700)


@POSIX
def test_a_full_disk_leaves_no_half_file(live: Ledger, tmp_path: Path) -> None:
    """A file size limit makes every write past it fail, as a full disk does."""
    folder = tmp_path / "backups"
    folder.mkdir()
    script = (
        "import resource, signal, sys\n"
        "from pathlib import Path\n"
        "from ledger.session import Ledger\n"
        "from ledger.backup import snapshot\n"
        "from ledger.errors import LedgerError\n"
        "ledger = Ledger.open(sys.argv[1])\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
        "resource.setrlimit(resource.RLIMIT_FSIZE, (8192, 8192))\n"
        "try:\n"
        "    snapshot.backup(ledger, Path(sys.argv[2]))\n"
        "except LedgerError as exc:\n"
        "    print(exc)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(source_of(live)), str(folder)],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).parents[2],
    )
    assert f"the disk holding {folder} is full or refused the write" in done.stdout
    assert os.listdir(folder) == []


def test_postgresql_backup_and_restore_are_refused_with_the_tools_to_use(
    pg_schema_url: str, tmp_path: Path
) -> None:
    ledger = Ledger.open(pg_schema_url, create=True)
    try:
        with pytest.raises(DatabaseError) as refused:
            snapshot.backup(ledger, tmp_path)
    finally:
        ledger.dispose()
    assert str(refused.value) == (
        "backup works on SQLite ledgers only; back up a PostgreSQL ledger with "
        "'pg_dump --format=custom -f ledger.dump URL' (see \"Backup and restore\" in the README)"
    )
    with pytest.raises(DatabaseError) as refused:
        restoring.restore(pg_schema_url, tmp_path / "x.sqlite")
    assert "'pg_restore --clean --if-exists -d URL ledger.dump'" in str(refused.value)
    assert "'cluster-ledger --db URL verify'" in str(refused.value)
    assert os.listdir(tmp_path) == []


# --- restore ---------------------------------------------------------------------------


def test_a_restore_brings_back_exactly_the_backup_and_records_itself(
    live: Ledger, tmp_path: Path
) -> None:
    saved = snapshot.backup(live, tmp_path / "saved.sqlite").path
    add_entry(live)  # made after the backup: the restore takes it away
    target = source_of(live)
    before_restore = rows(target, "contribution")
    # Another program is reading the ledger as the restore replaces it.
    reader = sqlite3.connect(target, isolation_level=None)
    reader.execute("BEGIN")
    assert reader.execute("SELECT count(*) FROM contribution").fetchone() == (5,)
    done = restoring.restore(target, saved, actor="restorer")
    assert reader.execute("SELECT count(*) FROM contribution").fetchone() == (5,)  # old, whole
    reader.execute("COMMIT")
    assert reader.execute("SELECT count(*) FROM contribution").fetchone() == (4,)  # new, whole
    reader.close()
    assert rows(target, "contribution") == rows(saved, "contribution")
    restored_trail = rows(target, "audit_event")
    assert restored_trail[:-1] == rows(saved, "audit_event")
    last = restored_trail[-1]
    assert last[4:7] == ("ledger.restore", None, "ledger")  # action, cluster, entity
    details = json.loads(last[8])
    assert re.fullmatch("[0-9a-f]{16}", details.pop("restore"))  # names it in its journal
    assert details == {
        "source": str(saved.resolve()),
        "source_sha256": sha256(saved),
        "safety_backup": str(done.safety_backup),
        "upgraded_from": None,
    }
    assert done.source_sha256 == sha256(saved) and done.upgraded_from is None
    assert done.safety_backup is not None
    assert re.fullmatch(rf"ledger\.before-restore-{STAMP}\.sqlite", done.safety_backup.name)
    assert rows(done.safety_backup, "contribution") == before_restore
    assert done.verdict.ok and done.verdict.rows["audit_event"] == len(restored_trail)
    # The ledger that was open all along reads the restored content, and still writes.
    add_entry(live, "2.00")
    assert verify(live).ok


def test_a_tampered_backup_is_refused_and_the_ledger_left_as_it_was(
    live: Ledger, tmp_path: Path
) -> None:
    saved = snapshot.backup(live, tmp_path / "saved.sqlite").path
    tamper(saved)
    target = source_of(live)
    live.dispose()  # the file's bytes settle: nothing holds it open
    fingerprint = sha256(target)
    with pytest.raises(DatabaseError) as refused:
        restoring.restore(target, saved)
    assert str(refused.value) == (
        f"{saved} fails its integrity check, so nothing was restored: {problems_of(saved)}"
    )
    assert sha256(target) == fingerprint
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ledger.sqlite", "saved.sqlite"]


def test_a_restore_gives_up_on_a_ledger_kept_busy_and_changes_nothing(
    live: Ledger, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    saved = snapshot.backup(live, tmp_path / "saved.sqlite").path
    add_entry(live)
    target = source_of(live)
    expected = rows(target, "contribution")
    monkeypatch.setattr(database, "BUSY_TIMEOUT_S", 0.2)  # instead of waiting 30 s
    writer = sqlite3.connect(target, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # another program holds the write lock throughout
    try:
        with pytest.raises(DatabaseError) as refused:
            restoring.restore(target, saved)
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert str(refused.value) == (
        f"cannot restore into {target}: the ledger is busy: another writer held it for more "
        "than 0.2 s; try again when it is done"
    )
    assert rows(target, "contribution") == expected
    assert sorted(p.name for p in tmp_path.iterdir() if "sqlite-" not in p.name) == [
        "ledger.sqlite",
        "saved.sqlite",
    ]


def test_a_restore_needs_a_ledger_backup(live: Ledger, tmp_path: Path) -> None:
    target = source_of(live)
    expected = rows(target, "audit_event")
    text_file = tmp_path / "notes.txt"
    text_file.write_text("not a ledger")
    other = tmp_path / "photos.sqlite"
    connection = sqlite3.connect(other)
    connection.execute("CREATE TABLE photos (id INTEGER)")
    connection.close()
    newer = snapshot.backup(live, tmp_path / "newer.sqlite").path
    connection = sqlite3.connect(newer)
    connection.execute("UPDATE alembic_version SET version_num = 'ffff_future'")
    connection.commit()
    connection.close()
    cases = [
        (
            tmp_path / "missing.sqlite",
            InputError,
            f"SRC: {tmp_path / 'missing.sqlite'} does not exist",
        ),
        (tmp_path, InputError, f"SRC: {tmp_path} is not a file; give a backup written by 'backup'"),
        (
            text_file,
            InputError,
            f"SRC: {text_file} is not a SQLite database; give a backup written by 'backup'",
        ),
        (
            other,
            DatabaseError,
            f"{other} is not a cluster ledger; give a backup written by 'backup'",
        ),
        (
            newer,
            DatabaseError,
            f"{newer} was written by a newer version of cluster-ledger (schema ffff_future); "
            "upgrade cluster-ledger to restore it",
        ),
        (target, InputError, f"SRC: {target} is the ledger itself; give a backup file"),
    ]
    for source, error, message in cases:
        with pytest.raises(error) as refused:
            restoring.restore(target, source)
        assert str(refused.value) == message
    assert rows(target, "audit_event") == expected
    assert not list(tmp_path.glob("*before-restore*"))


def test_a_restore_will_not_replace_a_file_that_is_not_a_ledger(
    live: Ledger, tmp_path: Path
) -> None:
    saved = snapshot.backup(live, tmp_path / "saved.sqlite").path
    elsewhere = tmp_path / "thesis.odt"
    elsewhere.write_text("three years of work")
    with pytest.raises(DatabaseError) as refused:
        restoring.restore(elsewhere, saved)
    assert str(refused.value) == (
        f"{elsewhere} is not a cluster ledger, so restore will not replace it; give another "
        "--db or move that file away"
    )
    assert elsewhere.read_text() == "three years of work"


def test_a_restore_into_a_new_place_needs_no_safety_backup(live: Ledger, tmp_path: Path) -> None:
    saved = snapshot.backup(live, tmp_path / "saved.sqlite").path
    target = tmp_path / "laptop" / "ledger.sqlite"
    done = restoring.restore(target, saved)
    assert done.safety_backup is None and done.verdict.ok
    assert rows(target, "contribution") == rows(saved, "contribution")
    assert audit_actions(target)[-1] == "ledger.restore"


def test_a_backup_from_an_older_version_is_upgraded_as_it_is_restored(
    live: Ledger, tmp_path: Path
) -> None:
    old = tmp_path / "old.sqlite"
    make_old_ledger(old)
    fingerprint = sha256(old)
    done = restoring.restore(source_of(live), old)
    assert done.upgraded_from == "0002" and done.verdict.ok
    assert sha256(old) == fingerprint and revision_of(old) == "0002"  # the backup is untouched
    target = source_of(live)
    assert revision_of(target) == database.head_revision()
    assert [r[:6] for r in rows(target, "contribution")] == [
        r[:6] for r in rows(old, "contribution")
    ]
    details = json.loads(rows(target, "audit_event")[-1][8])
    assert details["upgraded_from"] == "0002"


# --- before every upgrade --------------------------------------------------------------


def test_opening_an_older_ledger_backs_it_up_before_upgrading(tmp_path: Path) -> None:
    path = tmp_path / "ledger.sqlite"
    make_old_ledger(path)
    old_rows = rows(path, "contribution")
    ledger = Ledger.open(path, actor="upgrader")
    try:
        verdict = verify(ledger)
    finally:
        ledger.dispose()
    (copy,) = tmp_path.glob("ledger.before-upgrade-from-0002-*.sqlite")
    assert re.fullmatch(rf"ledger\.before-upgrade-from-0002-{STAMP}\.sqlite", copy.name)
    assert revision_of(copy) == "0002" and rows(copy, "contribution") == old_rows
    assert rows_of(copy, "PRAGMA journal_mode") == [("delete",)]
    assert revision_of(path) == database.head_revision()
    assert verdict.ok and verdict.rows["contribution"] == 2
    last = rows(path, "audit_event")[-1]
    assert last[3:7] == ("cli@" + last[3].split("@", 1)[1], "ledger.upgrade", None, "ledger")
    assert json.loads(last[8]) == {
        "from_revision": "0002",
        "to_revision": database.head_revision(),
        "backup": str(copy),
    }
    Ledger.open(path).dispose()  # at the newest schema now: no second copy
    assert len(list(tmp_path.glob("*.before-upgrade-*"))) == 1


@POSIX
def test_an_upgrade_does_not_start_when_its_backup_fails(tmp_path: Path) -> None:
    path = tmp_path / "ledger.sqlite"
    make_old_ledger(path)
    script = (
        "import resource, signal, sys\n"
        "from ledger.session import Ledger\n"
        "from ledger.errors import LedgerError\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
        "resource.setrlimit(resource.RLIMIT_FSIZE, (40960, 40960))\n"
        "try:\n"
        "    Ledger.open(sys.argv[1])\n"
        "except LedgerError as exc:\n"
        "    print(exc)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(path)],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).parents[2],
    )
    assert done.stdout.startswith(
        f"{path} needs an upgrade from schema 0002, and the backup taken before every upgrade "
        "failed (cannot copy "
    )
    assert done.stdout.rstrip().endswith(
        "nothing was changed. Free some space, or move the ledger to a folder with room that "
        "you can write to, or copy it yourself and set CLUSTER_LEDGER_UPGRADE_WITHOUT_BACKUP=1 "
        "to upgrade without the automatic backup"
    )
    assert revision_of(path) == "0002"
    assert not list(tmp_path.glob("*before-upgrade*")) and not list(tmp_path.glob(".*partial"))


def test_an_upgrade_without_backup_when_the_user_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "ledger.sqlite"
    make_old_ledger(path)
    monkeypatch.setenv(upgrade.UPGRADE_WITHOUT_BACKUP, "1")
    Ledger.open(path).dispose()
    assert revision_of(path) == database.head_revision()
    assert not list(tmp_path.glob("*before-upgrade*"))
    assert json.loads(rows(path, "audit_event")[-1][8])["backup"] is None


def _old_postgresql_ledger(url: str) -> None:
    engine = database.make_engine(url)
    command.upgrade(database.alembic_config(engine), "0002")
    engine.dispose()


def test_an_older_postgresql_ledger_is_dumped_before_its_upgrade(pg_schema_url: str) -> None:
    from ledger.storage.location import data_dir

    _old_postgresql_ledger(pg_schema_url)
    Ledger.open(pg_schema_url).dispose()
    (dump,) = data_dir().glob("*.before-upgrade-from-0002-*.dump")
    assert dump.read_bytes()[:5] == b"PGDMP"  # pg_dump's custom format
    engine = database.make_engine(pg_schema_url)
    assert database.current_revision(engine) == database.head_revision()
    engine.dispose()


def test_an_older_postgresql_ledger_waits_for_a_backup_without_pg_dump(
    pg_schema_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _old_postgresql_ledger(pg_schema_url)
    monkeypatch.setenv("PATH", str(tmp_path))  # no pg_dump there
    with pytest.raises(DatabaseError) as refused:
        Ledger.open(pg_schema_url)
    assert "cluster-ledger backs a PostgreSQL ledger up with pg_dump first, which is not on" in str(
        refused.value
    )
    assert "set CLUSTER_LEDGER_UPGRADE_WITHOUT_BACKUP=1 to upgrade" in str(refused.value)
    engine = database.make_engine(pg_schema_url)
    assert database.current_revision(engine) == "0002"
    monkeypatch.setenv(upgrade.UPGRADE_WITHOUT_BACKUP, "1")
    Ledger.open(pg_schema_url).dispose()
    assert database.current_revision(engine) == database.head_revision()
    engine.dispose()
