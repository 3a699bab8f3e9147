"""Two people editing one member: the second save over an old version is refused with who
changed the member and when, and the first one's change stands (SQLite and PostgreSQL)."""

from __future__ import annotations

import json
import socket
from collections.abc import Callable, Iterator
from datetime import UTC, date

import pytest
from sqlmodel import col, select

from ledger import operations as ops
from ledger import queries
from ledger.errors import ConflictError
from ledger.lists.members import MemberRow, members
from ledger.regions import Region
from ledger.session import Ledger, Tx
from ledger.storage.tables import AuditEvent, Cluster, Company, Membership

ALFA = "0403170701"
HOST = socket.gethostname()
REOPEN = "reopen the member to see the change, then edit again"
STALE = "you edited version 1, the ledger now holds version 2"


@pytest.fixture
def setup(db_target: str) -> Iterator[str]:
    """A cluster with one member, Alfa NV, at version 1 of its company and membership."""
    ledger = Ledger.open(db_target, create=True, actor="setup", origin="test")
    with ledger.write() as tx:
        cluster = ops.add_cluster(tx, name="Demo", rule_set_id="ibn-2026", start_year=2026)
        ops.add_member(tx, cluster, kbo=ALFA, name="Alfa NV", postcode="9000")
    ledger.dispose()
    return db_target


@pytest.fixture
def anna(setup: str) -> Iterator[Ledger]:
    """The coordinator in the app."""
    ledger = Ledger.open(setup, actor="anna", origin="tui")
    yield ledger
    ledger.dispose()


@pytest.fixture
def bert(setup: str) -> Iterator[Ledger]:
    """The accountant on the command line, on the same database."""
    ledger = Ledger.open(setup, actor="bert", origin="cli")
    yield ledger
    ledger.dispose()


def member(ledger: Ledger) -> MemberRow:
    """Alfa as the members screen reads it."""
    with ledger.read() as session:
        cluster = queries.get_cluster("Demo", session=session)
        (row,) = members(cluster, session=session, year=2026, today=date(2026, 3, 1)).rows
    return row


def events(ledger: Ledger, entity: str) -> list[AuditEvent]:
    with ledger.read() as session:
        query = select(AuditEvent).where(AuditEvent.entity == entity)
        return list(session.exec(query.order_by(col(AuditEvent.id))).all())


def changed_by(ledger: Ledger, entity: str) -> str:
    """How a conflict message names the newest change of ``entity`` (time included)."""
    last = events(ledger, entity)[-1]
    at = (last.at if last.at.tzinfo is None else last.at.astimezone(UTC)).strftime("%F %T")
    return f"{last.actor} ({last.origin}) at {at} UTC"


def in_cluster(ledger: Ledger, change: Callable[[Tx, Cluster], object]) -> None:
    with ledger.write() as tx:
        change(tx, queries.get_cluster("Demo", session=tx.session))


def test_a_stale_company_edit_is_refused_and_names_who_changed_it(
    anna: Ledger, bert: Ledger
) -> None:
    opened = member(anna)  # Anna opens the edit form
    assert opened.version == 1
    with bert.write() as tx:
        ops.update_company(tx, kbo=ALFA, name="Alfa Bert")
    assert member(bert).version == 2
    with pytest.raises(ConflictError) as refused, anna.write() as tx:
        ops.update_company(tx, kbo=ALFA, name="Alfa Anna", expected_version=opened.version)
    assert str(refused.value) == (
        f"Alfa Bert (0403.170.701) was changed by {changed_by(bert, 'company')} since you "
        f"opened it: you edited version 1, the ledger now holds version 2; {REOPEN}"
    )
    assert f"by bert (cli@{HOST}) at " in str(refused.value)
    stored = member(anna)
    assert (stored.name, stored.version) == ("Alfa Bert", 2)
    updates = [e for e in events(anna, "company") if e.action == "company.update"]
    assert [(e.actor, json.loads(e.details)["after"]) for e in updates] == [
        ("bert", {"name": "Alfa Bert"})
    ]
    # Anna reopens the member, sees Bert's change and saves over version 2.
    with anna.write() as tx:
        ops.update_company(tx, kbo=ALFA, name="Alfa Anna", expected_version=member(anna).version)
    stored = member(anna)
    assert (stored.name, stored.version) == ("Alfa Anna", 3)
    assert json.loads(events(anna, "company")[-1].details)["version"] == 3


MEMBERSHIP_CHANGES: dict[str, Callable[..., object]] = {
    "leave": lambda tx, c, **v: ops.leave(tx, c, kbo=ALFA, left=date(2026, 6, 30), **v),
    "mandate": lambda tx, c, **v: ops.record_mandate(
        tx, c, kbo=ALFA, mandate=date(2026, 2, 1), **v
    ),
    "update": lambda tx, c, **v: ops.update_membership(
        tx, c, kbo=ALFA, joined=date(2026, 1, 5), **v
    ),
}


@pytest.mark.parametrize("change", MEMBERSHIP_CHANGES)
def test_a_stale_membership_change_is_refused(anna: Ledger, bert: Ledger, change: str) -> None:
    opened = member(anna)
    assert opened.membership_version == 1
    in_cluster(bert, lambda tx, c: ops.leave(tx, c, kbo=ALFA, left=date(2026, 12, 31)))
    apply = MEMBERSHIP_CHANGES[change]
    with pytest.raises(ConflictError) as refused:
        in_cluster(anna, lambda tx, c: apply(tx, c, expected_version=opened.membership_version))
    assert str(refused.value) == (
        f"the membership of Alfa NV (0403.170.701) in Demo was changed by "
        f"{changed_by(bert, 'membership')} since you opened it: you edited version 1, "
        f"the ledger now holds version 2; {REOPEN}"
    )
    stored = member(anna)
    assert (stored.left, stored.mandate, stored.joined) == (date(2026, 12, 31), None, None)
    assert stored.membership_version == 2
    changes = [e for e in events(anna, "membership") if e.action != "member.join"]
    assert [(e.actor, e.action) for e in changes] == [("bert", "member.leave")]
    in_cluster(anna, lambda tx, c: apply(tx, c, expected_version=2))
    assert member(anna).membership_version == 3


COMPANY_CHANGES: dict[str, Callable[[Tx], object]] = {
    "update name": lambda tx: ops.update_company(tx, kbo=ALFA, name="Alfa BV"),
    "update everything": lambda tx: ops.update_company(
        tx, kbo=ALFA, name="Alfa BV", postcode="1000", region_override=Region.FLANDERS
    ),
    "upsert": lambda tx: ops.upsert_company(tx, kbo=ALFA, name="Alfa BV", postcode="2000"),
}


@pytest.mark.parametrize("change", COMPANY_CHANGES)
def test_each_company_change_raises_the_version_by_one(anna: Ledger, change: str) -> None:
    with anna.write() as tx:
        COMPANY_CHANGES[change](tx)
    assert (member(anna).version, member(anna).membership_version) == (2, 1)
    last = events(anna, "company")[-1]
    assert (last.action, json.loads(last.details)["version"]) == ("company.update", 2)


@pytest.mark.parametrize("change", MEMBERSHIP_CHANGES)
def test_each_membership_change_raises_the_version_by_one(anna: Ledger, change: str) -> None:
    in_cluster(anna, MEMBERSHIP_CHANGES[change])
    assert (member(anna).version, member(anna).membership_version) == (1, 2)
    assert json.loads(events(anna, "membership")[-1].details)["version"] == 2


def test_clearing_an_override_and_renaming_is_one_change(anna: Ledger) -> None:
    with anna.write() as tx:
        ops.update_company(tx, kbo=ALFA, region_override=Region.BRUSSELS)
    with anna.write() as tx:
        ops.update_company(tx, kbo=ALFA, name="Alfa BV", clear_region_override=True)
    assert member(anna).version == 3
    last = events(anna, "company")[-1]
    details = json.loads(last.details)
    assert details["after"] == {"name": "Alfa BV"}
    assert details["facts"] == {"region_override": None}


def test_a_save_that_changes_nothing_keeps_the_version_but_still_checks_it(
    anna: Ledger, bert: Ledger
) -> None:
    with anna.write() as tx:
        ops.update_company(tx, kbo=ALFA, name="Alfa NV", expected_version=1)
    assert member(anna).version == 1
    assert [e.action for e in events(anna, "company")] == ["company.add"]
    with bert.write() as tx:
        ops.update_company(tx, kbo=ALFA, postcode="9050")
    with pytest.raises(ConflictError, match=STALE), anna.write() as tx:
        ops.update_company(tx, kbo=ALFA, postcode="9050", expected_version=1)


STALE_IN_ONE_TRANSACTION: dict[str, Callable[[Tx, Cluster], object]] = {
    "company": lambda tx, c: (
        ops.update_company(tx, kbo=ALFA, name="Alfa BV"),
        ops.update_company(tx, kbo=ALFA, name="Alfa CV", expected_version=1),
    ),
    "membership": lambda tx, c: (
        ops.leave(tx, c, kbo=ALFA, left=date(2026, 12, 31)),
        ops.record_mandate(tx, c, kbo=ALFA, mandate=date(2026, 2, 1), expected_version=1),
    ),
}


@pytest.mark.parametrize("changes", STALE_IN_ONE_TRANSACTION)
def test_a_stale_version_is_refused_inside_one_transaction(anna: Ledger, changes: str) -> None:
    with pytest.raises(ConflictError, match=STALE):
        in_cluster(anna, STALE_IN_ONE_TRANSACTION[changes])
    stored = member(anna)
    assert (stored.name, stored.left, stored.version, stored.membership_version) == (
        "Alfa NV",
        None,
        1,
        1,
    )


@pytest.mark.parametrize("row", ["company", "membership"])
def test_compare_and_set_holds_against_a_writer_that_skipped_the_lock(
    anna: Ledger, row: str
) -> None:
    """The session's copy says version 1; a write that bypassed the ledger's lock made it 2.
    A change based on that copy must not land over a version it never saw."""
    with pytest.raises(ConflictError, match=STALE), anna.write() as tx:
        cluster = queries.get_cluster("Demo", session=tx.session)
        membership, company = queries.get_membership(cluster, ALFA, session=tx.session)
        assert (company.version, membership.version) == (1, 1)
        table = (Company if row == "company" else Membership).__table__  # type: ignore[attr-defined]
        tx.session.execute(table.update().values(version=2))
        if row == "company":
            ops.update_company(tx, kbo=ALFA, name="Alfa CV")
        else:
            ops.leave(tx, cluster, kbo=ALFA, left=date(2026, 3, 1))
    stored = member(anna)
    assert (stored.name, stored.left, stored.version, stored.membership_version) == (
        "Alfa NV",
        None,
        1,
        1,
    )
