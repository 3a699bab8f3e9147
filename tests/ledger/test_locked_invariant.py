"""The invariant of a lock: whatever is written after it, a locked year's figures and the
checksum of its report stay byte for byte what they were, until the year is reopened.

Hypothesis draws sequences of every write the ledger offers (the command line and the
app call these same operations): entries, reversals, costs, company facts from any day,
new members, leaving days, mandates given, corrected and withdrawn, rule-set adoptions,
the cluster organisation's number, locks and reopens of other years, spreadsheets of
contributions and members imported, and bank statements whose payments are booked. Each write either
lands or is refused; after every one, the locked year must read exactly as before. A
report exported while the year was locked must still pass ``verify-report`` at the end.
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
)


_TEMPLATE: list[Path] = []


def template() -> Path:
    """A seeded SQLite ledger and its locked year's report, made once and copied per
    example: migrating, seeding and exporting for each of them would take minutes."""
    if not _TEMPLATE:
        folder = Path(tempfile.mkdtemp(prefix="locked-invariant-"))
        ledger = Ledger.open(folder / "l.sqlite", create=True, actor="t", origin="test")
        seed(ledger)
        with ledger.read() as session:
            cluster = queries.get_cluster(CLUSTER, session=session)
            write_annual(session, cluster, LOCKED, folder / "report.xlsx", lang="en")
        ledger.dispose()
        _TEMPLATE.append(folder)
    return _TEMPLATE[0]


@contextmanager
def fresh_ledger(backend: str) -> Iterator[tuple[Ledger, Path]]:
    """A seeded ledger per example (Hypothesis runs many in one test), and its report."""
    if backend == "sqlite":
        with tempfile.TemporaryDirectory() as folder:
            for name in ("l.sqlite", "report.xlsx"):
                shutil.copyfile(template() / name, Path(folder) / name)
            opened = Ledger.open(Path(folder) / "l.sqlite", actor="t", origin="test")
            try:
                yield opened, Path(folder) / "report.xlsx"
            finally:
                opened.dispose()
        return
    with pg_schema() as url:
        opened = Ledger.open(url, create=True, actor="t", origin="test")
        try:
            seed(opened)
            with tempfile.TemporaryDirectory() as folder, opened.read() as session:
                cluster = queries.get_cluster(CLUSTER, session=session)
                write_annual(session, cluster, LOCKED, Path(folder) / "report.xlsx", lang="en")
                yield opened, Path(folder) / "report.xlsx"
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


def locked_view(ledger: Ledger) -> tuple[str, list, str]:
    """The locked year's ``summary --json`` text, each member's share of the aid (names
    aside: a name is corrected freely and decides nothing) and its report checksum."""
    with ledger.read() as session:
        cluster = queries.get_cluster(CLUSTER, session=session)
        (s,) = cluster_summaries(cluster, session=session, year=LOCKED, with_shares=False)
        (split,) = cluster_summaries(cluster, session=session, year=LOCKED)
        rules = rule_copies(cluster.id, session=session).for_year(LOCKED)  # type: ignore[arg-type]
        checksum = ledger_checksum(cluster, rules, session=session, year=LOCKED).hexdigest()
    shares = [(x.kbo, x.contribution_cents, x.counted, x.aid_cents) for x in split.result.shares]
    return json.dumps(as_dict(s), sort_keys=True), shares, checksum


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


def apply(ledger: Ledger, op: tuple, folder: Path, serial: list[int]) -> bool:
    """Run one write; True when it reopened the locked year. A refusal is an outcome too."""
    kind, *args = op
    try:
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
            elif kind == "reopen":
                operations.reopen_year(tx, c, year=args[0], reason="test")
                return args[0] == LOCKED
    except LedgerError:
        pass
    return False


def check_sequence(backend: str, ops: list[tuple]) -> None:
    with fresh_ledger(backend) as (ledger, report), tempfile.TemporaryDirectory() as folder:
        baseline = locked_view(ledger)
        serial = [0]
        for op in ops:
            if apply(ledger, op, Path(folder), serial):
                return  # reopened: from here on the year may change, as it should
            assert locked_view(ledger) == baseline, f"the locked year moved after {op}"
        with ledger.read() as session:
            verdict = verify_report(report, session=session)
        assert verdict.ok, verdict


@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(OPERATIONS, min_size=1, max_size=14))
def test_nothing_moves_a_locked_year_on_sqlite(ops: list[tuple]) -> None:
    check_sequence("sqlite", ops)


@pytest.mark.postgres
@settings(max_examples=6, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(OPERATIONS, min_size=1, max_size=10))
def test_nothing_moves_a_locked_year_on_postgresql(ops: list[tuple]) -> None:
    check_sequence("postgresql", ops)
