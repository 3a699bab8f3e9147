from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from tui.cli import app

Run = Callable[..., Result]


@pytest.fixture
def cli(db_target: str) -> Run:
    """Run the command line against a fresh ledger (SQLite, and PostgreSQL when given)."""
    runner = CliRunner()

    def run(*args: str, expect: int | None = 0) -> Result:
        result = runner.invoke(app, ["--db", db_target, *args], catch_exceptions=False)
        if expect is not None:
            assert result.exit_code == expect, (result.stdout, result.stderr)
        return result

    run("init")
    return run


@pytest.fixture
def demo_cluster(cli: Run) -> Run:
    cli(
        "cluster",
        "add",
        "Circular Plastics",
        "--rules",
        "ibn-2026",
        "--start-year",
        "2026",
        "--kbo",
        "0403.170.701",
    )
    cli(
        "member",
        "add",
        "--cluster",
        "Circular Plastics",
        "--kbo",
        "BE0403170701",
        "--name",
        "Alfa NV",
        "--postcode",
        "9000",
        "--mandate",
        "01/02/2026",
    )
    cli(
        "member",
        "add",
        "--cluster",
        "Circular Plastics",
        "--kbo",
        "0123.456.749",
        "--name",
        "KU Kennis",
        "--postcode",
        "3000",
        "--kind",
        "kennisinstelling",
    )
    return cli


@pytest.fixture
def sqlite_path(tmp_path: Path) -> Path:
    return tmp_path / "ledger.sqlite"
