"""The project commands on a real ledger (SQLite, and PostgreSQL when given): the portfolio
as a coordinator types it, and each refusal as one line on stderr, exit 1, nothing written."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import text

from ledger.session import Ledger
from tests.cli.conftest import Run

FLUX = "Flux"
ALFA, BETA = "0403.170.701", "0123.456.749"


@pytest.fixture
def flux(cli: Run) -> Run:
    """A spearhead cluster with a member, a theme and a submitted ICON project (id 1)."""
    cli("cluster", "add", FLUX, "--rules", "spearhead-2020", "--start-year", "2024", "--kbo", ALFA)
    cli("cluster", "add", "Plastics", "--rules", "ibn-2026", "--start-year", "2026")
    cli(
        "member", "add", "--cluster", FLUX, "--kbo", ALFA, "--name", "Alfa NV", "--postcode", "9000"
    )
    cli("project", "theme", "add", "--cluster", FLUX, "--name", "Smart grids")
    cli(
        "project", "add", "--cluster", FLUX, "--type", "ICON", "--title", "Grid edge",
        "--acronym", "EDGE", "--theme", "Smart grids", "--budget", "1.200.000,00",
        "--aid-requested", "600000", "--submitted", "01/03/2025",
    )  # fmt: skip
    return cli


TABLES = ("cluster", "project", "project_partner", "project_status_change", "project_theme")


def state(target: str) -> list[object]:
    """Every row of the portfolio's tables, and how many audit events there are."""
    ledger = Ledger.open(target)
    try:
        with ledger.engine.connect() as connection:
            found: list[object] = [
                connection.execute(text(f"SELECT * FROM {table} ORDER BY id")).all()
                for table in TABLES
            ]
            found.append(connection.execute(text("SELECT count(*) FROM audit_event")).scalar())
    finally:
        ledger.dispose()
    return found


def refused(cli: Run, target: str, args: list[str], line: str) -> None:
    before = state(target)
    result = cli(*args, expect=1)
    assert result.stderr.strip() == line
    assert result.stdout == ""
    assert state(target) == before


def test_a_portfolio_typed_in_by_a_coordinator(flux: Run) -> None:
    out = flux(
        "project", "partner", "add", "--project", "1", "--kbo", ALFA, "--role", "coördinator",
        "--budget", "700000", "--aid", "350000",
    ).stdout  # fmt: skip
    assert out == "Added Alfa NV (0403.170.701) to project 1 as coordinator (partner 1)\n"
    out = flux(
        "project", "partner", "add", "--project", "1", "--name", "Fraunhofer IWES", "--country",
        "de", "--role", "partner", "--budget", "500.000,00", "--aid", "250000",
    ).stdout  # fmt: skip
    assert out == "Added Fraunhofer IWES, DE to project 1 as partner (partner 2)\n"
    out = flux(
        "project", "status", "1", "--to", "goedgekeurd", "--date", "2025-09-15",
        "--aid-granted", "600000",
    ).stdout  # fmt: skip
    assert out == "Project 1 is approved from 2025-09-15, aid granted €\xa0600.000,00\n"
    flux("project", "status", "1", "--to", "running", "--date", "2025-10-01")
    shown = json.loads(flux("project", "show", "1", "--json").stdout)
    assert shown["status"] == "running"
    assert (shown["budget"], shown["aid_requested"], shown["aid_granted"]) == (
        "1200000.00",
        "600000.00",
        "600000.00",
    )
    assert [(p["name"], p["member"]) for p in shown["partners"]] == [
        ("Alfa NV", True),
        ("Fraunhofer IWES", False),
    ]
    assert [(h["from"], h["to"], h["date"]) for h in shown["history"]] == [
        (None, "submitted", "2025-03-01"),
        ("submitted", "approved", "2025-09-15"),
        ("approved", "running", "2025-10-01"),
    ]
    assert shown["warnings"] == []
    listed = flux("project", "list", "--cluster", FLUX, "--year", "2025").stdout
    assert "EDGE" in listed and "\n1 project in 2025\n" in listed
    assert (
        "0 projects in 2023" in flux("project", "list", "--cluster", FLUX, "--year", "2023").stdout
    )
    text = flux("project", "show", "1").stdout
    assert "Project 1 · EDGE · Grid edge" in text
    assert "Fraunhofer IWES" in text


def test_a_member_page_lists_the_projects_it_takes_part_in(flux: Run) -> None:
    flux("project", "partner", "add", "--project", "1", "--kbo", ALFA, "--role", "coordinator")
    shown = flux("member", "show", "--kbo", ALFA).stdout
    assert "Projects:" in shown
    assert "project 1 (EDGE) in Flux: coordinator, icon, submitted" in shown
    data = json.loads(flux("member", "show", "--kbo", ALFA, "--json").stdout)
    assert data["projects"] == [
        {
            "project": 1,
            "cluster": FLUX,
            "acronym": "EDGE",
            "title": "Grid edge",
            "type": "icon",
            "status": "submitted",
            "role": "coordinator",
        }
    ]


def test_a_theme_off_the_list_is_a_warning_not_a_refusal(flux: Run) -> None:
    result = flux("project", "add", "--cluster", FLUX, "--type", "oo", "--title", "Hydrogen valley",
                  "--theme", "Hydrogen")  # fmt: skip
    assert result.stdout == "Added project 2 to Flux: R&D project (O&O), a draft\n"
    assert result.stderr == (
        "cluster-ledger: warning: the theme 'Hydrogen' is not on the list of Flux (Smart grids); "
        "add it with 'project theme add --cluster C --name T' if it belongs there\n"
    )


BAD = [
    (
        ["project", "add", "--cluster", FLUX, "--type", "bakery", "--title", "X"],
        "cluster-ledger: error: --type: project type 'bakery' is unknown; expected oo (O&O), "
        "coock, csbo, icon or cooperative (coöperatief)",
    ),
    (
        ["project", "add", "--cluster", "Plastics", "--type", "oo", "--title", "X"],
        "cluster-ledger: error: Plastics is under ibn-2026 (innovative business network), which "
        "submits no projects: projects go through a spearhead cluster",
    ),
    (
        [
            "project",
            "status",
            "1",
            "--to",
            "approved",
            "--date",
            "2025-09-01",
            "--aid-granted",
            "600000,01",
        ],
        "cluster-ledger: error: the aid granted 600000.01 is more than the aid requested "
        "600000.00 for project 1 (EDGE); if the decision says so, record it with --force "
        "--reason T",
    ),
    (
        [
            "project",
            "partner",
            "add",
            "--project",
            "1",
            "--kbo",
            BETA,
            "--name",
            "Beta BV",
            "--role",
            "partner",
            "--budget",
            "1200000,01",
        ],
        "cluster-ledger: error: the partners' budgets would add up to 1200000.01, more than the "
        "budget of project 1 (EDGE), 1200000.00",
    ),
    (
        [
            "project",
            "add",
            "--cluster",
            FLUX,
            "--type",
            "oo",
            "--title",
            "X",
            "--start",
            "2026-03-01",
            "--end",
            "31/01/2026",
        ],
        "cluster-ledger: error: the end date 2026-01-31 is before the start date 2026-03-01",
    ),
    (
        ["project", "status", "1", "--to", "rejected", "--date", "2025-02-28"],
        "cluster-ledger: error: the date 2025-02-28 is before the last change of project 1 "
        "(EDGE) (submitted on 2025-03-01); a status changes on that day or later",
    ),
    (
        ["project", "status", "1", "--to", "running", "--date", "2025-09-01"],
        "cluster-ledger: error: project 1 (EDGE) is submitted; it goes to approved, rejected or "
        "withdrawn next, not to running",
    ),
    (
        ["project", "status", "1", "--to", "nearly", "--date", "2025-09-01"],
        "cluster-ledger: error: --to: project status 'nearly' is unknown; expected draft, "
        "submitted, approved, rejected, withdrawn, running, closed",
    ),
    (
        [
            "project",
            "partner",
            "add",
            "--project",
            "1",
            "--name",
            "TNO",
            "--country",
            "Netherlands",
            "--role",
            "partner",
        ],
        "cluster-ledger: error: --country: country 'Netherlands' is not a two-letter country "
        "code; expected an ISO 3166 code such as BE, NL, DE or FR",
    ),
    (
        ["project", "show", "7"],
        "cluster-ledger: error: project 7 does not exist; see 'project list --cluster C'",
    ),
]


@pytest.mark.parametrize(("args", "line"), BAD)
def test_bad_input_is_one_line_and_changes_nothing(
    flux: Run, db_target: str, args: list[str], line: str
) -> None:
    refused(flux, db_target, args, line)


def test_a_status_change_that_skips_back_is_refused(flux: Run, db_target: str) -> None:
    flux("project", "status", "1", "--to", "approved", "--date", "2025-09-01")
    refused(
        flux,
        db_target,
        ["project", "status", "1", "--to", "draft", "--date", "2025-10-01", "--reason", "x"],
        "cluster-ledger: error: project 1 (EDGE) is approved; going back to draft would skip "
        "submitted: a step back goes to submitted only, with a reason",
    )


def test_a_partner_twice_in_the_same_role_is_refused(flux: Run, db_target: str) -> None:
    flux("project", "partner", "add", "--project", "1", "--kbo", ALFA, "--role", "partner")
    refused(
        flux,
        db_target,
        [
            "project",
            "partner",
            "add",
            "--project",
            "1",
            "--kbo",
            "BE0403170701",
            "--role",
            "partner",
        ],
        "cluster-ledger: error: Alfa NV (0403.170.701) is already a partner of project 1 (EDGE) "
        "(partner 1); change its shares with 'project partner update --project ID --partner 1'",
    )


def test_aid_above_the_request_with_force_and_a_reason_is_recorded(
    flux: Run, db_target: str
) -> None:
    refused(
        flux,
        db_target,
        [
            "project",
            "status",
            "1",
            "--to",
            "approved",
            "--date",
            "2025-09-01",
            "--aid-granted",
            "650000",
            "--force",
        ],
        "cluster-ledger: error: aid granted above the aid requested is recorded with its "
        "reason; add --reason T",
    )
    flux(
        "project", "status", "1", "--to", "approved", "--date", "2025-09-01", "--aid-granted",
        "650000", "--force", "--reason", "the decision adds an indexation",
    )  # fmt: skip
    history = json.loads(flux("project", "show", "1", "--json").stdout)["history"]
    assert (history[-1]["forced"], history[-1]["reason"]) == (
        True,
        "the decision adds an indexation",
    )


def test_a_closed_project_is_read_only_until_reopened_with_a_reason(
    flux: Run, db_target: str
) -> None:
    for to, day in (
        ("approved", "2025-09-01"),
        ("running", "2025-10-01"),
        ("closed", "2026-03-31"),
    ):
        flux("project", "status", "1", "--to", to, "--date", day)
    refused(
        flux,
        db_target,
        ["project", "update", "1", "--budget", "1000000"],
        "cluster-ledger: error: project 1 (EDGE) is closed and read-only; reopen it with "
        "'project status 1 --to running --date D --reason T' first",
    )
    refused(
        flux,
        db_target,
        ["project", "partner", "add", "--project", "1", "--kbo", ALFA, "--role", "partner"],
        "cluster-ledger: error: project 1 (EDGE) is closed and read-only; reopen it with "
        "'project status 1 --to running --date D --reason T' first",
    )
    flux("project", "status", "1", "--to", "running", "--date", "2026-04-02", "--reason",
         "the agency asked for a last deliverable")  # fmt: skip
    flux("project", "update", "1", "--budget", "1000000")


def test_every_project_command_has_help() -> None:
    from typer.testing import CliRunner

    from tui.cli import app

    runner = CliRunner()
    for command in (
        ["project"], ["project", "add"], ["project", "update"], ["project", "status"],
        ["project", "list"], ["project", "show"], ["project", "partner", "add"],
        ["project", "partner", "update"], ["project", "partner", "remove"],
        ["project", "theme", "add"], ["project", "theme", "list"],
    ):  # fmt: skip
        result = runner.invoke(app, [*command, "--help"])
        assert result.exit_code == 0 and "Usage:" in result.stdout, command
