"""A cluster's figures per year: the ledger's facts fed to the matching engine.

This is the one place that turns stored rows into :class:`~ledger.matching.YearFacts`;
the command line, the terminal UI and the annual report all read their figures
from here, so they can never disagree. Contributions are summed per company and
year in the database, so one cluster-year costs one indexed aggregate however large
the ledger grows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from sqlmodel import Session

from ledger import queries
from ledger.kinds import MemberKind
from ledger.matching import MatchResult, MemberFacts, YearFacts, match_year
from ledger.money import format_plain
from ledger.queries import Standing
from ledger.regions import Region
from ledger.rules import RuleSet, get_rule_set, load_rule_sets
from ledger.storage.tables import Cluster, Company


@dataclass(frozen=True)
class YearSummary:
    cluster: str
    locked: bool
    result: MatchResult


def summary_years(cluster: Cluster, years_with_data: list[int]) -> list[int]:
    """The years worth showing: from the start through the last year with entries or costs."""
    last = max([cluster.start_year, *years_with_data])
    return list(range(cluster.start_year, last + 1))


class _Party(NamedTuple):
    """What stays the same for a company across the years: worked out once, not per year."""

    kbo: str
    name: str
    kind: MemberKind
    region: Region
    first_year: int  # the membership's first and last year; an empty range for a non-member
    last_year: int
    mandate: date | None


def _party(standing: Standing) -> _Party:
    first, last = queries.active_years(standing)
    return _Party(
        standing.kbo,
        standing.name,
        MemberKind(standing.kind),
        queries.effective_region(standing),
        first,
        last,
        standing.mandate,
    )


def _facts(
    cluster: Cluster,
    year: int,
    parties: dict[int, _Party],
    contributed: dict[int, int],
    costs: dict[int, int],
) -> YearFacts:
    """Everyone active in the year or contributing in it, in enterprise-number order."""
    rows: list[MemberFacts] = []
    for company_id, party in parties.items():  # already in enterprise-number order
        active = party.first_year <= year <= party.last_year
        if active or company_id in contributed:
            rows.append(
                MemberFacts(
                    party.kbo,
                    party.name,
                    party.kind,
                    party.region,
                    active,
                    party.mandate,
                    contributed.get(company_id, 0),
                )
            )
    return YearFacts(
        year=year, start_year=cluster.start_year, costs_cents=costs.get(year), members=tuple(rows)
    )


def cluster_summaries(
    cluster: Cluster,
    *,
    session: Session,
    year: int | None = None,
    rule_sets: dict[str, RuleSet] | None = None,
    with_shares: bool = True,
) -> list[YearSummary]:
    """Match every year of a cluster (or one year) from the ledger's facts.

    Args:
        with_shares: also split each year's aid over the members (the per-member view);
            the totals and warnings are the same either way.
    """
    rules = get_rule_set(cluster.rule_set, rule_sets if rule_sets is not None else load_rule_sets())
    totals = queries.contributions_by_company(cluster, session=session, year=year)
    costs = queries.costs_by_year(cluster, session=session)
    found = {s.company_id: _party(s) for s in queries.member_standings(cluster, session=session)}
    # Operations refuse a contribution from a non-member, so this only catches odd old data.
    for company_id in {cid for per_year in totals.values() for cid in per_year} - set(found):
        company = session.get(Company, company_id)
        assert company is not None
        found[company_id] = _Party(
            company.kbo,
            company.name,
            MemberKind(company.kind),
            queries.effective_region(company),
            1,
            0,
            None,
        )
    parties = dict(sorted(found.items(), key=lambda item: item[1].kbo))
    locked = queries.locked_years(cluster, session=session)
    years = [year] if year is not None else summary_years(cluster, [*totals, *costs])
    return [
        YearSummary(
            cluster=cluster.name,
            locked=y in locked,
            result=match_year(
                rules,
                _facts(cluster, y, parties, totals.get(y, {}), costs),
                with_shares=with_shares,
            ),
        )
        for y in years
    ]


def as_dict(summary: YearSummary) -> dict[str, object]:
    """The machine-readable form of one cluster-year (``summary --json``); amounts as strings.

    The per-member split appears under ``shares`` when the summary was made with it.
    """
    r = summary.result
    data: dict[str, object] = {
        "cluster": summary.cluster,
        "year": r.year,
        "program_year": r.program_year,
        "max_years": r.max_years,
        "rule_set": r.rule_set,
        "locked": summary.locked,
        "cap": format_plain(r.cap_cents),
        "ceiling": format_plain(r.ceiling_cents),
        "coordination_costs": None if r.costs_cents is None else format_plain(r.costs_cents),
        "total_contributions": format_plain(r.total_contributions_cents),
        "counted_contributions": format_plain(r.counted_contributions_cents),
        "matched_aid": format_plain(r.matched_aid_cents),
        "headroom": format_plain(r.headroom_cents),
        "surplus": format_plain(r.surplus_cents),
        "members": r.members,
        "flemish_enterprises_with_mandate": r.flemish_enterprises_with_mandate,
        "min_flemish_enterprises_with_mandate": r.min_flemish_enterprises_with_mandate,
        "warnings": [f"{w.code}: {w.message}" for w in r.warnings],
    }
    if r.shares:
        data["shares"] = [
            {
                "kbo": s.kbo,
                "name": s.name,
                "contribution": format_plain(s.contribution_cents),
                "counted": s.counted,
                "aid": format_plain(s.aid_cents),
            }
            for s in r.shares
        ]
    return data
