"""A cluster's figures per year: the ledger's facts fed to the matching engine.

This is the one place that turns stored rows into :class:`~ledger.matching.YearFacts`;
the command line, the terminal UI and the annual report all read their figures
from here, so they can never disagree. Contributions are summed per company and
year in the database, so one cluster-year costs one indexed aggregate however large
the ledger grows.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from ledger import queries
from ledger.kinds import MemberKind
from ledger.matching import MatchResult, MemberFacts, YearFacts, match_year
from ledger.money import format_plain
from ledger.rules import RuleSet, get_rule_set, load_rule_sets
from ledger.storage.tables import Cluster, Company, Membership


@dataclass(frozen=True)
class YearSummary:
    cluster: str
    locked: bool
    result: MatchResult


def summary_years(cluster: Cluster, rules: RuleSet, *, session: Session) -> list[int]:
    """The years worth showing: from the start through the last year with entries or costs."""
    years = queries.years_with_entries(cluster, session=session)
    last = max([cluster.start_year, *years])
    return list(range(cluster.start_year, last + 1))


def _facts(
    cluster: Cluster,
    year: int,
    members: list[tuple[Membership, Company]],
    companies: dict[int, Company],
    contributed: dict[int, int],
    costs: dict[int, int],
) -> YearFacts:
    rows: list[MemberFacts] = []
    membership_of = {m.company_id: m for m, _ in members}
    company_ids = {c.id for m, c in members if queries.active_in(m, year)} | set(contributed)
    for company_id in company_ids:
        company = companies[company_id]
        membership = membership_of.get(company_id)
        rows.append(
            MemberFacts(
                kbo=company.kbo,
                name=company.name,
                kind=MemberKind(company.kind),
                region=queries.effective_region(company),
                is_member=membership is not None and queries.active_in(membership, year),
                mandate=membership.mandate if membership else None,
                contribution_cents=contributed.get(company_id, 0),
            )
        )
    rows.sort(key=lambda r: r.kbo)
    return YearFacts(
        year=year, start_year=cluster.start_year, costs_cents=costs.get(year), members=tuple(rows)
    )


def cluster_summaries(
    cluster: Cluster,
    *,
    session: Session,
    year: int | None = None,
    rule_sets: dict[str, RuleSet] | None = None,
) -> list[YearSummary]:
    """Match every year of a cluster (or one year) from the ledger's facts."""
    rules = get_rule_set(cluster.rule_set, rule_sets if rule_sets is not None else load_rule_sets())
    members = queries.list_members(cluster, session=session)
    totals = queries.contributions_by_company(cluster, session=session, year=year)
    costs = queries.costs_by_year(cluster, session=session)
    companies = {c.id: c for _, c in members}
    missing = {cid for per_year in totals.values() for cid in per_year} - set(companies)
    for company_id in missing:  # contributed but no membership row: only possible via old data
        company = session.get(Company, company_id)
        assert company is not None
        companies[company_id] = company
    locked = queries.locked_years(cluster, session=session)
    years = [year] if year is not None else summary_years(cluster, rules, session=session)
    return [
        YearSummary(
            cluster=cluster.name,
            locked=y in locked,
            result=match_year(
                rules, _facts(cluster, y, members, companies, totals.get(y, {}), costs)
            ),
        )
        for y in years
    ]


def as_dict(summary: YearSummary) -> dict[str, object]:
    """The machine-readable form of one cluster-year (``summary --json``); amounts as strings."""
    r = summary.result
    return {
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
        "shares": [
            {
                "kbo": s.kbo,
                "name": s.name,
                "contribution": format_plain(s.contribution_cents),
                "counted": s.counted,
                "aid": format_plain(s.aid_cents),
            }
            for s in r.shares
        ],
    }
