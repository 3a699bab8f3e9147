"""verify-report reads the workbook: each kind of edited cell is found and named.

Each test exports the annual report, edits one thing as someone with Excel would (a
figure, a formula turned into its value, the status line, an entry, a member, a format,
an extra row) and expects a MISMATCH naming the first cell that differs.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from openpyxl.packaging.custom import StringProperty

from ledger import operations
from ledger.report import document
from ledger.report.annual import write_annual
from ledger.report.verify import verify_report
from ledger.session import Ledger
from tests.report.conftest import ALFA, CLUSTER, YEAR, get, report_ledger  # noqa: F401


def export(ledger: Ledger, path: Path) -> None:
    with ledger.read() as session:
        write_annual(session, get(ledger), YEAR, path, lang="nl")


def edited(ledger: Ledger, tmp_path: Path, change: Callable[[Any], None]) -> list[str]:
    """The problems verify-report finds in the report after ``change(workbook)``."""
    path = tmp_path / "report.xlsx"
    export(ledger, path)
    wb = load_workbook(path)
    change(wb)
    wb.save(path)
    with ledger.read() as session:
        verdict = verify_report(path, session=session)
    assert not verdict.ok
    return verdict.problems


def cell_of(ws: Any, label: str) -> Any:
    """The value cell (column B) of the summary row labelled ``label``."""
    (found,) = [row[1] for row in ws.iter_rows(min_row=5) if row[0].value == label]
    return found


def test_a_report_saved_again_unchanged_still_verifies(
    report_ledger: Ledger,  # noqa: F811
    tmp_path: Path,
) -> None:
    path = tmp_path / "report.xlsx"
    export(report_ledger, path)
    load_workbook(path).save(path)  # opened and saved by a spreadsheet library, nothing edited
    with report_ledger.read() as session:
        assert verify_report(path, session=session).problems == []


def test_the_ceiling(report_ledger: Ledger, tmp_path: Path) -> None:  # noqa: F811
    def change(wb: Any) -> None:
        cell_of(wb["Samenvatting"], "Maximale steun dit jaar").value = 12500

    assert edited(report_ledger, tmp_path, change) == [
        "the workbook was edited: cell Samenvatting!B11 (Maximale steun dit jaar, Waarde) holds "
        "12500 where the ledger's report has 10000"
    ]


def test_the_costs(report_ledger: Ledger, tmp_path: Path) -> None:  # noqa: F811
    def change(wb: Any) -> None:
        cell_of(wb["Samenvatting"], "Coördinatiekosten").value = 25000

    (problem,) = edited(report_ledger, tmp_path, change)
    assert problem == (
        "the workbook was edited: cell Samenvatting!B12 (Coördinatiekosten, Waarde) holds 25000 "
        "where the ledger's report has 20000"
    )


def test_matched_aid_turned_from_a_formula_into_a_constant(
    report_ledger: Ledger,  # noqa: F811
    tmp_path: Path,
) -> None:
    def change(wb: Any) -> None:
        cell_of(wb["Samenvatting"], "Gematchte steun").value = 10000

    (problem,) = edited(report_ledger, tmp_path, change)
    assert problem == (
        "the workbook was edited: cell Samenvatting!B15 (Gematchte steun, Waarde) holds 10000 "
        "where the ledger's report has the formula =MIN(MAX($B$14,0),$B$11)"
    )


def test_provisional_made_final(report_ledger: Ledger, tmp_path: Path) -> None:  # noqa: F811
    def change(wb: Any) -> None:
        for ws in wb.worksheets:
            ws["A2"].value = "DEFINITIEF"

    (problem,) = edited(report_ledger, tmp_path, change)
    assert problem.startswith(
        "the workbook was edited: cell Samenvatting!A2 holds 'DEFINITIEF' where the ledger's "
        "report has 'VOORLOPIG"
    )
    assert problem.endswith("(3 more cells differ)")


def test_an_entrys_amount(report_ledger: Ledger, tmp_path: Path) -> None:  # noqa: F811
    def change(wb: Any) -> None:
        wb["Boekingen"]["D5"].value = 125000

    (problem,) = edited(report_ledger, tmp_path, change)
    assert problem == (
        "the workbook was edited: cell Boekingen!D5 (1, Bedrag) holds 125000 where the "
        "ledger's report has 12500"
    )


def test_a_members_name_made_up(report_ledger: Ledger, tmp_path: Path) -> None:  # noqa: F811
    def change(wb: Any) -> None:
        wb["Leden"]["B5"].value = "Someone Else NV"

    (problem,) = edited(report_ledger, tmp_path, change)
    assert problem == (
        "the workbook was edited: cell Leden!B5 (0123.456.749, Naam) holds 'Someone Else NV' "
        "where the ledger's report has 'KU Kennis'"
    )


def test_a_members_earlier_name_is_no_mismatch(
    report_ledger: Ledger,  # noqa: F811
    tmp_path: Path,
) -> None:
    """A name corrected after the report: the report showed a name the company had."""
    path = tmp_path / "report.xlsx"
    export(report_ledger, path)
    with report_ledger.write() as tx:
        operations.update_company(tx, kbo=ALFA, name="Alfa Holding NV")
    with report_ledger.read() as session:
        problems = verify_report(path, session=session).problems
    # The checksum still covers names today; no cell is named for the rename itself.
    assert not any("cell Leden!B5" in p or "cell Boekingen!C5" in p for p in problems)


def test_a_number_format_that_shows_another_figure(
    report_ledger: Ledger,  # noqa: F811
    tmp_path: Path,
) -> None:
    def change(wb: Any) -> None:
        cell_of(wb["Samenvatting"], "Overschot").number_format = '"0,00 €"'

    (problem,) = edited(report_ledger, tmp_path, change)
    assert problem.startswith("the workbook was edited: cell Samenvatting!B17 (Overschot, Waarde)")
    assert problem.endswith("as its number format")


@pytest.mark.parametrize("where", ["Leden", "Controles"])
def test_a_row_added(report_ledger: Ledger, tmp_path: Path, where: str) -> None:  # noqa: F811
    def change(wb: Any) -> None:
        wb[where].append(["Goedgekeurd door de raad"])

    (problem,) = edited(report_ledger, tmp_path, change)
    assert "holds 'Goedgekeurd door de raad' where the ledger's report has nothing" in problem


def test_a_sheet_added(report_ledger: Ledger, tmp_path: Path) -> None:  # noqa: F811
    def change(wb: Any) -> None:
        wb.create_sheet("Extra")["A1"] = "x"

    assert edited(report_ledger, tmp_path, change) == [
        "the workbook was edited: sheet 'Extra' is not in the ledger's report"
    ]


def test_a_report_from_before_the_language_and_parts_properties_verifies(
    report_ledger: Ledger,  # noqa: F811
    tmp_path: Path,
) -> None:
    """Reports written earlier say their language in the core properties and keep the
    parts' digests as one JSON property: verify-report reads them that way too."""
    path = tmp_path / "report.xlsx"
    with report_ledger.read() as session:
        write_annual(session, get(report_ledger), YEAR, path, lang="en")
    wb = load_workbook(path)
    props = {p.name: p.value for p in wb.custom_doc_props}
    parts = {
        k.removeprefix(document.PROP_PART_PREFIX): v
        for k, v in props.items()
        if k.startswith(document.PROP_PART_PREFIX)
    }
    kept = [k for k in props if k != document.PROP_LANGUAGE and k not in parts and "." not in k]
    wb.custom_doc_props.props = [StringProperty(name=k, value=props[k]) for k in kept]
    wb.custom_doc_props.append(StringProperty(name="LedgerParts", value=json.dumps(parts)))
    wb.properties.language = "en"
    wb.save(path)
    with report_ledger.read() as session:
        assert verify_report(path, session=session).problems == []
    with report_ledger.write() as tx:
        operations.record_contribution(
            tx, get(report_ledger), kbo=ALFA, year=YEAR, amount=Decimal("1.00")
        )
    with report_ledger.read() as session:
        problems = verify_report(path, session=session).problems
    assert "the ledger has changed since the report was written: the entries differ" in problems[0]
