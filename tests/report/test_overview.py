"""The multi-year overview: every program year, totals, chart, state and checksum."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from openpyxl import load_workbook

from ledger import operations, queries
from ledger.report.overview import write_overview
from ledger.report.verify import verify_report
from ledger.session import Ledger
from tests.report.conftest import ALFA, CLUSTER, YEAR, get


def export(ledger: Ledger, path: Path, lang: str = "en") -> str:
    with ledger.read() as session:
        cluster = queries.get_cluster(CLUSTER, session=session)
        return write_overview(session, cluster, path, lang=lang).checksum


def test_every_program_year_and_the_years_beyond(report_ledger: Ledger, tmp_path: Path) -> None:
    with report_ledger.write() as tx:  # the fourth year of a three-year program
        operations.set_costs(tx, get(report_ledger), year=YEAR + 3, amount=Decimal("100.00"))
    path = tmp_path / "overview.xlsx"
    export(report_ledger, path)
    ws = load_workbook(path)["Overview"]
    rows = list(ws.iter_rows(min_row=5, max_row=8, max_col=3, values_only=True))
    assert rows == [
        (YEAR, "1 of 3", "open (provisional)"),
        (YEAR + 1, "2 of 3", "open (provisional)"),
        (YEAR + 2, "3 of 3", "open (provisional)"),
        (YEAR + 3, "beyond the program", "open (provisional)"),
    ]
    assert ws["A9"].value == "Total" and ws["G9"].value == "=SUM(G5:G8)"
    assert ws["A2"].value.startswith("PROVISIONAL")
    (chart,) = ws._charts
    assert len(chart.series) == 3


def test_locked_years_final_and_reproducible(report_ledger: Ledger, tmp_path: Path) -> None:
    cluster = get(report_ledger)
    with report_ledger.write() as tx:
        for year in (YEAR, YEAR + 1, YEAR + 2):
            operations.lock_year(tx, cluster, year=year)
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    checksum = export(report_ledger, first, lang="nl")
    assert export(report_ledger, second, lang="nl") == checksum
    assert first.read_bytes() == second.read_bytes()
    ws = load_workbook(first)["Overzicht"]
    assert ws["A2"].value == "Definitief: alle jaren zijn afgesloten"
    with report_ledger.read() as session:
        assert verify_report(first, session=session).ok
    with report_ledger.write() as tx:
        operations.reopen_year(tx, cluster, year=YEAR + 1, reason="late invoice")
        operations.record_contribution(
            tx, cluster, kbo=ALFA, year=YEAR + 1, amount=Decimal("10.00")
        )
    with report_ledger.read() as session:
        verdict = verify_report(first, session=session)
    assert not verdict.ok
    assert "the entries, the lock state differ" in verdict.problems[0]
