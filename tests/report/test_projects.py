"""A spearhead cluster's portfolio in its reports: the annual "Projecten" sheet, the
overview's portfolio sheet, their formulas recomputed by a real spreadsheet program,
text that stays text, and the checksum that ties both to the ledger."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from ledger import operations as ops
from ledger import queries
from ledger.project_terms import PartnerRole, ProjectStatus, ProjectType
from ledger.report.annual import write_annual
from ledger.report.checksum import ledger_checksum
from ledger.report.overview import write_overview
from ledger.report.verify import verify_report
from ledger.session import Ledger
from ledger.state import rule_copies
from tests.report.conftest import CLUSTER as PLASTICS
from tests.report.test_libreoffice import recompute

FLUX = "Flux"
ALFA, BETA = "0403170701", "0123456749"
S, R = ProjectStatus, PartnerRole
EVIL = '=HYPERLINK("http://example.invalid","klik")'


@pytest.fixture
def flux(ledger: Ledger) -> Iterator[Ledger]:
    build_flux(ledger)
    yield ledger


@pytest.fixture
def flux_sqlite(tmp_path: Path) -> Iterator[Ledger]:
    """The same on SQLite only: a spreadsheet program's formulas know no database."""
    ledger = Ledger.open(tmp_path / "flux.sqlite", create=True, actor="tester", origin="test")
    build_flux(ledger)
    yield ledger
    ledger.dispose()


def build_flux(ledger: Ledger) -> None:
    """Three projects: one approved in 2025 and running from 2026, one rejected in 2025
    (with a title that looks like a formula), one still a draft."""
    with ledger.write() as tx:
        cluster = ops.add_cluster(tx, name=FLUX, rule_set_id="spearhead-2020", start_year=2024)
        ops.add_member(tx, cluster, kbo=ALFA, name="Alfa NV", postcode="9000")
        ops.add_member(tx, cluster, kbo=BETA, name="Beta BV", postcode="3000")
        add = ops.add_project
        add(
            tx,
            cluster,
            type=ProjectType.ICON,
            title="Grid edge",
            acronym="EDGE",
            budget=Decimal("1000000"),
            aid_requested=Decimal("500000"),
            submitted=date(2025, 2, 1),
        )
        add(
            tx,
            cluster,
            type=ProjectType.COOCK,
            title=EVIL,
            acronym="-X",
            budget=Decimal("300000"),
            aid_requested=Decimal("200000"),
            submitted=date(2025, 4, 1),
        )
        add(tx, cluster, type=ProjectType.OO, title="Draft", today=date(2026, 1, 1))
    with ledger.write() as tx:
        ops.add_partner(
            tx, 1, role=R.COORDINATOR, kbo=ALFA, budget=Decimal("600000"), aid=Decimal("300000")
        )
        ops.add_partner(
            tx,
            1,
            role=R.PARTNER,
            name="Fraunhofer",
            country="DE",
            budget=Decimal("400000"),
            aid=Decimal("150000"),
        )
        ops.add_partner(tx, 2, role=R.COORDINATOR, kbo=BETA, budget=Decimal("300000"))
        ops.change_status(tx, 1, to=S.APPROVED, on=date(2025, 9, 1), aid_granted=Decimal("450000"))
        ops.change_status(tx, 2, to=S.REJECTED, on=date(2025, 10, 1))
        ops.change_status(tx, 1, to=S.RUNNING, on=date(2026, 1, 5))


def export(ledger: Ledger, path: Path, year: int | None = 2025, lang: str = "en") -> str:
    with ledger.read() as session:
        cluster = queries.get_cluster(FLUX, session=session)
        if year is None:
            return write_overview(session, cluster, path, lang=lang).checksum
        return write_annual(session, cluster, year, path, lang=lang).checksum


def verdict(ledger: Ledger, path: Path) -> list[str]:
    with ledger.read() as session:
        return verify_report(path, session=session).problems


def test_the_annual_workbook_lists_the_years_projects_and_partners(
    flux: Ledger, tmp_path: Path
) -> None:
    path = tmp_path / "flux-2025.xlsx"
    export(flux, path)
    wb = load_workbook(path)
    assert wb.sheetnames == ["Summary", "Members", "Entries", "Checks", "Projects"]
    ws = wb["Projects"]
    assert ws["A1"].value == "Projects Flux 2025"
    rows = list(ws.iter_rows(min_row=5, max_row=6, values_only=True))
    edge, rejected = rows
    assert edge[:6] == (1, "ICON project", "EDGE", "Grid edge", None, "approved")
    assert edge[10:16] == ("yes", "yes", "no", 1_000_000, 500_000, 450_000)
    assert edge[18:] == (2, 1)  # two partners, one a member
    assert rejected[5] == "rejected" and rejected[15] is None
    # text that looks like a formula stays text
    assert ws["D6"].value == EVIL and ws["D6"].data_type == "s"
    assert ws["C6"].value == "-X" and ws["C6"].data_type == "s"
    assert ws["A7"].value == "Total" and ws["N7"].value == "=SUM(N5:N6)"
    assert ws["Q5"].value == "=SUMIFS($I$11:$I$13,$A$11:$A$13,$A5)"
    partners = list(ws.iter_rows(min_row=11, max_row=13, max_col=8, values_only=True))
    assert partners == [
        (1, "EDGE", 1, "coordinator", "0403.170.701", "Alfa NV", "BE", "yes"),
        (1, "EDGE", 2, "partner", None, "Fraunhofer", "DE", "no"),
        (2, "-X", 3, "coordinator", "0123.456.749", "Beta BV", "BE", "yes"),
    ]
    assert {t for t in ws.tables} == {"Projects", "ProjectPartners"}
    # 2026: the project runs; the draft shows in no year
    export(flux, tmp_path / "flux-2026.xlsx", year=2026, lang="nl")
    ws = load_workbook(tmp_path / "flux-2026.xlsx")["Projecten"]
    assert [r[:6] for r in ws.iter_rows(min_row=5, max_row=5, values_only=True)] == [
        (1, "ICON-project", "EDGE", "Grid edge", None, "lopend")
    ]
    assert ws["M5"].value == "ja" and ws["A6"].value == "Totaal"


def test_the_overview_has_the_portfolio_per_year_and_type(flux: Ledger, tmp_path: Path) -> None:
    path = tmp_path / "overview.xlsx"
    export(flux, path, year=None)
    ws = load_workbook(path)["Portfolio"]
    rows = list(ws.iter_rows(min_row=5, max_row=7, values_only=True))
    assert [r[:5] for r in rows] == [
        (2025, "COOCK project", 1, 0, 1),
        (2025, "ICON project", 1, 1, 0),
        (2026, "ICON project", 0, 0, 0),
    ]
    assert [r[6:] for r in rows] == [(300_000, 0, 1), (1_000_000, 450_000, 1), (0, 0, 1)]
    assert ws["F5"].value == '=IF(D5+E5>0,D5/(D5+E5),"")'
    assert ws["A8"].value == "Total" and ws["C8"].value == "=SUM(C5:C7)"


def test_formulas_recompute_in_a_spreadsheet_program(flux_sqlite: Ledger, tmp_path: Path) -> None:
    files = [tmp_path / "annual.xlsx", tmp_path / "overview.xlsx"]
    export(flux_sqlite, files[0])
    export(flux_sqlite, files[1], year=None)
    done = recompute(files, tmp_path)
    ws = load_workbook(done["annual.xlsx"], data_only=True)["Projects"]
    assert [ws["Q5"].value, ws["R5"].value, ws["Q6"].value] == [1_000_000, 450_000, 300_000]
    assert [ws["N7"].value, ws["O7"].value, ws["P7"].value] == [1_300_000, 700_000, 450_000]
    assert ws["D6"].value == EVIL  # still the text, not a link
    ws = load_workbook(done["overview.xlsx"], data_only=True)["Portfolio"]
    assert [ws["F5"].value, ws["F6"].value, ws["F7"].value, ws["F8"].value] == [0, 1, None, 0.5]


def test_the_checksum_covers_the_projects_a_report_shows(flux: Ledger, tmp_path: Path) -> None:
    annual, overview = tmp_path / "annual.xlsx", tmp_path / "overview.xlsx"
    export(flux, annual)
    export(flux, overview, year=None)
    assert verdict(flux, annual) == [] and verdict(flux, overview) == []
    with flux.write() as tx:  # a title and a partner's name decide nothing
        ops.update_project(tx, 1, title="Grid edge intelligence")
        ops.update_partner(tx, 1, 2, name="Fraunhofer IWES")
    assert verdict(flux, annual) == [] and verdict(flux, overview) == []
    with flux.write() as tx:
        ops.update_partner(tx, 1, 2, budget=Decimal("350000"))
    changed, cell = verdict(flux, annual)
    assert changed.startswith("the ledger has changed since the report was written: the projects")
    # the checksum on the summary, and the partner's budget on the Projects sheet
    assert cell.startswith("the first cell that differs from the report made now: cell Summary!")
    assert cell.endswith("(1 more cells differ)")
    assert verdict(flux, overview)[0].startswith(
        "the ledger has changed since the report was written: the projects"
    )


def test_an_edited_projects_sheet_is_named_by_its_cell(flux: Ledger, tmp_path: Path) -> None:
    path = tmp_path / "annual.xlsx"
    export(flux, path)
    wb = load_workbook(path)
    wb["Projects"]["F5"] = "closed"  # the status on 31/12, made to look final
    wb.save(path)
    (problem,) = verdict(flux, path)
    assert problem == (
        "the workbook was edited: cell Projects!F5 (1, Status on 31/12) holds 'closed' where "
        "the ledger's report has 'approved'"
    )


def test_a_draft_changes_no_annual_report(flux: Ledger, tmp_path: Path) -> None:
    annual = tmp_path / "annual.xlsx"
    export(flux, annual)
    with flux.write() as tx:
        ops.update_project(tx, 3, budget=Decimal("10"))
    assert verdict(flux, annual) == []


def test_a_cluster_without_projects_keeps_its_reports_as_they_were(report_ledger: Ledger) -> None:
    with report_ledger.read() as session:
        cluster = queries.get_cluster(PLASTICS, session=session)
        rules = rule_copies(cluster.id, session=session).first  # type: ignore[arg-type]
        parts = ledger_checksum(cluster, rules, session=session, year=2026).parts()
    assert "projects" not in parts
