"""Pilot tests of the Import and Reports screens, checked in the ledger and on disk."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Checkbox, DataTable, Input, Static

from ledger import queries
from ledger.lists.entries import entries as list_entries
from ledger.storage.tables import Contribution
from tests.tui.conftest import MakeApp, settle, type_into
from tests.tui.snapshot_app import CLUSTER
from tui.app import ClusterLedgerApp

GOOD = 'Ondernemingsnummer,Bedrag,Datum\n0240.023.530,"1.000,00",2025-09-01\n'
BAD_ROW = '0246.194.513,"500,00",2025-09-02\n'


def entries(app: ClusterLedgerApp) -> list[Contribution]:
    with app.ledger.read() as session:
        cluster = queries.get_cluster(CLUSTER, session=session)
        return [r.entry for r in list_entries(cluster, session=session).rows]


def outcome(app: ClusterLedgerApp) -> str:
    return str(app.screen.query_one("#outcome", Static).content)


async def test_preview_then_commit_then_undo(app: MakeApp, tmp_path: Path) -> None:
    sheet = tmp_path / "extra-2025.csv"
    sheet.write_text(GOOD, encoding="utf-8")
    tui = app()
    before = entries(tui)
    async with tui.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("i")
        await settle(pilot)
        await type_into(pilot, "#import-path", str(sheet))
        await pilot.press("f2")  # preview: a dry run
        await settle(pilot)
        assert "1 new" in outcome(tui)
        assert "Dry run: nothing written" in outcome(tui)
        assert entries(tui) == before
        await pilot.press("f3")  # commit
        await settle(pilot)
        assert "Imported 1 rows as batch" in outcome(tui)
        added = entries(tui)[len(before) :]
        assert [(e.amount_cents, str(e.paid_on)) for e in added] == [(100000, "2025-09-01")]
        batches = tui.screen.query_one("#batches", DataTable)
        batch = added[0].batch_id
        batches.focus()
        batches.move_cursor(row=batches.get_row_index(str(batch)))
        await pilot.press("f4")  # undo the batch, with a reason
        await settle(pilot)
        await type_into(pilot, "#reason", "read twice")
        await pilot.press("enter")
        await settle(pilot)
        reversal = entries(tui)[-1]
        assert (reversal.reverses_id, reversal.amount_cents) == (added[0].id, -100000)


async def test_a_bad_row_is_listed_and_blocks_the_commit(app: MakeApp, tmp_path: Path) -> None:
    sheet = tmp_path / "extra-2025.csv"
    sheet.write_text(GOOD + BAD_ROW, encoding="utf-8")
    tui = app()
    before = entries(tui)
    async with tui.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("i")
        await settle(pilot)
        await type_into(pilot, "#import-path", str(sheet))
        await pilot.press("f3")
        await settle(pilot)
        problems = tui.screen.query_one("#problems", DataTable)
        assert problems.row_count == 1
        where, message = problems.get_row_at(0)
        assert "row 3, column 'Ondernemingsnummer'" in where
        assert "fails the mod-97 check" in message
        assert entries(tui) == before
        tui.screen.query_one("#skip-invalid", Checkbox).value = True
        await pilot.press("f3")
        await settle(pilot)
        assert len(entries(tui)) == len(before) + 1


async def test_a_missing_file_is_a_notification(app: MakeApp, tmp_path: Path) -> None:
    tui = app()
    async with tui.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("i")
        await settle(pilot)
        await type_into(pilot, "#import-path", str(tmp_path / "nothing.xlsx"))
        await pilot.press("f2")
        await settle(pilot)
        assert "nothing.xlsx" in outcome(tui)
        assert any("nothing.xlsx" in str(n.message) for n in tui._notifications)


async def test_export_the_year_and_the_overview(app: MakeApp, tmp_path: Path) -> None:
    tui = app(year=2024)
    async with tui.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        path = tui.screen.query_one("#report-path", Input)
        assert path.value.endswith("circulaire-kunststoffen-vlaanderen-2024.xlsx")
        target = tmp_path / "report-2024.xlsx"
        await type_into(pilot, "#report-path", str(target))
        await pilot.press("f2")
        await settle(pilot)
        assert target.stat().st_size > 0
        assert str(target) in str(tui.screen.query_one("#report-result", Static).content)
        await pilot.press("f2")  # the file exists now: refused, said, nothing replaced
        await settle(pilot)
        assert "already exists" in str(tui.screen.query_one("#report-result", Static).content)
        tui.screen.query_one("#report-year").value = 0  # the overview
        await settle(pilot)
        assert path.value.endswith("circulaire-kunststoffen-vlaanderen-overview.xlsx")
        await type_into(pilot, "#report-path", str(tmp_path / "overview.xlsx"))
        await pilot.press("f2")
        await settle(pilot)
        result = str(tui.screen.query_one("#report-result", Static).content)
        assert (tmp_path / "overview.xlsx").exists(), result


async def test_choosing_a_file_previews_it(app: MakeApp, tmp_path: Path) -> None:
    from tui.app.screens.file_picker import FilePicker, SpreadsheetTree

    sheet = tmp_path / "extra-2025.csv"
    sheet.write_text(GOOD, encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not a spreadsheet", encoding="utf-8")
    tui = app()
    async with tui.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("i")
        await settle(pilot)
        await type_into(pilot, "#import-path", str(tmp_path))
        await pilot.press("f5")  # browse from the folder typed
        await settle(pilot)
        picker = tui.screen
        assert isinstance(picker, FilePicker)
        tree = picker.query_one(SpreadsheetTree)
        assert Path(tree.path) == tmp_path
        shown = [p.name for p in tree.filter_paths(tmp_path.iterdir())]
        assert shown == ["extra-2025.csv"]
        picker.dismiss(sheet)
        await settle(pilot)
        assert tui.screen.query_one("#import-path", Input).value == str(sheet)
        assert "1 new" in outcome(tui)


async def test_the_dutch_app_refuses_a_link_as_report_in_dutch(
    app: MakeApp, tmp_path: Path
) -> None:
    link = tmp_path / "jaarrapport.xlsx"
    link.symlink_to(tmp_path / "elders.xlsx")  # points nowhere yet: only the writer sees it
    tui = app(language="nl", year=2024)
    async with tui.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        await type_into(pilot, "#report-path", str(link))
        await pilot.press("f2")
        await settle(pilot)
        said = str(tui.screen.query_one("#report-result", Static).content)
        assert said == (
            f"{link} is een symbolische koppeling; geef het bestand waarnaar ze verwijst, of "
            "een andere naam"
        )
        assert link.is_symlink() and not (tmp_path / "elders.xlsx").exists()
