"""The quick ways to the figures give exactly the figures of the straightforward one.

``summary`` without ``--shares`` adds each year up from the grouped sums
(:mod:`ledger.summary_totals`), and :func:`ledger.summary.every_summary` summarises every
cluster in one pass over the ledger. Both must agree to the cent, warning for warning,
with building every party's facts of every year and matching them
(:func:`ledger.summary.year_facts` and :func:`ledger.matching.match_year`), on ledgers
that hold what makes a year hard: reversals, locked years, kinds, postcodes and region
overrides that change from a day, members joining and leaving mid-year, mandates given,
corrected and withdrawn, a second rule set adopted from a later year, a call with a
mandate deadline, and a contribution from a company that is no member.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import insert
from sqlmodel import select

from ledger import operations, queries
from ledger.errors import LedgerError
from ledger.history import START
from ledger.kinds import MemberKind
from ledger.regions import Region
from ledger.rules import SHIPPED_DIR
from ledger.session import Ledger
from ledger.storage.tables import Company, CompanyFact, Contribution
from ledger.summary import cluster_summaries, every_summary, every_summary_of, summaries_of
from ledger.summary_reads import find_cluster
from tests.conftest import pg_schema

CLUSTERS = (
    ("Alfa", "ibn-2026", 2026),
    ("Beta", "ibn-2020", 2021),
    ("Gamma", "spearhead-2020", 2020),
)
POSTCODES = ("9000", "3000", "1000", "4000", "8500", "1700")


def enterprise_number(n: int) -> str:
    base = f"0{200_000_0 + n:07d}"
    return base + f"{97 - int(base) % 97:02d}"


def day(rng: random.Random, start: int, end: int) -> date:
    return date(rng.randint(start, end), rng.randint(1, 12), rng.randint(1, 28))


def build(target: str, folder: Path, seed: int) -> Ledger:
    """A ledger of three clusters written through the operations, from ``seed``; a write
    the ledger refuses is simply left out, as it would be for a user."""
    rng = random.Random(seed)
    ledger = Ledger.open(target, create=True, actor="t", origin="test")
    companies = [enterprise_number(n) for n in range(14)]
    with ledger.write() as tx:
        for name, rule_set, start in CLUSTERS:
            operations.add_cluster(tx, name=name, rule_set_id=rule_set, start_year=start)

    def attempt(write) -> None:  # type: ignore[no-untyped-def]
        try:
            with ledger.write() as tx:
                write(tx)
        except LedgerError:
            pass

    for name, _, start in CLUSTERS:
        for kbo in rng.sample(companies, 10):
            kind = rng.choice([MemberKind.ENTERPRISE] * 4 + list(MemberKind))
            joined = rng.choice([None, day(rng, start, start + 3)])
            mandate = rng.choice([None, None, day(rng, start, start + 4)])
            attempt(
                lambda tx, kbo=kbo, kind=kind, joined=joined, mandate=mandate, name=name: (
                    operations.add_member(
                        tx,
                        queries.get_cluster(name, session=tx.session),
                        kbo=kbo,
                        name=f"Firma {kbo[-4:]}",
                        postcode=rng.choice(POSTCODES),
                        kind=kind,
                        joined=joined,
                        mandate=mandate,
                    )
                )
            )
    for _ in range(260):
        name, _, start = rng.choice(CLUSTERS)
        kbo = rng.choice(companies)
        year = rng.randint(start, start + 6)
        action = rng.choices(
            ["entry", "reverse", "costs", "fact", "leave", "mandate", "lock", "reopen"],
            weights=[40, 8, 5, 8, 3, 6, 3, 1],
        )[0]

        def write(tx, action=action, name=name, kbo=kbo, year=year, start=start) -> None:  # type: ignore[no-untyped-def]
            c = queries.get_cluster(name, session=tx.session)
            if action == "entry":
                amount = Decimal(rng.randint(-50_000, 2_000_000)) / 100
                operations.record_contribution(tx, c, kbo=kbo, year=year, amount=amount)
            elif action == "reverse":
                ids = tx.session.exec(
                    select(Contribution.id).where(Contribution.cluster_id == c.id)
                ).all()
                if ids:
                    operations.reverse_contribution(tx, rng.choice(ids) or 0, reason="wrong")
            elif action == "costs":
                operations.set_costs(
                    tx, c, year=year, amount=Decimal(rng.randint(0, 80_000_000)) / 100
                )
            elif action == "fact":
                change = rng.choice(
                    [
                        {"kind": rng.choice(list(MemberKind))},
                        {"postcode": rng.choice(POSTCODES)},
                        {"region_override": rng.choice(list(Region))},
                        {"clear_region_override": True},
                    ]
                )
                operations.update_company(
                    tx, kbo=kbo, valid_from=day(rng, start - 1, start + 6), **change
                )
            elif action == "leave":
                operations.leave(tx, c, kbo=kbo, left=day(rng, start, start + 6))
            elif action == "mandate":
                when = day(rng, start, start + 6)
                verb = rng.choice(["given", "corrected", "withdrawn"])
                if verb == "given":
                    operations.record_mandate(tx, c, kbo=kbo, mandate=when)
                elif verb == "corrected":
                    operations.correct_mandate(tx, c, kbo=kbo, mandate=when, reason="typo")
                else:
                    operations.withdraw_mandate(tx, c, kbo=kbo, withdrawn=when)
            elif action == "lock":
                operations.lock_year(tx, c, year=year)
            else:
                operations.reopen_year(tx, c, year=year, reason="late invoice")

        attempt(write)
    text = (SHIPPED_DIR / "spearhead-2020.toml").read_text(encoding="utf-8")
    adopted = folder / "spearhead-2020.toml"
    adopted.write_text(text.replace("0.5", "0.45", 1), encoding="utf-8")
    attempt(
        lambda tx: operations.adopt_rules(
            tx,
            queries.get_cluster("Gamma", session=tx.session),
            path=adopted,
            from_year=2024,
            reason="new call",
        )
    )
    with ledger.write() as tx:  # odd old data: a company that gave without being a member
        company = Company(kbo=enterprise_number(99), name="Buiten BV")
        tx.session.add(company)
        tx.session.flush()
        for field, value in (("kind", "enterprise"), ("postcode", "2000")):
            tx.session.add(
                CompanyFact(company_id=company.id, field=field, value=value, valid_from=START)
            )
        cluster = queries.get_cluster("Beta", session=tx.session)
        tx.session.execute(
            insert(Contribution).values(
                cluster_id=cluster.id, company_id=company.id, year=2023, amount_cents=123_45
            )
        )
    return ledger


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_quick_summaries_match_the_straightforward_one(tmp_path: Path, seed: int) -> None:
    check_summaries(build(str(tmp_path / "l.sqlite"), tmp_path, seed))


@pytest.mark.postgres
def test_the_quick_summaries_match_on_postgresql(tmp_path: Path) -> None:
    with pg_schema() as url:
        check_summaries(build(url, tmp_path, 4))


def check_summaries(ledger: Ledger) -> None:
    with ledger.read() as session:
        clusters = queries.list_clusters(session=session)
        straight = {c.name: cluster_summaries(c, session=session) for c in clusters}
        totals_only = {
            c.name: cluster_summaries(c, session=session, with_shares=False) for c in clusters
        }
        one_pass = every_summary(session=session)
        one_pass_shares = every_summary(session=session, with_shares=True)
        single_years = {
            (c.name, s.result.year): cluster_summaries(
                c, session=session, year=s.result.year, with_shares=False
            )
            for c in clusters
            for s in straight[c.name]
        }
    with ledger.connect() as connection:  # what the read-only command line reads through
        on_core = {
            name: summaries_of(connection, find_cluster(connection, name)) for name in straight
        }
        on_core_totals = {
            name: summaries_of(connection, find_cluster(connection, name), with_shares=False)
            for name in straight
        }
        one_pass_core = every_summary_of(connection)
    ledger.dispose()

    assert on_core == straight
    assert [(c, found) for c, found in one_pass_core] == one_pass

    assert [c.name for c, _ in one_pass] == sorted(straight)
    without_shares = {
        name: [replace(s, result=replace(s.result, shares=())) for s in found]
        for name, found in straight.items()
    }
    assert totals_only == without_shares
    assert on_core_totals == without_shares
    assert {c.name: found for c, found in one_pass} == without_shares
    assert {c.name: found for c, found in one_pass_shares} == straight
    for (name, year), found in single_years.items():
        assert found == [s for s in without_shares[name] if s.result.year == year]
    # The ledger holds what the comparison is about, so it is not passing on easy data.
    results = [s for found in straight.values() for s in found]
    warnings = {w.code for s in results for w in s.result.warnings}
    assert "contribution_from_non_member" in warnings
    assert any(s.locked for s in results)
    assert any(s.result.flemish_enterprises_with_mandate for s in results)
    assert any(s.result.mandate_deadline for s in results)
    assert len({s.result.rule_set for s in results}) == 3
    assert any(
        s.result.counted_contributions_cents != s.result.total_contributions_cents for s in results
    )
