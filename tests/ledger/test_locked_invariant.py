"""The invariant of a lock: whatever is written after it, a locked year's figures and the
checksum of its report stay byte for byte what they were, until the year is reopened.

Hypothesis draws sequences of every write the ledger offers (the command line and the
app call these same operations): entries, reversals, costs, company facts from any day,
new members, leaving days, mandates given, corrected and withdrawn, rule-set adoptions,
the cluster organisation's number, locks and reopens of other years, spreadsheets of
contributions and members imported, bank statements whose payments are booked, and a
spearhead cluster's projects (added, changed, stepped through their statuses) and their
partners (added, changed, removed). Each write either lands or is refused; after every
one, the locked year must read exactly as before in both clusters. The reports exported
while the year was locked must still pass ``verify-report`` at the end.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from importers.batches import Request, run_import
from ledger import operations, queries
from ledger.errors import LedgerError
from ledger.kinds import MemberKind
from ledger.payments import ogm
from ledger.payments.actions import add_account
from ledger.payments.booking import book_statement
from ledger.payments.statement import Movement, Statement
from ledger.project_terms import PartnerRole, ProjectStatus, ProjectType
from ledger.projects import get_project, portfolio, project_state
from ledger.regions import Region
from ledger.report.annual import write_annual
from ledger.report.checksum import ledger_checksum
from ledger.report.verify import verify_report
from ledger.rules import SHIPPED_DIR
from ledger.session import Ledger
from ledger.state import rule_copies
from ledger.summary import as_dict, cluster_summaries
from tests.conftest import pg_schema

LOCKED = 2026
MEMBERS = ("0403170701", "0123456749", "0202239951")
NEW = ("0417497106", "0448417010")
CLUSTER = "Circular Plastics"
SPEARHEAD = "Flux Materials"  # its rule set takes projects; the network's takes none
CLUSTERS = (CLUSTER, SPEARHEAD)
REPORTS = {CLUSTER: "report.xlsx", SPEARHEAD: "projects.xlsx"}
ACCOUNT = "BE43068999999501"

days = st.dates(date(2025, 1, 1), date(2029, 12, 31))
years = st.integers(2026, 2029)
members = st.sampled_from(MEMBERS + NEW)
amounts = st.integers(1, 5_000_000).map(lambda c: Decimal(c) / 100)

OPERATIONS = st.one_of(
    st.tuples(st.just("contribution"), members, years, amounts),
    st.tuples(st.just("reverse"), st.integers(1, 12)),
    st.tuples(st.just("costs"), years, amounts),
    st.tuples(
        st.just("company"),
        members,
        st.sampled_from(["kind", "postcode", "region", "clear-region", "name"]),
        days,
    ),
    st.tuples(st.just("join"), st.sampled_from(NEW), st.one_of(st.none(), days)),
    st.tuples(st.just("leave"), members, days),
    st.tuples(
        st.just("mandate"), members, st.sampled_from(["given", "corrected", "withdrawn"]), days
    ),
    st.tuples(st.just("adopt"), years),
    st.tuples(
        st.just("organisation"),
    ),
    st.tuples(st.just("import-contributions"), members, years, amounts, st.booleans()),
    st.tuples(st.just("import-members"), members, days, st.sampled_from(["1000", "9000"])),
    st.tuples(st.just("pay"), members, years, amounts),
    st.tuples(st.just("lock"), years),
    st.tuples(st.just("reopen"), years),
    st.tuples(
        st.just("project-add"),
        st.sampled_from(list(ProjectType)),
        st.one_of(st.none(), days),
        days,
        st.one_of(st.none(), days),
    ),
    st.tuples(
        st.just("project-update"),
        st.integers(0, 3),
        st.sampled_from(["title", "type", "budget", "aid", "starts", "ends"]),
        days,
        amounts,
    ),
    st.tuples(st.just("project-step"), st.integers(0, 3), days, st.booleans()),
    st.tuples(
        st.just("partner-add"),
        st.integers(0, 3),
        members,
        st.sampled_from([PartnerRole.COORDINATOR, PartnerRole.PARTNER]),
        amounts,
        days,
    ),
    st.tuples(st.just("partner-update"), st.integers(0, 3), st.integers(0, 3), amounts, days),
    st.tuples(st.just("partner-remove"), st.integers(0, 3), st.integers(0, 3), days),
)

# The next step forward from each status, as a project's life goes.
NEXT = {
    ProjectStatus.DRAFT: ProjectStatus.SUBMITTED,
    ProjectStatus.SUBMITTED: ProjectStatus.APPROVED,
    ProjectStatus.APPROVED: ProjectStatus.RUNNING,
    ProjectStatus.RUNNING: ProjectStatus.CLOSED,
}


_TEMPLATE: list[Path] = []


def template() -> Path:
    """A seeded SQLite ledger and its locked year's report, made once and copied per
    example: migrating, seeding and exporting for each of them would take minutes."""
    if not _TEMPLATE:
        folder = Path(tempfile.mkdtemp(prefix="locked-invariant-"))
        ledger = Ledger.open(folder / "l.sqlite", create=True, actor="t", origin="test")
        seed(ledger)
        export_locked(ledger, folder)
        ledger.dispose()
        _TEMPLATE.append(folder)
    return _TEMPLATE[0]


@contextmanager
def fresh_ledger(backend: str) -> Iterator[tuple[Ledger, Path]]:
    """A seeded ledger per example (Hypothesis runs many in one test), and the folder of
    its locked year's reports."""
    if backend == "sqlite":
        with tempfile.TemporaryDirectory() as folder:
            for name in ("l.sqlite", *REPORTS.values()):
                shutil.copyfile(template() / name, Path(folder) / name)
            opened = Ledger.open(Path(folder) / "l.sqlite", actor="t", origin="test")
            try:
                yield opened, Path(folder)
            finally:
                opened.dispose()
        return
    with pg_schema() as url:
        opened = Ledger.open(url, create=True, actor="t", origin="test")
        try:
            seed(opened)
            with tempfile.TemporaryDirectory() as folder:
                export_locked(opened, Path(folder))
                yield opened, Path(folder)
        finally:
            opened.dispose()


def seed(ledger: Ledger) -> None:
    with ledger.write() as tx:
        c = operations.add_cluster(
            tx, name=CLUSTER, rule_set_id="ibn-2026", start_year=2026, kbo=None
        )
        operations.add_member(
            tx, c, kbo=MEMBERS[0], name="Alfa NV", postcode="9000", mandate=date(2026, 2, 1)
        )
        operations.add_member(
            tx,
            c,
            kbo=MEMBERS[1],
            name="KU Kennis",
            postcode="3000",
            kind=MemberKind.KNOWLEDGE_INSTITUTION,
        )
        operations.add_member(
            tx, c, kbo=MEMBERS[2], name="Bru BV", postcode="1000", joined=date(2026, 3, 1)
        )
        for kbo, year, amount in [
            (MEMBERS[0], 2026, "12500"),
            (MEMBERS[1], 2026, "5000"),
            (MEMBERS[2], 2026, "2500"),
            (MEMBERS[0], 2027, "8000"),
        ]:
            operations.record_contribution(tx, c, kbo=kbo, year=year, amount=Decimal(amount))
        operations.set_costs(tx, c, year=2026, amount=Decimal("30000"))
        add_account(tx, c, iban=ACCOUNT)
        operations.lock_year(tx, c, year=LOCKED)
        seed_projects(tx)


def seed_projects(tx) -> None:  # type: ignore[no-untyped-def]
    """A spearhead cluster with a project the locked year shows (submitted, approved and
    running in it, with two partners) and one that starts after it."""
    s = operations.add_cluster(
        tx, name=SPEARHEAD, rule_set_id="spearhead-2020", start_year=2026, kbo=None
    )
    operations.add_member(tx, s, kbo=MEMBERS[0], name="Alfa NV", postcode="9000")
    operations.record_contribution(tx, s, kbo=MEMBERS[0], year=2026, amount=Decimal("4000"))
    shown = operations.add_project(
        tx,
        s,
        type=ProjectType.ICON,
        title="Recycled polymers",
        budget=Decimal("800000"),
        aid_requested=Decimal("400000"),
        submitted=date(2026, 2, 1),
        starts=date(2026, 6, 1),
        ends=date(2028, 5, 31),
        today=date(2026, 2, 1),
    )
    operations.change_status(
        tx,
        shown.id,
        to=ProjectStatus.APPROVED,
        on=date(2026, 4, 1),
        aid_granted=Decimal("350000"),
        today=date(2026, 4, 1),
    )
    operations.change_status(
        tx, shown.id, to=ProjectStatus.RUNNING, on=date(2026, 6, 1), today=date(2026, 6, 1)
    )
    for kbo, role in ((MEMBERS[0], PartnerRole.COORDINATOR), (MEMBERS[1], PartnerRole.PARTNER)):
        operations.add_partner(
            tx,
            shown.id,
            role=role,
            kbo=kbo,
            budget=Decimal("200000"),
            aid=Decimal("100000"),
            today=date(2026, 6, 1),
        )
    operations.add_project(
        tx,
        s,
        type=ProjectType.OO,
        title="Bio-based films",
        submitted=date(2027, 2, 1),
        starts=date(2027, 9, 1),
        today=date(2027, 2, 1),
    )
    operations.lock_year(tx, s, year=LOCKED)


def export_locked(ledger: Ledger, folder: Path) -> None:
    """Each cluster's report of the locked year, as the funding agency received it."""
    with ledger.read() as session:
        for name, file_name in REPORTS.items():
            cluster = queries.get_cluster(name, session=session)
            write_annual(session, cluster, LOCKED, folder / file_name, lang="en")


def locked_view(ledger: Ledger) -> list[tuple[str, list, str]]:
    """Per cluster, the locked year's ``summary --json`` text, each member's share of the
    aid (names aside: a name is corrected freely and decides nothing) and its report
    checksum (which holds the projects the report shows)."""
    views = []
    with ledger.read() as session:
        for name in CLUSTERS:
            cluster = queries.get_cluster(name, session=session)
            (s,) = cluster_summaries(cluster, session=session, year=LOCKED, with_shares=False)
            (split,) = cluster_summaries(cluster, session=session, year=LOCKED)
            rules = rule_copies(cluster.id, session=session).for_year(LOCKED)  # type: ignore[arg-type]
            checksum = ledger_checksum(cluster, rules, session=session, year=LOCKED).hexdigest()
            shares = [
                (x.kbo, x.contribution_cents, x.counted, x.aid_cents) for x in split.result.shares
            ]
            views.append((json.dumps(as_dict(s), sort_keys=True), shares, checksum))
    return views


def imported(ledger: Ledger, op: tuple, folder: Path) -> None:
    """Import a one-row spreadsheet as an accountant would, committing what the plan allows."""
    kind, kbo, *args = op
    path = folder / f"{kind}.csv"
    if kind == "import-contributions":
        year, amount, skip = args
        text_ = f"Ondernemingsnummer;Jaar;Bedrag\n{kbo};{year};{amount}\n"
    else:
        day, postcode = args
        skip = True
        text_ = (
            "Ondernemingsnummer;Naam;Postcode;Lid sinds;Mandaat\n"
            f"{kbo};Lid BV;{postcode};{day:%d/%m/%Y};{day:%d/%m/%Y}\n"
        )
    path.write_text(text_, encoding="utf-8")
    run_import(ledger, Request(path, CLUSTER, commit=True, skip_invalid=skip))


def paid(ledger: Ledger, kbo: str, year: int, amount: Decimal, serial: list[int]) -> None:
    """Book a one-line bank statement paying a member's year by its communication."""
    serial[0] += 1
    with ledger.write() as tx:
        c = queries.get_cluster(CLUSTER, session=tx.session)
        _, company = queries.get_membership(c, kbo, session=tx.session)
        cents = int(amount * 100)
        day = date(2027, 1, 1) + (date(2027, 1, 2) - date(2027, 1, 1)) * serial[0]
        movement = Movement(
            line=f"Ntry {serial[0]}",
            booking_date=day,
            value_date=day,
            amount_cents=cents,
            counterparty_name="Lid BV",
            structured_ref=ogm.derive(cluster_id=c.id, company_id=company.id, year=year),
        )
        statement = Statement(
            format="camt.053",
            account_iban=ACCOUNT,
            currency="EUR",
            number=str(serial[0]),
            opening_date=day,
            closing_date=day,
            opening_cents=None,
            closing_cents=None,
            movements=(movement,),
        )
        book_statement(tx, c, statement, file_name="afschrift.xml", file_hash=f"{serial[0]:064x}")


def project_ids(tx) -> list[int]:  # type: ignore[no-untyped-def]
    """The spearhead cluster's projects, oldest first (an operation names one by index)."""
    s = queries.get_cluster(SPEARHEAD, session=tx.session)
    return [item.state.id for item in portfolio(s, session=tx.session)]


def worked_on_projects(ledger: Ledger, op: tuple) -> None:
    """A project or partner write, on the day it is drawn (so the locked year's days come up)."""
    kind, *args = op
    with ledger.write() as tx:
        s = queries.get_cluster(SPEARHEAD, session=tx.session)
        if kind == "project-add":
            type_, submitted, starts, ends = args
            operations.add_project(
                tx,
                s,
                type=type_,
                title="Drawn",
                submitted=submitted,
                starts=starts,
                ends=ends,
                budget=Decimal("100000"),
                today=submitted or starts,
            )
            return
        ids = project_ids(tx)
        project_id = ids[args[0] % len(ids)]
        if kind == "project-update":
            _, field, day, amount = args
            change = {
                "title": {"title": "Renamed"},
                "type": {"type": ProjectType.CSBO},
                "budget": {"budget": amount * 10},
                "aid": {"aid_requested": amount},
                "starts": {"starts": day},
                "ends": {"ends": day},
            }[field]
            operations.update_project(tx, project_id, today=day, **change)
        elif kind == "project-step":
            _, day, back = args
            current = get_state(project_id, tx)
            if back:
                operations.change_status(
                    tx,
                    project_id,
                    to=ProjectStatus.SUBMITTED,
                    on=day,
                    reason="in error",
                    today=day,
                )
            elif current.status in NEXT:
                granted = amount_if_approved(NEXT[current.status])
                operations.change_status(
                    tx,
                    project_id,
                    to=NEXT[current.status],
                    on=day,
                    aid_granted=granted,
                    today=day,
                )
        elif kind == "partner-add":
            _, kbo, role, amount, day = args
            operations.add_partner(
                tx, project_id, role=role, kbo=kbo, budget=amount * 2, aid=amount, today=day
            )
        else:
            partners = get_state(project_id, tx).partners
            if not partners:
                return
            partner = partners[args[1] % len(partners)]
            if kind == "partner-update":
                operations.update_partner(tx, project_id, partner.id, aid=args[2], today=args[3])
            else:
                operations.remove_partner(tx, project_id, partner.id, reason="left", today=args[2])


def get_state(project_id: int, tx):  # type: ignore[no-untyped-def]
    return project_state(get_project(project_id, session=tx.session), session=tx.session)


def amount_if_approved(to: ProjectStatus) -> Decimal | None:
    return Decimal("50000") if to is ProjectStatus.APPROVED else None


def apply(ledger: Ledger, op: tuple, folder: Path, serial: list[int]) -> bool:
    """Run one write; True when it reopened the locked year. A refusal is an outcome too."""
    kind, *args = op
    try:
        if kind.startswith(("project-", "partner-")):
            worked_on_projects(ledger, op)
            return False
        if kind.startswith("import-"):
            imported(ledger, op, folder)
            return False
        if kind == "pay":
            paid(ledger, *args, serial)
            return False
        with ledger.write() as tx:
            c = queries.get_cluster(CLUSTER, session=tx.session)
            if kind == "contribution":
                kbo, year, amount = args
                operations.record_contribution(tx, c, kbo=kbo, year=year, amount=amount)
            elif kind == "reverse":
                operations.reverse_contribution(tx, args[0], reason="test")
            elif kind == "costs":
                operations.set_costs(tx, c, year=args[0], amount=args[1])
            elif kind == "company":
                kbo, field, day = args
                change = {
                    "kind": {"kind": MemberKind.PUBLIC_BODY},
                    "postcode": {"postcode": "4000"},
                    "region": {"region_override": Region.FLANDERS},
                    "clear-region": {"clear_region_override": True},
                    "name": {"name": "Renamed BV"},
                }[field]
                operations.update_company(tx, kbo=kbo, valid_from=day, **change)
            elif kind == "join":
                kbo, joined = args
                operations.add_member(
                    tx, c, kbo=kbo, name="Nieuw BV", postcode="8500", joined=joined
                )
            elif kind == "leave":
                operations.leave(tx, c, kbo=args[0], left=args[1])
            elif kind == "mandate":
                kbo, action, day = args
                if action == "given":
                    operations.record_mandate(tx, c, kbo=kbo, mandate=day)
                elif action == "corrected":
                    operations.correct_mandate(tx, c, kbo=kbo, mandate=day, reason="typo")
                else:
                    operations.withdraw_mandate(tx, c, kbo=kbo, withdrawn=day)
            elif kind == "adopt":
                path = folder / "ibn-2026.toml"
                text_ = (SHIPPED_DIR / "ibn-2026.toml").read_text(encoding="utf-8")
                path.write_text(
                    text_.replace('"225000.00"', f'"{100000 + args[0]}.00"'), encoding="utf-8"
                )
                operations.adopt_rules(tx, c, path=path, from_year=args[0], reason="new call")
            elif kind == "organisation":
                operations.update_cluster(tx, c, kbo="0403170701")
            elif kind == "lock":
                operations.lock_year(tx, c, year=args[0])
                s = queries.get_cluster(SPEARHEAD, session=tx.session)
                operations.lock_year(tx, s, year=args[0])
            elif kind == "reopen":
                operations.reopen_year(tx, c, year=args[0], reason="test")
                return args[0] == LOCKED
    except LedgerError:
        pass
    return False


def check_sequence(backend: str, ops: list[tuple]) -> None:
    with fresh_ledger(backend) as (ledger, reports), tempfile.TemporaryDirectory() as folder:
        baseline = locked_view(ledger)
        serial = [0]
        for op in ops:
            if apply(ledger, op, Path(folder), serial):
                return  # reopened: from here on the year may change, as it should
            assert locked_view(ledger) == baseline, f"the locked year moved after {op}"
        with ledger.read() as session:
            for file_name in REPORTS.values():
                verdict = verify_report(reports / file_name, session=session)
                assert verdict.ok, (file_name, verdict)


@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(OPERATIONS, min_size=1, max_size=14))
def test_nothing_moves_a_locked_year_on_sqlite(ops: list[tuple]) -> None:
    check_sequence("sqlite", ops)


@pytest.mark.postgres
@settings(max_examples=6, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(OPERATIONS, min_size=1, max_size=10))
def test_nothing_moves_a_locked_year_on_postgresql(ops: list[tuple]) -> None:
    check_sequence("postgresql", ops)
