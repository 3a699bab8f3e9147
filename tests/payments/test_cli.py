"""The payments commands as a user types them: output, exit codes, the exact error line,
and nothing written when a file is refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from tests.payments.conftest import CLUSTER, data
from tui.cli import app

CODA = str(data("kbc-statement-061.cod"))


@pytest.fixture
def run(db_target: str):
    runner = CliRunner()

    def invoke(*args: str, expect: int = 0) -> Result:
        result = runner.invoke(app, ["--db", db_target, *args], catch_exceptions=False)
        assert result.exit_code == expect, (result.stdout, result.stderr)
        return result

    invoke("init")
    invoke("cluster", "add", CLUSTER, "--rules", "ibn-2026", "--start-year", "2026")
    for kbo, name in (("0403.170.701", "Alfa NV"), ("0123.456.749", "Beta BV")):
        invoke(
            "member",
            "add",
            "--cluster",
            CLUSTER,
            "--kbo",
            kbo,
            "--name",
            name,
            "--postcode",
            "9000",
        )
    return invoke


def test_member_ogm_lists_each_members_communication(run) -> None:
    out = run("member", "ogm", "--cluster", CLUSTER, "--year", "2026", "--json").stdout
    assert json.loads(out) == [
        {"kbo": "0403170701", "name": "Alfa NV", "ogm": "+++001/0000/12608+++", "amount": None},
        {"kbo": "0123456749", "name": "Beta BV", "ogm": "+++001/0000/22611+++", "amount": None},
    ]
    table = run("member", "ogm", "--cluster", CLUSTER, "--year", "2026").stdout
    assert "pay with communication +++001/0000/12608+++" in table
    refused = run("member", "ogm", "--cluster", CLUSTER, "--year", "2025", expect=1)
    assert refused.stderr == (
        "cluster-ledger: error: 2025 is outside Circular Plastics's years for structured "
        "communications (2026-2125)\n"
    )


def test_import_without_an_account_is_refused_then_books_once_added(run) -> None:
    refused = run("payments", "import", CODA, "--cluster", CLUSTER, "--commit", expect=1)
    assert refused.stderr == (
        "cluster-ledger: error: kbc-statement-061.cod: record 1: the statement is for account "
        "BE43068999999501, which is not an account of Circular Plastics; add it with 'cluster "
        "account add' if it is\n"
    )
    assert run("payments", "list", "--cluster", CLUSTER).stdout.endswith("0 movements\n")
    added = run("cluster", "account", "add", "--cluster", CLUSTER, "--iban", "BE43 0689 9999 9501")
    assert added.stdout == "Added account BE43 0689 9999 9501 to Circular Plastics\n"
    dry = run("payments", "import", CODA, "--cluster", CLUSTER).stdout
    assert dry.splitlines() == [
        "kbc-statement-061.cod: coda, 1 statement(s)",
        "  statement 061: 6 movements · 3 booked (€\xa04.250,00) · 0 returned · 1 queued",
        "Dry run: nothing written; add --commit to book these statements",
    ]
    done = run("payments", "import", CODA, "--cluster", CLUSTER, "--commit").stdout
    assert done.splitlines()[-1] == (
        "Booked 3 payments (€\xa04.250,00); 1 wait in the queue: see 'payments list --unmatched'"
    )
    again = run("payments", "import", CODA, "--cluster", CLUSTER, "--commit").stdout
    assert again.splitlines()[1:] == [
        "  statement 061: already imported; nothing to add",
        "Nothing new to book",
    ]
    queue = json.loads(
        run("payments", "list", "--cluster", CLUSTER, "--unmatched", "--json").stdout
    )
    assert [(q["line"], q["amount"], q["reason"]) for q in queue] == [
        (
            "0002/0000",
            "900.00",
            "no structured communication, and the payer's account is tied to no member",
        )
    ]
    # The dry run used ids on PostgreSQL (its sequences do not roll back): ask, not assume.
    waiting = str(queue[0]["id"])
    assigned = run(
        "payments", "assign", waiting, "--cluster", CLUSTER, "--kbo", "0123456749", "--year", "2026"
    )
    assert assigned.stdout.startswith(f"Booked payment {waiting} as contribution ")
    assert assigned.stdout.endswith(": €\xa0900,00 of 0123.456.749 for 2026\n")
    listed = run("payments", "list", "--cluster", CLUSTER).stdout
    assert "assigned by" in listed and "structured communication of Alfa NV" in listed


def test_bad_files_exit_1_with_one_line_and_write_nothing(run, tmp_path: Path) -> None:
    run("cluster", "account", "add", "--cluster", CLUSTER, "--iban", "BE43068999999501")
    cut = tmp_path / "cut.cod"
    cut.write_bytes(data("kbc-statement-061.cod").read_bytes()[:-200])
    refused = run("payments", "import", str(cut), "--cluster", CLUSTER, "--commit", expect=1)
    assert refused.stderr.startswith("cluster-ledger: error: cut.cod: record 17: the record is ")
    assert refused.stderr.count("\n") == 1
    bomb = tmp_path / "bomb.xml"
    bomb.write_text(
        '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaa">]><Document>&a;</Document>'
    )
    refused = run("payments", "import", str(bomb), "--cluster", CLUSTER, "--commit", expect=1)
    assert refused.stderr == (
        "cluster-ledger: error: bomb.xml: the camt file declares a document type (DTD), which a "
        "bank statement never needs; refused (an entity bomb or a reference to another file)\n"
    )
    wrong = run(
        "payments", "import", CODA, "--cluster", CLUSTER, "--account", "BE71096123456769", expect=1
    )
    assert wrong.stderr == (
        "cluster-ledger: error: kbc-statement-061.cod: record 1: the statement is for account "
        "BE43068999999501, not BE71096123456769\n"
    )
    assert run("payments", "list", "--cluster", CLUSTER).stdout.endswith("0 movements\n")


def test_assign_and_dismiss_refusals(run) -> None:
    run("cluster", "account", "add", "--cluster", CLUSTER, "--iban", "BE43068999999501")
    run("payments", "import", CODA, "--cluster", CLUSTER, "--commit")
    booked = run(
        "payments",
        "assign",
        "1",
        "--cluster",
        CLUSTER,
        "--kbo",
        "0403170701",
        "--year",
        "2026",
        expect=1,
    )
    assert booked.stderr == (
        "cluster-ledger: error: payment 1 is already booked as contribution 1; reverse that "
        "entry first if it is wrong\n"
    )
    debit = run("payments", "dismiss", "6", "--cluster", CLUSTER, "--reason", "costs", expect=1)
    assert debit.stderr == (
        "cluster-ledger: error: payment 6 is not in the unmatched queue: money going out that is "
        "no contribution needs no decision\n"
    )
    missing = run("payments", "dismiss", "99", "--cluster", CLUSTER, "--reason", "x", expect=1)
    assert missing.stderr == (
        "cluster-ledger: error: payment 99 is not a movement of Circular Plastics; see "
        "'payments list'\n"
    )
    done = run("payments", "dismiss", "2", "--cluster", CLUSTER, "--reason", "event fee")
    assert done.stdout == "Dismissed payment 2: event fee\n"


@pytest.mark.parametrize(
    "command",
    [
        ["payments", "import", "--help"],
        ["payments", "list", "--help"],
        ["payments", "assign", "--help"],
        ["payments", "dismiss", "--help"],
        ["member", "ogm", "--help"],
        ["cluster", "account", "add", "--help"],
        ["cluster", "account", "list", "--help"],
    ],
)
def test_every_command_has_help(command: list[str]) -> None:
    result = CliRunner().invoke(app, command)
    assert result.exit_code == 0 and "Usage:" in result.stdout
