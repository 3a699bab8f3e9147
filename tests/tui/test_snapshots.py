"""Screenshots of every screen, at 80x24 and 160x48, in English and Dutch, compared with
the saved SVGs; and the forms that confirm or refuse.

One app run per language and size visits every screen in turn (a run per screenshot would
take a minute), so the whole set takes a few seconds. The data and the clock are fixed
(``snapshot_app``); the moments the demo ledger was written (audit events, import
batches) and the working folder (the Reports screen's suggested path) are not, so they
are masked: every date-and-time shows as ``2000-01-01 00:00``, the folder as ``/tmp``.
A difference is then a change in what the coordinator sees. Update the SVGs with
``--snapshot-update`` only after reading the report.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from pytest_textual_snapshot import SVGImageExtension
from textual.pilot import Pilot

from tests.tui.conftest import MakeApp, settle, type_into
from tui.app import ClusterLedgerApp

SCREENS = ("d", "m", "c", "k", "y", "a", "i", "p", "j", "x")
NAMES = dict(zip(SCREENS, ("dashboard", "members", "contributions", "costs", "years",
                           "audit", "import", "payments", "projects", "reports"),
                 strict=True))  # fmt: skip
MOMENT = re.compile(r"\d{4}-\d\d-\d\d(&#160;| )\d\d:\d\d(:\d\d)?")


def mask(svg: str) -> str:
    """Every date-and-time as the same one, keeping its length (and so the layout)."""
    return MOMENT.sub(lambda m: f"2000-01-01{m.group(1)}00:00{':00' if m.group(2) else ''}", svg)


@pytest.fixture
def shots(snapshot, monkeypatch):  # type: ignore[no-untyped-def]
    """Compare screenshots by name; the stored moments shown in the ledger's zone are fixed."""
    import tui.app.formats

    fixed = datetime(2000, 1, 1, tzinfo=UTC)
    monkeypatch.setattr(tui.app.formats, "local", lambda at, zone: fixed.astimezone(zone))
    monkeypatch.chdir("/tmp")
    svgs = snapshot.use_extension(SVGImageExtension)

    async def take(pilot: Pilot, name: str) -> None:
        await settle(pilot)
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()
        app = pilot.app
        assert isinstance(app, ClusterLedgerApp)
        svg = mask(app.export_screenshot(title="cluster-ledger", simplify=True))
        assert svg == svgs(name=name), f"{name} differs from its saved screenshot"

    return take


Take = Callable[[Pilot, str], object]


@pytest.mark.parametrize("size", [(80, 24), (160, 48)], ids=["80x24", "160x48"])
@pytest.mark.parametrize("language", ["en", "nl"])
async def test_every_screen(
    app: MakeApp, shots: Take, language: str, size: tuple[int, int]
) -> None:
    """Each screen of the demo ledger's 2025, as it first shows."""
    tui = app(language=language, year=2025)
    async with tui.run_test(size=size) as pilot:
        for key in SCREENS:
            await pilot.press("escape", key)  # out of a text field (Import opens in one)
            await shots(pilot, f"{NAMES[key]}-{language}-{size[0]}x{size[1]}")  # type: ignore[misc]


async def test_forms_that_confirm_or_refuse(app: MakeApp, shots: Take) -> None:
    """The forms that matter most at 80x24: a member found by name, a reversal that says
    what it reverses, a lock that says what it freezes, a bad enterprise number; and a
    member's page."""
    tui = app(language="en", year=2024)
    async with tui.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("c", "n")  # the contributions screen, then the add form
        await settle(pilot)
        await type_into(pilot, "#kbo", "liege")  # a name, not a number
        await shots(pilot, "add-entry-by-name")  # type: ignore[misc]
        await pilot.press("escape", "r")  # the reversal of the first entry
        await shots(pilot, "reverse-entry")  # type: ignore[misc]
        await pilot.press("escape", "y", "l")  # lock 2024
        await shots(pilot, "lock-year")  # type: ignore[misc]
        await pilot.press("escape", "m", "n")  # add a member
        await settle(pilot)
        await type_into(pilot, "#kbo", "0403170702")  # a number whose check digits fail
        await shots(pilot, "add-member-bad-number")  # type: ignore[misc]
        await pilot.press("escape", "escape", "enter")  # the first member's page
        await shots(pilot, "member-page")  # type: ignore[misc]


async def test_a_spearhead_clusters_portfolio(app: MakeApp, shots: Take) -> None:
    """The demo's spearhead cluster: its Projects screen, a project's page, and a member's
    page with the projects it takes part in, in Dutch at 160x48."""
    tui = app(language="nl", year=2025, cluster="Hernieuwbare Moleculen Vlaanderen")
    async with tui.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await pilot.press("j")  # the Projects screen
        await shots(pilot, "projects-spearhead")  # type: ignore[misc]
        await pilot.press("down", "enter")  # CIRCOAT's page
        await shots(pilot, "project-page")  # type: ignore[misc]
        await pilot.press("escape", "m", "enter")  # the first member's page
        await shots(pilot, "member-page-projects")  # type: ignore[misc]
