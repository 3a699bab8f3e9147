"""The ledger's history defends itself: the database refuses rewriting it, and ``verify``
finds every change made behind the ledger's back (SQLite, and PostgreSQL when given)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from typer.testing import CliRunner

from ledger import operations as ops
from ledger.imports import add_import_batch
from ledger.integrity import guards
from ledger.integrity.chain import GENESIS, chain_rows, link
from ledger.integrity.verify import verify
from ledger.operations import NewContribution
from ledger.session import Ledger
from ledger.storage.tables import Cluster
from tui.cli import app

ALFA = "0403170701"
BETA = "0123456749"


@pytest.fixture
def booked(ledger: Ledger) -> Iterator[Ledger]:
    """A ledger with entries typed in, a reversal, a multi-row batch and a second cluster."""
    with ledger.write() as tx:
        cluster = ops.add_cluster(tx, name="Demo", rule_set_id="ibn-2026", start_year=2026)
        other = ops.add_cluster(tx, name="Other", rule_set_id="ibn-2026", start_year=2026)
        for found in (cluster, other):
            mandate = date(2026, 2, 1) if found is cluster else None
            ops.add_member(tx, found, kbo=ALFA, name="Alfa NV", postcode="9000", mandate=mandate)
            ops.add_member(tx, found, kbo=BETA, name="Beta BV", postcode="3000")
    with ledger.write() as tx:
        cluster = tx.session.get(Cluster, 1)
        assert cluster is not None
        first = ops.record_contribution(tx, cluster, kbo=ALFA, year=2026, amount=Decimal("100"))
        ops.record_contribution(tx, cluster, kbo=BETA, year=2026, amount=Decimal("250.50"))
        ops.reverse_contribution(tx, first.id or 0, reason="typo")
    with ledger.write() as tx:
        cluster = tx.session.get(Cluster, 2)
        assert cluster is not None
        rows = [(n + 2, f"{ALFA}|2026|{n}", f"{n:064}") for n in range(5)]
        batch = add_import_batch(
            tx,
            cluster,
            what="contributions",
            file_name="bijdragen.xlsx",
            file_hash="f" * 64,
            source_key="bijdragen.xlsx",
            sheet="2026",
            year=2026,
            rows=rows,
        )
        entries = [
            NewContribution(kbo=ALFA, year=2026, amount_cents=1000 + n, paid_on=date(2026, 3, 1))
            for n in range(5)
        ]
        ops.record_contributions(tx, cluster, entries, batch_id=batch.id or 0)
        ops.lock_year(tx, cluster, year=2026)
    yield ledger


def behind_the_ledgers_back(ledger: Ledger, *statements: str) -> None:
    """What someone with a SQL shell can do: remove the guards, then change history."""
    with ledger.engine.begin() as connection:
        guards.drop(connection)
        for statement in statements:
            connection.execute(text(statement))


def test_a_ledger_that_was_only_written_by_the_ledger_verifies(booked: Ledger) -> None:
    verdict = verify(booked)
    assert verdict.problems == []
    assert verdict.rows["contribution"] == 8
    chains = {c.name: c.length for c in verdict.chains}
    assert chains["contribution:1"] == 3
    assert chains["contribution:2"] == 5
    assert chains["audit_event:-"] == 4  # the two clusters and two companies, added once each


def test_links_are_chained_in_order_from_the_genesis(booked: Ledger) -> None:
    with booked.read() as session:
        rows = session.execute(
            text(
                "SELECT chain_seq, chain_hash FROM contribution WHERE cluster_id = 2 "
                "ORDER BY chain_seq"
            )
        ).all()
    assert [seq for seq, _ in rows] == [1, 2, 3, 4, 5]
    assert len({h for _, h in rows}) == 5
    with booked.read() as session:
        first, second = list(chain_rows(session, "contribution", cluster_id=2))[:2]
    # rows are (id, *chained fields, chain_hash): the first link starts from the genesis,
    # the second from the first's hash
    assert link(GENESIS, first[1:-1]) == first[-1] == rows[0][1]
    assert link(first[-1], second[1:-1]) == second[-1] == rows[1][1]


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE contribution SET amount_cents = 1",
        "DELETE FROM contribution",
        "UPDATE audit_event SET actor = 'someone else'",
        "DELETE FROM audit_event",
        "DELETE FROM year_lock_event",
        "UPDATE import_batch SET row_count = 0",
        "DELETE FROM import_row",
    ],
)
def test_the_database_refuses_rewriting_history(booked: Ledger, statement: str) -> None:
    with pytest.raises(DBAPIError, match="append-only"), booked.engine.begin() as connection:
        connection.execute(text(statement + " WHERE 1 = 1"))
    assert verify(booked).ok


def test_postgresql_refuses_truncate_too(booked: Ledger) -> None:
    if booked.engine.dialect.name != "postgresql":
        pytest.skip("SQLite has no TRUNCATE")
    with pytest.raises(DBAPIError, match="append-only"), booked.engine.begin() as connection:
        connection.execute(text("TRUNCATE contribution CASCADE"))


def test_a_changed_amount_is_named_as_the_first_broken_link(booked: Ledger) -> None:
    behind_the_ledgers_back(booked, "UPDATE contribution SET amount_cents = 99999 WHERE id = 2")
    problems = verify(booked).problems
    assert (
        "first broken link: entry 2 (link 2 of the entries of Demo (cluster 1)) does not match "
        "its hash: it was changed after it was written"
    ) in problems
    # one changed row is one broken link, not a break of every link after it
    assert not any("more broken links" in p for p in problems)
    assert "the append-only triggers contribution_no_" in problems[-1]


def test_a_changed_audit_event_is_found(booked: Ledger) -> None:
    behind_the_ledgers_back(
        booked,
        "UPDATE audit_event SET actor = 'mallory' "
        "WHERE id = (SELECT min(id) FROM audit_event WHERE cluster_id = 1)",
    )
    assert any(
        "(link 1 of the audit events of Demo (cluster 1)) does not match its hash" in p
        for p in verify(booked).problems
    )


def test_a_deleted_entry_in_the_middle_is_found(booked: Ledger) -> None:
    behind_the_ledgers_back(
        booked,
        "DELETE FROM contribution WHERE cluster_id = 2 AND year = 2026 AND amount_cents = 1002",
    )
    assert any(
        "link 4 of the entries of Other (cluster 2), but link 3 was expected" in p
        for p in verify(booked).problems
    )


def test_the_newest_entries_cut_off_are_found(booked: Ledger) -> None:
    behind_the_ledgers_back(
        booked, "DELETE FROM contribution WHERE cluster_id = 2 AND amount_cents >= 1003"
    )
    assert any(
        "the entries of Other (cluster 2) end at link 3, but the ledger last wrote link 5" in p
        for p in verify(booked).problems
    )


def test_an_entry_slipped_in_is_found(booked: Ledger) -> None:
    behind_the_ledgers_back(
        booked,
        "INSERT INTO contribution (cluster_id, company_id, year, amount_cents, created_at) "
        "VALUES (1, 1, 2026, 500000, '2026-05-01 00:00:00')",
    )
    problems = verify(booked).problems
    assert any(
        "has no place in the chain: it was written outside the ledger" in p for p in problems
    )
    assert any("entries have no audit event, the first entry 9" in p for p in problems)


def test_a_forged_reversal_and_a_padded_batch_are_found(booked: Ledger) -> None:
    behind_the_ledgers_back(
        booked,
        "UPDATE contribution SET amount_cents = -50 WHERE reverses_id IS NOT NULL",
        "UPDATE audit_event SET details = '{\"entries\": 6}' "
        "WHERE action = 'contribution.record_many'",
    )
    problems = verify(booked).problems
    assert any(
        "reversals do not mirror their entry, the first reversal 3 of entry 1" in p
        for p in problems
    )
    assert "import batch 1 holds 5 entries but its audit event recorded 6" in problems


def test_a_missing_trigger_alone_fails_verify(booked: Ledger) -> None:
    behind_the_ledgers_back(booked)
    verdict = verify(booked)
    assert not verdict.ok
    names = guards.trigger_names(booked.engine.dialect.name)
    assert verdict.problems == [
        f"the append-only triggers {', '.join(names)} are missing: the database no longer refuses "
        "changes to history; restore a backup, or compare the chains' tips with ones noted before "
        "(a report records them, 'verify --anchor' keeps them)"
    ]


def test_the_command_exits_1_and_names_the_link(booked: Ledger, db_target: str) -> None:
    runner = CliRunner()
    good = runner.invoke(app, ["--db", db_target, "verify"], catch_exceptions=False)
    assert good.exit_code == 0, good.stderr
    assert "Checked 8 entries" in good.stdout
    assert good.stdout.rstrip().endswith("the figures add up.")
    behind_the_ledgers_back(booked, "UPDATE contribution SET note = 'edited' WHERE id = 1")
    bad = runner.invoke(app, ["--db", db_target, "verify"], catch_exceptions=False)
    assert bad.exit_code == 1
    assert "cluster-ledger: problem: first broken link: entry 1 (link 1" in bad.stderr
    assert (
        bad.stderr.rstrip().splitlines()[-1].startswith("cluster-ledger: error: the ledger failed")
    )


def test_an_older_ledger_is_chained_by_the_upgrade(booked: Ledger, db_target: str) -> None:
    """Migrations 0003 and 0005 chain the rows a ledger already held, in the order they were
    written, and the result is exactly what writing them through the ledger gives (0005
    then appends a baseline of the rows changed in place to the audit chains)."""
    from alembic import command

    from ledger.integrity.chain import recomputed_link
    from ledger.storage import database

    before = {c.name: (c.length, c.tip) for c in verify(booked).chains}
    config = database.alembic_config(booked.engine)
    command.downgrade(config, "0002")
    with booked.engine.connect() as connection:
        assert guards.missing(connection) == guards.trigger_names(booked.engine.dialect.name)
    command.upgrade(config, "head")
    verdict = verify(booked)
    assert verdict.problems == []
    after = {c.name: (c.length, c.tip) for c in verdict.chains}
    assert set(after) == set(before)
    with booked.read() as session:
        for name, (length, tip) in before.items():
            table, key = name.split(":")
            if table == "audit_event":  # extended by the baseline, the links before unchanged
                assert after[name][0] > length
                cluster = None if key == "-" else int(key)
                assert recomputed_link(session, table, cluster, length) == tip
            else:
                assert after[name] == (length, tip)


def test_a_long_verify_reports_its_progress(booked: Ledger) -> None:
    with booked.write() as tx:
        cluster = tx.session.get(Cluster, 1)
        assert cluster is not None
        rows = [(n + 2, f"{BETA}|{n}", f"{n:064}") for n in range(25_000)]
        batch = add_import_batch(
            tx, cluster, what="contributions", file_name="groot.xlsx", file_hash="e" * 64,
            source_key="groot.xlsx", sheet=None, year=2026, rows=rows,
        )  # fmt: skip
        entries = [NewContribution(kbo=BETA, year=2026, amount_cents=100) for _ in range(25_000)]
        ops.record_contributions(tx, cluster, entries, batch_id=batch.id or 0)
    heard: list[tuple[int, int]] = []
    verdict = verify(booked, lambda done, total: heard.append((done, total)))
    assert verdict.ok
    assert heard == [(20_000, sum(verdict.rows.values()))]


@pytest.mark.parametrize(
    ("statement", "problem"),
    [
        (
            "UPDATE company_fact SET value = '1000' WHERE company_id = 1 AND field = 'postcode'",
            "company_fact 2 holds postcode '1000', but its audit event 3 says '9000': it was "
            "changed outside the ledger",
        ),
        (
            "UPDATE company_fact SET valid_from = '2027-01-01' WHERE id = 1",
            "company_fact 1 holds valid_from '2027-01-01', but its audit event 3 says "
            "'1990-01-01': it was changed outside the ledger",
        ),
        (
            "UPDATE mandate_event SET on_date = '2026-01-01' WHERE id = 1",
            "mandate_event 1 holds date '2026-01-01', but its audit event",
        ),
        (
            "INSERT INTO mandate_event (membership_id, cluster_id, action, on_date, recorded_at) "
            "VALUES (2, 1, 'given', '2026-01-01', '2026-05-01 00:00:00')",
            "mandate_event 2 has no audit event: it was written outside the ledger",
        ),
        (
            "DELETE FROM mandate_event",
            "(member.join) recorded mandate event rows, and none is left: they were deleted "
            "outside the ledger",
        ),
        (
            "UPDATE membership SET \"left\" = '2025-12-31' WHERE id = 1",
            "membership 1 runs None to 2025-12-31, but its history says otherwise",
        ),
        (
            "UPDATE rule_set_copy SET content = replace(content, '225000.00', '450000.00')",
            "rule_set_copy 1 (ibn-2026 of cluster 1) no longer matches its SHA-256",
        ),
        (
            "UPDATE cluster SET rule_set = 'spearhead-2020' WHERE id = 1",
            "cluster 1 holds rule_set 'spearhead-2020', but its audit trail says 'ibn-2026': it "
            "was changed outside the ledger",
        ),
        (
            "INSERT INTO coordination_cost (cluster_id, year, amount_cents, updated_at) "
            "VALUES (1, 2026, 99900, '2026-05-01 00:00:00')",
            "coordination_cost 1 has no audit event: it was written outside the ledger",
        ),
        (
            "DELETE FROM year_lock_event",
            "year_lock_event 1 is in the audit trail but not in the ledger: it was deleted",
        ),
        (
            "UPDATE import_batch SET row_count = 4",
            "import_batch 1 holds rows 4, but its audit trail says 5: it was changed outside the "
            "ledger",
        ),
    ],
)
def test_rows_changed_in_place_must_agree_with_their_audit_trail(
    booked: Ledger, statement: str, problem: str
) -> None:
    behind_the_ledgers_back(booked, statement)
    found = verify(booked).problems
    assert any(problem in line for line in found), found


def test_changes_through_the_ledger_agree_with_their_audit_trail(booked: Ledger) -> None:
    with booked.write() as tx:
        cluster = tx.session.get(Cluster, 1)
        assert cluster is not None
        ops.update_company(tx, kbo=ALFA, name="Alfa Holding NV", postcode="9050")
        ops.record_mandate(tx, cluster, kbo=BETA, mandate=date(2026, 2, 2))
        ops.leave(tx, cluster, kbo=BETA, left=date(2026, 12, 31))
        ops.set_costs(tx, cluster, year=2026, amount=Decimal("100000"))
        ops.set_costs(tx, cluster, year=2026, amount=Decimal("120000.50"))
        ops.lock_year(tx, cluster, year=2026)
        ops.reopen_year(tx, cluster, year=2026, reason="late invoice")
    assert verify(booked).problems == []
