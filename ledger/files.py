"""Writing files safely: every file the ledger writes (a report, an error report, a
backup, a safety copy) goes through here.

The promises:

* **The target is checked first**, before any work: its name ends in what is written
  (``.xlsx``, ``.sqlite``), its folder exists and can be written, an existing file is
  replaced only with ``--force``, and never the ledger itself, its ``-wal``, ``-shm`` or
  ``-journal``, a SQLite database asked to hold a workbook, a folder, a symbolic link,
  or anything that is not a regular file (a FIFO, ``/dev/null``, a socket).
* **Nothing half-written under the target's name.** The content goes to a temporary file
  in the target's folder and is renamed over the target once complete and on disk.
* **Nothing left behind.** The temporary file (and any work folder) is removed on every
  way out, an exception or Ctrl-C included; one left by a run that was killed outright
  carries the killed process's id in its name, and the next run that writes into the
  same folder removes it and says so (:func:`clean_stale`).
* **Permissions follow the ledger.** A report of a ledger readable by its owner only is
  readable by its owner only (:func:`origin_of`).

>>> temp_name("report.xlsx", pid=42, token="ab12").startswith(".cluster-ledger.42.ab12.")
True
>>> shown("bad\\nname.xlsx")
'bad\\\\nname.xlsx'
"""

from __future__ import annotations

import errno
import os
import secrets
import shutil
import stat
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ledger.errors import LedgerError
from ledger.problems import Location, Problem
from ledger.text import escape_controls

# Every temporary file or folder the ledger makes starts with this, then the process id.
TEMP_PREFIX = ".cluster-ledger."
SQLITE_HEADER = b"SQLite format 3\x00"
COMPANIONS = ("-wal", "-shm", "-journal")


def shown(path: str | Path) -> str:
    """A path as a message prints it: control characters written as escapes, one line."""
    return escape_controls(str(path))


def os_reason(exc: OSError) -> str:
    """What a refusal of the file system means for the user, in a few words."""
    if exc.errno in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT):
        return "the disk is full; free some space there"
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "permission denied"
    if exc.errno == errno.ENOENT:
        return "the folder does not exist"
    return exc.strerror or type(exc).__name__


def is_disk_full(exc: BaseException) -> bool:
    return isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT)


@dataclass(frozen=True)
class Origin:
    """The ledger a written file comes from: its files are never written over, and new
    files get its permissions."""

    protected: frozenset[Path] = field(default_factory=frozenset)
    mode: int = 0o644

    def guards(self, path: Path) -> bool:
        """Whether ``path`` is the ledger or one of its companion files."""
        try:
            resolved = path.resolve()
        except OSError:
            return False
        if resolved in self.protected:
            return True
        return any(p.exists() and path.exists() and _same(p, path) for p in self.protected)


def _same(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _umask_mode() -> int:
    current = os.umask(0o022)
    os.umask(current)
    return 0o666 & ~current


def origin_of(database: str | Path | None) -> Origin:
    """The :class:`Origin` of a SQLite ledger file, or of a ledger on a server (None)."""
    if database in (None, "", ":memory:"):
        return Origin(mode=_umask_mode())
    path = Path(str(database)).absolute()
    names = [path, *(path.with_name(path.name + c) for c in COMPANIONS)]
    with suppress(OSError):
        names.append(path.resolve())
        names += [path.resolve().with_name(path.resolve().name + c) for c in COMPANIONS]
    try:
        mode = stat.S_IMODE(path.stat().st_mode) & 0o666
    except OSError:
        mode = _umask_mode()
    return Origin(frozenset(p.absolute() for p in names), mode)


def origin_of_engine(engine: Any) -> Origin:
    """The :class:`Origin` of the ledger an SQLAlchemy engine (or session bind) opens."""
    url = engine.url
    return origin_of(url.database if url.get_backend_name() == "sqlite" else None)


def temp_name(name: str, *, pid: int | None = None, token: str | None = None) -> str:
    """The name of a temporary file for ``name``: hidden, with the process id that owns it."""
    pid = os.getpid() if pid is None else pid
    token = secrets.token_hex(4) if token is None else token
    return f"{TEMP_PREFIX}{pid}.{token}.{name[:120]}.part"


def _owner(name: str) -> int | None:
    rest = name[len(TEMP_PREFIX) :] if name.startswith(TEMP_PREFIX) else ""
    pid = rest.split(".", 1)[0]
    return int(pid) if pid.isdigit() else None


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # another user's process: it exists
    return True


def stale(folder: Path) -> list[Path]:
    """The temporary files and folders killed runs left in ``folder`` (see :func:`clean_stale`)."""
    try:
        entries = sorted(folder.iterdir())
    except OSError:
        return []
    return [e for e in entries if (pid := _owner(e.name)) is not None and not _alive(pid)]


def clean_stale(folder: Path) -> list[Path]:
    """Remove the temporary files and folders a killed run left in ``folder``.

    Only names this module made (:data:`TEMP_PREFIX` and a process id) whose process is
    gone are removed; a run still at work keeps its own.

    Returns:
        What was removed, for the caller to mention.
    """
    removed: list[Path] = []
    for entry in stale(folder):
        try:
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry)
            else:
                entry.unlink()
        except OSError:
            continue
        removed.append(entry)
    return removed


def check_target(
    path: str | Path,
    *,
    option: str,
    suffixes: Iterable[str],
    force: bool,
    origin: Origin,
    what: str,
) -> Path:
    """The file to write, checked before any work is done.

    Args:
        option: the option or argument that named it, for the error's location.
        suffixes: the endings the written content may carry (``.xlsx``).
        what: the content, for messages ("workbook", "backup").

    Raises:
        InputError: a control character, the wrong ending, a folder, a missing or
            unwritable folder, the ledger or its companions, a link, a special file.
        ConflictError: the file exists and ``force`` is not given.
    """
    text = str(path)
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in text):
        raise Problem("file.control", location=Location(field=option)).error()
    target = Path(text).expanduser()
    endings = tuple(s.lower() for s in suffixes)
    if text.endswith(("/", os.sep)) or target.is_dir():
        raise Problem("file.is_folder", {"path": shown(target)}, Location(field=option)).error()
    if target.suffix.lower() not in endings:
        facts = {
            "name": target.name,
            "suffixes": " or ".join(endings),
            "first": endings[0],
            "what": what,
        }
        raise Problem("file.ending", facts, Location(field=option)).error()
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise Problem("file.no_folder", {"folder": shown(folder)}, Location(field=option)).error()
    if origin.guards(target):
        raise Problem("file.is_ledger", {"path": shown(target)}, Location(field=option)).error()
    refuse_special(target, option=option, what=what)
    if target.exists() and not force:
        raise _exists(target, option)
    if not os.access(folder, os.W_OK | os.X_OK):
        raise Problem(
            "file.folder_denied", {"folder": shown(folder)}, Location(field=option)
        ).error()
    return target


def _exists(target: Path, option: str | None) -> LedgerError:
    """The refusal to replace an existing file the user did not say may be replaced."""
    where = Location(field=option)
    return Problem("file.exists", {"path": shown(target)}, where, kind="conflict").error()


def refuse_special(target: Path, *, option: str, what: str, content: bool = True) -> None:
    """Refuse to write over anything but a regular file holding something else than a
    ledger: a link, a FIFO or a device (``/dev/null``) is never replaced."""
    try:
        info = os.lstat(target)
    except FileNotFoundError:
        return
    except OSError as exc:
        facts = {"path": shown(target), "reason": os_reason(exc)}
        raise Problem("file.unusable", facts, Location(field=option)).error() from None
    if stat.S_ISLNK(info.st_mode):
        raise Problem("file.symlink", {"path": shown(target)}, Location(field=option)).error()
    if not stat.S_ISREG(info.st_mode):
        raise Problem("file.special", {"path": shown(target)}, Location(field=option)).error()
    if content and what != "backup":
        try:
            with open(target, "rb") as handle:
                header = handle.read(len(SQLITE_HEADER))
        except OSError:
            return
        if header == SQLITE_HEADER:
            facts = {"path": shown(target), "what": what}
            raise Problem("file.database", facts, Location(field=option)).error()


def sync_folder(folder: Path) -> None:
    """Make a rename durable: the folder's entry is written with it (POSIX only)."""
    if os.name != "posix":
        return
    handle = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def remove_with_companions(path: Path) -> None:
    for ending in ("", *COMPANIONS):
        Path(f"{path}{ending}").unlink(missing_ok=True)


@contextmanager
def temporary_beside(target: Path, *, option: str | None = None) -> Iterator[Path]:
    """A new, empty temporary file in ``target``'s folder, removed (with any SQLite
    companions) however the block ends. Stale ones of killed runs are cleaned first."""
    folder = target.parent if str(target.parent) else Path(".")
    clean_stale(folder)
    temp = folder / temp_name(target.name)
    # Made inside the try: a signal (SIGTERM unwinds as an exception) that arrives just
    # after the file appears still finds the finally that removes it.
    try:
        try:
            handle = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except OSError as exc:
            facts = {"folder": shown(folder), "reason": os_reason(exc)}
            raise Problem("file.folder_unwritable", facts, Location(field=option)).error() from None
        os.close(handle)
        yield temp
    finally:
        remove_with_companions(temp)


def put_in_place(temp: Path, target: Path, *, force: bool, mode: int, option: str | None) -> None:
    """Give ``temp`` its permissions, flush it to disk and rename it over ``target``."""
    os.chmod(temp, mode)
    with open(temp, "rb+") as handle:
        os.fsync(handle.fileno())
    if not force and target.exists():  # appeared while the content was being written
        raise _exists(target, option)
    refuse_special(target, option=option or "", what="file", content=False)
    os.replace(temp, target)
    sync_folder(target.parent if str(target.parent) else Path("."))


@contextmanager
def staged(
    target: Path, *, force: bool, origin: Origin, option: str | None = None
) -> Iterator[Path]:
    """Write ``target`` through a temporary file: the block writes the yielded path; when
    it ends normally the file is put in place, otherwise removed.

    Raises:
        InputError: the folder cannot be written (no permission, disk full).
        ConflictError: the target appeared meanwhile and ``force`` is not given.
    """
    with temporary_beside(target, option=option) as temp:
        try:
            yield temp
            put_in_place(temp, target, force=force, mode=origin.mode, option=option)
        except OSError as exc:
            facts = {"path": shown(target), "reason": os_reason(exc)}
            raise Problem("file.not_writable", facts, Location(field=option)).error() from None


@contextmanager
def work_folder(beside: Path) -> Iterator[Path]:
    """A private folder (0700) beside ``beside`` for a program's own temporary files (the
    spreadsheet library streams a large sheet to disk), removed however the block ends.

    Kept beside the target rather than in the system's temporary folder: a report's rows
    never sit readable in ``/tmp``, a full ``/tmp`` does not matter, and what a killed run
    leaves is found and removed by :func:`clean_stale` like its temporary file."""
    folder = beside.parent if str(beside.parent) else Path(".")
    path = folder / temp_name(beside.name).replace(".part", ".work")
    try:
        try:
            path.mkdir(mode=0o700)
        except OSError as exc:
            facts = {"folder": shown(folder), "reason": os_reason(exc)}
            raise Problem("file.folder_unwritable", facts).error() from None
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


@contextmanager
def private_temp_folder(name: str = "work") -> Iterator[Path]:
    """A private folder (0700) in the system's temporary folder, named with this process's
    id, removed however the block ends; what a killed run left there is removed first.

    For a copy of something the ledger reads (an imported file): ``TemporaryDirectory``
    would leave it in ``/tmp`` for good when the process is killed outright."""
    import tempfile

    base = Path(tempfile.gettempdir())
    clean_stale(base)
    with work_folder(base / name) as folder:
        yield folder
