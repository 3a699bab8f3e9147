"""Pilot tests for the coordinator's weekly questions: who has not paid, whose mandate is
missing, costs and fees, a member found by name, a filter and an export on every table, a
change made elsewhere shown without a restart; each in English and in Dutch."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pytest
from textual.widgets import Select

from ledger import fees, operations, queries
from ledger.kinds import MemberKind
from ledger.lists.entries import entries
from ledger.session import Ledger
from tests.tui.conftest import MakeApp, settle, type_into
from tests.tui.snapshot_app import CLUSTER
from tests.tui.test_screens import notes, text_of
from tui.app import ClusterLedgerApp
from tui.app.screens.forms import FormScreen
from tui.app.widgets.paged_table import PagedTable

LIEGE = "0511759627"  # Nouvelle Matière Liège SA


def shown(app: ClusterLedgerApp, column: str) -> list[str]:
    """The cells of one column of the table on screen, as text."""
    pager = app.screen.query_one(PagedTable)
    index = pager.shown_titles().index(column)
    return [str(pager.table.get_row_at(i)[index]) for i in range(pager.table.row_count)]


async def to(pilot, *keys: str) -> None:  # type: ignore[no-untyped-def]
    for key in keys:
        await pilot.press(key)
        await settle(pilot)


async def open_member(pilot, kbo: str) -> None:  # type: ignore[no-untyped-def]
    """From the start: the Members screen, the cursor on ``kbo``, ``enter`` on its page."""
    from tui.app.screens.member_page import MemberPage

    await settle(pilot)
    await to(pilot, "m")
    table = pilot.app.screen.query_one(PagedTable).table
    table.move_cursor(row=table.get_row_index(kbo))
    await to(pilot, "enter")
    assert isinstance(pilot.app.screen, MemberPage)


@pytest.mark.parametrize(
    ("language", "unpaid", "without"),
    [
        ("en", "Not (fully) paid in the year", "Flemish enterprises without a mandate"),
        ("nl", "Niet (volledig) betaald in het jaar", "Vlaamse ondernemingen zonder mandaat"),
    ],
)
async def test_who_has_not_paid_and_whose_mandate_is_missing(
    app: MakeApp, language: str, unpaid: str, without: str
) -> None:
    tui = app(year=2025, language=language)
    name = "Naam" if language == "nl" else "Name"
    async with tui.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await to(pilot, "m")
        show = tui.screen.query_one("#show", Select)
        assert dict((v, str(p)) for p, v in show._options)["unpaid"] == unpaid
        show.value = "unpaid"
        await settle(pilot)
        assert shown(tui, name) == ["Hergebruik Buizen Kempen BV", "Recyclagecentrum Mandel NV"]
        show.value = "no-mandate"
        await settle(pilot)
        assert dict((v, str(p)) for p, v in show._options)["no-mandate"] == without
        # Isolatieschuim's mandate is dated 5 May 2025: on the app's today (3 March) it is
        # not held yet, however the year ends.
        assert shown(tui, name) == [
            "Isolatieschuim Herwinning BV",
            "Labo Polymeeranalyse Hasselt BV",
            "Vormenbouw Zennevallei BV",
        ]


async def test_a_fee_set_in_the_app_tells_who_paid_less(app: MakeApp) -> None:
    tui = app(year=2025)
    async with tui.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await to(pilot, "k")  # costs and fees
        table = tui.screen.query_one(PagedTable).table
        table.move_cursor(row=table.get_row_index("2025"))
        await to(pilot, "f")
        assert isinstance(tui.screen, FormScreen)
        await type_into(pilot, "#enterprise", "4.000,00")
        await to(pilot, "ctrl+s")
        assert notes(tui)[-1] == "Fees of 2025: 1 changed."
        assert shown(tui, "Fee enterprise")[2] == "€\xa04.000,00"
        await to(pilot, "m")
        tui.screen.query_one("#show", Select).value = "unpaid"
        await settle(pilot)
        assert len(shown(tui, "Name")) == 27
        key = "0487157259"  # Urban Plastic Loop BV paid 3,750 of 4,000
        row = tui.screen.query_one(PagedTable).table
        row.move_cursor(row=row.get_row_index(key))
        await to(pilot, "f")  # its own fee wins over its kind's
        await type_into(pilot, "#amount", "3750")
        await to(pilot, "enter")
        assert notes(tui)[-1] == "Urban Plastic Loop BV is expected to pay €\xa03.750,00 in 2025."
        assert key not in tui.screen.query_one(PagedTable).rows
        assert len(shown(tui, "Name")) == 26


async def test_costs_are_set_per_year_and_a_locked_year_refuses_at_once(app: MakeApp) -> None:
    tui = app(year=2025, language="nl")
    with tui.ledger.write() as tx:
        operations.lock_year(tx, queries.get_cluster(CLUSTER, session=tx.session), year=2023)
    async with tui.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await to(pilot, "k")
        table = tui.screen.query_one(PagedTable).table
        assert shown(tui, "Coördinatiekosten") == [
            "€\xa0240.000,00",
            "€\xa0330.000,00",
            "€\xa0310.000,00",
        ]
        await to(pilot, "e")  # 2023 is locked
        assert not isinstance(tui.screen, FormScreen)
        assert notes(tui)[-1].startswith("2023 is afgesloten: heropen het op het scherm Jaren")
        table.move_cursor(row=table.get_row_index("2024"))
        await to(pilot, "e")
        await type_into(pilot, "#amount", "300.000,00")
        await to(pilot, "ctrl+s")
        assert shown(tui, "Coördinatiekosten")[1] == "€\xa0300.000,00"
        assert shown(tui, "Plafond")[1] == "€\xa0150.000,00"


async def test_an_entry_finds_its_member_by_name_and_says_whose_number_it_is(
    app: MakeApp,
) -> None:
    tui = app(year=2025)
    async with tui.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await to(pilot, "c", "n")
        await type_into(pilot, "#kbo", "liege")  # accents and case do not matter
        assert text_of(tui, "#kbo-hint") == "Nouvelle Matière Liège SA (0511.759.627)"
        await type_into(pilot, "#kbo", "BV")
        assert "members fit: type more of the name, or the number" in text_of(tui, "#kbo-error")
        await type_into(pilot, "#kbo", "0511.759.627")
        assert text_of(tui, "#kbo-hint") == "Nouvelle Matière Liège SA (0511.759.627)"
        await type_into(pilot, "#kbo", "nouvelle matiere")
        await type_into(pilot, "#amount", "125")
        await to(pilot, "ctrl+s")
        assert not isinstance(tui.screen, FormScreen)
    with tui.ledger.read() as session:
        cluster = queries.get_cluster(CLUSTER, session=session)
        last = entries(cluster, session=session, year=2025).rows[-1]
    assert (last.kbo, last.entry.amount_cents) == (LIEGE, 12500)


@pytest.mark.parametrize(
    ("key", "typed", "column"), [("m", "liege", "Name"), ("c", "LIÈGE", "Name")]
)
async def test_every_table_filters_ignoring_accents_and_case(
    app: MakeApp, key: str, typed: str, column: str
) -> None:
    tui = app(year=2025)
    async with tui.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await to(pilot, key, "slash")
        await pilot.press(*typed)
        await settle(pilot)
        assert set(shown(tui, column)) == {"Nouvelle Matière Liège SA"}


async def test_the_audit_trail_reads_as_sentences_with_a_detail_pane(app: MakeApp) -> None:
    tui = app(year=2025, language="nl")
    async with tui.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await to(pilot, "a")
        what = shown(tui, "Wat")
        assert not any("{" in line for line in what)
        assert any(w.startswith("Uittreksel 94 (uittreksel-2025-094.xml) ingelezen") for w in what)
        reversal = next(i for i, w in enumerate(what) if w.startswith("Boeking 36 tegengeboekt"))
        assert "door boeking 110 (€\xa0-3.750,00)" in what[reversal]
        assert "Coördinatiekosten van 2025: €\xa0310.000,00 (was geen)" in what
        pane = text_of(tui, "#audit-detail")
        assert "Wanneer: " in pane and " CET · Wie: " in pane
        table = tui.screen.query_one(PagedTable).table
        table.move_cursor(row=reversal)  # the pane follows the cursor
        await settle(pilot)
        pane = text_of(tui, "#audit-detail")
        assert pane.startswith("Boeking 36 tegengeboekt door boeking 110")
        assert "Reden: Dubbel geboekt" in pane and "Tegenboeking van boeking: 36" in pane
        # An import: its sentence, and in the pane every column and the rows' fates.
        batch = next(i for i, w in enumerate(what) if w.startswith("bijdragen-2025.xlsx"))
        assert what[batch].endswith("geïmporteerd als batch 4: 36 rijen bijdragen")
        table.move_cursor(row=batch)
        await settle(pilot)
        pane = text_of(tui, "#audit-detail")
        assert "Kop in rij: 3" in pane
        assert "C 'Bedrag (EUR)': amount (synoniem)" in pane
        assert "38 rijen: 36 geïmporteerd, 1 totaal gecontroleerd, 1 leeg" in pane


async def test_a_table_exports_every_row_as_filtered(app: MakeApp, tmp_path: Path) -> None:
    tui = app(year=2025)
    target = tmp_path / "betaald.csv"
    async with tui.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await to(pilot, "c", "ctrl+e")
        assert isinstance(tui.screen, FormScreen)
        await type_into(pilot, "#path", str(target))
        await to(pilot, "ctrl+s")
        await settle(pilot)
        assert notes(tui)[-1] == f"Wrote 38 rows to {target}."
        await to(pilot, "ctrl+e")
        await type_into(pilot, "#path", str(target))
        await to(pilot, "ctrl+s")  # it exists: the form says so, in the app's words
        assert "already exists; tick 'Replace an existing file' to replace it" in text_of(
            tui, "#form-error"
        )
    with target.open(encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][:3] == ["No.", "Amount (EUR)", "Paid on"]
    assert rows[1][:3] == ["72", "6500.00", "2025-01-29"]
    assert len(rows) == 39


async def test_a_full_disk_is_said_in_the_apps_language_and_the_app_carries_on(
    app: MakeApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tui.app.screens.table

    def full(path: Path, *args: object, **kwargs: object) -> int:
        raise OSError(28, "No space left on device", str(path))

    monkeypatch.setattr(tui.app.screens.table, "write_table", full)  # the disk, not the ledger
    target = tmp_path / "leden.xlsx"
    tui_app = app(year=2025, language="nl")
    async with tui_app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await to(pilot, "m", "ctrl+e")
        await type_into(pilot, "#path", str(target))
        await to(pilot, "ctrl+s")
        await settle(pilot)
        assert notes(tui_app)[-1].startswith(f"de schijf met {target} is vol")
        assert "er is niets geschreven" in notes(tui_app)[-1]
        await to(pilot, "c")  # the app carries on
        assert tui_app.is_running and not target.exists()


async def test_a_change_made_elsewhere_shows_without_a_restart(
    app: MakeApp, tmp_path: Path
) -> None:
    tui = app(year=2025)
    async with tui.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await to(pilot, "c")
        before = tui.screen.query_one(PagedTable).total
        other = Ledger.open(tmp_path / "ledger.sqlite", origin="cli")  # another process
        with other.write() as tx:
            cluster = queries.get_cluster(CLUSTER, session=tx.session)
            operations.record_contribution(
                tx, cluster, kbo=LIEGE, year=2025, amount=Decimal("10"), note="from the cli"
            )
            operations.add_cluster(
                tx, name="Nieuwe Cluster", rule_set_id="ibn-2026", start_year=2026
            )
        other.dispose()
        tui.watch.poll()  # what the app's timer does every two seconds
        await settle(pilot)
        assert tui.screen.query_one(PagedTable).total == before + 1
        tui.watch.poll()  # nothing changed since: nothing read again
        await settle(pilot)
        await to(pilot, "d")
        options = [v for _, v in tui.screen.query_one("#cluster", Select)._options]
        assert "Nieuwe Cluster" in options


async def test_a_cluster_is_created_from_the_app(tmp_path: Path) -> None:
    from tui.app import make_app

    Ledger.open(tmp_path / "new.sqlite", create=True).dispose()
    tui = make_app(str(tmp_path / "new.sqlite"), language="en", poll=None)
    async with tui.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert text_of(tui, "#title") == "This ledger has no clusters yet: press n to add one."
        await to(pilot, "n")
        await type_into(pilot, "#name", "Circular Plastics")
        tui.screen.query_one("#rules", Select).value = "ibn-2026"
        await type_into(pilot, "#start", "2026")
        await type_into(pilot, "#kbo", "0403.170.701")
        await to(pilot, "ctrl+s")
        assert notes(tui)[-1] == "Cluster Circular Plastics added."
        assert "Circular Plastics · 2026 · Program year 1 of 3 · ibn-2026" in text_of(tui, "#title")


async def test_a_refusal_is_worded_for_the_app_in_its_language(app: MakeApp) -> None:
    tui = app(year=2023, language="nl")
    with tui.ledger.write() as tx:
        cluster = queries.get_cluster(CLUSTER, session=tx.session)
        fees.set_fee(tx, cluster, year=2023, amount=Decimal("1"), kind=MemberKind.OTHER)
        operations.lock_year(tx, cluster, year=2023)
    async with tui.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await to(pilot, "m", "f")
        await type_into(pilot, "#amount", "100")
        await to(pilot, "ctrl+s")
        error = text_of(tui, "#form-error")
        assert error == (
            "2023 van Circulaire Kunststoffen Vlaanderen is afgesloten; heropen het eerst op het "
            "scherm Jaren"
        )


@pytest.mark.parametrize("language", ["en", "nl"])
async def test_the_footer_shows_every_key_at_200_columns(app: MakeApp, language: str) -> None:
    from textual.widgets._footer import FooterKey

    from tui.app import NAVIGATION

    tui = app(year=2025, language=language)
    async with tui.run_test(size=(200, 50)) as pilot:
        for key, action, _ in NAVIGATION:
            if not action.startswith("switch_mode"):
                continue
            await to(pilot, key)
            keys = list(tui.screen.query(FooterKey))
            assert keys, tui.current_mode
            cut = [k.key for k in keys if k.region.right > 200 or not k.region.width]
            assert cut == [], (tui.current_mode, cut)
            # enter belongs to the table (its line names it); the rest are in the footer
            own = {k for k, _, _ in tui.screen.KEYS} - {"enter"}  # type: ignore[attr-defined]
            assert own <= {k.key for k in keys}, tui.current_mode


@pytest.mark.parametrize(
    ("language", "words"),
    [
        (
            "en",
            (
                "reversed by",
                "mandate given on 2022-11-09",
                "Kind: enterprise · from the start",
                "Structured communication for 2025: +++001/0001/02534+++",
            ),
        ),
        (
            "nl",
            (
                "tegengeboekt door",
                "mandaat gegeven op 2022-11-09",
                "Soort: onderneming",
                "Gestructureerde mededeling voor 2025: +++001/0001/02534+++",
            ),
        ),
    ],
)
async def test_enter_on_a_member_opens_its_page(
    app: MakeApp, language: str, words: tuple[str, str, str, str]
) -> None:

    tui = app(year=2025, language=language)
    kanaal = "0788966029"  # Compoundeerderij Kanaal BV: paid twice in 2024, one reversed
    async with tui.run_test(size=(160, 48)) as pilot:
        await open_member(pilot, kanaal)
        assert text_of(tui, "#page-title").startswith("Compoundeerderij Kanaal BV (0788.966.029)")
        assert text_of(tui, "#page-title").splitlines()[1] == words[3]  # what to pay with
        years = text_of(tui, "#page-years")
        line_2024 = next(line for line in years.splitlines() if line.strip().startswith("2024"))
        assert "€ -3.750,00" in line_2024.replace("\xa0", " ")
        assert words[0] in text_of(tui, "#page-entries")
        assert "bijdragen-2024.xlsx" in text_of(tui, "#page-batches")
        assert words[1] in text_of(tui, "#page-membership")
        assert words[2] in text_of(tui, "#page-facts")
        await to(pilot, "escape")  # back to the list
        assert tui.screen.query_one(PagedTable).selected_key() == kanaal


async def test_the_palette_speaks_the_apps_language(app: MakeApp) -> None:
    tui = app(year=2025, language="nl")
    async with tui.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await to(pilot, "m")
        titles = {c.title for c in tui.get_system_commands(tui.screen)}
        assert {"Leden", "Kosten", "Lid toevoegen", "Fiche van het lid", "Filteren"} <= titles
        assert {"Afsluiten", "Toetsen", "Thema", "Schermafdruk"} <= titles
        assert not titles & {"Quit", "Keys", "Theme", "Screenshot"}
        await to(pilot, "ctrl+p")
        field = tui.screen.query_one("CommandInput")
        assert field.placeholder == "Zoek een scherm of een actie…"  # type: ignore[attr-defined]
