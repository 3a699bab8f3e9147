"""The overview's portfolio sheet of a spearhead cluster: per year and type, the projects
submitted, approved and rejected (on the path in force), the success rate as a formula,
the budget submitted, the aid granted and the distinct members taking part."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlmodel import Session

from ledger import projects
from ledger.money import from_cents
from ledger.portfolio import path, years_shown
from ledger.project_terms import ProjectStatus, ProjectType
from ledger.report import styles, write
from ledger.report.labels import Labels
from ledger.report.projects import PERCENT, excel_table, value_word, word
from ledger.report.sheet import Book, Formula
from ledger.report.styles import EURO, INTEGER, Column
from ledger.storage.tables import Cluster

S = ProjectStatus


@dataclass(frozen=True)
class PortfolioRow:
    """One year and type of the portfolio."""

    year: int
    type: ProjectType
    submitted: int
    approved: int
    rejected: int
    budget_cents: int
    granted_cents: int
    members: int


def portfolio_rows(cluster: Cluster, *, session: Session) -> list[PortfolioRow]:
    """Per year and type: what was submitted, approved, rejected (on the path in force),
    the budget submitted, the aid granted and the distinct members taking part."""
    lines = projects.portfolio(cluster, session=session)
    memberships = projects.members_among(
        cluster.id,
        (p.kbo for line in lines for p in line.state.partners),
        session=session,
    )
    this_year = date.today().year
    # per (year, type): submitted, approved, rejected, budget submitted, aid granted
    counts: dict[tuple[int, ProjectType], list[int]] = {}
    members: dict[tuple[int, ProjectType], set[str]] = defaultdict(set)
    for line in lines:
        p = line.state
        for year in years_shown(p.steps, this_year):
            counts.setdefault((year, p.type), [0, 0, 0, 0, 0])
            for share in p.partners:
                if share.kbo and projects.member_in(memberships.get(share.kbo), year):
                    members[(year, p.type)].add(share.kbo)
        for status, step in path(p.steps):
            if step is None:
                continue
            key = (step.on_date.year, p.type)
            counts.setdefault(key, [0, 0, 0, 0, 0])
            if status == S.SUBMITTED:
                counts[key][0] += 1
                counts[key][3] += p.budget_cents or 0
            elif status == S.APPROVED:
                counts[key][1] += 1
                counts[key][4] += step.aid_granted_cents or 0
            elif status == S.REJECTED:
                counts[key][2] += 1
    return [
        PortfolioRow(year, kind, *counts[(year, kind)], len(members[(year, kind)]))  # type: ignore[misc]
        for year, kind in sorted(counts, key=lambda k: (k[0], list(ProjectType).index(k[1])))
    ]


def portfolio_sheet(
    wb: Book, lab: Labels, cluster: Cluster, final: bool, *, session: Session
) -> None:
    """The overview's portfolio sheet (see the module docstring)."""
    rows = portfolio_rows(cluster, session=session)
    ws = wb.sheet(word(lab, "portfolio_sheet"))
    w = lambda key: word(lab, key)  # noqa: E731
    columns = [
        Column(w("year"), 8, INTEGER),
        Column(w("type"), 22),
        Column(w("submitted"), 10, INTEGER),
        Column(w("approved"), 11, INTEGER),
        Column(w("rejected"), 10, INTEGER),
        Column(w("success_rate"), 12, PERCENT),
        Column(w("budget_submitted"), 16, EURO),
        Column(w("aid_granted"), 16, EURO),
        Column(w("members"), 10, INTEGER),
    ]
    styles.set_columns(ws, columns)
    title = word(lab, "portfolio_title", cluster=cluster.name)
    styles.print_setup(
        ws, provisional=not final, provisional_text=lab["provisional_short"], title=title
    )
    marker = lab["final_overview"] if final else lab["provisional_overview"]
    styles.heading(ws, write.clean(title), marker, provisional=not final)
    ws.append(styles.header_row(columns))
    formats = styles.formats(ws, columns)
    for offset, r in enumerate(rows):
        row = styles.FIRST_DATA_ROW + offset
        rate = Formula(f'=IF(D{row}+E{row}>0,D{row}/(D{row}+E{row}),"")')
        values = [
            r.year,
            value_word(lab, "project_type", r.type.value),
            r.submitted,
            r.approved,
            r.rejected,
            rate,
            from_cents(r.budget_cents),
            from_cents(r.granted_cents),
            r.members,
        ]
        ws.append(values, formats)
    excel_table(ws, "Portfolio", columns, styles.HEADER_ROW, len(rows))
    first, last = styles.FIRST_DATA_ROW, styles.FIRST_DATA_ROW + max(len(rows), 1) - 1
    total = last + 1
    totals: list[Any] = [styles.cell(lab["totals"], font=styles.BOLD), w("all_types")]
    for letter, fmt in (("C", INTEGER), ("D", INTEGER), ("E", INTEGER)):
        totals.append(styles.cell(Formula(f"=SUM({letter}{first}:{letter}{last})"), fmt))
    rate = Formula(f'=IF(D{total}+E{total}>0,D{total}/(D{total}+E{total}),"")')
    totals.append(styles.cell(rate, PERCENT))
    for letter in ("G", "H"):
        totals.append(styles.cell(Formula(f"=SUM({letter}{first}:{letter}{last})"), EURO))
    ws.append(totals)
    ws.append([])
    ws.append([w("portfolio_note")])
