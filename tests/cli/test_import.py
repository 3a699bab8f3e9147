"""``cluster-ledger import``: dry run, commit, idempotency, conflicts, undo, list, members, costs."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from tests.cli.conftest import Run
from tests.importers.workbooks import ALFA, KENNIS, contributions, dump, write_xlsx

CLUSTER = "Circular Plastics"
PAID = date(2026, 3, 15)


def _entries(cli: Run) -> list[dict]:
    return json.loads(cli("contribution", "list", "--cluster", CLUSTER, "--json").stdout)


def test_dry_run_shows_counts_and_writes_nothing(
    demo_cluster: Run, db_target: str, tmp_path: Path
) -> None:
    path = contributions(
        tmp_path / "bijdragen.xlsx",
        [ALFA, "Alfa NV", "€ 1 234,56", PAID],
        [KENNIS, "KU Kennis", 500, "31/03/2026"],
    )
    before = dump(db_target)
    out = demo_cluster("import", str(path), "--cluster", CLUSTER).stdout
    assert out.splitlines() == [
        "bijdragen.xlsx: sheet 'Bijdragen': contributions, header in row 2, 2 rows, year 2026",
        "  Columns:",
        "    A   Ondernemingsnummer  kbo (a synonym)",
        "    B   Naam                name (a synonym)",
        "    C   Bedrag              amount (a synonym)",
        "    D   Betaald op          paid_on (a synonym)",
        "  2 new · 0 updated · 0 unchanged · 0 conflicting · 0 invalid",
        "  2 rows: 2 to import",
        "Dry run: nothing written; add --commit to import these 2 rows",
    ]
    assert dump(db_target) == before


def test_commit_lands_every_row_once_and_again_adds_nothing(
    demo_cluster: Run, tmp_path: Path
) -> None:
    path = contributions(
        tmp_path / "bijdragen.xlsx",
        [ALFA, "Alfa NV", "€ 1 234,56", PAID],
        [ALFA, "Alfa NV", "€ 1 234,56", PAID],  # the same payment twice is two entries
        [KENNIS, "KU Kennis", 500, "31/03/2026"],
    )
    out = demo_cluster("import", str(path), "--cluster", CLUSTER, "--commit").stdout
    assert "Imported 3 rows as batch 1; undo with 'cluster-ledger import undo 1" in out
    entries = _entries(demo_cluster)
    assert [(e["kbo"], e["amount"], e["paid"], e["source"]) for e in entries] == [
        ("0403170701", "1234.56", "2026-03-15", "bijdragen.xlsx:Bijdragen:row 3"),
        ("0403170701", "1234.56", "2026-03-15", "bijdragen.xlsx:Bijdragen:row 4"),
        ("0123456749", "500.00", "2026-03-31", "bijdragen.xlsx:Bijdragen:row 5"),
    ]
    again = demo_cluster("import", str(path), "--cluster", CLUSTER, "--commit").stdout
    assert again == (
        "bijdragen.xlsx: sheet 'Bijdragen': already imported as batch 1; nothing to add\n"
    )
    assert len(_entries(demo_cluster)) == 3


def test_a_new_version_of_the_file_adds_new_rows_and_reports_changed_ones(
    demo_cluster: Run, db_target: str, tmp_path: Path
) -> None:
    first = [ALFA, "Alfa NV", 1000, PAID]
    contributions(tmp_path / "v1.xlsx", first)
    demo_cluster("import", str(tmp_path / "v1.xlsx"), "--cluster", CLUSTER, "--commit")
    # Same source, one row unchanged and one new: only the new one lands.
    contributions(tmp_path / "v2.xlsx", first, [KENNIS, "KU Kennis", 50, PAID])
    out = demo_cluster("import", str(tmp_path / "v2.xlsx"), "--cluster", CLUSTER, "--commit")
    assert "  1 new · 0 updated · 1 unchanged · 0 conflicting · 0 invalid" in out.stdout
    assert len(_entries(demo_cluster)) == 2
    # The first row's amount changed since: a conflict, never a second entry.
    contributions(tmp_path / "v3.xlsx", [ALFA, "Alfa NV", 1200, PAID])
    before = dump(db_target)
    args = ("import", str(tmp_path / "v3.xlsx"), "--cluster", CLUSTER, "--commit")
    result = demo_cluster(*args, expect=1)
    assert result.stderr == (
        "cluster-ledger: error: v3.xlsx: sheet 'Bijdragen': row 3: this row changed since "
        "batch 1 imported it; it is not imported twice; undo batch 1 ('import undo 1') and "
        "import the file again\n"
    )
    assert "  0 new · 0 updated · 0 unchanged · 1 conflicting · 0 invalid" in result.stdout
    assert dump(db_target) == before
    # Undo the batch, and the corrected file imports.
    out = demo_cluster("import", "undo", "1", "--reason", "amount corrected").stdout
    assert out == "Undid batch 1 as batch 3: 1 entries reversed\n"
    demo_cluster(*args)
    entries = _entries(demo_cluster)
    assert [(e["amount"], e["reverses"]) for e in entries] == [
        ("1000.00", None),
        ("50.00", None),
        ("-1000.00", 1),
        ("1200.00", None),
    ]


def test_import_list_and_undo(demo_cluster: Run, tmp_path: Path) -> None:
    path = contributions(tmp_path / "b.xlsx", [ALFA, "Alfa NV", 100, PAID])
    demo_cluster("import", str(path), "--cluster", CLUSTER, "--commit")
    demo_cluster("import", "undo", "1", "--reason", "wrong file")
    listed = json.loads(demo_cluster("import", "list", "--cluster", CLUSTER, "--json").stdout)
    assert [(b["batch"], b["what"], b["rows"], b["undoes"], b["undone_by"]) for b in listed] == [
        (1, "contributions", 1, None, 2),
        (2, "contributions", 1, 1, None),
    ]
    table = demo_cluster("import", "list", "--cluster", CLUSTER).stdout
    assert "undone by 2" in table and "undoes 1" in table
    again = demo_cluster("import", "undo", "1", "--reason", "twice", expect=1)
    assert again.stderr == "cluster-ledger: error: batch 1 was already undone by batch 2\n"
    missing = demo_cluster("import", "undo", "9", "--reason", "x", expect=1)
    assert missing.stderr == (
        "cluster-ledger: error: import batch 9 does not exist; see 'import list'\n"
    )
    # After the undo the same file is new again.
    out = demo_cluster("import", str(path), "--cluster", CLUSTER, "--commit").stdout
    assert "Imported 1 rows as batch 3" in out


def test_undo_in_a_locked_year_is_refused(
    demo_cluster: Run, db_target: str, tmp_path: Path
) -> None:
    path = contributions(tmp_path / "b.xlsx", [ALFA, "Alfa NV", 100, PAID])
    demo_cluster("import", str(path), "--cluster", CLUSTER, "--commit")
    demo_cluster("year", "lock", "--cluster", CLUSTER, "--year", "2026")
    before = dump(db_target)
    result = demo_cluster("import", "undo", "1", "--reason", "x", expect=1)
    assert result.stderr == (
        "cluster-ledger: error: 2026 of Circular Plastics is locked; reopen it with "
        "'year reopen --reason' first\n"
    )
    assert dump(db_target) == before


MEMBERS_HEADER = ["KBO-nr.", "Bedrijf", "Post code", "Soort", "Lid sinds", "Mandaat", "Gewest"]


def test_members_import_creates_and_updates_members(demo_cluster: Run, tmp_path: Path) -> None:
    rows = [
        ["Ledenlijst"],
        MEMBERS_HEADER,
        ["BE0403170701", "Alfa NV", 9000, "KMO", None, "01/02/2026", None],  # as it is
        [202239951, "Proximus NV", 1030, "Grote onderneming", date(2026, 1, 1), None, "Vlaanderen"],
        ["0417.497.106", "Universiteit X", "3000", "universiteit", None, None, None],
    ]
    path = write_xlsx(tmp_path / "leden.xlsx", {"Leden": rows})
    out = demo_cluster("import", str(path), "--cluster", CLUSTER, "--commit").stdout
    assert "  2 new · 0 updated · 1 unchanged · 0 conflicting · 0 invalid" in out
    assert "Imported 2 rows as batch 1\n" in out
    members = {
        m["kbo"]: m
        for m in json.loads(demo_cluster("member", "list", "--cluster", CLUSTER, "--json").stdout)
    }
    proximus = members["0202239951"]  # the numeric cell's lost leading zero is back
    assert (proximus["kind"], proximus["postcode"], proximus["joined"]) == (
        "enterprise",
        "1030",
        "2026-01-01",
    )
    assert proximus["region"] == "flanders"  # the Gewest column overrides Brussels' postcode
    assert members["0417497106"]["kind"] == "knowledge_institution"
    # The same list with a new mandate date: an update, not a new member.
    rows[4][5] = date(2026, 5, 1)
    write_xlsx(tmp_path / "leden.xlsx", {"Leden": rows})
    out = demo_cluster("import", str(path), "--cluster", CLUSTER, "--commit").stdout
    assert "  0 new · 1 updated · 2 unchanged · 0 conflicting · 0 invalid" in out
    listed = json.loads(demo_cluster("member", "list", "--cluster", CLUSTER, "--json").stdout)
    assert next(m for m in listed if m["kbo"] == "0417497106")["mandate"] == "2026-05-01"


def test_costs_import_sets_each_years_costs(demo_cluster: Run, tmp_path: Path) -> None:
    rows = [["Kosten"], ["Werkjaar", "Coördinatiekosten (EUR)"], [2026, "20.000,00"]]
    path = write_xlsx(tmp_path / "kosten.xlsx", {"Kosten": rows})
    out = demo_cluster("import", str(path), "--cluster", CLUSTER, "--commit").stdout
    assert out.startswith("kosten.xlsx: sheet 'Kosten': costs, header in row 2, 1 rows\n")
    (year,) = json.loads(demo_cluster("summary", "--cluster", CLUSTER, "--json").stdout)
    assert year["ceiling"] == "10000.00"


def test_sheet_year_and_what_options(demo_cluster: Run, tmp_path: Path) -> None:
    sheet = [["Ondernemingsnummer", "Bedrag"], [ALFA, 10]]
    path = write_xlsx(tmp_path / "b.xlsx", {"Eerste": sheet, "Tweede": sheet})
    base = ("import", str(path), "--cluster", CLUSTER)
    both = demo_cluster(*base, expect=1)
    assert both.stderr == (
        "cluster-ledger: error: b.xlsx: sheets 'Eerste' and 'Tweede' both hold a contributions "
        "table; choose one with --sheet\n"
    )
    no_year = demo_cluster(*base, "--sheet", "Tweede", expect=1)
    assert no_year.stderr == (
        "cluster-ledger: error: no year: the sheet has no year column and neither its name "
        "nor a title line gives one; add --year\n"
    )
    out = demo_cluster(*base, "--sheet", "Tweede", "--year", "2026", "--what", "contributions")
    assert "b.xlsx: sheet 'Tweede': contributions, header in row 1, 1 rows, year 2026" in out.stdout
    wrong = demo_cluster(*base, "--what", "payments", expect=1)
    assert wrong.stderr == (
        "cluster-ledger: error: --what: 'payments' is not something to import; expected "
        "members, contributions, costs, projects or project-partners\n"
    )


def test_a_hidden_sheet_named_with_sheet_is_read_and_said(
    demo_cluster: Run, tmp_path: Path
) -> None:
    rows = [["Bijdragen 2026"], ["Ondernemingsnummer", "Bedrag"], [ALFA, 10]]
    path = write_xlsx(tmp_path / "b.xlsx", {"Open": [["leeg"]], "Data": rows}, hidden=["Data"])
    out = demo_cluster("import", str(path), "--cluster", CLUSTER, "--sheet", "Data").stdout
    assert "Note: sheet 'Data' is hidden; read because --sheet names it" in out


def test_csv_with_semicolons_imports(demo_cluster: Run, tmp_path: Path) -> None:
    path = tmp_path / "bijdragen-2026.csv"
    path.write_text(
        "Ondernemingsnummer;Bedrag;Betaald op\n0403.170.701;1.250,00;15/03/2026\n",
        encoding="utf-8-sig",
    )
    out = demo_cluster("import", str(path), "--cluster", CLUSTER, "--year", "2026", "--commit")
    assert "Imported 1 rows as batch 1" in out.stdout
    assert [e["amount"] for e in _entries(demo_cluster)] == ["1250.00"]


def test_a_refused_import_says_where_its_rows_are_listed(demo_cluster: Run, tmp_path: Path) -> None:
    path = tmp_path / "bijdragen-2026.csv"
    path.write_text("Ondernemingsnummer;Bedrag\n0403.170.701;1.500\n", encoding="utf-8")
    args = ("import", str(path), "--cluster", CLUSTER, "--year", "2026", "--commit")
    out = demo_cluster(*args, expect=1).stdout.splitlines()
    assert out[-1] == (
        "Nothing imported: fix the rows above "
        "(--errors-out FILE.xlsx writes them out with their problems)"
    )
    report = tmp_path / "fouten.xlsx"
    out = demo_cluster(*args, "--errors-out", str(report), expect=1).stdout.splitlines()
    assert out[-1] == f"Nothing imported: fix the rows above (they are in {report})"
    assert report.exists()
    assert _entries(demo_cluster) == []


@pytest.mark.parametrize("args", [["import", "--help"], ["import", "list", "--help"]])
def test_import_help(cli: Run, args: list[str]) -> None:
    assert "Usage" in cli(*args).stdout


def test_columns_a_members_sheet_lacks_keep_what_the_ledger_knows(
    demo_cluster: Run, tmp_path: Path
) -> None:
    rows = [
        ["Naam", "Ondernemingsnummer", "Postcode"],
        ["KU Kennis", KENNIS, 3000],
        ["Alfa NV", ALFA, 9000],
    ]
    path = write_xlsx(tmp_path / "kort.xlsx", {"Leden": rows})
    out = demo_cluster("import", str(path), "--cluster", CLUSTER, "--commit").stdout
    assert "  0 new · 0 updated · 2 unchanged · 0 conflicting · 0 invalid" in out
    listed = json.loads(demo_cluster("member", "list", "--cluster", CLUSTER, "--json").stdout)
    by_kbo = {m["kbo"]: m for m in listed}
    assert by_kbo["0123456749"]["kind"] == "knowledge_institution"
    assert by_kbo["0403170701"]["mandate"] == "2026-02-01"
