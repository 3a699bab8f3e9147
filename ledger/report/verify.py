"""Tying a report back to the ledger: ``cluster-ledger verify-report FILE``.

The workbook says which cluster (and year) it covers and the checksum of the ledger
state it was made from, both on its first sheet and in its document properties.
Verification reads the workbook itself: every cell of every sheet is compared with the
report the ledger gives now (:mod:`ledger.report.compare`), figures, formulas as
formulas, the status line, member and entry rows, and the first cell that differs is
named. It also recomputes the checksum: the visible one edited (it no longer matches the
properties) or the ledger changed since (it no longer matches the recomputed one), the
message names the parts that changed. And it checks that the ledger's history still
passes through the link of the entries' chain the report recorded.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException
from sqlmodel import Session

from ledger import files, queries
from ledger.errors import InputError
from ledger.integrity.anchor import Anchor
from ledger.integrity.chain import recomputed_link
from ledger.report import document
from ledger.report.checksum import ledger_checksum
from ledger.report.compare import expected_workbook, first_difference
from ledger.state import rule_copies

PART_WORDS = {
    "cluster": "the cluster's details",
    "rules": "the rule set",
    "members": "the members or their facts",
    "entries": "the entries",
    "costs": "the coordination costs",
    "locks": "the lock state",
    "projects": "the projects",
}


@dataclass(frozen=True)
class Verdict:
    """The outcome: ``ok``, what the report covers, and one line per difference found."""

    ok: bool
    cluster: str
    year: int | None
    checksum: str
    problems: list[str] = field(default_factory=list)

    def describe(self, path: Path) -> str:
        what = (
            f"{self.cluster}, {self.year}" if self.year is not None else f"{self.cluster}, overview"
        )
        if self.ok:
            return f"OK: {path} matches the ledger ({what}; checksum {self.checksum[:16]}...)"
        return "\n".join(
            [f"MISMATCH: {path} does not match the ledger ({what}):"]
            + [f"  - {p}" for p in self.problems]
        )


def _named_value(wb: Any, name: str) -> Any:
    defined = wb.defined_names.get(name)
    if defined is None:
        return None
    for sheet, ref in defined.destinations:
        return wb[sheet][ref.replace("$", "")].value
    return None


def read_report(path: Path) -> tuple[dict[str, str], str | None]:
    """The report's recorded properties (with its language, as ``_lang``) and the checksum
    shown on its first sheet.

    Raises:
        InputError: not a readable workbook, or not one this program wrote.
    """
    files.refuse_special(path, option="FILE", what="report", content=False)
    if not path.is_file():
        raise InputError(f"{files.shown(path)} does not exist or is not a file", location="FILE")
    try:
        wb = load_workbook(path, read_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as exc:
        reason = getattr(exc, "strerror", None) or "it is not an Excel workbook (.xlsx)"
        raise InputError(f"cannot read {path}: {reason}", location="FILE") from None
    try:
        props = {p.name: str(p.value) for p in wb.custom_doc_props}
        # Reports written before the language was a custom property say it in the core one.
        language = props.get(document.PROP_LANGUAGE) or wb.properties.language or ""
        props["_lang"] = "en" if language.startswith("en") else "nl"
        shown = _named_value(wb, document.NAME_CHECKSUM)
    finally:
        wb.close()
    if document.PROP_CHECKSUM not in props or document.PROP_CLUSTER not in props:
        raise InputError(
            f"{path} carries no ledger checksum; it was not written by 'cluster-ledger export'",
            location="FILE",
        )
    return props, None if shown is None else str(shown)


def verify_report(path: Path, *, session: Session) -> Verdict:
    """Check a report against the ledger.

    Raises:
        InputError: the file is not a report this program wrote.
        NotFoundError: the report's cluster is not in this ledger.
    """
    props, shown = read_report(path)
    recorded = props[document.PROP_CHECKSUM]
    year_text = props.get(document.PROP_YEAR, "")
    year = int(year_text) if year_text.isdigit() else None
    cluster = queries.get_cluster(props[document.PROP_CLUSTER], session=session)
    copies = rule_copies(cluster.id, session=session)  # type: ignore[arg-type]
    rules = copies.first if year is None else copies.for_year(year)
    state = ledger_checksum(cluster, rules, session=session, year=year)
    now = state.hexdigest()
    problems: list[str] = []
    if shown != recorded:
        problems.append(
            f"the checksum shown in the workbook ({shown}) differs from the one recorded when "
            f"it was written ({recorded}): the workbook was edited"
        )
    if now != recorded:
        then = document.recorded_parts(props)
        now_parts = state.parts()
        changed = [
            PART_WORDS[k]
            for k in sorted(set(now_parts) | set(then))
            if then.get(k) != now_parts.get(k)
        ]
        problems.append(
            f"the ledger has changed since the report was written: {', '.join(changed)} "
            f"differ (checksum now {now}, in the report {recorded})"
        )
    problems += _history_problems(props.get(document.PROP_CHAIN), cluster.id, session)
    with expected_workbook(session, cluster, year, props["_lang"], path) as expected:
        difference = first_difference(expected, path, props["_lang"], session, cluster)
    if difference is not None and now == recorded:
        problems.insert(0, f"the workbook was edited: {difference.text()}")
    elif difference is not None:
        problems.append(
            f"the first cell that differs from the report made now: {difference.text()}"
        )
    return Verdict(not problems, cluster.name, year, recorded, problems)


def _history_problems(recorded: str | None, cluster_id: int | None, session: Session) -> list[str]:
    """Whether the entries' chain still passes through the link the report recorded: if
    not, an entry made before the report was changed or removed, in whatever year."""
    length, _, tip = (recorded or "").partition(" ")
    if not length.isdigit() or int(length) == 0 or cluster_id is None:
        return []  # a report of an empty ledger, or from before reports anchored the chain
    now = recomputed_link(session, "contribution", cluster_id, int(length))
    if now == tip:
        return []
    found = "is gone" if now is None else f"recomputed from the entries now is {now[:16]}..."
    return [
        f"the ledger's history before the report was rewritten: link {length} of the entries' "
        f"hash chain was {tip[:16]}... when the report was written and {found}; run "
        "'cluster-ledger verify'"
    ]


def report_anchor(path: Path, *, session: Session) -> Anchor:
    """The anchor a report carries: where its cluster's chain of entries ended.

    Raises:
        InputError: not a report this program wrote, or one that anchors nothing.
        NotFoundError: its cluster is not in this ledger.
    """
    props, _ = read_report(path)
    cluster = queries.get_cluster(props[document.PROP_CLUSTER], session=session)
    length, _, tip = (props.get(document.PROP_CHAIN) or "").partition(" ")
    if not length.isdigit() or len(tip) != 64:
        raise InputError(f"{path} records no chain to check against", location="--against")
    return Anchor(f"the report {path.name}", "", {f"contribution:{cluster.id}": (int(length), tip)})
