"""The project portfolio in the reports of a spearhead cluster.

The annual workbook gets a "Projecten" sheet: the projects submitted, decided or running
in the year, each with the status it had on 31 December, its amounts, and formulas that
add up its partners' shares from the partners table below it. The overview gets a
portfolio sheet: per year and type, the projects submitted, approved and rejected, the
success rate (a formula), the budget submitted, the aid granted and the members taking
part. Both come from the same reads as ``project list`` (:mod:`ledger.projects`), and
the checksum covers what they show (:func:`add_to_checksum`), names and titles apart.

A cluster whose rule set allows no projects (an innovative business network) and holds
none gets neither sheet: its workbooks stay as they were.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from ledger import projects, state
from ledger.identifiers import format_number
from ledger.money import from_cents
from ledger.portfolio import (
    PartnerShare,
    ProjectState,
    dated,
    path,
    running_years,
)
from ledger.project_terms import ProjectStatus
from ledger.report import styles, write
from ledger.report.labels import Labels
from ledger.report.sheet import Book, Formula, Sheet
from ledger.report.styles import DATE, EURO, INTEGER, Column
from ledger.storage.project_tables import Project, ProjectPartner
from ledger.storage.tables import Cluster
from ledger.words import say

PERCENT = "0%"
S = ProjectStatus


def has_portfolio(cluster: Cluster, *, session: Session) -> bool:
    """Whether the cluster's reports show projects: its rule set allows them, or it holds
    some (a rule set adopted later cannot make a portfolio vanish from the reports)."""
    rules = state.rule_copies(cluster.id, session=session)
    if any(rules.for_year(c.from_year).project_types for c in rules.copies):
        return True
    query = select(Project.id).where(Project.cluster_id == cluster.id).limit(1)
    return session.exec(query).first() is not None


@dataclass(frozen=True)
class PartnerRow:
    share: PartnerShare
    member: bool


@dataclass(frozen=True)
class YearProject:
    """A project as the year's report shows it (its status on 31 December)."""

    state: ProjectState
    submitted_in: bool
    decided_in: bool
    running_in: bool
    partners: tuple[PartnerRow, ...]


def year_projects(cluster: Cluster, year: int, *, session: Session) -> list[YearProject]:
    """The projects submitted, decided or running in ``year``, by id."""
    this_year = date.today().year
    lines = projects.portfolio(cluster, session=session, year=year, today=date.today())
    memberships = projects.members_among(
        cluster.id,  # type: ignore[arg-type]
        (p.kbo for line in lines for p in line.state.partners),
        session=session,
    )
    found = []
    for line in lines:
        p = line.state
        steps = dated(p.steps)
        found.append(
            YearProject(
                state=p,
                submitted_in=any(
                    s.to_status == S.SUBMITTED and s.on_date.year == year for s in steps
                ),
                decided_in=p.decided_on is not None and p.decided_on.year == year,
                running_in=year in running_years(p.steps, this_year),
                partners=tuple(
                    PartnerRow(share, projects.member_in(memberships.get(share.kbo or ""), year))
                    for share in p.partners
                ),
            )
        )
    return found


def latest_project_change(
    cluster: Cluster, *, session: Session, year: int | None
) -> list[datetime]:
    """When the portfolio a report shows last changed: its projects' and partners' latest
    writes (a year's report: the projects it lists)."""
    query = select(Project.id, Project.updated_at).where(Project.cluster_id == cluster.id)
    rows = session.exec(query).all()
    if year is not None:
        shown = {line.state.id for line in projects.portfolio(cluster, session=session, year=year)}
        rows = [r for r in rows if r[0] in shown]
    ids = [r[0] for r in rows]
    stamps = [r[1] for r in rows]
    if ids:
        partners = select(func.max(ProjectPartner.updated_at)).where(
            col(ProjectPartner.project_id).in_(ids)
        )
        found = session.exec(partners).first()
        if found is not None:
            stamps.append(found)
    return stamps


def _party(share: PartnerShare) -> list[Any]:
    """Who a partner is, for the checksum: its number, or its country and id (a name decides
    nothing and may be corrected)."""
    return [share.kbo, None, None] if share.kbo else [None, share.country, share.id]


def add_to_checksum(
    hash_state: Any, cluster: Cluster, *, session: Session, year: int | None
) -> None:
    """Add the portfolio the report shows to its checksum (nothing for a cluster with none,
    so the checksum of a cluster without projects is what it always was)."""
    if year is not None:
        for item in year_projects(cluster, year, session=session):
            p = item.state
            hash_state.add(
                "projects",
                [
                    p.id, p.type.value, p.status.value, p.submitted_on, p.decided_on,
                    p.starts_on, p.ends_on, p.budget_cents, p.aid_requested_cents,
                    p.aid_granted_cents,
                    [
                        [*_party(r.share), r.share.role.value, r.share.budget_cents,
                         r.share.aid_cents, r.member]
                        for r in item.partners
                    ],
                ],
            )  # fmt: skip
        return
    for line in projects.portfolio(cluster, session=session):
        p = line.state
        road = [[s.to_status.value, s.on_date, s.aid_granted_cents] for _, s in path(p.steps) if s]
        hash_state.add(
            "projects",
            [
                p.id, p.type.value, road, p.starts_on, p.ends_on, p.budget_cents,
                p.aid_requested_cents,
                [
                    [*_party(s), s.role.value, s.budget_cents, s.aid_cents]
                    for s in p.partners
                ],
            ],
        )  # fmt: skip


def word(lab: Labels, key: str, **facts: object) -> str:
    return say(f"project_report.{key}", lab.lang, face="report", **facts)


def value_word(lab: Labels, kind: str, value: str) -> str:
    return say(f"{kind}.{value}", lab.lang, face="report")


def excel_table(ws: Sheet, name: str, columns: list[Column], header_row: int, rows: int) -> None:
    """An Excel table over ``rows`` data rows below ``header_row`` (one blank row if none)."""
    styles.add_table(ws, name, columns, rows, header_row)


def _project_columns(lab: Labels) -> list[Column]:
    w = lambda key: word(lab, key)  # noqa: E731
    return [
        Column(w("project"), 9, INTEGER),
        Column(w("type"), 20),
        Column(w("acronym"), 12),
        Column(w("title_column"), 36),
        Column(w("theme"), 20),
        Column(w("status_at_year_end"), 16),
        Column(w("submitted_on"), 12, DATE),
        Column(w("decided_on"), 12, DATE),
        Column(w("starts_on"), 12, DATE),
        Column(w("ends_on"), 12, DATE),
        Column(w("submitted_in_year"), 10),
        Column(w("decided_in_year"), 10),
        Column(w("running_in_year"), 10),
        Column(w("budget"), 15, EURO),
        Column(w("aid_requested"), 15, EURO),
        Column(w("aid_granted"), 15, EURO),
        Column(w("partner_budgets"), 15, EURO),
        Column(w("partner_aid"), 15, EURO),
        Column(w("partners"), 9, INTEGER),
        Column(w("members"), 9, INTEGER),
    ]


def _partner_columns(lab: Labels) -> list[Column]:
    w = lambda key: word(lab, key)  # noqa: E731
    return [
        Column(w("project"), 9, INTEGER),
        Column(w("acronym"), 12),
        Column(w("partner"), 9, INTEGER),
        Column(w("role"), 16),
        Column(w("kbo"), 16),
        Column(w("name"), 36),
        Column(w("country"), 8),
        Column(w("member"), 8),
        Column(w("budget"), 15, EURO),
        Column(w("aid"), 15, EURO),
    ]


BUDGET, AID_REQUESTED, AID_GRANTED = 14, 15, 16  # columns of the projects table
PARTNER_PROJECT, PARTNER_BUDGET, PARTNER_AID = 1, 9, 10  # columns of the partners table


def _money(cents: int | None) -> Any:
    return None if cents is None else from_cents(cents)


def projects_sheet(
    wb: Book, lab: Labels, cluster: Cluster, year: int, locked: bool, *, session: Session
) -> None:
    """The annual workbook's "Projecten" sheet (see the module docstring)."""
    items = year_projects(cluster, year, session=session)
    ws = wb.sheet(word(lab, "sheet"))
    columns, partner_columns = _project_columns(lab), _partner_columns(lab)
    styles.set_columns(ws, columns)
    title = word(lab, "title", cluster=cluster.name, year=year)
    styles.print_setup(
        ws, provisional=not locked, provisional_text=lab["provisional_short"], title=title
    )
    styles.heading(
        ws,
        write.clean(title),
        lab["final"] if locked else lab["provisional"],
        provisional=not locked,
    )
    ws.append(styles.header_row(columns))
    formats, partner_formats = styles.formats(ws, columns), styles.formats(ws, partner_columns)
    partners = [(item, row) for item in items for row in item.partners]
    totals_row = styles.FIRST_DATA_ROW + max(len(items), 1)
    partner_header = totals_row + 3
    first, last = partner_header + 1, partner_header + max(len(partners), 1)

    def partner_range(column: int) -> str:
        letter = styles.column_letter(column)
        return f"${letter}${first}:${letter}${last}"

    yes, no = lab["yes"], lab["no"]
    for offset, item in enumerate(items):
        row, p = styles.FIRST_DATA_ROW + offset, item.state
        sums = [
            Formula(f"=SUMIFS({partner_range(column)},{partner_range(PARTNER_PROJECT)},$A{row})")
            for column in (PARTNER_BUDGET, PARTNER_AID)
        ]
        values = [
            p.id,
            value_word(lab, "project_type", p.type.value),
            write.clean(p.acronym),
            write.clean(p.title),
            write.clean(p.theme),
            value_word(lab, "project_status", p.status.value),
            p.submitted_on,
            p.decided_on,
            p.starts_on,
            p.ends_on,
            yes if item.submitted_in else no,
            yes if item.decided_in else no,
            yes if item.running_in else no,
            _money(p.budget_cents),
            _money(p.aid_requested_cents),
            _money(p.aid_granted_cents),
            *sums,
            len(item.partners),
            sum(r.member for r in item.partners),
        ]
        ws.append(values, formats)
    if not items:
        ws.append([None, None, None, word(lab, "none", year=year)])
    excel_table(ws, "Projects", columns, styles.HEADER_ROW, len(items))
    totals: list[Any] = [styles.cell(lab["totals"], font=styles.BOLD)]
    totals += [None] * (len(columns) - 1)
    for column in (BUDGET, AID_REQUESTED, AID_GRANTED, BUDGET + 3, BUDGET + 4):
        letter = styles.column_letter(column)
        formula = f"=SUM({letter}{styles.FIRST_DATA_ROW}:{letter}{totals_row - 1})"
        totals[column - 1] = styles.cell(Formula(formula), EURO)
    ws.append(totals)
    ws.append([])
    ws.append([styles.cell(word(lab, "partners_title"), font=styles.BOLD)])
    ws.append(styles.header_row(partner_columns))
    for item, r in partners:
        share = r.share
        values = [
            item.state.id,
            write.clean(item.state.acronym),
            share.id,
            value_word(lab, "partner_role", share.role.value),
            format_number(share.kbo) if share.kbo else None,
            write.clean(share.name),
            share.country,
            yes if r.member else no,
            _money(share.budget_cents),
            _money(share.aid_cents),
        ]
        ws.append(values, partner_formats)
    excel_table(ws, "ProjectPartners", partner_columns, partner_header, len(partners))


# The cells of the Projects sheet that decide nothing (a title, an acronym, a theme, a
# partner's name): a report stays true when they are corrected after it. By column.
_PROJECT_TEXT = {3: "acronym", 4: "title", 5: "theme"}
_PARTNER_TEXT = {2: "acronym", 6: "name"}


def descriptive_cell_ok(
    sheet: str, lang: str, column: int, expected_row: list[Any], found: Any, session: Session
) -> bool:
    """Whether a cell of the Projects sheet that differs from the ledger's report holds a
    value the project (or the partner) had: its title, acronym or theme, or the partner's
    name, now or as an earlier audit event recorded it (``verify-report`` asks).

    A row of the partners table is told from a project row by its third cell, the
    partner's id (a project row has its acronym there).
    """
    if sheet != say("project_report.sheet", lang, face="report") or len(expected_row) < 3:
        return False
    project_id, third = expected_row[0], expected_row[2]
    if not isinstance(project_id, int) or isinstance(project_id, bool):
        return False
    if isinstance(third, int) and not isinstance(third, bool):
        fact = _PARTNER_TEXT.get(column)
        entity, entity_id = (
            ("project", project_id) if fact == "acronym" else ("project_partner", third)
        )
    else:
        fact = _PROJECT_TEXT.get(column)
        entity, entity_id = "project", project_id
    if fact is None:
        return False
    return found in _recorded(entity, entity_id, fact, session)


def _recorded(entity: str, entity_id: int, fact: str, session: Session) -> set[Any]:
    """Every value ``fact`` of a project or partner held, as its audit events recorded it."""
    import json

    from ledger.storage.tables import AuditEvent

    query = select(AuditEvent.details).where(
        AuditEvent.entity == entity, AuditEvent.entity_id == entity_id
    )
    known: set[Any] = set()
    for details in session.exec(query).all():
        data = json.loads(details)
        for part in (data.get("~row"), data.get("before"), data.get("after")):
            if isinstance(part, dict) and fact in part:
                known.add(part[fact])
    return known
