"""Screenshots of the main screens on the demo ledger, compared with the saved SVGs.

The data and the clock are fixed (``snapshot_app``), so a difference is a change in
what the coordinator sees. Update them with ``--snapshot-update`` only after reading
the report.
"""

from __future__ import annotations

from textual.pilot import Pilot

from tests.tui.conftest import MakeApp, settle


class TestDashboard:
    """The first screen: the figures of the current year, warnings, deadlines."""

    def test_english_80x24(self, app: MakeApp, snap_compare) -> None:  # type: ignore[no-untyped-def]
        assert snap_compare(app(language="en", year=2025), run_before=settle)

    def test_dutch_80x24(self, app: MakeApp, snap_compare) -> None:  # type: ignore[no-untyped-def]
        assert snap_compare(app(language="nl", year=2025), run_before=settle)

    def test_english_160x48(self, app: MakeApp, snap_compare) -> None:  # type: ignore[no-untyped-def]
        assert snap_compare(
            app(language="en", year=2025), terminal_size=(160, 48), run_before=settle
        )

    def test_dutch_160x48(self, app: MakeApp, snap_compare) -> None:  # type: ignore[no-untyped-def]
        assert snap_compare(
            app(language="nl", year=2025), terminal_size=(160, 48), run_before=settle
        )


async def _to(pilot: Pilot, key: str) -> None:
    await settle(pilot)
    await pilot.press(key)
    await settle(pilot)


class TestMembers:
    """The member table, and the add form showing a check failing as the user types."""

    def test_table_80x24(self, app: MakeApp, snap_compare) -> None:  # type: ignore[no-untyped-def]
        async def run_before(pilot: Pilot) -> None:
            await _to(pilot, "m")  # open the members screen

        assert snap_compare(app(year=2025), run_before=run_before)

    def test_add_form_with_a_bad_number_160x48(self, app: MakeApp, snap_compare) -> None:  # type: ignore[no-untyped-def]
        async def run_before(pilot: Pilot) -> None:
            await _to(pilot, "m")  # open the members screen
            await _to(pilot, "n")  # open the add form
            await pilot.press(*"0403170702")  # a number whose check digits fail
            await settle(pilot)

        assert snap_compare(app(year=2025), terminal_size=(160, 48), run_before=run_before)


class TestContributions:
    """One year's entries, reversals beside what they reverse."""

    def test_table_160x48(self, app: MakeApp, snap_compare) -> None:  # type: ignore[no-untyped-def]
        async def run_before(pilot: Pilot) -> None:
            await _to(pilot, "c")  # open the contributions screen

        assert snap_compare(app(year=2024), terminal_size=(160, 48), run_before=run_before)

    def test_table_80x24(self, app: MakeApp, snap_compare) -> None:  # type: ignore[no-untyped-def]
        async def run_before(pilot: Pilot) -> None:
            await _to(pilot, "c")  # open the contributions screen

        assert snap_compare(app(year=2024), run_before=run_before)


class TestYears:
    """The program years and their lock state."""

    def test_years_80x24(self, app: MakeApp, snap_compare) -> None:  # type: ignore[no-untyped-def]
        async def run_before(pilot: Pilot) -> None:
            await _to(pilot, "y")  # open the years screen

        assert snap_compare(app(year=2025), run_before=run_before)
