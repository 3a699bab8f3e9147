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
from ledger.integrity.anchor import Anchor
from ledger.integrity.chain import recomputed_link
from ledger.problems import Location, Problem
from ledger.report import document
from ledger.report.checksum import ledger_checksum
from ledger.report.compare import expected_workbook, first_difference
from ledger.state import rule_copies
from ledger.words import knows, say

_FILE = Location(field="FILE")


def problem_text(problem: Problem, language: str = "en") -> str:
    """A difference in words; the changed parts of the ledger (``parts``, their keys) are
    named in the same language."""
    facts = dict(problem.facts)
    parts = facts.get("parts")
    if isinstance(parts, tuple):
        words = [(key, f"report_check.part.{key}") for key in parts]
        facts["parts"] = ", ".join(say(c, language) if knows(c) else k for k, c in words)
    return say(problem.code, language, **facts)


@dataclass(frozen=True)
class Verdict:
    """The outcome: ``ok``, what the report covers, and one problem per difference found
    (``found``; ``problems`` has them in English, as the command line prints them)."""

    ok: bool
    cluster: str
    year: int | None
    checksum: str
    found: list[Problem] = field(default_factory=list)

    @property
    def problems(self) -> list[str]:
        return [problem_text(p) for p in self.found]

    def describe(self, path: Path, language: str = "en") -> str:
        """The verdict in ``language``: one line when it matches, else a line a difference."""
        if self.year is not None:
            covers = say("report_check.covers_year", language, cluster=self.cluster, year=self.year)
        else:
            covers = say("report_check.covers_overview", language, cluster=self.cluster)
        if self.ok:
            checksum = self.checksum[:16]
            return say("report_check.ok", language, path=path, covers=covers, checksum=checksum)
        return "\n".join(
            [say("report_check.mismatch", language, path=path, covers=covers)]
            + [f"  - {problem_text(p, language)}" for p in self.found]
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
        raise Problem("report_check.not_a_file", {"path": files.shown(path)}, _FILE).error()
    try:
        wb = load_workbook(path, read_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as exc:
        reason = getattr(exc, "strerror", None)
        if reason is None:
            raise Problem("report_check.not_xlsx", {"path": path}, _FILE).error() from None
        facts = {"path": path, "reason": reason}
        raise Problem("report_check.unreadable", facts, _FILE).error() from None
    try:
        props = {p.name: str(p.value) for p in wb.custom_doc_props}
        # Reports written before the language was a custom property say it in the core one.
        language = props.get(document.PROP_LANGUAGE) or wb.properties.language or ""
        props["_lang"] = "en" if language.startswith("en") else "nl"
        shown = _named_value(wb, document.NAME_CHECKSUM)
    finally:
        wb.close()
    if document.PROP_CHECKSUM not in props or document.PROP_CLUSTER not in props:
        raise Problem("report_check.no_checksum", {"path": path}, _FILE).error()
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
    problems: list[Problem] = []
    if shown != recorded:
        facts = {"shown": shown, "recorded": recorded}
        problems.append(Problem("report_check.checksum_edited", facts))
    if now != recorded:
        then = document.recorded_parts(props)
        now_parts = state.parts()
        changed = tuple(
            k for k in sorted(set(now_parts) | set(then)) if then.get(k) != now_parts.get(k)
        )
        facts = {"parts": changed, "now": now, "recorded": recorded}
        problems.append(Problem("report_check.ledger_changed", facts))
    problems += _history_problems(props.get(document.PROP_CHAIN), cluster.id, session)
    with expected_workbook(session, cluster, year, props["_lang"], path) as expected:
        difference = first_difference(expected, path, props["_lang"], session, cluster)
    if difference is not None and now == recorded:
        problems.insert(0, Problem("report_check.cell_edited", {"difference": difference.text()}))
    elif difference is not None:
        facts = {"difference": difference.text()}
        problems.append(Problem("report_check.cell_differs", facts))
    return Verdict(not problems, cluster.name, year, recorded, problems)


def _history_problems(
    recorded: str | None, cluster_id: int | None, session: Session
) -> list[Problem]:
    """Whether the entries' chain still passes through the link the report recorded: if
    not, an entry made before the report was changed or removed, in whatever year."""
    length, _, tip = (recorded or "").partition(" ")
    if not length.isdigit() or int(length) == 0 or cluster_id is None:
        return []  # a report of an empty ledger, or from before reports anchored the chain
    now = recomputed_link(session, "contribution", cluster_id, int(length))
    if now == tip:
        return []
    if now is None:
        return [Problem("report_check.history_gone", {"length": length, "tip": tip[:16]})]
    facts = {"length": length, "tip": tip[:16], "now": now[:16]}
    return [Problem("report_check.history_rewritten", facts)]


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
        where = Location(field="--against")
        raise Problem("report_check.no_chain", {"path": path}, where).error()
    return Anchor(f"the report {path.name}", "", {f"contribution:{cluster.id}": (int(length), tip)})
