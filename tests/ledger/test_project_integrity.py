"""The portfolio defends itself: the database refuses rewriting a project's status
history or a cluster's themes, and ``verify`` finds a project, partner or step changed,
slipped in or deleted behind the ledger's back (SQLite, and PostgreSQL when given)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from ledger import operations as ops
from ledger.integrity.verify import verify
from ledger.project_terms import PartnerRole, ProjectStatus, ProjectType
from ledger.session import Ledger
from tests.ledger.test_integrity import behind_the_ledgers_back

ALFA = "0403170701"


@pytest.fixture
def portfolio(ledger: Ledger) -> Iterator[Ledger]:
    with ledger.write() as tx:
        cluster = ops.add_cluster(tx, name="Flux", rule_set_id="spearhead-2020", start_year=2024)
        ops.add_member(tx, cluster, kbo=ALFA, name="Alfa NV", postcode="9000")
        ops.add_theme(tx, cluster, name="Smart grids")
        ops.add_project(
            tx,
            cluster,
            type=ProjectType.COOCK,
            title="Grid",
            acronym="GRID",
            budget=Decimal("80000"),
            aid_requested=Decimal("40000"),
            submitted=date(2025, 2, 1),
        )
    with ledger.write() as tx:
        ops.add_partner(tx, 1, role=PartnerRole.COORDINATOR, kbo=ALFA, budget=Decimal("50000"))
        ops.change_status(
            tx, 1, to=ProjectStatus.APPROVED, on=date(2025, 6, 1), aid_granted=Decimal("40000")
        )
    yield ledger


def test_a_portfolio_written_by_the_ledger_verifies(portfolio: Ledger) -> None:
    assert verify(portfolio).problems == []


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE project_status_change SET on_date = '2024-01-01'",
        "DELETE FROM project_status_change",
        "UPDATE project_theme SET name = 'Hydrogen'",
    ],
)
def test_the_database_refuses_rewriting_the_status_history(
    portfolio: Ledger, statement: str
) -> None:
    with pytest.raises(DBAPIError, match="append-only"), portfolio.engine.begin() as connection:
        connection.execute(text(statement + " WHERE 1 = 1"))
    assert verify(portfolio).ok


@pytest.mark.parametrize(
    ("statements", "words"),
    [
        (
            ["UPDATE project SET budget_cents = 1 WHERE id = 1"],
            "project 1 holds budget_cents 1, but its audit trail says 8000000: it was changed "
            "outside the ledger",
        ),
        (
            ["UPDATE project_partner SET aid_cents = 999 WHERE id = 1"],
            "project_partner 1 holds aid_cents 999, but its audit trail says None: it was changed "
            "outside the ledger",
        ),
        (
            [
                "UPDATE project_status_change SET aid_granted_cents = 5000000 WHERE to_status = 'approved'"
            ],
            "project_status_change 2 holds aid granted '50000.00', but its audit event 7 says "
            "'40000.00': it was changed outside the ledger",
        ),
        (
            ["DELETE FROM project_status_change WHERE to_status = 'approved'"],
            "audit event 7 (project.status) recorded a project status change, and it is gone: it "
            "was deleted outside the ledger",
        ),
        (
            [
                "INSERT INTO project_partner (project_id, cluster_id, name, country, role, removed,"
                " version, created_at, updated_at) VALUES (1, 1, 'Ghost', 'NL', 'partner', false, "
                "1, '2026-01-01 00:00:00', '2026-01-01 00:00:00')"
            ],
            "project_partner 2 has no audit event: it was written outside the ledger",
        ),
        (
            ["UPDATE project_theme SET name = 'Hydrogen' WHERE id = 1"],
            "project_theme 1 holds name 'Hydrogen', but its audit event 4 says 'Smart grids': it "
            "was changed outside the ledger",
        ),
        (
            ["UPDATE project SET status = 'running' WHERE id = 1"],
            "project 1 holds status 'running', but its audit trail says 'approved': it was "
            "changed outside the ledger",
        ),
    ],
)
def test_verify_names_a_change_behind_the_ledgers_back(
    portfolio: Ledger, statements: list[str], words: str
) -> None:
    behind_the_ledgers_back(portfolio, *statements)
    assert words in verify(portfolio).problems


def test_a_missing_trigger_on_the_status_history_is_named(portfolio: Ledger) -> None:
    with portfolio.engine.begin() as connection:
        if connection.dialect.name == "sqlite":
            connection.execute(text('DROP TRIGGER "project_status_change_no_update"'))
        else:
            connection.execute(
                text('DROP TRIGGER "project_status_change_no_change" ON project_status_change')
            )
    assert any("project_status_change_no_" in p for p in verify(portfolio).problems)
