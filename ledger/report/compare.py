"""Reading a report back cell by cell: ``verify-report`` compares the workbook with the
one the ledger gives now, so an edited figure, a formula replaced by a constant, a status
line changed from VOORLOPIG to DEFINITIEF, an entry's amount or a member row is found and
named by its cell.

The expected workbook is written the way ``export`` writes it (same language, same
scope), into a private folder, and both are read side by side: every sheet, every row,
every cell's value (a formula as its text, never its cached result) and number format
(a format can show any text in place of a figure). A cell only the edited workbook has,
or a sheet, counts too.

Descriptive cells (a member's name and postcode, on the members and entries sheets) may
be corrected after a report without making it wrong: :func:`descriptive_ok` accepts the
value the ledger holds now or any earlier one the audit trail recorded.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import zip_longest
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from sqlmodel import Session, col, select

from ledger import files
from ledger.identifiers import compact
from ledger.report import styles
from ledger.report.labels import labels
from ledger.report.projects import descriptive_cell_ok
from ledger.storage.tables import AuditEvent, Cluster, Company

# Descriptive columns by sheet: (sheet label, column) -> (fact, column of the row's
# enterprise number). Columns count from 1, as the annual workbook lays them out.
_DESCRIPTIVE = {
    ("sheet_members", 2): ("name", 1),
    ("sheet_members", 3): ("postcode", 1),
    ("sheet_members", 6): ("joined", 1),
    ("sheet_members", 7): ("left", 1),
    ("sheet_members", 8): ("mandate", 1),
    ("sheet_entries", 3): ("name", 2),
}
_MEMBERSHIP_FACTS = ("joined", "left", "mandate")


@dataclass(frozen=True)
class Difference:
    """The first cell that differs, and how many do in all."""

    where: str
    found: Any
    expected: Any
    what: str  # "value" or "number format"
    count: int

    def text(self) -> str:
        more = f" ({self.count - 1} more cells differ)" if self.count > 1 else ""
        if self.what == "sheet":
            state = "is missing" if self.found is None else "is not in the ledger's report"
            return f"{self.where} {state}{more}"
        return (
            f"cell {self.where} holds {_shown(self.found)} where the ledger's report has "
            f"{_shown(self.expected)}"
            + (" as its number format" if self.what == "number format" else "")
            + more
        )


def _shown(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, str) and value.startswith("="):
        text = f"the formula {value}"
    else:
        text = repr(value) if isinstance(value, str) else str(value)
    return files.shown(text if len(text) <= 100 else text[:97] + "...")


@contextmanager
def expected_workbook(
    session: Session, cluster: Cluster, year: int | None, lang: str, beside: Path
) -> Iterator[Path]:
    """Write the report the ledger gives now into a private folder; yields its path."""
    from ledger.report.annual import write_annual
    from ledger.report.overview import write_overview

    folder = beside.parent if os.access(beside.parent, os.W_OK) else Path(tempfile.gettempdir())
    with files.work_folder(folder / beside.name) as work:
        out = work / "expected.xlsx"
        if year is None:
            write_overview(session, cluster, out, lang=lang, force=True)
        else:
            write_annual(session, cluster, year, out, lang=lang, force=True)
        yield out


def _values(cell: Any) -> tuple[Any, Any]:
    value = getattr(cell, "value", None)
    if value == "":
        value = None
    fmt = getattr(cell, "number_format", "General") if value is not None else "General"
    return value, fmt


def first_difference(
    expected: Path, found: Path, lang: str, session: Session, cluster: Cluster | None = None
) -> Difference | None:
    """The first cell of ``found`` that differs from ``expected``, or None."""
    lab = labels(lang)
    descriptive = {(lab[sheet], column): v for (sheet, column), v in _DESCRIPTIVE.items()}
    organisation = (lab["sheet_summary"], lab["organisation_kbo"])
    # Where the cluster's chain ended when the report was made: later history (another
    # year's entry) moves it on; whether the ledger still passes through it is checked
    # apart (verify_report's history check).
    anchored = lab["chain"]
    want = load_workbook(expected, read_only=True)
    have = load_workbook(found, read_only=True)
    first: Difference | None = None
    count = 0
    try:
        for name in [*want.sheetnames, *(n for n in have.sheetnames if n not in want.sheetnames)]:
            if name not in have.sheetnames or name not in want.sheetnames:
                count += 1
                if first is None:
                    missing = name not in have.sheetnames
                    first = Difference(
                        f"sheet {files.shown(name)!r}",
                        None if missing else name,
                        name if missing else None,
                        "sheet",
                        0,
                    )
                continue
            rows = zip_longest(want[name].iter_rows(), have[name].iter_rows(), fillvalue=())
            headers: dict[int, Any] = {}
            for number, (w_row, h_row) in enumerate(rows, 1):
                if number == styles.HEADER_ROW:
                    headers = {i: _values(c)[0] for i, c in enumerate(w_row, 1)}
                if w_row and h_row and _values(w_row[0])[0] == anchored == _values(h_row[0])[0]:
                    continue
                for column, (w, h) in enumerate(zip_longest(w_row, h_row), 1):
                    w_value, w_fmt = _values(w)
                    h_value, h_fmt = _values(h)
                    what = None
                    if w_value != h_value:
                        fact = descriptive.get((name, column))
                        label = _values(w_row[0])[0] if w_row else None
                        if (name, label) == organisation and column == 2:
                            if not organisation_ok(h_value, cluster, lab["none"], session):
                                what = "value"
                        elif descriptive_cell_ok(
                            name, lang, column, [_values(c)[0] for c in w_row], h_value, session
                        ):
                            pass  # a project's title or a partner's name, corrected since
                        elif fact is None or not descriptive_ok(
                            fact[0], _kbo(h_row, fact[1]), h_value, w_value, session, cluster
                        ):
                            what = "value"
                    elif w_fmt != h_fmt:
                        what = "number format"
                    if what is None:
                        continue
                    count += 1
                    if first is None:
                        label = _context(w_row, h_row, headers.get(column), number)
                        where = f"{name}!{get_column_letter(column)}{number}{label}"
                        shown = (h_value, w_value) if what == "value" else (h_fmt, w_fmt)
                        first = Difference(where, shown[0], shown[1], what, 0)
    finally:
        want.close()
        have.close()
    if first is None:
        return None
    return Difference(first.where, first.found, first.expected, first.what, max(count, 1))


def _context(w_row: Any, h_row: Any, header: Any, number: int) -> str:
    """Words that place a cell: its row's label (column A) and its column's header."""
    row_label = _values(w_row[0])[0] if w_row else None
    parts = [str(row_label)] if row_label is not None and number > styles.HEADER_ROW else []
    if header is not None and number > styles.HEADER_ROW:
        parts.append(str(header))
    return f" ({', '.join(files.shown(p)[:60] for p in parts)})" if parts else ""


def _kbo(row: Any, column: int) -> str | None:
    if not row or len(row) < column:
        return None
    value = _values(row[column - 1])[0]
    return compact(str(value)) if value is not None else None


def descriptive_ok(
    fact: str,
    kbo: str | None,
    found: Any,
    expected: Any,
    session: Session,
    cluster: Cluster | None = None,
) -> bool:
    """Whether ``found``, where the ledger now gives ``expected``, is a value this company's
    ``fact`` held: a name or postcode it has or had (its ``company.add``/``company.update``
    audit events), or a membership date the cluster's history recorded for it (a leaving
    date set after the year, say, which changes none of the year's figures).

    The one place a report's descriptive cells are judged: point it at a dated history of
    names and addresses, when the ledger keeps one.
    """
    if found == expected:
        return True
    if kbo is None:
        return False
    company = session.exec(select(Company).where(Company.kbo == kbo)).first()
    if company is None:
        return False
    if fact in _MEMBERSHIP_FACTS:
        return _membership_ok(fact, company, found, session, cluster)
    if found is None:
        return False
    events = session.exec(
        select(AuditEvent.details).where(
            AuditEvent.entity == "company",
            AuditEvent.entity_id == company.id,
            col(AuditEvent.action).in_(("company.add", "company.update", "ledger.baseline")),
        )
    ).all()
    known = {getattr(company, fact, None)}
    for details in events:
        data = json.loads(details)
        parts = (data, data.get("before"), data.get("after"), data.get("facts"), data.get("~row"))
        for part in parts:
            if isinstance(part, dict) and part.get(fact) is not None:
                known.add(part[fact])
    return str(found) in {str(k) for k in known}


def organisation_ok(found: Any, cluster: Cluster | None, none: str, session: Session) -> bool:
    """Whether the cluster organisation's enterprise number a report shows is one the
    cluster had (descriptive: recorded later, it changes no figure of the year)."""
    if cluster is None:
        return False
    known: set[str | None] = {cluster.kbo}
    events = session.exec(
        select(AuditEvent.details).where(
            AuditEvent.entity == "cluster", AuditEvent.entity_id == cluster.id
        )
    ).all()
    for details in events:
        data = json.loads(details)
        for part in (data, data.get("before"), data.get("after"), data.get("~row")):
            if isinstance(part, dict) and "kbo" in part:
                known.add(part["kbo"])
    shown = None if found in (None, none) else compact(str(found))
    return shown in known


def _day(value: Any) -> str | None:
    if value is None:
        return None
    text = value.isoformat() if hasattr(value, "isoformat") else str(value)
    return text[:10]


def _membership_ok(
    fact: str, company: Company, found: Any, session: Session, cluster: Cluster | None
) -> bool:
    """A joining, leaving or mandate date the membership had at some point (or none, when
    it once had none): its periods and mandate events keep every one."""
    from ledger.storage.tables import MandateEvent, Membership, MembershipPeriod

    if cluster is None:
        return False
    membership = session.exec(
        select(Membership).where(
            Membership.cluster_id == cluster.id, Membership.company_id == company.id
        )
    ).first()
    if membership is None:
        return False
    known: set[str | None] = set()
    if fact == "mandate":
        events = session.exec(
            select(MandateEvent.on_date).where(MandateEvent.membership_id == membership.id)
        ).all()
        known |= {None, *(_day(d) for d in events)}
    else:
        periods = session.exec(
            select(MembershipPeriod).where(MembershipPeriod.membership_id == membership.id)
        ).all()
        known |= {_day(getattr(p, fact)) for p in periods} | {_day(getattr(membership, fact))}
    return _day(found) in known
