"""verify covers every fact that decides a figure or an import's idempotency, whoever
changes it: each attack below drops the append-only triggers, changes a fact with SQL,
puts the triggers back as they were, and expects verify to name what changed (SQLite, and
PostgreSQL when given)."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from ledger.integrity import guards
from ledger.integrity.verify import verify
from ledger.session import Ledger
from tests.ledger.test_integrity import booked  # noqa: F401  (the fixture)


def rewritten(ledger: Ledger, *statements: str) -> list[str]:
    """Guards lifted, history rewritten, guards put back exactly: what verify says."""
    with ledger.engine.begin() as connection:
        guards.drop(connection)
        for statement in statements:
            connection.execute(text(statement))
        guards.create(connection)
    return verify(ledger).problems


def test_an_untouched_ledger_has_nothing_to_report(booked: Ledger) -> None:  # noqa: F811
    assert verify(booked).problems == []


@pytest.mark.parametrize(
    ("statements", "problem"),
    [
        (  # the year's costs moved to another year: aid 10,000 becomes 12,500 elsewhere
            [
                "INSERT INTO coordination_cost (cluster_id, year, amount_cents, updated_at) "
                "SELECT 1, 2026, 2000000, CURRENT_TIMESTAMP",
            ],
            "coordination_cost 1 has no audit event: it was written outside the ledger",
        ),
        (  # two memberships swap their companies
            [
                "INSERT INTO company (id, kbo, name, created_at, updated_at) "
                "VALUES (9, '0000000097', 'x', CURRENT_TIMESTAMP, "
                "CURRENT_TIMESTAMP)",
                "UPDATE membership SET company_id = 9 WHERE id = 1",
                "UPDATE membership SET company_id = 1 WHERE id = 2",
                "UPDATE membership SET company_id = 2 WHERE id = 1",
                "DELETE FROM company WHERE id = 9",
            ],
            "membership 1 holds company_id 2, but its audit trail says 1: it was changed outside "
            "the ledger",
        ),
        (  # a company's enterprise number
            ["UPDATE company SET kbo = '0417497106' WHERE id = 1"],
            "company 1 holds kbo '0417497106', but its audit trail says '0403170701': it was "
            "changed outside the ledger",
        ),
        (  # a cluster's start year (which program year a year is)
            ["UPDATE cluster SET start_year = 2025 WHERE id = 1"],
            "cluster 1 holds start_year 2025, but its audit trail says 2026: it was changed "
            "outside the ledger",
        ),
    ],
)
def test_rows_changed_in_place_are_held_to_their_audit_events_in_every_column(
    booked: Ledger,  # noqa: F811
    statements: list[str],
    problem: str,
) -> None:
    assert problem in rewritten(booked, *statements)


def test_costs_moved_to_another_year_are_found(booked: Ledger) -> None:  # noqa: F811
    from decimal import Decimal

    from ledger import operations as ops
    from ledger.storage.tables import Cluster

    with booked.write() as tx:
        cluster = tx.session.get(Cluster, 1)
        assert cluster is not None
        ops.set_costs(tx, cluster, year=2026, amount=Decimal("20000"))
    found = rewritten(booked, "UPDATE coordination_cost SET year = 2027 WHERE cluster_id = 1")
    assert (
        "coordination_cost 1 holds year 2027, but its audit trail says 2026: it was changed "
        "outside the ledger"
    ) in found


def test_an_import_batch_rewritten_with_its_rows_is_found(booked: Ledger) -> None:  # noqa: F811
    """Rewriting a batch's file hash and its rows would let the same file import twice."""
    found = rewritten(
        booked,
        "UPDATE import_batch SET file_hash = '" + "0" * 64 + "' WHERE id = 1",
        "UPDATE import_row SET fingerprint = '" + "1" * 64 + "' WHERE batch_id = 1",
    )
    assert (
        "first broken link: import batch 1 (link 1 of the import batches of Other (cluster 2)) "
        "does not match its hash: it was changed after it was written"
    ) in found
    assert (
        "the source rows of import batch 1 do not match the digest its chained link covers: "
        "they were rewritten or deleted outside the ledger (the same file could then be "
        "imported twice)"
    ) in found


def test_a_year_lock_events_actor_and_reason_rewritten_are_found(
    booked: Ledger,  # noqa: F811
) -> None:
    found = rewritten(booked, "UPDATE year_lock_event SET actor = 'someone else', reason = 'x'")
    assert (
        "first broken link: year lock event 1 (link 1 of the year lock events of Other "
        "(cluster 2)) does not match its hash: it was changed after it was written"
    ) in found


def test_a_guard_with_its_name_but_not_its_definition_is_found(
    booked: Ledger,  # noqa: F811
) -> None:
    with booked.engine.begin() as connection:
        guards.drop(connection)
        guards.create(connection)
        if connection.dialect.name == "sqlite":
            connection.execute(text('DROP TRIGGER "contribution_no_update"'))
            connection.execute(
                text(
                    'CREATE TRIGGER "contribution_no_update" BEFORE UPDATE ON "contribution" '
                    "WHEN 0 BEGIN SELECT RAISE(ABORT, 'no'); END"
                )
            )
            name = "contribution_no_update"
        else:
            connection.execute(text('DROP TRIGGER "contribution_no_change" ON "contribution"'))
            connection.execute(
                text(
                    'CREATE TRIGGER "contribution_no_change" BEFORE UPDATE OR DELETE ON '
                    '"contribution" FOR EACH ROW WHEN (false) EXECUTE FUNCTION ledger_append_only()'
                )
            )
            name = "contribution_no_change"
    problems = verify(booked).problems
    assert len(problems) == 1
    assert problems[0].startswith(f"the append-only trigger {name} was replaced by another")
    assert problems[0].endswith(
        "it may no longer refuse changes to history; restore a backup, or compare the chains' "
        "tips with ones noted before"
    )


def test_a_trigger_the_ledger_does_not_know_is_named(booked: Ledger) -> None:  # noqa: F811
    with booked.engine.begin() as connection:
        if connection.dialect.name == "sqlite":
            connection.execute(
                text("CREATE TRIGGER doubling AFTER INSERT ON contribution BEGIN SELECT 1; END")
            )
        else:
            connection.execute(
                text(
                    "CREATE FUNCTION doubling() RETURNS trigger LANGUAGE plpgsql AS "
                    "$$ BEGIN RETURN NEW; END $$"
                )
            )
            connection.execute(
                text(
                    "CREATE TRIGGER doubling BEFORE INSERT ON contribution FOR EACH ROW "
                    "EXECUTE FUNCTION doubling()"
                )
            )
    (problem,) = verify(booked).problems
    assert problem.startswith(
        "trigger doubling on contribution is not one of the ledger's: it runs on every write to "
        "contribution and may change what is stored"
    )


def test_a_disabled_guard_is_found_on_postgresql(booked: Ledger) -> None:  # noqa: F811
    if booked.engine.dialect.name != "postgresql":
        pytest.skip("SQLite triggers cannot be disabled")
    with booked.engine.begin() as connection:
        connection.execute(
            text('ALTER TABLE contribution DISABLE TRIGGER "contribution_no_change"')
        )
    assert verify(booked).problems == [
        "the append-only trigger contribution_no_change is disabled: the database no longer "
        "refuses changes to history"
    ]


def test_amounts_past_the_bound_are_named(booked: Ledger) -> None:  # noqa: F811
    found = rewritten(booked, "UPDATE contribution SET amount_cents = 4000000000000000000")
    assert any(
        p.startswith("5 entries hold amounts beyond the most the ledger accepts")
        or p.startswith("8 entries hold amounts beyond")
        for p in found
    )
    assert (
        "the amounts of cluster 1 add up beyond the bound that keeps every sum within what the "
        "database can add: its figures cannot be computed"
    ) in found
