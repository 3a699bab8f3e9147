"""A user's mistake: one line on stderr, exit status 1, and nothing written."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.cli.conftest import Run
from tui.cli import app

CLUSTER = "Circular Plastics"


def ledger_state(cli: Run) -> str:
    """A fingerprint of everything the ledger holds, read through the command line."""
    parts = [
        cli("cluster", "list", "--json").stdout,
        cli("member", "list", "--cluster", CLUSTER, "--json").stdout,
        cli("contribution", "list", "--cluster", CLUSTER, "--json").stdout,
        cli("summary", "--cluster", CLUSTER, "--json").stdout,
        cli("year", "list", "--cluster", CLUSTER).stdout,
        str(len(json.loads(cli("audit", "--json", "--limit", "100000").stdout))),
    ]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


ADD = ["contribution", "add", "--cluster", CLUSTER, "--year", "2026"]

CASES = [
    (
        [*ADD, "--kbo", "0403.170.702", "--amount", "100"],
        "cluster-ledger: error: --kbo: enterprise number '0403.170.702' fails the mod-97 check: "
        "its last two digits do not match the first eight; check for a typing error",
    ),
    (
        [*ADD, "--kbo", "04031707", "--amount", "100"],
        "cluster-ledger: error: --kbo: enterprise number '04031707' has 8 digits; "
        "expected 10 (or 9 without the leading 0)",
    ),
    (
        [
            "contribution",
            "add",
            "--cluster",
            "Nope",
            "--year",
            "2026",
            "--kbo",
            "0403170701",
            "--amount",
            "100",
        ],
        "cluster-ledger: error: cluster 'Nope' is unknown; clusters: Circular Plastics",
    ),
    (
        [*ADD, "--kbo", "1000.000.021", "--amount", "100"],
        "cluster-ledger: error: 1000.000.021 is not a member of Circular Plastics; "
        "add it with 'member add'",
    ),
    (
        [*ADD, "--kbo", "0403170701", "--amount", "1234,567"],
        "cluster-ledger: error: --amount: '1234,567' has more than two decimals; "
        "amounts are in euro cents",
    ),
    (
        [*ADD, "--kbo", "0403170701", "--amount", "-50"],
        "cluster-ledger: error: the amount -50.00 is negative; "
        "correct an entry with 'contribution reverse' instead",
    ),
    (
        [*ADD, "--kbo", "0403170701", "--amount", "1.500"],
        "cluster-ledger: error: --amount: '1.500' is ambiguous: '.' could separate thousands or "
        "decimals; write 1500 or 1.500,00",
    ),
    (
        [
            "contribution",
            "add",
            "--cluster",
            CLUSTER,
            "--year",
            "2025",
            "--kbo",
            "0403170701",
            "--amount",
            "100",
        ],
        "cluster-ledger: error: 2025 is before Circular Plastics started in 2026; "
        "check the year or the cluster's start year",
    ),
    (
        [
            "member",
            "add",
            "--cluster",
            CLUSTER,
            "--kbo",
            "0403170701",
            "--name",
            "Alfa",
            "--postcode",
            "9000",
        ],
        "cluster-ledger: error: Alfa (0403.170.701) is already a member of Circular Plastics",
    ),
    (
        [
            "member",
            "add",
            "--cluster",
            CLUSTER,
            "--kbo",
            "1000000021",
            "--name",
            "Gamma",
            "--postcode",
            "99999",
        ],
        "cluster-ledger: error: postcode '99999' is not a Belgian postcode; "
        "expected four digits 1000-9999",
    ),
    (
        [
            "member",
            "add",
            "--cluster",
            CLUSTER,
            "--kbo",
            "1000000021",
            "--name",
            "Gamma",
            "--postcode",
            "9000",
            "--kind",
            "bakker",
        ],
        "cluster-ledger: error: --kind: member kind 'bakker' is unknown; expected enterprise "
        "(onderneming), knowledge_institution (kennisinstelling), public_body (overheid) or "
        "other (andere)",
    ),
    (
        [
            "member",
            "add",
            "--cluster",
            CLUSTER,
            "--kbo",
            "1000000021",
            "--name",
            "Gamma",
            "--postcode",
            "9000",
            "--joined",
            "31/02/2026",
        ],
        "cluster-ledger: error: --joined: date '31/02/2026' does not exist",
    ),
    (
        ["cluster", "add", "Other", "--rules", "ibn-1999", "--start-year", "2026"],
        "cluster-ledger: error: rule set 'ibn-1999' is unknown; known rule sets: ibn-2020, "
        "ibn-2026, spearhead-2020",
    ),
    (
        ["cluster", "add", CLUSTER, "--rules", "ibn-2026", "--start-year", "2026"],
        "cluster-ledger: error: a cluster named 'Circular Plastics' already exists",
    ),
    (
        ["contribution", "reverse", "99", "--reason", "x"],
        "cluster-ledger: error: contribution 99 does not exist; see 'contribution list'",
    ),
    (
        ["year", "reopen", "--cluster", CLUSTER, "--year", "2026", "--reason", "x"],
        "cluster-ledger: error: 2026 of Circular Plastics is not locked; nothing to reopen",
    ),
    (
        ["costs", "set", "--cluster", CLUSTER, "--year", "2026", "--amount", "twelve"],
        "cluster-ledger: error: --amount: 'twelve' is not an amount; "
        "expected a number such as 1234,56 or 1.234,56",
    ),
]


@pytest.mark.parametrize(
    ("args", "line"), CASES, ids=[" ".join(c[0][:2]) + f"-{i}" for i, c in enumerate(CASES)]
)
def test_bad_input_one_line_exit_1_nothing_written(
    demo_cluster: Run, args: list[str], line: str
) -> None:
    cli = demo_cluster
    cli(*ADD, "--kbo", "0403170701", "--amount", "100")
    before = ledger_state(cli)
    result = cli(*args, expect=1)
    assert result.stderr == line + "\n"
    assert result.stdout == ""
    assert ledger_state(cli) == before


def test_write_into_a_locked_year(demo_cluster: Run) -> None:
    cli = demo_cluster
    cli("year", "lock", "--cluster", CLUSTER, "--year", "2026")
    before = ledger_state(cli)
    result = cli(*ADD, "--kbo", "0403170701", "--amount", "100", expect=1)
    assert result.stderr == (
        "cluster-ledger: error: 2026 of Circular Plastics is locked; "
        "reopen it with 'year reopen --reason' first\n"
    )
    assert ledger_state(cli) == before


def test_missing_ledger_says_how_to_create_one(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["--db", str(tmp_path / "none.sqlite"), "cluster", "list"])
    assert result.exit_code == 1
    assert result.stderr == (
        f"cluster-ledger: error: no ledger at {tmp_path / 'none.sqlite'}; "
        "run 'cluster-ledger init' to create one, or 'cluster-ledger demo' to try a demo ledger\n"
    )
    assert not (tmp_path / "none.sqlite").exists()


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["--db", str(tmp_path / "x.sqlite"), "summary"])
    assert result.exit_code == 2
    assert "Missing option '--cluster'" in result.stderr


def test_real_process_prints_no_traceback(tmp_path: Path) -> None:
    """The installed entry point, as a user runs it: exit codes and clean stderr."""
    db = str(tmp_path / "ledger.sqlite")
    run = [sys.executable, "-m", "tui.cli", "--db", db]
    assert subprocess.run([*run, "init"], capture_output=True, text=True).returncode == 0
    bad = subprocess.run(
        [
            *run,
            "cluster",
            "add",
            "X",
            "--rules",
            "ibn-2026",
            "--start-year",
            "2026",
            "--kbo",
            "123",
        ],
        capture_output=True,
        text=True,
    )
    assert bad.returncode == 1
    assert bad.stderr.count("\n") == 1 and "Traceback" not in bad.stderr
    usage = subprocess.run([*run, "cluster", "add"], capture_output=True, text=True)
    assert usage.returncode == 2 and "Traceback" not in usage.stderr


def test_a_bug_says_so_and_keeps_its_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import ledger.queries
    from tui.cli import main

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("simulated defect")

    db = str(tmp_path / "l.sqlite")
    monkeypatch.setattr(sys, "argv", ["cluster-ledger", "--db", db, "init"])
    with pytest.raises(SystemExit) as ended:
        main()
    assert ended.value.code == 0
    monkeypatch.setattr(ledger.queries, "list_clusters", broken)
    monkeypatch.setattr(sys, "argv", ["cluster-ledger", "--db", db, "cluster", "list"])
    with pytest.raises(SystemExit) as ended:
        main()
    assert ended.value.code == 70
    err = capsys.readouterr().err
    assert "Traceback" in err and "RuntimeError: simulated defect" in err
    assert err.rstrip().endswith("please report it with the traceback above")


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (
            ["contribution", "reverse", "99999999999999999999", "--reason", "x"],
            "cluster-ledger: error: contribution 99999999999999999999 does not exist; "
            "see 'contribution list'",
        ),
        (
            ["summary", "--cluster", CLUSTER, "--year", "99999999999999999999"],
            "cluster-ledger: error: --year: 99999999999999999999 is outside the program of "
            "Circular Plastics, which started in 2026",
        ),
        (
            [*ADD, "--kbo", "0403170701", "--amount", "99999999999999999999"],
            "cluster-ledger: error: --amount: 99999999999999999999 is too large for an amount; "
            "at most 10.000.000.000.000 euros",
        ),
    ],
    ids=["huge-id", "huge-year", "huge-amount"],
)
def test_numbers_beyond_reason_are_refused(demo_cluster: Run, args: list[str], line: str) -> None:
    result = demo_cluster(*args, expect=1)
    assert result.stderr == line + "\n"
