"""An existing ledger upgrades to the dated history with every figure unchanged.

The figures before the upgrade are computed here from the single values schema 0003
held (each company's one kind, postcode and override; each membership's one mandate),
with the rule files and the pure matching engine, as the ledger computed them then. The
figures after come from :func:`ledger.summary.cluster_summaries` on the upgraded ledger.
Two ledgers: the demo ledger (taken back to 0003 by the migration's own downgrade) and a
synthetic one that ``benchmarks/ledger_build.py`` writes at 0003 directly.
"""

from __future__ import annotations

import shutil
import sys
from datetime import date
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import text

from importers.sample import build_demo_ledger, default_sample_dir
from ledger.dates import FIRST_YEAR, LAST_YEAR
from ledger.kinds import MemberKind
from ledger.matching import MemberFacts, YearFacts, match_year
from ledger.regions import parse_region, region_for_postcode
from ledger.rules import get_rule_set
from ledger.session import Ledger
from ledger.storage import database
from ledger.summary import cluster_summaries

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
FIGURES = (
    "ceiling_cents",
    "total_contributions_cents",
    "counted_contributions_cents",
    "matched_aid_cents",
    "headroom_cents",
    "surplus_cents",
    "members",
    "flemish_enterprises_with_mandate",
    "program_year",
)


def figures_at_0003(path: Path) -> dict[tuple[str, int], tuple]:
    """Every cluster-year's figures from a schema-0003 ledger's single values."""
    engine = database.make_engine(path)
    found: dict[tuple[str, int], tuple] = {}
    with engine.connect() as c:
        assert c.execute(text("SELECT version_num FROM alembic_version")).scalar() == "0003"
        clusters = c.execute(text("SELECT id, name, rule_set, start_year FROM cluster")).all()
        for cluster_id, name, rule_id, start in clusters:
            rules = get_rule_set(rule_id)
            members = c.execute(
                text(
                    "SELECT co.id, co.kbo, co.name, co.kind, co.postcode, co.region_override, "
                    "m.joined, m.left, m.mandate FROM membership m JOIN company co "
                    "ON co.id = m.company_id WHERE m.cluster_id = :c ORDER BY co.kbo"
                ),
                {"c": cluster_id},
            ).all()
            sums: dict[int, dict[int, int]] = {}
            for year, company_id, cents in c.execute(
                text(
                    "SELECT year, company_id, SUM(amount_cents) FROM contribution "
                    "WHERE cluster_id = :c GROUP BY year, company_id"
                ),
                {"c": cluster_id},
            ):
                sums.setdefault(year, {})[company_id] = int(cents)
            costs = dict(
                c.execute(
                    text("SELECT year, amount_cents FROM coordination_cost WHERE cluster_id = :c"),
                    {"c": cluster_id},
                ).all()
            )
            known = {m[0] for m in members}
            assert all(cid in known for per in sums.values() for cid in per)
            for year in summary_years_of(start, [*sums, *costs]):
                rows = []
                for cid, kbo, cname, kind, postcode, override, joined, left, mandate in members:
                    joined, left, mandate = (_day(v) for v in (joined, left, mandate))
                    first = joined.year if joined else FIRST_YEAR
                    last = left.year if left else LAST_YEAR
                    active = first <= year <= last
                    if not active and cid not in sums.get(year, {}):
                        continue
                    region = parse_region(override) if override else region_for_postcode(postcode)
                    rows.append(
                        MemberFacts(
                            kbo,
                            cname,
                            MemberKind(kind),
                            region,
                            active,
                            mandate,
                            sums.get(year, {}).get(cid, 0),
                        )
                    )
                facts = YearFacts(year, start, costs.get(year), tuple(rows))
                result = match_year(rules, facts, with_shares=False)
                found[(name, year)] = tuple(getattr(result, f) for f in FIGURES)
    engine.dispose()
    return found


def summary_years_of(start: int, years: list[int]) -> list[int]:
    return list(range(start, max([start, *years]) + 1))


def _day(value: object) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) else value  # type: ignore[return-value]


def figures_now(path: Path) -> dict[tuple[str, int], tuple]:
    ledger = Ledger.open(path)
    found = {}
    with ledger.read() as session:
        from ledger import queries

        for cluster in queries.list_clusters(session=session):
            for s in cluster_summaries(cluster, session=session, with_shares=False):
                found[(cluster.name, s.result.year)] = tuple(getattr(s.result, f) for f in FIGURES)
    ledger.dispose()
    return found


def test_the_demo_ledger_keeps_every_figure_through_the_upgrade(tmp_path: Path) -> None:
    path = tmp_path / "demo.sqlite"
    # The demo without its spearhead cluster: a ledger of schema 0003 knew no projects.
    sample = Path(shutil.copytree(default_sample_dir(), tmp_path / "sample"))
    (sample / "speerpunt.toml").unlink()
    build_demo_ledger(path, sample)
    engine = database.make_engine(path)
    command.downgrade(database.alembic_config(engine), "0003")
    engine.dispose()
    before = figures_at_0003(path)
    assert len(before) == 3 and sum(f[3] for f in before.values()) > 0
    after = figures_now(path)  # opening it upgrades it
    assert after == before
    ledger = Ledger.open(path)
    from ledger.integrity.verify import verify

    assert verify(ledger).problems == []
    ledger.dispose()


def test_a_synthetic_ledger_keeps_every_figure_through_the_upgrade(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.syspath_prepend(str(BENCHMARKS))
    sys.modules.pop("ledger_build", None)
    import ledger_build  # type: ignore[import-not-found]

    path = tmp_path / "synthetic.sqlite"
    ledger_build.build_before_history(path, clusters=3, seed=7)
    before = figures_at_0003(path)
    assert len(before) == 3 * 10
    # It was written without audit events, which the backup before an upgrade checks for.
    monkeypatch.setenv("CLUSTER_LEDGER_UPGRADE_WITHOUT_BACKUP", "1")
    assert figures_now(path) == before
