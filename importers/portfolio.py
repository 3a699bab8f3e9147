"""A project portfolio kept in a spreadsheet: its rows read into values, and written to
the ledger as projects with their status steps and partners.

A coordinator's sheet says where each project stands now (``goedgekeurd``) and on which
days it got there (submitted, decided, started, ended). The ledger keeps each step, so a
row becomes the road it travelled: a project approved on 4 July after being submitted on
3 March is submitted on 3 March, then approved on 4 July with its aid granted. Every
step goes through the same operations and checks as ``project status``; a row the
ledger refuses stops the whole load with its file, sheet and row.

Example::

    projects, partners = read_portfolio(read_workbook("projecten.xlsx"))
    write_portfolio(tx, cluster, projects, partners)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from importers import cells
from importers.batches import located
from importers.reading import RawSheet, RawWorkbook
from ledger import operations
from ledger.errors import InputError
from ledger.money import from_cents
from ledger.project_terms import (
    PartnerRole,
    ProjectStatus,
    ProjectType,
    parse_country,
    parse_role,
    parse_status,
    parse_type,
)
from ledger.session import Tx
from ledger.storage.tables import Cluster

S = ProjectStatus


@dataclass(frozen=True)
class PortfolioProject:
    """One row of a project list, read."""

    number: str  # how the partners list names the project (its number or acronym)
    type: ProjectType
    title: str
    status: ProjectStatus
    acronym: str | None = None
    theme: str | None = None
    submitted: date | None = None
    decided: date | None = None
    start: date | None = None
    end: date | None = None
    budget_cents: int | None = None
    aid_requested_cents: int | None = None
    aid_granted_cents: int | None = None
    where: str = ""


@dataclass(frozen=True)
class PortfolioPartner:
    """One row of a partner list, read."""

    project: str
    role: PartnerRole
    kbo: str | None = None
    name: str | None = None
    country: str | None = None
    budget_cents: int | None = None
    aid_cents: int | None = None
    where: str = ""


def road(project: PortfolioProject) -> list[tuple[ProjectStatus, date, int | None]]:
    """The steps after the first that bring a project to its status, each on its day.

    Raises:
        InputError: a day the status needs is missing (an approval without its decision
            day), or the status cannot be read from days (a withdrawal).
    """

    def need(day: date | None, what: str) -> date:
        if day is None:
            raise InputError(f"a project that is {project.status.value} needs its {what} date")
        return day

    status = project.status
    if status == S.DRAFT:
        return []
    need(project.submitted, "submission")
    if status == S.SUBMITTED:
        return []
    if status == S.WITHDRAWN:
        raise InputError(
            "a withdrawn project's day of withdrawal is not in the sheet; import it as it was "
            "before, then record the withdrawal with 'project status ID --to withdrawn --date D'"
        )
    if status == S.REJECTED:
        return [(S.REJECTED, need(project.decided, "decision"), None)]
    steps: list[tuple[ProjectStatus, date, int | None]] = [
        (S.APPROVED, need(project.decided, "decision"), project.aid_granted_cents)
    ]
    if status in (S.RUNNING, S.CLOSED):
        steps.append((S.RUNNING, need(project.start, "start"), None))
    if status == S.CLOSED:
        steps.append((S.CLOSED, need(project.end, "end"), None))
    return steps


def _euros(cents: int | None) -> Decimal | None:
    return None if cents is None else from_cents(cents)


def write_portfolio(
    tx: Tx,
    cluster: Cluster,
    projects: Sequence[PortfolioProject],
    partners: Sequence[PortfolioPartner],
) -> dict[str, int]:
    """Add every project, its steps and its partners, in the order of the sheets.

    Returns:
        The ledger's project id for each project's number in the sheet.

    Raises:
        LedgerError: the first row the ledger refuses, located at its file, sheet and row.
    """
    ids: dict[str, int] = {}
    for p in projects:
        with located(p.where):
            road(p)  # every day its status needs is there, before anything is written
            project = operations.add_project(
                tx,
                cluster,
                type=p.type,
                title=p.title,
                acronym=p.acronym,
                theme=p.theme,
                budget=_euros(p.budget_cents),
                aid_requested=_euros(p.aid_requested_cents),
                submitted=p.submitted,
                starts=p.start,
                ends=p.end,
            )
        assert project.id is not None
        ids[p.number] = project.id
    for r in partners:
        with located(r.where):
            if r.project not in ids:
                raise InputError(
                    f"no project numbered {r.project!r} in the project list; expected one of "
                    + ", ".join(ids)
                )
            operations.add_partner(
                tx,
                ids[r.project],
                role=r.role,
                kbo=r.kbo,
                name=r.name,
                country=r.country,
                budget=_euros(r.budget_cents),
                aid=_euros(r.aid_cents),
            )
    for p in projects:  # decisions after the partners: their shares are checked against them
        for status, day, granted in road(p):
            with located(p.where):
                operations.change_status(
                    tx, ids[p.number], to=status, on=day, aid_granted=_euros(granted)
                )
    return ids


# --- the demo's own sheets: fixed Dutch headers, the way sample_data/projecten.xlsx has them


def _rows(sheet: RawSheet, header: Sequence[str], where: str) -> list[tuple[int, dict]]:
    for index, row in enumerate(sheet.rows[:20]):
        found = [cells.text(c) for c in row]
        if all(h in found for h in header):
            columns = {h: found.index(h) for h in header}
            rows = []
            for number, values in enumerate(sheet.rows[index + 1 :], start=index + 2):
                if all(cells.is_blank(v) for v in values):
                    continue
                padded = [*values, *[None] * len(found)]
                rows.append((number, {h: padded[i] for h, i in columns.items()}))
            return rows
    raise InputError(f"no header row with {', '.join(header)} in the first 20 rows", location=where)


def _sheet(book: RawWorkbook, name: str) -> RawSheet:
    for sheet in book.sheets:
        if sheet.name == name:
            return sheet
    raise InputError(f"no sheet named {name!r}", location=str(book.path.name))


def _money(value: object) -> int | None:
    return None if cells.is_blank(value) else cells.cents(value)


def read_portfolio(book: RawWorkbook) -> tuple[list[PortfolioProject], list[PortfolioPartner]]:
    """The demo's portfolio workbook: a "Projecten" and a "Partners" sheet.

    Raises:
        InputError: a sheet, header or cell is not as expected, with its place.
    """
    name = book.path.name
    projects = []
    header = ["Nr", "Type", "Acroniem", "Titel", "Thema", "Status", "Ingediend op"]
    header += ["Beslist op", "Start", "Einde", "Budget (EUR)", "Gevraagde steun (EUR)"]
    header += ["Toegekende steun (EUR)"]
    for number, v in _rows(_sheet(book, "Projecten"), header, f"{name}: sheet 'Projecten'"):
        where = f"{name}: sheet 'Projecten': row {number}"
        with located(where):
            projects.append(
                PortfolioProject(
                    number=cells.text(v["Nr"]),
                    type=parse_type(cells.text(v["Type"])),
                    title=cells.required_text(v["Titel"]),
                    status=parse_status(cells.text(v["Status"])),
                    acronym=cells.optional_text(v["Acroniem"]),
                    theme=cells.optional_text(v["Thema"]),
                    submitted=cells.day(v["Ingediend op"]),
                    decided=cells.day(v["Beslist op"]),
                    start=cells.day(v["Start"]),
                    end=cells.day(v["Einde"]),
                    budget_cents=_money(v["Budget (EUR)"]),
                    aid_requested_cents=_money(v["Gevraagde steun (EUR)"]),
                    aid_granted_cents=_money(v["Toegekende steun (EUR)"]),
                    where=where,
                )
            )
    partners = []
    header = ["Project", "Ondernemingsnummer", "Naam", "Land", "Rol", "Budget (EUR)"]
    header += ["Steun (EUR)"]
    for number, v in _rows(_sheet(book, "Partners"), header, f"{name}: sheet 'Partners'"):
        where = f"{name}: sheet 'Partners': row {number}"
        with located(where):
            number_cell, country = v["Ondernemingsnummer"], cells.optional_text(v["Land"])
            kbo = None if cells.is_blank(number_cell) else cells.kbo(number_cell)
            if country is not None:
                country = None if kbo and country == "BE" else parse_country(country)
            partners.append(
                PortfolioPartner(
                    project=cells.text(v["Project"]),
                    role=parse_role(cells.text(v["Rol"])),
                    kbo=kbo,
                    name=cells.optional_text(v["Naam"]),
                    country=country,
                    budget_cents=_money(v["Budget (EUR)"]),
                    aid_cents=_money(v["Steun (EUR)"]),
                    where=where,
                )
            )
    return projects, partners
