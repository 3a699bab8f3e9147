"""The annual workbook: its sheets, figures, safety, reproducibility and checksum."""

from __future__ import annotations

import re
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from ledger import operations, queries
from ledger.errors import ConflictError, InputError
from ledger.identifiers import format_number
from ledger.money import from_cents
from ledger.payments import ogm
from ledger.report import write
from ledger.report.annual import write_annual
from ledger.report.verify import verify_report
from ledger.session import Ledger
from ledger.summary import cluster_summaries
from tests.report.conftest import (
    ALFA,
    CLUSTER,
    EVIL,
    FORMULA_NAME,
    KENNIS,
    LONG_NAME,
    PLUS,
    YEAR,
    get,
)


def export(ledger: Ledger, path: Path, year: int = YEAR, **kwargs: object) -> str:
    with ledger.read() as session:
        cluster = queries.get_cluster(CLUSTER, session=session)
        return write_annual(session, cluster, year, path, **kwargs).checksum  # type: ignore[arg-type]


def summary_values(path: Path) -> dict[str, object]:
    ws = load_workbook(path)["Summary"]
    return {row[0]: row[1] for row in ws.iter_rows(min_row=5, values_only=True) if row[0]}


def test_sheets_members_and_entries(report_ledger: Ledger, tmp_path: Path) -> None:
    path = tmp_path / "report.xlsx"
    export(report_ledger, path, lang="en")
    wb = load_workbook(path)
    assert wb.sheetnames == ["Summary", "Members", "Entries", "Checks"]
    members = list(wb["Members"].iter_rows(min_row=5, values_only=True))
    by_kbo = {row[0]: row for row in members}
    alfa = by_kbo[f"{ALFA[:4]}.{ALFA[4:7]}.{ALFA[7:]}"]
    assert alfa[1:5] == ("Alfa NV", "9000", "Flanders", "enterprise")
    assert alfa[7].date().isoformat() == "2026-02-01"
    assert alfa[8:11] == ("yes", 12500, "yes") and alfa[11] > 0
    kennis = by_kbo[f"{KENNIS[:4]}.{KENNIS[4:7]}.{KENNIS[7:]}"]
    assert kennis[4] == "knowledge institution" and kennis[10] == "no" and kennis[11] == 0
    # Each member's structured communication for the year: what its payment quotes.
    with report_ledger.read() as session:
        cluster = queries.get_cluster(CLUSTER, session=session)
        _, company = queries.get_membership(cluster, ALFA, session=session)
        expected = ogm.display(ogm.derive(cluster_id=cluster.id, company_id=company.id, year=YEAR))
    assert alfa[12] == expected and ogm.check(alfa[12])
    assert len({row[12] for row in members if row[12]}) == len([r for r in members if r[12]])
    entries = list(wb["Entries"].iter_rows(min_row=5, values_only=True))
    assert len(entries) == 6  # five entries of 2026 and the reversal; 2027's is left out
    original = next(e for e in entries if Decimal(str(e[3])) == Decimal("300.01"))
    reversal = next(e for e in entries if e[6] == original[0])
    assert reversal[3] == -original[3] and original[7] == reversal[0]
    assert reversal[8] == "+booked twice"
    assert {t.name for ws in wb.worksheets for t in ws.tables.values()} == {
        "Summary",
        "Members",
        "Entries",
        "Checks",
    }
    tables = {t.name: t for ws in wb.worksheets for t in ws.tables.values()}
    # Over the header and every data row, with the filter over the same cells.
    assert tables["Entries"].ref == "A4:M10" and tables["Members"].ref == "A4:M9"
    assert all(t.autoFilter.ref == t.ref for t in tables.values())
    assert [c.name for c in tables["Entries"].tableColumns][:4] == [
        "Entry",
        "Enterprise number",
        "Name",
        "Amount",
    ]


def test_figures_are_the_summary_commands(report_ledger: Ledger, tmp_path: Path) -> None:
    """The constants come from cluster_summaries; the formulas are checked by LibreOffice."""
    path = tmp_path / "report.xlsx"
    export(report_ledger, path, lang="en")
    with report_ledger.read() as session:
        (summary,) = cluster_summaries(get(report_ledger), session=session, year=YEAR)
    r = summary.result
    values = summary_values(path)
    assert values["Annual cap"] == from_cents(r.cap_cents)
    assert values["Ceiling"] == from_cents(r.ceiling_cents) == Decimal("10000")
    assert values["Coordination costs"] == Decimal("20000")
    assert values["Total contributions"] == "=SUM('Entries'!$D$5:$D$10)"
    assert (
        values["Counted contributions"]
        == "=SUMIFS('Entries'!$D$5:$D$10,'Entries'!$F$5:$F$10,\"yes\")"
    )
    assert values["Matched aid"] == "=MIN(MAX($B$14,0),$B$11)"
    assert values["Members"] == r.members == 5
    assert values["Program year"] == "1 of 3"
    checks = list(load_workbook(path)["Checks"].iter_rows(min_row=5, values_only=True))
    assert [c[1] for c in checks[:2]] == [
        from_cents(r.total_contributions_cents),
        from_cents(r.counted_contributions_cents),
    ]
    failed = {c[0] for c in checks[5:] if c[3] == "FAIL"}
    assert failed == {"At least 30 Flemish enterprises with a mandate"}


def test_dutch_is_the_default(report_ledger: Ledger, tmp_path: Path) -> None:
    path = tmp_path / "rapport.xlsx"
    export(report_ledger, path)
    wb = load_workbook(path)
    assert wb.sheetnames == ["Samenvatting", "Leden", "Boekingen", "Controles"]
    assert wb["Samenvatting"]["A1"].value == f"Jaarverslag {CLUSTER} {YEAR}"
    assert wb.properties.title == f"Jaarverslag {CLUSTER} {YEAR}"
    assert wb.properties.creator == "cluster-ledger"
    assert "ibn-2026" in wb.properties.keywords


def test_warnings_are_in_the_reports_language(report_ledger: Ledger, tmp_path: Path) -> None:
    """Two Flemish enterprises with a mandate where ibn-2026 asks 30: the warning reads in
    the report's own language, on the summary sheet and beside its rule on the checks."""
    dutch, english = tmp_path / "nl.xlsx", tmp_path / "en.xlsx"
    export(report_ledger, dutch)
    export(report_ledger, english, lang="en")

    def texts(path: Path) -> str:
        wb = load_workbook(path)
        cells = (c for ws in wb for row in ws.iter_rows(values_only=True) for c in row)
        return "\n".join(str(c) for c in cells if isinstance(c, str))

    said = "Vlaamse ondernemingen met een mandaat: 2 van de 30 die ibn-2026 vraagt (nog 28 nodig)"
    assert texts(dutch).count(said) == 2
    assert "Flemish enterprises with a mandate" not in texts(dutch)
    assert (
        texts(english).count(
            "Flemish enterprises with a mandate: 2 of the 30 that ibn-2026 asks for (28 more needed)"
        )
        == 2
    )


def test_open_year_is_provisional_on_every_sheet(report_ledger: Ledger, tmp_path: Path) -> None:
    open_path, locked_path = tmp_path / "open.xlsx", tmp_path / "locked.xlsx"
    export(report_ledger, open_path, lang="en")
    with report_ledger.write() as tx:
        operations.lock_year(tx, get(report_ledger), year=YEAR)
    export(report_ledger, locked_path, lang="en")
    for ws in load_workbook(open_path).worksheets:
        assert ws["A2"].value.startswith("PROVISIONAL"), ws.title
        assert ws.oddHeader.right.text == "PROVISIONAL"
        assert ws.freeze_panes == "A5" and ws.print_title_rows == "$4:$4"
        assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        # One page wide (1 is the default width, which a writer may leave out), any length.
        assert (ws.page_setup.fitToWidth or 1) == 1 and ws.page_setup.fitToHeight == 0
    for ws in load_workbook(locked_path).worksheets:
        assert ws["A2"].value == "Final: the year is locked", ws.title
        assert not ws.oddHeader.right.text


def cell_xml(path: Path, sheet: int) -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read(f"xl/worksheets/sheet{sheet}.xml").decode()


def test_text_from_the_ledger_is_never_a_formula(report_ledger: Ledger, tmp_path: Path) -> None:
    path = tmp_path / "report.xlsx"
    export(report_ledger, path, lang="en")
    members, entries = cell_xml(path, 2), cell_xml(path, 3)
    assert "<f>" not in members  # no formulas at all on the members sheet
    formulas = re.findall(r"<f>(.*?)</f>", entries)
    assert formulas == []
    for text in ("=1+2", "@SUM(A1)", "-5", "+booked twice", "+Plus &amp; Min BV"):
        assert f"<t>{text}</t>" in entries, text
    assert f"<t>{FORMULA_NAME}</t>" in members
    wb = load_workbook(path)
    names = [row[1] for row in wb["Members"].iter_rows(min_row=5, values_only=True)]
    assert FORMULA_NAME in names and LONG_NAME in names
    assert wb["Members"]["B5"].data_type == "s"
    assert wb["Members"].column_dimensions["B"].width <= 60  # a long name does not widen it


def test_same_state_same_bytes_and_a_change_changes_the_checksum(
    report_ledger: Ledger, tmp_path: Path
) -> None:
    first, second, third = tmp_path / "a.xlsx", tmp_path / "b.xlsx", tmp_path / "c.xlsx"
    checksum = export(report_ledger, first)
    assert export(report_ledger, second) == checksum
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as archive:
        assert {i.date_time for i in archive.infolist()} == {write.ZIP_TIME}
    with report_ledger.write() as tx:
        operations.record_contribution(
            tx, get(report_ledger), kbo=ALFA, year=YEAR, amount=Decimal("0.01")
        )
    assert export(report_ledger, third) != checksum
    with report_ledger.read() as session:
        verdict = verify_report(first, session=session)
    assert not verdict.ok
    assert "the entries differ" in verdict.problems[0]


def test_a_change_to_another_year_leaves_the_checksum(
    report_ledger: Ledger, tmp_path: Path
) -> None:
    checksum = export(report_ledger, tmp_path / "a.xlsx")
    with report_ledger.write() as tx:
        operations.record_contribution(
            tx, get(report_ledger), kbo=EVIL, year=YEAR + 1, amount=Decimal("1.00")
        )
    assert export(report_ledger, tmp_path / "b.xlsx") == checksum


def test_verify_ok_and_tampered(report_ledger: Ledger, tmp_path: Path) -> None:
    path, edited = tmp_path / "report.xlsx", tmp_path / "edited.xlsx"
    checksum = export(report_ledger, path)
    with report_ledger.read() as session:
        assert verify_report(path, session=session).ok
    wb = load_workbook(path)
    ws = wb["Samenvatting"]
    (cell,) = [row[1] for row in ws.iter_rows(min_row=5) if row[1].value == checksum]
    cell.value = "0" * 64
    wb.save(edited)
    with report_ledger.read() as session:
        verdict = verify_report(edited, session=session)
    assert not verdict.ok
    assert verdict.problems[1:] == [
        f"the checksum shown in the workbook ({'0' * 64}) differs from the one recorded when "
        f"it was written ({checksum}): the workbook was edited"
    ]
    assert verdict.problems[0].startswith(
        f"the workbook was edited: cell Samenvatting!B{cell.row} (Controlegetal grootboek "
    )


@pytest.mark.parametrize("year", [YEAR - 1, YEAR + 3])
def test_a_year_outside_the_program_is_refused(
    report_ledger: Ledger, tmp_path: Path, year: int
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(InputError) as caught:
        export(report_ledger, out / "report.xlsx", year=year)
    assert str(caught.value) == (
        f"--year: {year} is outside the program of {CLUSTER}: ibn-2026 runs 3 years, 2026-2028"
    )
    assert list(out.iterdir()) == []


def test_an_existing_file_is_kept_unless_forced(report_ledger: Ledger, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    path = out / "report.xlsx"
    path.write_bytes(b"keep me")
    with pytest.raises(ConflictError) as caught:
        export(report_ledger, path)
    assert str(caught.value) == f"--output: {path} already exists; pass --force to replace it"
    assert path.read_bytes() == b"keep me"
    export(report_ledger, path, force=True)
    assert path.read_bytes().startswith(b"PK")
    assert [p.name for p in out.iterdir()] == ["report.xlsx"]


def test_members_without_contribution_and_unknown_language(
    report_ledger: Ledger, tmp_path: Path
) -> None:
    with pytest.raises(InputError) as caught:
        export(report_ledger, tmp_path / "r.xlsx", lang="fr")
    assert str(caught.value) == "'fr' is not a report language; expected one of nl, en"
    # 2027: one entry only, but every active member is listed
    path = tmp_path / "2027.xlsx"
    export(report_ledger, path, year=YEAR + 1, lang="en")
    wb = load_workbook(path)
    assert len(list(wb["Members"].iter_rows(min_row=5))) == 5
    assert len(list(wb["Entries"].iter_rows(min_row=5))) == 1
    assert wb["Entries"]["B5"].value == format_number(PLUS)  # the one who paid


def test_no_mandate_condition_where_the_rule_set_asks_none(ledger: Ledger, tmp_path: Path) -> None:
    with ledger.write() as tx:
        cluster = operations.add_cluster(tx, name="Old", rule_set_id="ibn-2020", start_year=2023)
        operations.add_member(tx, cluster, kbo=ALFA, name="Alfa NV", postcode="9000")
        operations.record_contribution(tx, cluster, kbo=ALFA, year=2023, amount=Decimal("10"))
    path = tmp_path / "old.xlsx"
    with ledger.read() as session:
        write_annual(session, queries.get_cluster("Old", session=session), 2023, path, lang="en")
    checks = [
        row[0] for row in load_workbook(path)["Checks"].iter_rows(min_row=10, values_only=True)
    ]
    assert checks == [
        "Year within the program duration (3 years)",
        "Coordination costs recorded",
        "No contributions from non-members",
    ]
