"""The lists on the command line: who has not paid, whose mandate is missing, costs, fees,
and any list written to CSV or xlsx; each refusal one line, exit 1, nothing written."""

from __future__ import annotations

import csv
import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from tests.cli.conftest import Run

CLUSTER = "Circular Plastics"
THIS_YEAR = date.today().year


@pytest.fixture
def cluster(cli: Run) -> Run:
    """Alfa (Ghent, mandate), Beta (Bruges, no mandate), Gamma (Liège, no mandate) and
    KU Kennis (a knowledge institution), in a cluster that started this year; Alfa and
    Beta paid."""
    cli("cluster", "add", CLUSTER, "--rules", "ibn-2026", "--start-year", str(THIS_YEAR))
    for kbo, name, postcode, extra in (
        ("0403170701", "Alfa NV", "9000", ["--mandate", f"{THIS_YEAR}-01-01"]),
        ("0202239951", "Beta BV", "8000", []),
        ("0200065765", "Gamma SA", "4000", []),
        ("0123456749", "KU Kennis", "3000", ["--kind", "kennisinstelling"]),
    ):
        cli("member", "add", "--cluster", CLUSTER, "--kbo", kbo, "--name", name,
            "--postcode", postcode, *extra)  # fmt: skip
    for kbo, amount in (("0403170701", "2500"), ("0202239951", "1000")):
        cli("contribution", "add", "--cluster", CLUSTER, "--kbo", kbo, "--year",
            str(THIS_YEAR), "--amount", amount)  # fmt: skip
    return cli


def names(result: str) -> list[str]:
    return [m["name"] for m in json.loads(result)]


def test_who_has_not_paid_with_and_without_fees(cluster: Run) -> None:
    cli, year = cluster, str(THIS_YEAR)
    unpaid = cli("member", "list", "--cluster", CLUSTER, "--year", year, "--unpaid", "--json")
    assert names(unpaid.stdout) == ["Gamma SA", "KU Kennis"]
    out = cli("member", "fee", "--cluster", CLUSTER, "--year", year, "--kind", "onderneming",
              "--amount", "2.000,00").stdout  # fmt: skip
    assert out == f"Fee expected of every enterprise in {year}: €\xa02.000,00\n"
    cli("member", "fee", "--cluster", CLUSTER, "--year", year, "--kbo", "0200065765",
        "--amount", "0")  # fmt: skip
    rows = json.loads(
        cli("member", "list", "--cluster", CLUSTER, "--year", year, "--unpaid", "--json").stdout
    )
    assert [(r["name"], r["paid"], r["expected"], r["outstanding"]) for r in rows] == [
        ("Beta BV", "1000.00", "2000.00", "1000.00"),
        ("KU Kennis", "0.00", None, None),
    ]
    text = cli("member", "list", "--cluster", CLUSTER, "--year", year, "--unpaid").stdout
    assert text.rstrip().endswith(f"2 members active in {year} paid less than expected, or nothing")


def test_mandates_still_missing_against_the_rule_sets_minimum(cluster: Run) -> None:
    cli, year = cluster, str(THIS_YEAR)
    found = json.loads(
        cli(
            "member", "list", "--cluster", CLUSTER, "--year", year, "--without-mandate", "--json"
        ).stdout
    )
    assert (found["held"], found["minimum"]) == (1, 30)
    assert [m["name"] for m in found["members"]] == ["Beta BV"]  # Gamma is Walloon
    text = cli("member", "list", "--cluster", CLUSTER, "--year", year, "--without-mandate").stdout
    assert "1 Flemish enterprise active in" in text
    assert "1 holds one, of the 30 the rule set asks for (29 more needed)" in text


def test_costs_list_shows_each_year_with_its_ceiling_and_fees(cluster: Run) -> None:
    cli, year = cluster, str(THIS_YEAR)
    cli("costs", "set", "--cluster", CLUSTER, "--year", year, "--amount", "100000")
    cli("member", "fee", "--cluster", CLUSTER, "--year", year, "--kind", "enterprise",
        "--amount", "2500")  # fmt: skip
    rows = json.loads(cli("costs", "list", "--cluster", CLUSTER, "--json").stdout)
    assert rows[0] == {
        "year": THIS_YEAR,
        "program_year": 1,
        "locked": False,
        "costs": "100000.00",
        "ceiling": "50000.00",
        "fees": {"enterprise": "2500.00"},
    }
    assert [r["program_year"] for r in rows] == [1, 2, 3]
    assert rows[1]["costs"] is None and rows[1]["ceiling"] == "225000.00"


def test_any_list_goes_to_csv_or_xlsx(cluster: Run, tmp_path: Path) -> None:
    cli, year = cluster, str(THIS_YEAR)
    members = tmp_path / "leden.xlsx"
    done = cli("member", "list", "--cluster", CLUSTER, "--year", year, "--output", str(members))
    assert done.stderr == f"Wrote 4 rows to {members}\n"
    sheet = openpyxl.load_workbook(members).active
    assert [c.value for c in sheet[1]][:2] == ["kbo", "name"]
    alfa = [c.value for c in sheet[2]]
    assert (alfa[1] == "Alfa NV" and alfa[-3] == Decimal("2500")) or alfa[-3] == 2500
    entries = tmp_path / "entries.csv"
    cli("contribution", "list", "--cluster", CLUSTER, "--output", str(entries))
    with entries.open(encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert rows[1][3:5] == ["Alfa NV", "2500.00"]
    again = cli("contribution", "list", "--cluster", CLUSTER, "--output", str(entries), expect=1)
    assert again.stderr == (
        f"cluster-ledger: error: --output: {entries} already exists; pass --force to replace it\n"
    )
    cli("contribution", "list", "--cluster", CLUSTER, "--output", str(entries), "--force")
    audit = tmp_path / "audit.csv"
    cli("audit", "--cluster", CLUSTER, "--search", "beta", "--output", str(audit))
    with audit.open(encoding="utf-8") as handle:
        actions = [r[4] for r in list(csv.reader(handle))[1:]]
    assert sorted(actions) == ["company.add", "contribution.record", "member.join"]


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (
            ["member", "list", "--cluster", CLUSTER, "--unpaid"],
            "--unpaid: name the year the list is about with --year",
        ),
        (
            ["member", "fee", "--cluster", CLUSTER, "--year", str(THIS_YEAR), "--amount", "5"],
            "--kbo: name one member with --kbo, or one kind with --kind",
        ),
        (
            ["member", "fee", "--cluster", CLUSTER, "--year", str(THIS_YEAR), "--kind", "other"],
            "--amount: give the fee with --amount, or --clear to remove it",
        ),
        (
            [
                "member",
                "fee",
                "--cluster",
                CLUSTER,
                "--year",
                str(THIS_YEAR),
                "--kind",
                "other",
                "--amount",
                "-5",
            ],
            "--amount: a fee of €\xa0-5,00 is negative; expected 0 or more",
        ),
        (
            [
                "member",
                "fee",
                "--cluster",
                CLUSTER,
                "--year",
                str(THIS_YEAR - 1),
                "--kind",
                "other",
                "--amount",
                "5",
            ],
            f"--year: {THIS_YEAR - 1} is not a program year of {CLUSTER}, which started in "
            f"{THIS_YEAR}",
        ),
        (
            [
                "member",
                "fee",
                "--cluster",
                CLUSTER,
                "--year",
                str(THIS_YEAR),
                "--kbo",
                "0200068636",
                "--amount",
                "5",
            ],
            f"--kbo: 0200.068.636 is not a member of {CLUSTER}; add it with 'member add', or "
            "set the fee of its kind with --kind",
        ),
        (
            ["member", "list", "--cluster", CLUSTER, "--output", "leden.txt"],
            "--output: 'leden.txt' ends in neither .csv nor .xlsx; name the file FILE.csv",
        ),
    ],
)
def test_a_wrong_option_is_one_line_and_writes_nothing(
    cluster: Run, args: list[str], error: str
) -> None:
    before = cluster("audit", "--json").stdout
    result = cluster(*args, expect=1)
    assert result.stderr == f"cluster-ledger: error: {error}\n"
    assert cluster("audit", "--json").stdout == before


def test_a_locked_years_fee_is_refused(cluster: Run) -> None:
    cli, year = cluster, str(THIS_YEAR)
    cli("year", "lock", "--cluster", CLUSTER, "--year", year)
    result = cli("member", "fee", "--cluster", CLUSTER, "--year", year, "--kind", "other",
                 "--amount", "5", expect=1)  # fmt: skip
    assert result.stderr == (
        f"cluster-ledger: error: --year: {year} of {CLUSTER} is locked; reopen it with "
        "'year reopen --reason' first\n"
    )
