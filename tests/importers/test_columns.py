"""Every column accounted for: mapped (to which field and why) or ignored, and a column that
looks like a field no column fills keeps the import out until it is mapped or left out.

The members sheets here are the ones that imported with exit 0 and wrong figures before:
a mandate, kind or membership dates under headers the importer did not know.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from importers.columns import account
from tests.cli.conftest import Run
from tests.importers.workbooks import ALFA, KENNIS, dump, write_xlsx

CLUSTER = "Circular Plastics"
STRANGER = "0417.497.106"


def _members(path: Path, header: list[str], *rows: list[object]) -> Path:
    return write_xlsx(path, {"Leden": [["Ledenlijst"], header, *rows]})


def _errors(stderr: str) -> list[str]:
    return [line.removeprefix("cluster-ledger: error: ") for line in stderr.splitlines()]


def test_a_date_column_no_field_takes_blocks_the_commit_with_the_map_to_type(
    demo_cluster: Run, db_target: str, tmp_path: Path
) -> None:
    path = _members(
        tmp_path / "leden.xlsx",
        ["KBO", "Naam", "Postcode", "Handtekening"],
        [STRANGER, "Gamma BV", 9000, date(2026, 3, 1)],
        [ALFA, "Alfa NV", 9000, date(2026, 2, 1)],
    )
    before = dump(db_target)
    result = demo_cluster("import", str(path), "--cluster", CLUSTER, "--commit", expect=1)
    assert _errors(result.stderr) == [
        "leden.xlsx: sheet 'Leden': row 2, column 'Handtekening': column 'Handtekening' (D) "
        "looks like a date ('01/03/2026') but no field takes it; map it with --map "
        "'Handtekening=joined' / --map 'Handtekening=left' / --map 'Handtekening=mandate', or "
        "leave it out with --map 'Handtekening=ignore'"
    ]
    assert "    D   Handtekening  NOT MAPPED: looks like a date (see the problem below)" in (
        result.stdout.splitlines()
    )
    assert "Nothing imported: fix the problems above" in result.stdout
    assert dump(db_target) == before
    # Mapped, it lands as the mandate; the mapping is saved with the import.
    args = ("import", str(path), "--cluster", CLUSTER, "--map", "Handtekening=mandate")
    out = demo_cluster(*args, "--commit").stdout
    assert "    D   Handtekening  mandate (--map)" in out.splitlines()
    listed = json.loads(demo_cluster("member", "list", "--cluster", CLUSTER, "--json").stdout)
    assert {m["kbo"]: m["mandate"] for m in listed}["0417497106"] == "2026-03-01"


def test_a_column_left_out_with_ignore_blocks_nothing(demo_cluster: Run, tmp_path: Path) -> None:
    path = _members(
        tmp_path / "leden.xlsx",
        ["KBO", "Naam", "Postcode", "Handtekening"],
        [STRANGER, "Gamma BV", 9000, date(2026, 3, 1)],
    )
    args = ("import", str(path), "--cluster", CLUSTER, "--map", "Handtekening=ignore", "--commit")
    out = demo_cluster(*args).stdout
    assert "    D   Handtekening  left out (--map ...=ignore)" in out.splitlines()
    assert "Imported 1 rows as batch 1" in out


def test_ordinary_extra_columns_are_listed_as_ignored_and_block_nothing(
    demo_cluster: Run, tmp_path: Path
) -> None:
    path = write_xlsx(
        tmp_path / "bijdragen-2026.xlsx",
        {
            "Bijdragen 2026": [
                ["Ondernemingsnummer", "Bedrag", "Factuurnummer", "Contactpersoon", "Opmerking"],
                [ALFA, 100, "F2026-001", "Jan", "eerste schijf"],
            ]
        },
    )
    out = demo_cluster("import", str(path), "--cluster", CLUSTER, "--commit").stdout.splitlines()
    assert out[1:7] == [
        "  Columns:",
        "    A   Ondernemingsnummer  kbo (a synonym)",
        "    B   Bedrag              amount (a synonym)",
        "    C   Factuurnummer       ignored",
        "    D   Contactpersoon      ignored",
        "    E   Opmerking           note (a synonym)",
    ]
    assert (
        "Imported 1 rows as batch 1; undo with 'cluster-ledger import undo 1 --reason ...'" in out
    )


def test_a_fee_column_on_a_members_sheet_is_named_as_an_amount_this_import_leaves(
    demo_cluster: Run, tmp_path: Path
) -> None:
    """A members list often carries the year's fee: the members import does not book it,
    and says so, so the user knows to import the same sheet as contributions."""
    path = _members(
        tmp_path / "leden.xlsx",
        ["KBO", "Naam", "Postcode", "Lidgeld 2026 (excl. btw)"],
        [STRANGER, "Gamma BV", 9000, 1000],
    )
    out = demo_cluster(
        "import", str(path), "--cluster", CLUSTER, "--what", "members"
    ).stdout.splitlines()
    assert out[5] == (
        "    D   Lidgeld 2026 (excl. btw)  ignored (looks like an amount, which this import "
        "does not take)"
    )


def test_a_year_column_under_an_unknown_header_is_not_booked_in_the_sheets_year(
    demo_cluster: Run, db_target: str, tmp_path: Path
) -> None:
    path = write_xlsx(
        tmp_path / "bijdragen.xlsx",
        {"Bijdragen 2026": [["Ondernemingsnummer", "Bedrag", "Periode"], [ALFA, 100, 2027]]},
    )
    before = dump(db_target)
    result = demo_cluster("import", str(path), "--cluster", CLUSTER, "--commit", expect=1)
    assert _errors(result.stderr) == [
        "bijdragen.xlsx: sheet 'Bijdragen 2026': row 1, column 'Periode': column 'Periode' (C) "
        "looks like a year ('2027') but no field takes it; map it with --map 'Periode=year', or "
        "leave it out with --map 'Periode=ignore'"
    ]
    assert dump(db_target) == before


def test_a_header_two_fields_fit_is_asked_about(
    demo_cluster: Run, db_target: str, tmp_path: Path
) -> None:
    path = write_xlsx(
        tmp_path / "bijdragen-2026.xlsx",
        {"B 2026": [["Ondernemingsnummer", "Bijdrage", "Betaald"], [ALFA, 100, date(2026, 3, 1)]]},
    )
    before = dump(db_target)
    result = demo_cluster("import", str(path), "--cluster", CLUSTER, "--commit", expect=1)
    assert _errors(result.stderr) == [
        "bijdragen-2026.xlsx: sheet 'B 2026': row 1, column 'Betaald': column 'Betaald' (C) could mean "
        "amount / paid_on; say which with --map 'Betaald=amount' / --map 'Betaald=paid_on', or "
        "leave it out with --map 'Betaald=ignore'"
    ]
    assert dump(db_target) == before
    args = ("import", str(path), "--cluster", CLUSTER, "--map", "Betaald=paid_on", "--commit")
    assert "Imported 1 rows" in demo_cluster(*args).stdout


def test_the_batch_record_keeps_the_column_accounting(demo_cluster: Run, tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "bijdragen-2026.xlsx",
        {
            "B 2026": [
                ["Ondernemingsnummer", "Bedrag 2026 incl. btw", "Contactpersoon", "Klant"],
                [ALFA, 100, "Jan", "x"],
                [KENNIS, 50, "Piet", "y"],
                [None],
                ["Totaal", 150],
            ]
        },
    )
    args = ("import", str(path), "--cluster", CLUSTER, "--map", "Klant=ignore", "--commit")
    out = demo_cluster(*args).stdout
    assert "  4 rows: 2 imported, 1 total checked, 1 blank" in out.splitlines()
    shown = json.loads(demo_cluster("import", "show", "1", "--json").stdout)
    assert (shown["header_row"], shown["fates"]) == (
        1,
        {"landing": 2, "rows": 4, "total": 1, "blank": 1},
    )
    assert shown["columns"] == [
        {"column": "A", "header": "Ondernemingsnummer", "field": "kbo", "how": "synonym"},
        {"column": "B", "header": "Bedrag 2026 incl. btw", "field": "amount", "how": "words"},
        {"column": "C", "header": "Contactpersoon", "field": None, "how": "ignored"},
        {"column": "D", "header": "Klant", "field": None, "how": "ignored", "by": "map"},
    ]
    text = demo_cluster("import", "show", "1").stdout.splitlines()
    assert text[1:] == [
        "  header in row 1; columns:",
        "    A   'Ondernemingsnummer': kbo (synonym)",
        "    B   'Bedrag 2026 incl. btw': amount (words)",
        "    C   'Contactpersoon': ignored",
        "    D   'Klant': left out (--map)",
        "  4 rows: 2 imported, 1 total checked, 1 blank",
    ]


def test_a_saved_mapping_is_named_as_the_reason(demo_cluster: Run, tmp_path: Path) -> None:
    header = ["Klant", "Storting", "Jaar"]
    first = write_xlsx(tmp_path / "jan.xlsx", {"E": [header, [ALFA, 100, 2026]]})
    maps = ("--map", "Klant=kbo", "--map", "Storting=amount")
    demo_cluster("import", str(first), "--cluster", CLUSTER, *maps, "--commit")
    second = write_xlsx(tmp_path / "feb.xlsx", {"E": [header, [KENNIS, 5, 2026]]})
    out = demo_cluster("import", str(second), "--cluster", CLUSTER).stdout.splitlines()
    assert out[2:5] == [
        "    A   Klant     kbo (a mapping saved earlier)",
        "    B   Storting  amount (a mapping saved earlier)",
        "    C   Jaar      year (a synonym)",
    ]


def test_what_an_unmapped_column_looks_like_by_its_cells() -> None:
    rows = [
        (2, ["0403170701", "Alfa", "9000", "KMO", "Vlaanderen", "x"]),
        (3, ["0123456749", "Beta", "3000", "universiteit", "Région wallonne", "y"]),
    ]
    found = account(
        ["KBO", "Naam", "Postcode", "Status", "Vestiging", "Memo"], "members", rows, {}, {}
    )
    assert [(c.header, c.field, c.looks, c.fills) for c in found] == [
        ("KBO", "kbo", None, ()),
        ("Naam", "name", None, ()),
        ("Postcode", "postcode", None, ()),
        ("Status", None, "kind", ("kind",)),
        ("Vestiging", None, "region", ("region",)),
        ("Memo", None, None, ()),
    ]
