"""The Payments screen on the demo ledger: the queue, every movement, the requests, and
settling the queue (book a payment to a member, set one aside), in both languages."""

from __future__ import annotations

from textual.widgets import Static

from tests.tui.conftest import MakeApp, settle, type_into
from tui.app.widgets.paged_table import PagedTable


def shown(tui) -> list[tuple[str, ...]]:  # type: ignore[no-untyped-def]
    table = tui.screen.query_one(PagedTable).table
    return [tuple(str(cell) for cell in table.get_row_at(i)) for i in range(table.row_count)]


async def test_the_queue_and_all_movements(app: MakeApp) -> None:
    tui = app(language="en", year=2025)
    async with tui.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        queue = shown(tui)
        assert [(row[0], row[3], row[5]) for row in queue] == [
            ("2", "DRUKKERIJ VANDAMME BV", "waiting"),
            ("5", "HERGEBRUIK BUIZEN KEMPEN BV", "waiting"),
        ]
        assert queue[1][6].startswith("the structured communication +++001/0010/92561+++ has a bad")
        await pilot.press("u")
        await settle(pilot)
        states = [(row[0], row[5]) for row in shown(tui)]
        assert states == [
            ("1", "booked"),
            ("2", "waiting"),
            ("3", "money out"),
            ("4", "booked"),
            ("5", "waiting"),
        ]
        await pilot.press("r")
        await settle(pilot)
        requests = {row[1]: row[2] for row in shown(tui)}
        assert requests["Kunststofschroot Rupel BV"] == "+++001/0001/32543+++"


async def test_book_a_waiting_payment_and_set_one_aside_in_dutch(app: MakeApp) -> None:
    tui = app(language="nl", year=2025)
    async with tui.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        await pilot.press("down", "b")
        await settle(pilot)
        await type_into(pilot, "#kbo", "0246.194.512")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert [row[0] for row in shown(tui)] == ["2"]
        await pilot.press("o")
        await settle(pilot)
        await type_into(pilot, "#reason", "sponsoring nieuwjaarsreceptie")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert shown(tui) == []
        await pilot.press("u")
        await settle(pilot)
        rows = {row[0]: row for row in shown(tui)}
        assert (rows["5"][5], rows["5"][7], rows["5"][8]) == (
            "geboekt",
            "Hergebruik Buizen Kempen BV",
            "2025",
        )
        assert rows["5"][6].startswith("door ")  # "door USER toegewezen aan ..."
        assert (rows["2"][5], rows["2"][6]) == ("geen bijdrage", "sponsoring nieuwjaarsreceptie")


async def test_the_dutch_app_refuses_a_payment_in_dutch_without_command_line_words(
    app: MakeApp,
) -> None:
    tui = app(language="nl", year=2025)
    async with tui.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
        await pilot.press("down", "down", "b")  # payment 3: money going out
        await settle(pilot)
        await type_into(pilot, "#kbo", "0246.194.512")
        await pilot.press("ctrl+s")
        await settle(pilot)
        said = str(tui.screen.query_one("#form-error", Static).render())
        assert said == (
            "betaling 3 is een uitgaand bedrag (-12.50); alleen inkomend geld wordt een "
            "bijdrage: wijs ze af, of boek de bijdrage die ze terugbetaalt tegen; dat gaat "
            "op het scherm Bijdragen"
        )
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("up", "up", "o")  # payment 1: booked on import
        await settle(pilot)
        await type_into(pilot, "#reason", "sponsoring")
        await pilot.press("ctrl+s")
        await settle(pilot)
        said = str(tui.screen.query_one("#form-error", Static).render())
        assert said.startswith("betaling 1 is al geboekt als bijdrage ")
        assert "--" not in said and "reverse" not in said
