"""Importing a spearhead cluster's project list and its partners from the command line
(``import --what projects|project-partners``), on SQLite and PostgreSQL: the dry run shows
every column and row and writes nothing; a commit lands in one transaction with its audit
events; each refusal of the ledger's project checks is a row's problem, one line on
stderr, exit 1, nothing written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import text

from ledger.session import Ledger
from tests.cli.conftest import Run
from tests.cli.test_projects import state

FLUX = "Flux"
ALFA = "0403.170.701"
HEADER = "Type;Acroniem;Titel;Status;Ingediend op;Beslist op;Start;Einde;Budget;Gevraagde steun;"
HEADER += "Toegekende steun;Opmerking\r\n"
PROJECTS = (
    HEADER + "ICON;EDGE;Grid edge;goedgekeurd;01/03/2025;15/09/2025;;;1.200.000,00;600.000,00;"
    "550.000,00;kick-off in oktober\r\n"
    "O&O;SOLV;Solventen;ingediend;10/02/2026;;;;200000;100000;;\r\n"
    "coock;COAT;Coatings;afgesloten;01/02/2024;15/06/2024;01/09/2024;31/08/2025;400000;300000;"
    "300000;\r\n"
)
PARTNERS = (
    "Project;Ondernemingsnummer;Naam;Land;Rol;Budget;Steun\r\n"
    f"EDGE;{ALFA};;;coördinator;700.000,00;300.000,00\r\n"
    "edge;;Fraunhofer IWES;DE;partner;500000;250000\r\n"
    "COAT;0123.456.749;KU Kennis;;gebruikersgroep;;\r\n"
)


@pytest.fixture
def flux(cli: Run) -> Run:
    """A spearhead cluster with one member, and an innovative business network."""
    cli("cluster", "add", FLUX, "--rules", "spearhead-2020", "--start-year", "2024", "--kbo", ALFA)
    cli("cluster", "add", "Plastics", "--rules", "ibn-2026", "--start-year", "2026")
    cli(
        "member", "add", "--cluster", FLUX, "--kbo", ALFA, "--name", "Alfa NV", "--postcode", "9000"
    )
    return cli


def write(folder: Path, name: str, content: str) -> str:
    path = folder / name
    path.write_text(content, encoding="utf-8")
    return str(path)


def actions(target: str) -> list[str]:
    ledger = Ledger.open(target)
    try:
        with ledger.engine.connect() as connection:
            query = text("SELECT action FROM audit_event ORDER BY id")
            return list(connection.execute(query).scalars())
    finally:
        ledger.dispose()


def test_a_dry_run_shows_every_column_and_row_and_writes_nothing(
    flux: Run, db_target: str, tmp_path: Path
) -> None:
    path = write(tmp_path, "projecten.csv", PROJECTS)
    before = state(db_target)
    out = flux("import", path, "--cluster", FLUX, "--what", "projects").stdout
    assert out == (
        "projecten.csv: sheet 'projecten': projects, header in row 1, 3 rows\n"
        "  Columns:\n"
        "    A   Type              type (a synonym)\n"
        "    B   Acroniem          acronym (a synonym)\n"
        "    C   Titel             title (a synonym)\n"
        "    D   Status            status (a synonym)\n"
        "    E   Ingediend op      submitted (a synonym)\n"
        "    F   Beslist op        decided (a synonym)\n"
        "    G   Start             start (a synonym)\n"
        "    H   Einde             end (a synonym)\n"
        "    I   Budget            budget (a synonym)\n"
        "    J   Gevraagde steun   aid_requested (a synonym)\n"
        "    K   Toegekende steun  aid_granted (a synonym)\n"
        "    L   Opmerking         ignored\n"
        "  3 new · 0 updated · 0 unchanged · 0 conflicting · 0 invalid\n"
        "  3 rows: 3 to import\n"
        "Note: projecten.csv: sheet 'projecten': row 4, column 'Status': project COAT is closed: "
        "it is imported running, so that its partners can be imported too (a closed project is "
        "read-only); close it after them with 'project status ID --to closed --date 2025-08-31'\n"
        "Dry run: nothing written; add --commit to import these 3 rows\n"
    )
    assert state(db_target) == before


def test_a_portfolio_and_its_partners_land_with_their_audit_events(
    flux: Run, db_target: str, tmp_path: Path
) -> None:
    projects = write(tmp_path, "projecten.csv", PROJECTS)
    partners = write(tmp_path, "partners.csv", PARTNERS)
    base = ["--cluster", FLUX, "--commit"]
    out = flux("import", projects, *base, "--what", "projects").stdout
    assert out.endswith("Imported 3 rows as batch 1\n")
    out = flux("import", partners, *base, "--what", "project-partners").stdout
    assert out.endswith("Imported 3 rows as batch 2\n")
    assert actions(db_target)[4:] == [
        "import.commit",
        "project.add",
        "project.status",
        "project.add",
        "project.add",
        "project.status",
        "project.status",
        "import.commit",
        "project.partner_add",
        "project.partner_add",
        "project.partner_add",
    ]
    edge = json.loads(flux("project", "show", "1", "--json").stdout)
    assert (edge["status"], edge["aid_granted"], edge["warnings"]) == ("approved", "550000.00", [])
    assert [(p["name"], p["role"], p["budget"], p["aid"]) for p in edge["partners"]] == [
        ("Alfa NV", "coordinator", "700000.00", "300000.00"),
        ("Fraunhofer IWES", "partner", "500000.00", "250000.00"),
    ]
    coat = json.loads(flux("project", "show", "3", "--json").stdout)
    assert [(h["to"], h["date"]) for h in coat["history"]] == [
        ("submitted", "2024-02-01"),
        ("approved", "2024-06-15"),
        ("running", "2024-09-01"),
    ]
    flux("project", "status", "3", "--to", "closed", "--date", "2025-08-31")
    assert flux("verify").exit_code == 0
    again = flux("import", projects, *base, "--what", "projects").stdout
    assert (
        again == "projecten.csv: sheet 'projecten': already imported as batch 1; nothing to add\n"
    )
    # The coordinator's next version of the sheet: SOLV was approved, COAT is closed.
    newer = PROJECTS.replace(
        "ingediend;10/02/2026;;;;200000;100000;;",
        "goedgekeurd;10/02/2026;01/06/2026;;;200000;100000;90000;",
    )
    out = flux("import", write(tmp_path, "projecten-2.csv", newer), *base, "--what", "projects")
    assert "  0 new · 1 updated · 2 unchanged · 0 conflicting · 0 invalid\n" in out.stdout
    solv = json.loads(flux("project", "show", "2", "--json").stdout)
    assert (solv["status"], solv["decided"], solv["aid_granted"]) == (
        "approved",
        "2026-06-01",
        "90000.00",
    )
    undo = flux("import", "undo", "1", "--reason", "test", expect=1)
    assert undo.stderr == (
        "cluster-ledger: error: batch 1 imported projects, which are changed one by one, dated "
        "and audited, rather than undone; correct them with 'project update', 'project status', "
        "'project partner update' or 'project partner remove'\n"
    )


EDGE_ROW = "ICON;EDGE;Grid edge;goedgekeurd;01/03/2025;15/09/2025;;;1000000;600000;550000;\r\n"
REFUSALS = {
    "unknown type": (
        "projects",
        FLUX,
        HEADER + "bakery;BAKE;Brood;ingediend;01/03/2025;;;;1000;500;;\r\n",
        "row 2, column 'Type': project type 'bakery' is unknown; expected oo (O&O), coock, csbo, "
        "icon or cooperative (coöperatief)",
    ),
    "not a spearhead cluster": (
        "projects",
        "Plastics",
        HEADER + "icon;EDGE;Grid edge;ingediend;01/03/2026;;;;1000;500;;\r\n",
        "row 2: Plastics is under ibn-2026 (innovative business network), which submits no "
        "projects: projects go through a spearhead cluster",
    ),
    "a step back": (
        "projects",
        FLUX,
        HEADER + "ICON;EDGE;Grid edge;ingediend;01/03/2025;;;;1000000;600000;;\r\n",
        "row 2, column 'Status': project 1 (EDGE) is approved in the ledger and submitted in the "
        "sheet; an import moves a project forward only; to correct the ledger, go back with "
        "'project status 1 --to submitted --date D --reason T'; else leave the row out",
    ),
    "dates out of order": (
        "projects",
        FLUX,
        HEADER + "oo;BACK;Achteruit;ingediend;01/03/2025;;01/03/2026;01/01/2026;1000;500;;\r\n",
        "row 2, column 'Einde': the end date 2026-01-01 is before the start date 2026-03-01",
    ),
    "shares above the total": (
        "project-partners",
        FLUX,
        "Project;Ondernemingsnummer;Naam;Rol;Budget;Steun\r\n"
        f"EDGE;{ALFA};;coördinator;700000;300000\r\n"
        "EDGE;0123.456.749;KU Kennis;partner;400000;300000\r\n",
        "row 3, column 'Budget': the partners' budgets would add up to 1100000.00, more than the "
        "budget of project 1 (EDGE), 1000000.00",
    ),
    "a partner twice in one role": (
        "project-partners",
        FLUX,
        "Project;Ondernemingsnummer;Naam;Rol;Budget\r\n"
        f"EDGE;{ALFA};;partner;100000\r\n"
        f"EDGE;{ALFA};;partner;200000\r\n",
        "row 3, column 'Ondernemingsnummer': 0403.170.701 is a partner of project 1 (EDGE) in "
        "row 2 too, with other shares; keep one row per partner and role",
    ),
}


@pytest.mark.parametrize("case", sorted(REFUSALS))
def test_each_refusal_of_the_project_checks_is_a_row_problem(
    case: str, flux: Run, db_target: str, tmp_path: Path
) -> None:
    what, cluster, content, problem = REFUSALS[case]
    base = ["--cluster", FLUX, "--commit", "--what", "projects"]
    flux("import", write(tmp_path, "edge.csv", HEADER + EDGE_ROW), *base)
    before = state(db_target)
    path = write(tmp_path, "refused.csv", content)
    result = flux("import", path, "--cluster", cluster, "--what", what, "--commit", expect=1)
    line = result.stderr.strip()
    assert line == f"cluster-ledger: error: refused.csv: sheet 'refused': {problem}"
    assert state(db_target) == before


def test_a_project_two_of_the_cluster_are_known_by_is_not_guessed(
    flux: Run, db_target: str, tmp_path: Path
) -> None:
    for title in ("Grid edge", "Grid edge II"):
        flux("project", "add", "--cluster", FLUX, "--type", "icon", "--title", title,
             "--acronym", "EDGE", "--budget", "1000")  # fmt: skip
    before = state(db_target)
    path = write(
        tmp_path, "partners.csv", f"Project;Ondernemingsnummer;Rol\r\nEDGE;{ALFA};partner\r\n"
    )
    result = flux("import", path, "--cluster", FLUX, "--what", "project-partners", expect=1)
    assert result.stderr == (
        "cluster-ledger: error: partners.csv: sheet 'partners': row 2, column 'Project': Flux has "
        "2 projects known as 'EDGE' (ids 1, 2); name the project by its id\n"
    )
    assert state(db_target) == before
    path = write(tmp_path, "by-id.csv", f"Project;Ondernemingsnummer;Rol\r\n2;{ALFA};partner\r\n")
    flux("import", path, "--cluster", FLUX, "--what", "project-partners", "--commit")
    shown = json.loads(flux("project", "show", "2", "--json").stdout)
    assert [p["name"] for p in shown["partners"]] == ["Alfa NV"]
