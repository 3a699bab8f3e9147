"""The command line end to end: the worked example of the README, JSON output, help."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from tests.cli.conftest import Run
from tui.cli import app

CLUSTER = "Circular Plastics"


def test_worked_example(demo_cluster: Run) -> None:
    cli = demo_cluster
    cli(
        "contribution",
        "add",
        "--cluster",
        CLUSTER,
        "--kbo",
        "0403170701",
        "--year",
        "2026",
        "--amount",
        "€ 12 500,00",
        "--paid",
        "2026-03-15",
    )
    cli(
        "contribution",
        "add",
        "--cluster",
        CLUSTER,
        "--kbo",
        "0403170701",
        "--year",
        "2026",
        "--amount",
        "12.500,00",
        "--note",
        "booked twice",
    )
    cli(
        "contribution",
        "add",
        "--cluster",
        CLUSTER,
        "--kbo",
        "0123456749",
        "--year",
        "2026",
        "--amount",
        "5000",
    )
    out = cli("contribution", "reverse", "2", "--reason", "duplicate").stdout
    assert "Reversed contribution 2 with entry 4" in out
    cli("costs", "set", "--cluster", CLUSTER, "--year", "2026", "--amount", "20.000,00")

    (year,) = json.loads(cli("summary", "--cluster", CLUSTER, "--json").stdout)
    assert {
        "cluster",
        "year",
        "program_year",
        "rule_set",
        "cap",
        "ceiling",
        "total_contributions",
        "counted_contributions",
        "matched_aid",
        "headroom",
        "surplus",
        "members",
        "flemish_enterprises_with_mandate",
        "warnings",
    } <= set(year)
    assert year["cluster"] == CLUSTER and year["year"] == 2026 and year["program_year"] == 1
    assert year["rule_set"] == "ibn-2026"
    assert year["cap"] == "225000.00"
    assert year["ceiling"] == "10000.00"
    assert year["total_contributions"] == "17500.00"
    assert year["counted_contributions"] == "12500.00"
    assert year["matched_aid"] == "10000.00"
    assert year["headroom"] == "0.00" and year["surplus"] == "2500.00"
    assert year["members"] == 2 and year["flemish_enterprises_with_mandate"] == 1
    assert any(w.startswith("mandates_below_minimum") for w in year["warnings"])

    text = cli("summary", "--cluster", CLUSTER, "--year", "2026").stdout
    assert "€\u00a010.000,00" in text and "program year 1 of 3" in text
    assert "1 of 30 required" in text

    entries = json.loads(cli("contribution", "list", "--cluster", CLUSTER, "--json").stdout)
    assert [(e["id"], e["amount"], e["reverses"], e["reversed_by"]) for e in entries] == [
        (1, "12500.00", None, None),
        (2, "12500.00", None, 4),
        (3, "5000.00", None, None),
        (4, "-12500.00", 2, None),
    ]
    members = json.loads(cli("member", "list", "--cluster", CLUSTER, "--json").stdout)
    assert [(m["kbo"], m["region"], m["kind"]) for m in members] == [
        ("0403170701", "flanders", "enterprise"),
        ("0123456749", "flanders", "knowledge_institution"),
    ]


def test_year_lock_and_reopen(demo_cluster: Run) -> None:
    cli = demo_cluster
    cli("year", "lock", "--cluster", CLUSTER, "--year", "2026")
    (year,) = json.loads(cli("summary", "--cluster", CLUSTER, "--json").stdout)
    assert year["locked"] is True
    cli("year", "reopen", "--cluster", CLUSTER, "--year", "2026", "--reason", "late payment")
    history = cli("year", "list", "--cluster", CLUSTER).stdout
    assert "reopened" in history and "late payment" in history
    audit = json.loads(cli("audit", "--cluster", CLUSTER, "--json").stdout)
    assert [e["action"] for e in audit[:2]] == ["year.reopen", "year.lock"]


def test_a_clusters_audit_trail_shows_its_companies_changes_as_the_app_does(
    demo_cluster: Run,
) -> None:
    cli = demo_cluster
    cli("cluster", "add", "Other", "--rules", "ibn-2026", "--start-year", "2026")
    cli("member", "update", "--kbo", "0403170701", "--name", "Alfa Holding NV")
    cli("costs", "set", "--cluster", "Other", "--year", "2026", "--amount", "1000")
    audit = json.loads(cli("audit", "--cluster", CLUSTER, "--json").stdout)
    assert audit[0]["action"] == "company.update"
    assert "costs.set" not in [e["action"] for e in audit]  # another cluster's change


def test_member_leave_and_mandate(demo_cluster: Run) -> None:
    cli = demo_cluster
    cli("member", "mandate", "--cluster", CLUSTER, "--kbo", "0123456749", "--date", "2026-04-01")
    cli("member", "leave", "--cluster", CLUSTER, "--kbo", "0403170701", "--date", "31/12/2026")
    members = {
        m["kbo"]: m
        for m in json.loads(cli("member", "list", "--cluster", CLUSTER, "--json").stdout)
    }
    assert members["0403170701"]["left"] == "2026-12-31"
    assert members["0123456749"]["mandate"] == "2026-04-01"


def test_rules_and_clusters_are_listed(demo_cluster: Run) -> None:
    cli = demo_cluster
    rules = {r["id"]: r for r in json.loads(cli("rules", "list", "--json").stdout)}
    assert rules["ibn-2026"]["annual_cap"] == "225000.00"
    assert rules["ibn-2026"]["min_flemish_enterprises_with_mandate"] == 30
    assert rules["ibn-2026"]["deadlines"]["dossier"] == "2026-05-11T12:00:00+02:00"
    assert "spearhead-2020" in cli("rules", "list").stdout
    clusters = json.loads(cli("cluster", "list", "--json").stdout)
    assert clusters == [
        {"name": CLUSTER, "rule_set": "ibn-2026", "start_year": 2026, "kbo": "0403170701"}
    ]


def test_database_from_environment(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("CLUSTER_LEDGER_DB", str(tmp_path / "env.sqlite"))
    runner = CliRunner()
    assert runner.invoke(app, ["init"]).exit_code == 0
    assert (tmp_path / "env.sqlite").exists()


def test_default_database_lives_in_the_data_directory(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("CLUSTER_LEDGER_HOME", str(tmp_path / "home"))
    result = CliRunner().invoke(app, ["init"])
    assert result.exit_code == 0
    assert (tmp_path / "home" / "ledger.sqlite").exists()


COMMANDS = [
    [],
    ["init"],
    ["rules", "list"],
    ["cluster", "add"],
    ["cluster", "list"],
    ["member", "add"],
    ["member", "list"],
    ["member", "update"],
    ["member", "leave"],
    ["member", "mandate"],
    ["contribution", "add"],
    ["contribution", "list"],
    ["contribution", "reverse"],
    ["costs", "set"],
    ["summary"],
    ["year", "lock"],
    ["year", "reopen"],
    ["year", "list"],
    ["audit"],
    ["demo"],
]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "top")
def test_every_command_has_help(command: list[str]) -> None:
    result = CliRunner().invoke(app, [*command, "--help"])
    assert result.exit_code == 0
    assert "Usage:" in result.stdout
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    assert len(lines) > 3


def test_member_update_changes_only_what_is_given(demo_cluster: Run) -> None:
    cli = demo_cluster
    cli("member", "update", "--kbo", "0403170701", "--postcode", "1000", "--region", "vlaanderen")
    (alfa,) = [
        m
        for m in json.loads(cli("member", "list", "--cluster", CLUSTER, "--json").stdout)
        if m["kbo"] == "0403170701"
    ]
    assert (alfa["name"], alfa["postcode"], alfa["region"]) == ("Alfa NV", "1000", "flanders")
    cli("member", "update", "--kbo", "0403170701", "--region", "postcode")
    (alfa,) = [
        m
        for m in json.loads(cli("member", "list", "--cluster", CLUSTER, "--json").stdout)
        if m["kbo"] == "0403170701"
    ]
    assert alfa["region"] == "brussels"
    result = cli("member", "update", "--kbo", "1000000021", "--name", "X", expect=1)
    assert "no company has enterprise number 1000.000.021" in result.stderr


def test_summary_shares_add_up_to_the_aid(demo_cluster: Run) -> None:
    cli = demo_cluster
    cli(
        "member",
        "add",
        "--cluster",
        CLUSTER,
        "--kbo",
        "1000000021",
        "--name",
        "Gamma BV",
        "--postcode",
        "8500",
    )
    for kbo, amount in (
        ("0403170701", "100,00"),
        ("1000000021", "200,00"),
        ("0123456749", "50,00"),
    ):
        cli(
            "contribution",
            "add",
            "--cluster",
            CLUSTER,
            "--kbo",
            kbo,
            "--year",
            "2026",
            "--amount",
            amount,
        )
    cli("costs", "set", "--cluster", CLUSTER, "--year", "2026", "--amount", "200,02")
    (plain,) = json.loads(cli("summary", "--cluster", CLUSTER, "--json").stdout)
    assert "shares" not in plain
    (year,) = json.loads(cli("summary", "--cluster", CLUSTER, "--json", "--shares").stdout)
    assert year["matched_aid"] == "100.01"
    shares = {s["kbo"]: s for s in year["shares"]}
    # 100.01 split 1:2 is 33.336... and 66.673...: the spare cent goes to the larger remainder.
    assert shares["0403170701"]["aid"] == "33.34"
    assert shares["1000000021"]["aid"] == "66.67"
    assert shares["0123456749"] == {
        "kbo": "0123456749",
        "name": "KU Kennis",
        "contribution": "50.00",
        "counted": False,
        "aid": "0.00",
    }
    text = cli("summary", "--cluster", CLUSTER, "--shares").stdout
    assert "1000.000.021" in text and "€\u00a066,67" in text
