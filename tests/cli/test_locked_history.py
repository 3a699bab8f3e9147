"""A locked year stays final on the command line: every way the issue found to move its
figures is refused with one line and exit 1, and nothing is written; changes dated after
the lock are free and leave the locked year as it was."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.conftest import Run

C = "Circular Plastics"
ALFA = "0403170701"


def summary(cli: Run, year: int) -> dict:
    return json.loads(cli("summary", "--cluster", C, "--year", str(year), "--json").stdout)[0]


def audit_count(cli: Run) -> int:
    return len(json.loads(cli("audit", "--json").stdout))


@pytest.fixture
def locked(demo_cluster: Run) -> Run:
    cli = demo_cluster
    for year in ("2026", "2027"):
        cli(
            "contribution", "add", "--cluster", C, "--kbo", ALFA, "--year", year, "--amount", "1000"
        )
    cli("year", "lock", "--cluster", C, "--year", "2026")
    return cli


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (
            ["member", "update", "--kbo", ALFA, "--kind", "kennisinstelling"],
            "kind knowledge_institution from {today} for Alfa NV (0403.170.701) would change its "
            "kind in 2026, which is locked for Circular Plastics; date the change after 2026, or "
            "reopen 2026 with 'year reopen --reason' first",
        ),
        (
            ["member", "update", "--kbo", ALFA, "--postcode", "1000", "--from", "2026-01-01"],
            "postcode 1000 from 2026-01-01 for Alfa NV (0403.170.701) would change its region "
            "and the mandates counted on 2026-05-11 in 2026, which is locked for Circular "
            "Plastics; date the change after 2026, or reopen 2026 with 'year reopen --reason' "
            "first",
        ),
        (
            ["member", "mandate", "--cluster", C, "--kbo", ALFA, "--date", "2026-03-01"],
            "Alfa NV (0403.170.701) already holds a mandate, given on 2026-02-01; say what the "
            "mandate of 2026-03-01 is: a correction of that date ('member mandate --replace "
            "--reason T') or, after the enterprise withdrew the first ('member mandate --withdraw "
            "--date D'), a new one",
        ),
        (
            [
                "member",
                "mandate",
                "--cluster",
                C,
                "--kbo",
                ALFA,
                "--date",
                "2026-03-01",
                "--replace",
                "--reason",
                "typo",
            ],
            "the mandate of 2026-02-01 corrected to 2026-03-01 for Alfa NV (0403.170.701) would "
            "change its mandate in 2026, which is locked for Circular Plastics; date the change "
            "after 2026, or reopen 2026 with 'year reopen --reason' first",
        ),
        (
            [
                "member",
                "mandate",
                "--cluster",
                C,
                "--kbo",
                ALFA,
                "--date",
                "2026-01-01",
                "--withdraw",
            ],
            "Alfa NV (0403.170.701): a withdrawal on 2026-01-01 would come before the mandate was "
            "given on 2026-02-01",
        ),
        (
            ["member", "leave", "--cluster", C, "--kbo", ALFA, "--date", "2025-12-31"],
            "the leaving date 2025-12-31 is before the joining date",
        ),
        (
            ["member", "update", "--kbo", ALFA, "--kind", "other", "--from", "1989-12-31"],
            "--from: the --from date 1989-12-31 is not plausible",
        ),
    ],
)
def test_a_change_reaching_a_locked_year_is_refused_with_one_line(
    locked: Run, args: list[str], error: str
) -> None:
    from datetime import date

    before, events = summary(locked, 2026), audit_count(locked)
    result = locked(*args, expect=1)
    line = result.stderr.strip()
    assert "\n" not in line
    if "leaving date" not in error and "--from date" not in error:
        assert line == f"cluster-ledger: error: {error.format(today=date.today().isoformat())}"
    assert summary(locked, 2026) == before
    assert audit_count(locked) == events


def test_a_member_of_an_unlocked_past_leaves_locked_years_alone(locked: Run) -> None:
    """--from after the lock: 2026 keeps its kind, 2027 follows the change."""
    locked_before = summary(locked, 2026)
    locked("member", "update", "--kbo", ALFA, "--kind", "kennisinstelling", "--from", "2027-01-01")
    locked("member", "update", "--kbo", ALFA, "--name", "Alfa Group NV")  # a name is free
    locked("member", "mandate", "--cluster", C, "--kbo", ALFA, "--date", "2027-06-30", "--withdraw")
    after = summary(locked, 2026)
    assert after == locked_before
    assert after["counted_contributions"] == "1000.00"
    assert summary(locked, 2027)["counted_contributions"] == "0.00"
    assert summary(locked, 2027)["flemish_enterprises_with_mandate"] == 0


def test_reopening_lets_the_change_through_and_the_history_keeps_every_step(locked: Run) -> None:
    locked("year", "reopen", "--cluster", C, "--year", "2026", "--reason", "mandate misdated")
    locked(
        "member",
        "mandate",
        "--cluster",
        C,
        "--kbo",
        ALFA,
        "--date",
        "2026-01-15",
        "--replace",
        "--reason",
        "the form was signed in January",
    )
    locked("member", "mandate", "--cluster", C, "--kbo", ALFA, "--date", "2026-09-01", "--withdraw")
    locked("member", "mandate", "--cluster", C, "--kbo", ALFA, "--date", "2027-02-01")
    shown = json.loads(locked("member", "show", "--kbo", ALFA, "--json").stdout)
    events = [(m["action"], m["on"], m["reason"]) for m in shown["memberships"][0]["mandates"]]
    assert events == [
        ("given", "2026-02-01", None),
        ("corrected", "2026-01-15", "the form was signed in January"),
        ("withdrawn", "2026-09-01", None),
        ("given", "2027-02-01", None),
    ]
    assert all(m["set_by"]["event"] for m in shown["memberships"][0]["mandates"])
    text = locked("member", "show", "--kbo", ALFA, "--cluster", C).stdout
    assert "corrected to 2026-01-15 (was 2026-02-01)" in text
    assert "reason: the form was signed in January" in text
    # Withdrawn on 1 September: no mandate at the end of 2026, one again in 2027.
    assert summary(locked, 2026)["flemish_enterprises_with_mandate"] == 0
    assert summary(locked, 2027)["flemish_enterprises_with_mandate"] == 1


def test_member_show_lists_each_fact_with_its_days_and_its_audit_event(locked: Run) -> None:
    locked("member", "update", "--kbo", ALFA, "--postcode", "8500", "--from", "2027-03-01")
    shown = json.loads(locked("member", "show", "--kbo", ALFA, "--json").stdout)
    postcodes = [f for f in shown["facts"] if f["field"] == "postcode"]
    assert [(f["value"], f["valid_from"], f["until"]) for f in postcodes] == [
        ("9000", None, "2027-03-01"),
        ("8500", "2027-03-01", None),
    ]
    assert postcodes[1]["set_by"]["action"] == "company.update"
    assert locked("member", "show", "--kbo", "0202239951", expect=1).stderr.startswith(
        "cluster-ledger: error: no company has enterprise number 0202.239.951"
    )


def test_a_rule_file_in_the_data_folder_changes_nothing_until_adopted(
    locked: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    from ledger.rules import SHIPPED_DIR

    rules_dir = Path(os.environ["CLUSTER_LEDGER_HOME"]) / "rules"
    rules_dir.mkdir(parents=True, exist_ok=True)
    edited = (SHIPPED_DIR / "ibn-2026.toml").read_text(encoding="utf-8")
    edited = edited.replace('annual_cap = "225000.00"', 'annual_cap = "450000.00"')
    (rules_dir / "ibn-2026.toml").write_text(edited, encoding="utf-8")
    before = {y: summary(locked, y) for y in (2026, 2027)}
    assert {y: summary(locked, y) for y in (2026, 2027)} == before
    listed = locked("rules", "list").stdout
    assert "ibn-2026.toml differs from the copy Circular Plastics keeps" in listed
    refused = locked(
        "cluster",
        "rules",
        "--cluster",
        C,
        "--adopt",
        str(rules_dir / "ibn-2026.toml"),
        "--from-year",
        "2026",
        "--reason",
        "new cap",
        expect=1,
    )
    assert (
        "2026 of Circular Plastics is locked, and a new version of the rule set applies to open years only"
        in refused.stderr
    )
    locked(
        "cluster",
        "rules",
        "--cluster",
        C,
        "--adopt",
        str(rules_dir / "ibn-2026.toml"),
        "--from-year",
        "2027",
        "--reason",
        "new cap",
    )
    assert summary(locked, 2026) == before[2026]
    assert summary(locked, 2027)["cap"] == "450000.00"
    bad = tmp_path / "ibn-2026.toml"
    bad.write_text("id = 'ibn-2026'\nannual_cap = [", encoding="utf-8")
    result = locked(
        "cluster",
        "rules",
        "--cluster",
        C,
        "--adopt",
        str(bad),
        "--from-year",
        "2027",
        "--reason",
        "x",
        expect=1,
    )
    assert "not valid TOML" in result.stderr
    audit = json.loads(locked("audit", "--json").stdout)
    assert audit[0]["action"] == "rules.adopt"


def test_a_cluster_before_its_call_is_refused_and_a_missing_organisation_number_warned(
    cli: Run,
) -> None:
    refused = cli(
        "cluster", "add", "Early", "--rules", "ibn-2026", "--start-year", "2025", expect=1
    )
    assert refused.stderr.strip() == (
        "cluster-ledger: error: start year 2025 is before the call of ibn-2026 (2026); a cluster "
        "starts in or after the year of the call that approved it"
    )
    added = cli("cluster", "add", "Later", "--rules", "ibn-2026", "--start-year", "2026")
    assert "warning: no enterprise number is recorded for the cluster organisation of Later" in (
        added.stderr
    )
    cli("cluster", "update", "--cluster", "Later", "--kbo", "0403.170.701")
    listed = json.loads(cli("cluster", "list", "--json").stdout)
    assert listed[0]["kbo"] == "0403170701"
