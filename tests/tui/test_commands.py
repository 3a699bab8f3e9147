"""The commands that open the app: what they do when there is no terminal to open it on."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from tui.cli import app as cli


def test_demo_without_the_app_prints_the_summary(tmp_path: Path) -> None:
    db = tmp_path / "demo.sqlite"
    result = CliRunner().invoke(cli, ["--db", str(db), "demo", "--no-app"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith(f"Demo ledger at {db}\n")
    assert "Matched aid" in result.stdout


def test_demo_refuses_a_wrong_language_before_building(tmp_path: Path) -> None:
    db = tmp_path / "demo.sqlite"
    result = CliRunner().invoke(cli, ["--db", str(db), "demo", "--lang", "de"])
    assert result.exit_code == 1
    assert (
        result.stderr
        == "cluster-ledger: error: --lang: 'de' is not a language; expected nl or en\n"
    )
    assert not db.exists()
