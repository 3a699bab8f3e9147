"""verify-report's findings are problems with codes: the command line's English as it has
always printed them, and the same verdict worded in Dutch for a Dutch face."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from ledger import operations
from ledger.errors import InputError
from ledger.report.verify import read_report, verify_report
from ledger.session import Ledger
from ledger.words import CATALOGUE
from tests.report.conftest import ALFA, CLUSTER, YEAR, get, report_ledger  # noqa: F401
from tests.report.test_verify_cells import export


def test_a_changed_ledger_is_named_part_by_part_in_either_language(
    report_ledger: Ledger,  # noqa: F811
    tmp_path: Path,
) -> None:
    path = tmp_path / "report.xlsx"
    export(report_ledger, path)
    with report_ledger.write() as tx:
        operations.record_contribution(
            tx, get(report_ledger), kbo=ALFA, year=YEAR, amount=Decimal("0.01")
        )
    with report_ledger.read() as session:
        verdict = verify_report(path, session=session)
    assert not verdict.ok
    codes = [p.code for p in verdict.found]
    assert "report_check.ledger_changed" in codes
    english = verdict.describe(Path("report.xlsx"))
    dutch = verdict.describe(Path("report.xlsx"), "nl")
    assert english.startswith(
        f"MISMATCH: report.xlsx does not match the ledger ({CLUSTER}, {YEAR}):"
    )
    assert "  - the ledger has changed since the report was written: the entries differ" in english
    assert dutch.startswith(
        f"VERSCHIL: report.xlsx komt niet overeen met het grootboek ({CLUSTER}, {YEAR}):"
    )
    assert (
        "  - het grootboek is gewijzigd sinds het rapport werd geschreven: de boekingen " in dutch
    )
    assert "the entries" not in dutch
    # the English list the command line prints is the problems' English words
    assert verdict.problems == [line[4:] for line in english.splitlines()[1:]]


def test_an_edited_checksum_and_a_good_report_in_dutch(
    report_ledger: Ledger,  # noqa: F811
    tmp_path: Path,
) -> None:
    path = tmp_path / "report.xlsx"
    export(report_ledger, path)
    with report_ledger.read() as session:
        verdict = verify_report(path, session=session)
    assert verdict.describe(Path("r.xlsx"), "nl").startswith(
        f"OK: r.xlsx komt overeen met het grootboek ({CLUSTER}, {YEAR}; controlegetal "
    )
    wb = load_workbook(path)
    wb["Samenvatting"].cell(row=1, column=1).value = "bewerkt"
    wb.save(path)
    with report_ledger.read() as session:
        verdict = verify_report(path, session=session)
    assert [p.code for p in verdict.found] == ["report_check.cell_edited"]
    assert (
        verdict.describe(Path("r.xlsx"), "nl")
        .splitlines()[1]
        .startswith("  - de werkmap werd bewerkt: cell Samenvatting!A1")
    )


def test_a_file_that_is_no_report_is_refused_in_both_languages(tmp_path: Path) -> None:
    missing, text = tmp_path / "nothing.xlsx", tmp_path / "text.xlsx"
    text.write_text("not a workbook")
    with pytest.raises(InputError) as gone:
        read_report(missing)
    assert str(gone.value) == f"FILE: {missing} does not exist or is not a file"
    assert gone.value.problem is not None
    assert gone.value.problem.text("nl") == f"{missing} bestaat niet of is geen bestand"
    with pytest.raises(InputError) as bad:
        read_report(text)
    assert str(bad.value) == f"FILE: cannot read {text}: it is not an Excel workbook (.xlsx)"
    assert bad.value.problem is not None
    assert bad.value.problem.text("nl") == (
        f"{text} kan niet gelezen worden: het is geen Excel-werkmap (.xlsx)"
    )


def test_every_verify_report_text_has_dutch_words() -> None:
    codes = [c for c in CATALOGUE if c.startswith("report_check.")]
    assert len(codes) >= 20
    for code in codes:
        assert CATALOGUE[code]["nl"], code
        if not code.startswith("report_check.covers_year"):
            assert CATALOGUE[code]["nl"] != CATALOGUE[code]["en"], code
