"""The filter line where the lists are in hand: the Import screen's preview tabs (``f7``,
since ``/`` is a character of the path the file field takes) and a member's page
(``/``); accents and case ignored as on every table. And the Import screen's tick box
shows its state without colour, as every tick box of the app does."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from textual.widgets import Checkbox, DataTable, Input

from tests.tui.conftest import MakeApp, settle
from tests.tui.test_coordinator import open_member, to
from tests.tui.test_import_screen import MEMBER, OTHER, _table, _workbook
from tests.tui.test_screens import text_of
from tui.app.widgets.filter_line import FilterLine
from tui.app.widgets.paged_table import PagedTable

KANAAL = "0788966029"  # Compoundeerderij Kanaal BV: paid in 2024 (one reversed) and 2025


async def test_f7_filters_the_import_preview_even_from_the_file_field(
    app: MakeApp, tmp_path: Path
) -> None:
    path = _workbook(
        tmp_path / "bijdragen.xlsx",
        [
            ["Ondernemingsnummer", "Bedrag", "Betaald op", "Contactpersoon"],
            [MEMBER, "1.250,00", date(2025, 9, 1), "Jan"],
            [OTHER, 2500.5, date(2025, 9, 2), "An"],
        ],
    )
    tui = app(language="nl")
    async with tui.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("i")
        await settle(pilot)
        field = tui.screen.query_one("#import-path", Input)
        await pilot.press(*str(path))  # the field has the cursor: '/' is typed there
        await pilot.press("f2")
        await settle(pilot)
        assert field.value == str(path)
        assert len(_table(tui, "#rows")) == 2
        assert tui.focused is field
        await pilot.press("f7")  # from the file field itself
        await settle(pilot)
        line = tui.screen.query_one(FilterLine)
        assert tui.focused is line and line.display
        await pilot.press(*"0537")
        await settle(pilot)
        assert _table(tui, "#rows") == [["3", "te importeren", OTHER, "€\xa02.500,50"]]
        assert _table(tui, "#columns") == []  # no column holds 0537
        await pilot.press("ctrl+u", *"BETAALD")  # case and accents ignored
        await settle(pilot)
        assert [row[1] for row in _table(tui, "#columns")] == ["Betaald op"]
        assert len(_table(tui, "#rows")) == 0
        await pilot.press("ctrl+u", "enter")  # emptied: every row again, the cursor back
        await settle(pilot)
        assert len(_table(tui, "#rows")) == 2 and len(_table(tui, "#columns")) == 4
        assert tui.focused is field and not line.display
        assert field.value == str(path)  # nothing typed into the path meanwhile


@pytest.mark.parametrize("language", ["en", "nl"])
async def test_the_import_screen_names_its_filter_key_in_the_footer(
    app: MakeApp, language: str
) -> None:
    tui = app(language=language)
    async with tui.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        await pilot.press("i")
        await settle(pilot)
        _, binding, enabled, _ = tui.screen.active_bindings["f7"]
        assert enabled and binding.show
        assert binding.description == ("Filteren" if language == "nl" else "Filter")


async def test_slash_filters_a_members_page(app: MakeApp) -> None:
    tui = app(year=2025, language="nl")
    async with tui.run_test(size=(160, 48)) as pilot:
        await open_member(pilot, KANAAL)
        entries = text_of(tui, "#page-entries")
        assert "2024" in entries and "2025" in entries
        await to(pilot, "slash")
        assert isinstance(tui.focused, FilterLine)
        await pilot.press(*"tegengeboekt")
        await settle(pilot)
        kept = [line for line in text_of(tui, "#page-entries").splitlines()[1:] if line.strip()]
        assert kept and all("tegengeboekt" in line for line in kept)
        assert text_of(tui, "#page-batches") == "geen rijen voldoen aan de filter"
        await pilot.press("ctrl+u", *"3750")  # a plain amount finds € 3.750,00
        await settle(pilot)
        kept = [line for line in text_of(tui, "#page-entries").splitlines()[1:] if line.strip()]
        assert kept and all("3.750,00" in line for line in kept)
        await pilot.press("ctrl+u", "enter")
        await settle(pilot)
        assert text_of(tui, "#page-entries") == entries
        await to(pilot, "escape")  # back to the list
        assert tui.screen.query_one(PagedTable).selected_key() == KANAAL


async def test_the_import_screens_tick_box_shows_its_state_without_colour(app: MakeApp) -> None:
    tui = app()
    async with tui.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await pilot.press("i")
        await settle(pilot)
        box = tui.screen.query_one("#skip-invalid", Checkbox)
        assert box.render().plain.startswith("▐ ▌")  # not ticked: blank
        box.value = True
        await settle(pilot)
        assert box.render().plain.startswith("▐X▌")  # ticked: a character, not a colour
        assert not tui.screen.query_one(DataTable).row_count  # nothing previewed meanwhile
