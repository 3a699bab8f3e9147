"""The audit trail of a spearhead cluster's portfolio told as sentences, in English and
Dutch: every project and partner action, and a project list imported."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from importers.batches import Request, run_import
from ledger import operations, queries
from ledger.lists.audit import audit
from ledger.project_terms import PartnerRole, ProjectStatus, ProjectType
from ledger.session import Ledger
from tui.app.i18n import Labels
from tui.app.sentences import describe, detail_lines

ALFA = "0403170701"


@pytest.fixture
def told(tmp_path: Path) -> dict[str, list[str]]:
    """Each action once, and the trail as sentences (oldest first) in both languages."""
    ledger = Ledger.open(tmp_path / "ledger.sqlite", create=True, actor="anne", origin="test")
    with ledger.write() as tx:
        flux = operations.add_cluster(
            tx, name="Flux", rule_set_id="spearhead-2020", start_year=2024, kbo=ALFA
        )
        operations.add_theme(tx, flux, name="Smart grids")
        project = operations.add_project(
            tx,
            flux,
            type=ProjectType.ICON,
            title="Grid edge",
            acronym="EDGE",
            budget=Decimal(1_000_000),
            aid_requested=Decimal(500_000),
            submitted=date(2025, 3, 1),
        )
        pid = project.id
        assert pid is not None
        operations.update_project(tx, pid, budget=Decimal(1_200_000))
        first = operations.add_partner(
            tx, pid, role=PartnerRole.COORDINATOR, kbo=ALFA, name="Alfa NV", budget=Decimal(600_000)
        )
        other = operations.add_partner(
            tx, pid, role=PartnerRole.PARTNER, name="Fraunhofer IWES", country="DE"
        )
        operations.update_partner(tx, pid, first.id, budget=Decimal(700_000))  # type: ignore[arg-type]
        operations.change_status(
            tx, pid, to=ProjectStatus.APPROVED, on=date(2025, 9, 15), aid_granted=Decimal(450_000)
        )
        operations.remove_partner(tx, pid, other.id, reason="trok zich terug")  # type: ignore[arg-type]
    sheet = tmp_path / "projecten.csv"
    sheet.write_text(
        "Type;Acroniem;Titel;Ingediend op\r\noo;SOLV;Solventen;10/02/2026\r\n", encoding="utf-8"
    )
    run_import(ledger, Request(sheet, "Flux", what="projects", commit=True))
    with ledger.read() as session:
        cluster = queries.get_cluster("Flux", session=session)
        rows = list(reversed(audit(session=session, cluster=cluster).rows))
    ledger.dispose()
    told = {
        lang: [describe(Labels(lang), row).replace("\xa0", " ") for row in rows]
        for lang in ("en", "nl")
    }
    approval = next(r for r in rows if r.event.action == "project.status")
    told["pane"] = detail_lines(Labels("nl"), approval, "")[2:]
    return told


def test_every_project_action_is_a_sentence_in_english(told: dict[str, list[str]]) -> None:
    assert told["en"] == [
        "Theme 'Smart grids' added to the cluster's list",
        "Project 1 (EDGE) added: Grid edge (ICON project), submitted on 2025-03-01",
        "Project 1 (EDGE) changed: Budget € 1.000.000,00 → € 1.200.000,00",
        "Alfa NV (0403.170.701) added to project 1 as coordinator",
        "Fraunhofer IWES (DE) added to project 1 as partner",
        "Partner 1 of project 1 changed: Budget € 600.000,00 → € 700.000,00",
        "Project 1 (EDGE) approved on 2025-09-15 (was submitted), aid granted € 450.000,00",
        "Fraunhofer IWES (DE) removed from project 1: trok zich terug",
        "projecten.csv imported as batch 1: 1 row of projects",
        "Project 2 (SOLV) added: Solventen (R&D project (O&O)), submitted on 2026-02-10",
    ]


def test_every_project_action_is_a_sentence_in_dutch(told: dict[str, list[str]]) -> None:
    assert told["nl"] == [
        "Thema 'Smart grids' toegevoegd aan de lijst van de cluster",
        "Project 1 (EDGE) toegevoegd: Grid edge (ICON-project), ingediend op 2025-03-01",
        "Project 1 (EDGE) gewijzigd: Budget € 1.000.000,00 → € 1.200.000,00",
        "Alfa NV (0403.170.701) toegevoegd aan project 1 als coördinator",
        "Fraunhofer IWES (DE) toegevoegd aan project 1 als partner",
        "Partner 1 van project 1 gewijzigd: Budget € 600.000,00 → € 700.000,00",
        "Project 1 (EDGE) goedgekeurd op 2025-09-15 (was ingediend), toegekende steun € 450.000,00",
        "Fraunhofer IWES (DE) verwijderd uit project 1: trok zich terug",
        "projecten.csv geïmporteerd als batch 1: 1 rij projecten",
        "Project 2 (SOLV) toegevoegd: Solventen (O&O-project), ingediend op 2026-02-10",
    ]


def test_the_detail_pane_labels_a_status_change(told: dict[str, list[str]]) -> None:
    assert [line.replace("\xa0", " ") for line in told["pane"]] == [
        "Toegekende steun: € 450.000,00",
        "Datum: 2025-09-15",
        "Boven de aanvraag: nee",
        "Vorige status: ingediend",
        "Reden: geen",
        "Nieuwe status: goedgekeurd",
        "Versie: 3",
    ]
