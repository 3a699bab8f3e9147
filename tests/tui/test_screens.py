"""Pilot tests: a coordinator's main flows, checked in the ledger afterwards."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from rich.console import Console
from sqlmodel import select
from textual.widgets import Button, Select, Static

from ledger import queries, state
from ledger.lists.entries import entries as list_entries
from ledger.money import format_eur
from ledger.storage.tables import Contribution, YearLockEvent
from ledger.summary import cluster_summaries
from tests.recorded import recorded
from tests.tui.conftest import MakeApp, settle, type_into
from tests.tui.snapshot_app import CLUSTER
from tui.app import ClusterLedgerApp
from tui.app.screens.forms import ConfirmScreen, FormScreen
from tui.app.widgets.paged_table import PagedTable


def text_of(app: ClusterLedgerApp, selector: str) -> str:
    """What a Static shows, as plain text (a Rich table included)."""
    content = app.screen.query_one(selector, Static).content
    if isinstance(content, str):
        return content
    console = Console(width=200, record=True, file=io.StringIO())
    console.print(content)
    return console.export_text()


def notes(app: ClusterLedgerApp) -> list[str]:
    """What the app said, oldest first."""
    return [str(n.message) for n in app._notifications]


def locks(app: ClusterLedgerApp) -> list[tuple[int, bool, str | None]]:
    with app.ledger.read() as session:
        return [(e.year, e.locked, e.reason) for e in session.exec(select(YearLockEvent)).all()]


def contributions(app: ClusterLedgerApp, year: int) -> list[Contribution]:
    with app.ledger.read() as session:
        cluster = queries.get_cluster(CLUSTER, session=session)
        return [r.entry for r in list_entries(cluster, session=session, year=year).rows]


async def test_dashboard_shows_the_engines_figures(app: MakeApp) -> None:
    tui = app(year=2024)
    async with tui.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        with tui.ledger.read() as session:
            cluster = queries.get_cluster(CLUSTER, session=session)
            (summary,) = cluster_summaries(cluster, session=session, year=2024)
        figures = text_of(tui, "#figures")
        assert format_eur(summary.result.matched_aid_cents) in figures
        assert format_eur(summary.result.headroom_cents) in figures
        assert "Program year 2 of 3" in text_of(tui, "#title")


async def test_dashboard_switches_year(app: MakeApp) -> None:
    tui = app(year=2023)
    async with tui.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        assert "· 2023 ·" in text_of(tui, "#title")
        tui.screen.query_one("#year").value = 2025
        await settle(pilot)
        assert "· 2025 ·" in text_of(tui, "#title")
        assert tui.year == 2025


async def test_add_member(app: MakeApp) -> None:
    tui = app()
    async with tui.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(tui.screen, FormScreen)
        await type_into(pilot, "#kbo", "0403.170.701")
        await type_into(pilot, "#name", "Alfa NV")
        await type_into(pilot, "#postcode", "9000")
        await type_into(pilot, "#mandate", "2025-02-01")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(tui.screen, FormScreen)
        with tui.ledger.read() as session:
            cluster = queries.get_cluster(CLUSTER, session=session)
            assert cluster is not None
            member = recorded(session, "0403170701", CLUSTER)
        assert (member.name, member.postcode) == ("Alfa NV", "9000")
        assert str(member.mandate) == "2025-02-01"


@pytest.mark.parametrize(
    ("language", "bad_number", "bad_postcode"),
    [
        ("en", "fails the mod-97 check", "postcode '99999' is not a Belgian postcode"),
        ("nl", "doorstaat de mod-97-controle niet", "postcode '99999' is geen Belgische postcode"),
    ],
)
async def test_member_form_checks_as_the_user_types(
    app: MakeApp, language: str, bad_number: str, bad_postcode: str
) -> None:
    tui = app(language=language)
    async with tui.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("m", "n")
        await settle(pilot)
        await type_into(pilot, "#kbo", "0403.170.702")
        assert bad_number in text_of(tui, "#kbo-error")
        await type_into(pilot, "#postcode", "99999")
        assert bad_postcode in text_of(tui, "#postcode-error")
        await type_into(pilot, "#kbo", "0403.170.701")
        assert text_of(tui, "#kbo-error") == ""
        await type_into(pilot, "#name", "Alfa NV")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(tui.screen, FormScreen)  # the bad postcode keeps it open
        with tui.ledger.read() as session:
            assert queries.find_company("0403170701", session=session) is None


async def test_leave_and_mandate(app: MakeApp) -> None:
    tui = app()
    async with tui.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
        pager = tui.screen.query_one(PagedTable)
        kbo = pager.selected_key()
        assert kbo is not None
        await pilot.press("l")
        await settle(pilot)
        await type_into(pilot, "#date", "2025-06-30")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("o")  # the member has a mandate: the form offers to correct it
        await settle(pilot)
        await type_into(pilot, "#date", "2025-01-15")
        await pilot.press("enter")  # without a reason, the correction is refused
        await settle(pilot)
        assert isinstance(tui.screen, FormScreen)
        assert "reason" in text_of(tui, "#form-error")
        await type_into(pilot, "#reason", "the form was signed in January")
        await pilot.press("ctrl+s")
        await settle(pilot)
        with tui.ledger.read() as session:
            cluster = queries.get_cluster(CLUSTER, session=session)
            assert cluster is not None
            member = recorded(session, kbo, CLUSTER)
        assert (str(member.left), str(member.mandate)) == ("2025-06-30", "2025-01-15")


async def test_a_second_mandate_from_the_app_is_refused_not_written_over(app: MakeApp) -> None:
    tui = app()
    async with tui.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
        kbo = tui.screen.query_one(PagedTable).selected_key()
        assert kbo is not None
        with tui.ledger.read() as session:
            before = recorded(session, kbo, CLUSTER).mandate
        assert before is not None
        await pilot.press("o")
        await settle(pilot)
        tui.screen.query_one("#action", Select).value = "given"
        await type_into(pilot, "#date", "2025-03-01")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(tui.screen, FormScreen)
        assert "already holds a mandate" in text_of(tui, "#form-error")
        with tui.ledger.read() as session:
            assert recorded(session, kbo, CLUSTER).mandate == before


async def test_record_a_contribution(app: MakeApp) -> None:
    tui = app(year=2025)
    async with tui.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        before = contributions(tui, 2025)
        kbo = before[0].company_id
        await pilot.press("c")
        await settle(pilot)
        key = tui.screen.query_one(PagedTable).selected_key()
        assert key == str(before[0].id)
        await pilot.press("n")
        await settle(pilot)
        with tui.ledger.read() as session:
            number = session.exec(
                select(Contribution).where(Contribution.company_id == kbo)
            ).first()
            assert number is not None
            from ledger.storage.tables import Company

            company = session.get(Company, number.company_id)
            assert company is not None
        await type_into(pilot, "#kbo", company.kbo)
        await type_into(pilot, "#amount", "1.234,56")
        await type_into(pilot, "#paid_on", "03/03/2025")
        await pilot.press("ctrl+s")
        await settle(pilot)
        after = contributions(tui, 2025)
        assert len(after) == len(before) + 1
        new = after[-1]
        assert (new.amount_cents, str(new.paid_on)) == (123456, "2025-03-03")
        assert "1.234,56" in str(tui.screen.query_one(PagedTable).table.get_row(str(new.id))[1])


async def test_reverse_the_selected_entry(app: MakeApp) -> None:
    tui = app(year=2024)
    async with tui.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        target = next(e for e in contributions(tui, 2024) if e.reverses_id is None)
        table = tui.screen.query_one(PagedTable).table
        table.move_cursor(row=table.get_row_index(str(target.id)))
        await pilot.press("r")
        await settle(pilot)
        await type_into(pilot, "#reason", "paid twice")
        await pilot.press("enter")
        await settle(pilot)
        reversal = next(e for e in contributions(tui, 2024) if e.reverses_id == target.id)
        assert (reversal.amount_cents, reversal.note) == (-target.amount_cents, "paid twice")
        row = table.get_row(str(target.id))
        assert f"reversed by {reversal.id}" in str(row[3])
        assert f"reverses {target.id}" in str(table.get_row(str(reversal.id))[3])


async def test_lock_asks_first_and_says_what_it_freezes_then_reopen_asks_a_reason(
    app: MakeApp,
) -> None:
    tui = app(year=2024)
    async with tui.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert tui.screen.query_one(PagedTable).selected_key() == "2024"
        await pilot.press("o")  # 2024 is open: nothing to reopen, and no form opens
        await settle(pilot)
        assert not isinstance(tui.screen, FormScreen)
        assert notes(tui)[-1] == "2024 is open: there is nothing to reopen."
        await pilot.press("l")
        await settle(pilot)
        assert isinstance(tui.screen, ConfirmScreen)
        what = text_of(tui, ".what")
        assert "2024 of Circulaire Kunststoffen Vlaanderen becomes final:" in what
        assert "its 39 entries (net €\xa0163.625,00)" in what
        assert str(tui.screen.query_one("#do", Button).label) == "Lock 2024"
        await pilot.press("escape")  # cancelled: nothing locked
        await settle(pilot)
        assert locks(tui) == []
        await pilot.press("l")
        await settle(pilot)
        await pilot.click("#do")
        await settle(pilot)
        assert locks(tui) == [(2024, True, None)]
        await pilot.press("l")  # locked already: said at once, nothing asked
        await settle(pilot)
        assert not isinstance(tui.screen, ConfirmScreen)
        assert notes(tui)[-1] == "2024 is locked already."
        await pilot.press("o")
        await settle(pilot)
        assert str(tui.screen.query_one("#save", Button).label) == "Reopen 2024"
        await type_into(pilot, "#reason", "late invoice")
        await pilot.press("enter")
        await settle(pilot)
        assert locks(tui) == [(2024, True, None), (2024, False, "late invoice")]


async def test_actions_that_cannot_succeed_say_why_before_any_form(app: MakeApp) -> None:
    tui = app(year=2024, language="nl")
    with tui.ledger.write() as tx:
        from ledger import operations

        cluster = queries.get_cluster(CLUSTER, session=tx.session)
        operations.lock_year(tx, cluster, year=2024)
    before = contributions(tui, 2024)
    async with tui.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        await pilot.press("n")  # a locked year takes no entry
        await settle(pilot)
        assert not isinstance(tui.screen, FormScreen)
        assert notes(tui)[-1] == (
            "2024 is afgesloten: heropen het op het scherm Jaren voor u er een bijdrage in boekt."
        )
        reversal = next(e for e in before if e.reverses_id is not None)
        table = tui.screen.query_one(PagedTable).table
        table.move_cursor(row=table.get_row_index(str(reversal.id)))
        await pilot.press("r")  # a reversal cannot be reversed
        await settle(pilot)
        assert not isinstance(tui.screen, FormScreen)
        assert notes(tui)[-1].startswith(
            f"Boeking {reversal.id} is zelf de tegenboeking van boeking {reversal.reverses_id}"
        )
        assert "--" not in " ".join(notes(tui))
    assert contributions(tui, 2024) == before


async def test_tables_load_one_page_at_a_time(app: MakeApp) -> None:
    tui = app(year=2025)
    with tui.ledger.write() as tx:
        from ledger import operations

        cluster = queries.get_cluster(CLUSTER, session=tx.session)
        number = sorted(state.member_ids(cluster, session=tx.session))[0]
        for _ in range(250):
            operations.record_contribution(tx, cluster, kbo=number, year=2025, amount=Decimal("10"))
    total = len(contributions(tui, 2025))
    async with tui.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        pager = tui.screen.query_one(PagedTable)
        assert pager.table.row_count == 100
        assert text_of(tui, ".page-line").startswith(f"rows 1-100 of {total}  ·  / filter")
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert text_of(tui, ".page-line").startswith(f"rows 101-200 of {total}  ·")
        await pilot.press("d")  # the same year again: the page is kept
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        assert text_of(tui, ".page-line").startswith(f"rows 101-200 of {total}  ·")
        await pilot.press("d")  # another year: its rows start at the first page
        await settle(pilot)
        tui.screen.query_one("#year").value = 2024
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        count = len(contributions(tui, 2024))
        assert text_of(tui, ".page-line").startswith(f"rows 1-{count} of {count}  ·")


async def test_every_action_is_in_the_command_palette(app: MakeApp) -> None:
    tui = app()
    async with tui.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        titles = {c.title for c in tui.get_system_commands(tui.screen)}
        assert {"Dashboard", "Members", "Years", "Audit", "Add entry", "Reverse"} <= titles
        assert {"Light/dark", "Next page"} <= titles
        await pilot.press("i")  # the Import screen binds f6 itself, in its own words
        await settle(pilot)
        titles = {c.title for c in tui.get_system_commands(tui.screen)}
        assert {"Preview", "Commit", "Problem rows", "Members"} <= titles


async def test_theme_toggles(app: MakeApp) -> None:
    tui = app()
    async with tui.run_test() as pilot:
        await settle(pilot)
        await pilot.press("t")
        assert tui.theme == "textual-light"
        await pilot.press("t")
        assert tui.theme == "textual-dark"
