"""Anchors: the chains' tips kept outside the ledger, and the proof that the ledger still
extends them.

Someone who can rewrite the database can rewrite every hash after their change and the
tips with them; :func:`ledger.integrity.verify.verify` cannot see that from inside. An
anchor can: ``verify --anchor FILE`` appends the tips of every chain to a file the user
keeps elsewhere (a USB stick, a mail to the board, a paper log: ``--anchor -`` prints
them), and ``verify --against FILE`` recomputes each chain from its rows and checks that
it passes through every link an anchor recorded. An annual report is an anchor too: it
records where its cluster's chain of entries ended.

An anchor file holds one JSON object per line (``{"at": ..., "ledger": ..., "chains":
{"contribution:3": [110, "3361..."], ...}}``); the printed form, one ``CHAIN LENGTH TIP``
line per chain, is read back as well.

>>> parse_text('contribution:3 2 ' + 'ab' * 32)[0].chains
{'contribution:3': (2, 'abababababababababababababababababababababababababababababababab')}
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlmodel import Session

from ledger import files
from ledger.errors import InputError
from ledger.files import shown
from ledger.integrity.chain import GENESIS, REGISTRY, chain_rows, link

_LINE = re.compile(r"^\s*([a-z_]+:(?:-|\d+))\s+(\d+)\s+([0-9a-f]{64})\s*$")
OPTION_ANCHOR, OPTION_AGAINST = "--anchor", "--against"


@dataclass(frozen=True)
class Anchor:
    """The tips of the ledger's chains at one moment: chain name -> (length, tip)."""

    at: str
    ledger: str
    chains: dict[str, tuple[int, str]]

    def line(self) -> str:
        """The anchor as one line of its file."""
        chains = {name: [n, tip] for name, (n, tip) in sorted(self.chains.items())}
        record = {"at": self.at, "ledger": self.ledger, "chains": chains}
        return json.dumps(record, ensure_ascii=False, sort_keys=True)

    def paper(self) -> list[str]:
        """The anchor for a paper log: a heading, then one ``CHAIN LENGTH TIP`` line each."""
        return [f"# cluster-ledger anchor {self.at} {shown(self.ledger)}"] + [
            f"{name} {n} {tip}" for name, (n, tip) in sorted(self.chains.items())
        ]


def anchor_now(chains: Iterable[tuple[str, int, str]], ledger: str) -> Anchor:
    """An anchor of the chains verify just recomputed (name, length, tip)."""
    at = datetime.now(UTC).isoformat(timespec="seconds")
    return Anchor(at, ledger, {name: (n, tip) for name, n, tip in chains})


def append(path: Path, anchor: Anchor, *, origin: files.Origin) -> None:
    """Append ``anchor`` to the anchor file at ``path`` (created with the ledger's
    permissions), flushed to disk.

    Raises:
        InputError: the path is the ledger or one of its files, a folder, a link or a
            special file, in a folder that does not exist, or cannot be written.
    """
    if any(ord(ch) < 32 for ch in str(path)):
        raise InputError(
            "the file name holds a control character; remove it", location=OPTION_ANCHOR
        )
    if path.is_dir():
        raise InputError(f"{shown(path)} is a folder; expected a file name", location=OPTION_ANCHOR)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise InputError(f"the folder {shown(folder)} does not exist", location=OPTION_ANCHOR)
    if origin.guards(path):
        raise InputError(
            f"{shown(path)} is the ledger itself (or one of its files); keep anchors elsewhere",
            location=OPTION_ANCHOR,
        )
    files.refuse_special(path, option=OPTION_ANCHOR, what="anchor")
    try:
        handle = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, origin.mode)
        try:
            os.write(handle, (anchor.line() + "\n").encode("utf-8"))
            os.fsync(handle)
        finally:
            os.close(handle)
    except OSError as exc:
        raise InputError(
            f"cannot write {shown(path)}: {files.os_reason(exc)}", location=OPTION_ANCHOR
        ) from None


def parse_text(text: str, source: str = "") -> list[Anchor]:
    """The anchors in a file's text: JSON lines, or the printed ``CHAIN LENGTH TIP`` form."""
    anchors: list[Anchor] = []
    paper: dict[str, tuple[int, str]] = {}
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("{"):
            try:
                record = json.loads(line)
                chains = {
                    str(name): (int(n), str(tip)) for name, (n, tip) in record["chains"].items()
                }
            except (ValueError, KeyError, TypeError, AttributeError):
                raise InputError(
                    f"{shown(source)}: line {number} is not an anchor written by 'verify --anchor'",
                    location=OPTION_AGAINST,
                ) from None
            anchors.append(
                Anchor(str(record.get("at", "?")), str(record.get("ledger", "")), chains)
            )
            continue
        found = _LINE.match(line)
        if found is None:
            raise InputError(
                f"{shown(source)}: line {number} is neither an anchor nor a CHAIN LENGTH TIP line",
                location=OPTION_AGAINST,
            )
        paper[found[1]] = (int(found[2]), found[3])
    if paper:
        anchors.append(Anchor("(printed)", "", paper))
    return anchors


def read(path: Path) -> list[Anchor]:
    """The anchors kept in ``path``.

    Raises:
        InputError: the file cannot be read, or holds no anchor.
    """
    files.refuse_special(path, option=OPTION_AGAINST, what="anchor", content=False)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = files.os_reason(exc) if isinstance(exc, OSError) else "it is not text"
        raise InputError(f"cannot read {shown(path)}: {reason}", location=OPTION_AGAINST) from None
    anchors = parse_text(text, str(path))
    if not anchors:
        raise InputError(f"{shown(path)} holds no anchor", location=OPTION_AGAINST)
    return anchors


def extends(session: Session, anchors: list[Anchor]) -> list[str]:
    """Whether the ledger's chains pass through every link the anchors recorded.

    Each chain is walked once, its links recomputed from the rows as they are now, and
    compared at every length an anchor noted.

    Returns:
        One line per chain that does not: rewritten before the anchor, or cut short.
    """
    wanted: dict[str, dict[int, tuple[str, str]]] = {}
    for anchor in anchors:
        for name, (length, tip) in anchor.chains.items():
            wanted.setdefault(name, {})[length] = (tip, anchor.at)
    problems: list[str] = []
    for name in sorted(wanted):
        table, _, key_text = name.partition(":")
        if table not in REGISTRY or not (key_text == "-" or key_text.isdigit()):
            problems.append(f"the anchor names chain {name}, which this ledger does not keep")
            continue
        key = None if key_text == "-" else int(key_text)
        checkpoints = wanted[name]
        last = max(checkpoints)
        previous, length = GENESIS, 0
        fields = REGISTRY[table].fields
        for length, row in enumerate(chain_rows(session, table, cluster_id=key, upto=last), 1):
            values = row._mapping
            previous = link(previous, [length, *(values[f] for f in fields[1:])])
            if length in checkpoints and checkpoints[length][0] != previous:
                tip, at = checkpoints[length]
                problems.append(
                    f"chain {name} no longer extends the anchor of {at}: link {length} was "
                    f"{tip[:16]}... and is now {previous[:16]}...; the history before the "
                    "anchor was rewritten"
                )
                break
        else:
            if length < last:
                problems.append(
                    f"chain {name} has {length} links, but the anchor of {checkpoints[last][1]} "
                    f"recorded {last}: links were deleted"
                )
    return problems
