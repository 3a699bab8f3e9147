"""Pilot tests of the Projects screen and a project's page on the demo's spearhead cluster:
what they show, the filters, and each form checked in the ledger afterwards."""

from __future__ import annotations

import shutil
from pathlib import Path

from textual.widgets import Checkbox, DataTable, Input, Select, Static

from ledger import projects, queries
from ledger.project_terms import ProjectStatus
from tests.tui.conftest import settle, type_into
from tests.tui.snapshot_app import NOW
from tui.app import ClusterLedgerApp, make_app
from tui.app.screens.forms import FormScreen
from tui.app.screens.project_page import ProjectPage
from tui.app.widgets.paged_table import PagedTable

SPEARHEAD = "Hernieuwbare Moleculen Vlaanderen"
CIRCULAR = "Circulaire Kunststoffen Vlaanderen"


def spearhead_app(template: Path, folder: Path, **kwargs: object) -> ClusterLedgerApp:
    target = folder / "ledger.sqlite"
    shutil.copyfile(template, target)
    options = {"language": "en", "now": lambda: NOW, "cluster": SPEARHEAD, **kwargs}
    return make_app(str(target), **options)  # type: ignore[arg-type]


def rows(app: ClusterLedgerApp) -> list[str]:
    table = app.screen.query_one(PagedTable).table
    return [str(table.get_row_at(i)[2]) for i in range(table.row_count)]


def status_of(app: ClusterLedgerApp, project_id: int) -> ProjectStatus:
    with app.ledger.read() as session:
        return ProjectStatus(projects.get_project(project_id, session=session).status)


async def test_the_portfolio_and_its_filters(demo_template: Path, tmp_path: Path) -> None:
    tui = spearhead_app(demo_template, tmp_path, year=2025)
    async with tui.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await pilot.press("j")  # the Projects screen
        await settle(pilot)
        assert rows(tui) == ["H2HAVEN", "CIRCOAT", "BIOPOLY", "CO2CAT", "E-FUELS", "SOLVREC"]
        tui.screen.query_one("#project-status", Select).value = "approved"
        await settle(pilot)
        assert rows(tui) == ["CO2CAT"]
        tui.screen.query_one("#project-status", Select).value = "all"
        tui.screen.query_one("#project-scope", Select).value = "2025"
        await settle(pilot)
        # the 2025 report: closed at the year's end, running, decided and submitted in it
        assert rows(tui) == ["H2HAVEN", "CIRCOAT", "BIOPOLY", "CO2CAT", "E-FUELS"]
        tui.screen.query_one("#project-type", Select).value = "icon"
        await settle(pilot)
        assert rows(tui) == ["H2HAVEN"]


async def test_add_a_project(demo_template: Path, tmp_path: Path) -> None:
    tui = spearhead_app(demo_template, tmp_path)
    async with tui.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("j")
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(tui.screen, FormScreen)
        tui.screen.query_one("#type", Select).value = "csbo"
        await type_into(pilot, "#title", "Methanol uit de haven")
        await type_into(pilot, "#acronym", "METHA")
        await type_into(pilot, "#budget", "900.000,00")
        await type_into(pilot, "#aid_requested", "450000")
        await type_into(pilot, "#submitted", "2026-02-02")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(tui.screen, FormScreen)
        assert rows(tui)[-1] == "METHA"
        assert status_of(tui, 7) == ProjectStatus.SUBMITTED


async def test_a_projects_page_and_a_decision(demo_template: Path, tmp_path: Path) -> None:
    tui = spearhead_app(demo_template, tmp_path)
    async with tui.run_test(size=(140, 44)) as pilot:
        await settle(pilot)
        await pilot.press("j")
        await settle(pilot)
        table = tui.screen.query_one(PagedTable).table
        table.move_cursor(row=4)  # E-FUELS, submitted
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(tui.screen, ProjectPage)
        fields = str(tui.screen.query_one("#project-fields", Static).content)
        assert "E-FUELS" in fields and "Status: submitted" in fields
        assert tui.screen.query_one("#project-partners", DataTable).row_count == 2
        await pilot.press("s")  # record a decision
        await settle(pilot)
        assert isinstance(tui.screen, FormScreen)
        tui.screen.query_one("#to", Select).value = "approved"
        await type_into(pilot, "#date", "2026-03-01")
        await type_into(pilot, "#aid_granted", "300000")  # above the 225,000 requested
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(tui.screen, FormScreen)  # refused: the form says why
        error = str(tui.screen.query_one("#form-error", Static).content)
        assert "is more than the aid requested 225000.00" in error
        assert status_of(tui, 5) == ProjectStatus.SUBMITTED
        await type_into(pilot, "#aid_granted", "190000")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(tui.screen, ProjectPage)
        assert status_of(tui, 5) == ProjectStatus.APPROVED
        history = tui.screen.query_one("#project-history", DataTable)
        assert history.row_count == 2
        notes = str(tui.screen.query_one("#project-notes", Static).content)
        assert "more than the aid granted 190000.00" in notes  # the partners asked 200,000


async def test_add_a_partner_on_the_page(demo_template: Path, tmp_path: Path) -> None:
    tui = spearhead_app(demo_template, tmp_path)
    async with tui.run_test(size=(140, 44)) as pilot:
        await settle(pilot)
        await pilot.press("j")
        await settle(pilot)
        tui.screen.query_one(PagedTable).table.move_cursor(row=5)  # SOLVREC, a draft
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await type_into(pilot, "#name", "Membraantechniek Twente BV")
        await type_into(pilot, "#country", "nl")
        await type_into(pilot, "#budget", "50000")  # the coordinator holds the whole budget
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert str(tui.screen.query_one("#form-error", Static).content) == (
            "the partners' budgets would add up to 450000.00, more than the budget of project "
            "6 (SOLVREC), 400000.00"
        )
        await type_into(pilot, "#budget", "")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(tui.screen, ProjectPage)
        assert tui.screen.query_one("#project-partners", DataTable).row_count == 2
        with tui.ledger.read() as session:
            (_, added) = projects.project_state(
                projects.get_project(6, session=session), session=session
            ).partners
        assert (added.name, added.country, added.budget_cents) == (
            "Membraantechniek Twente BV",
            "NL",
            None,
        )


async def test_a_cluster_without_projects_says_why(demo_template: Path, tmp_path: Path) -> None:
    tui = spearhead_app(demo_template, tmp_path, cluster="Circulaire Kunststoffen Vlaanderen")
    async with tui.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await pilot.press("j")
        await settle(pilot)
        title = str(tui.screen.query_one("#projects-title", Static).content)
        assert "which submits no projects" in title
        assert rows(tui) == []


async def test_a_members_page_shows_the_projects_it_takes_part_in(
    demo_template: Path, tmp_path: Path
) -> None:
    from tests.tui.test_screens import text_of
    from tui.app.screens.member_page import MemberPage

    tui = spearhead_app(demo_template, tmp_path, year=2025, language="nl")
    kenniscentrum = "0407477303"  # a partner of three projects, in two roles
    async with tui.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
        table = tui.screen.query_one(PagedTable).table
        table.move_cursor(row=table.get_row_index(kenniscentrum))
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(tui.screen, MemberPage)
        assert text_of(tui, "#page-projects").splitlines() == [
            "Project 1 (H2HAVEN) in Hernieuwbare Moleculen Vlaanderen: partner, ICON-project, "
            "afgesloten · Groene waterstof als grondstof in de haven",
            "Project 2 (CIRCOAT) in Hernieuwbare Moleculen Vlaanderen: coördinator, "
            "COOCK-project, lopend · Circulaire coatings voor kmo's",
            "Project 4 (CO2CAT) in Hernieuwbare Moleculen Vlaanderen: coördinator, "
            "cSBO-project, goedgekeurd · Katalysatoren die CO2 omzetten in methanol",
        ]
    other = tmp_path / "other"
    other.mkdir()
    tui = spearhead_app(demo_template, other, year=2025, language="nl", cluster=CIRCULAR)
    async with tui.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
        table = tui.screen.query_one(PagedTable).table
        table.move_cursor(row=table.get_row_index("0681402333"))  # in no project
        await pilot.press("enter")
        await settle(pilot)
        assert text_of(tui, "#page-projects") == "Neemt aan geen enkel project deel."


async def test_the_portfolio_is_searched_and_exported(demo_template: Path, tmp_path: Path) -> None:
    tui = spearhead_app(demo_template, tmp_path, year=2025, language="nl")
    target = tmp_path / "projecten.csv"
    async with tui.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await pilot.press("j")
        await settle(pilot)
        await pilot.press("slash")
        for key in "goedgekeurd":  # a status as the app's language words it
            await pilot.press(key)
        await pilot.press("enter")
        await settle(pilot)
        assert rows(tui) == ["CO2CAT"]
        await pilot.press("ctrl+e")
        await settle(pilot)
        assert isinstance(tui.screen, FormScreen)
        tui.screen.query_one("#path", Input).value = str(target)
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.pause(0.5)
        await tui.workers.wait_for_complete()
    lines = target.read_text(encoding="utf-8-sig").splitlines()
    assert len(lines) == 2 and "CO2CAT" in lines[1] and "1100000.00" in lines[1]


async def test_a_project_list_is_imported_on_the_import_screen(
    demo_template: Path, tmp_path: Path
) -> None:
    sheet = tmp_path / "projecten-maart.csv"
    sheet.write_text(
        "Type;Acroniem;Titel;Status;Ingediend op;Budget;Gevraagde steun\r\n"
        "ICON;PLASMA;Plasmakraken van methaan;ingediend;02/03/2026;900000;600000\r\n"
        "bakery;BROOD;Brood;ingediend;02/03/2026;1000;500\r\n",
        encoding="utf-8",
    )
    tui = spearhead_app(demo_template, tmp_path, year=2026)
    async with tui.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("i")
        await settle(pilot)
        tui.screen.query_one("#import-path", Input).value = str(sheet)
        tui.screen.query_one("#import-what", Select).value = "projects"
        await pilot.press("f2")  # the dry run
        await settle(pilot)
        table = tui.screen.query_one("#rows", DataTable)
        shown = [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]
        assert shown == [
            ["2", "to import", "PLASMA", "€\xa0900.000,00"],
            ["3", "invalid", "BROOD", "1000"],
        ]
        assert held(tui) == 6  # a dry run writes nothing
        tui.screen.query_one("#skip-invalid", Checkbox).value = True  # leave out BROOD
        await pilot.press("f3")  # the import
        await settle(pilot)
        assert held(tui) == 7
        assert status_of(tui, 7) == ProjectStatus.SUBMITTED


def held(app: ClusterLedgerApp) -> int:
    """How many projects the spearhead cluster holds."""
    with app.ledger.read() as session:
        return len(
            projects.portfolio(queries.get_cluster(SPEARHEAD, session=session), session=session)
        )
