"""What a report shows, gathered from the ledger: the figures come from
:func:`ledger.summary.cluster_summaries`, the same matching engine as ``summary``,
never from a second calculation. Only the entries are left out: they stream straight
from :func:`ledger.report.queries.iter_entries` into the workbook.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session

from ledger import queries, state
from ledger.cluster_rules import ClusterRules
from ledger.integrity.chain import chain_end
from ledger.kinds import MemberKind
from ledger.payments import directory
from ledger.problems import Location, Problem
from ledger.regions import Region
from ledger.report.queries import latest_change
from ledger.rules import RuleSet
from ledger.snapshot import MemberHistory
from ledger.storage.tables import Cluster
from ledger.summary import YearSummary, cluster_summaries, year_and_members


@dataclass(frozen=True)
class MemberLine:
    """A party to the cluster-year: its facts beside its contribution and share of the aid."""

    kbo: str
    name: str
    postcode: str | None
    region: Region
    kind: MemberKind
    joined: date | None
    left: date | None
    mandate: date | None
    active: bool
    contribution_cents: int
    counted: bool
    aid_cents: int
    communication: str | None = None  # what a member pays this year's fee with


@dataclass(frozen=True)
class AnnualFacts:
    cluster: Cluster
    rules: RuleSet
    summary: YearSummary
    members: tuple[MemberLine, ...]
    histories: tuple[MemberHistory, ...]  # read once: the checksum hashes them too
    stamp: datetime  # when the reported state last changed
    chain: tuple[int, str]  # the length and last hash of the cluster's chain of entries

    @property
    def counted_kbos(self) -> frozenset[str]:
        return frozenset(m.kbo for m in self.members if m.counted)


@dataclass(frozen=True)
class OverviewFacts:
    cluster: Cluster
    rules: RuleSet
    years: tuple[YearSummary, ...]
    stamp: datetime
    chain: tuple[int, str]


def program_years(cluster: Cluster, rules: RuleSet) -> range:
    return range(cluster.start_year, cluster.start_year + rules.max_years)


def check_report_year(cluster: Cluster, rules: RuleSet, year: int) -> None:
    """Raises InputError for a year outside the cluster's program: it has no report."""
    years = program_years(cluster, rules)
    if year not in years:
        facts = {
            "year": year,
            "cluster": cluster.name,
            "rule_set": rules.id,
            "count": rules.max_years,
            "first": years[0],
            "last": years[-1],
        }
        raise Problem("year.outside_program", facts, Location(field="--year")).error()


def annual_facts(cluster: Cluster, year: int, *, session: Session) -> AnnualFacts:
    """One cluster-year: its figures, warnings and each party's share, and each party's
    facts as they stood in the year."""
    rules = cluster_rules(cluster, session=session)
    check_report_year(cluster, rules.first, year)
    summary, members = year_and_members(cluster, year, session=session)
    histories = {h.kbo: h for h in members}
    lines = []
    for share in summary.result.shares:
        h = histories.get(share.kbo)
        if h is None:  # a non-member's entry: its company, with no membership
            company = queries.find_company(share.kbo, session=session)
            assert company is not None and company.id is not None
            facts = state.company_facts([company.id], session=session)[company.id]
            h = MemberHistory(company.id, company.kbo, company.name, facts)
            histories[h.kbo] = h
        view = h.view(year)
        day = h.period.reference_day(year) if h.is_member else date(year, 12, 31)
        lines.append(
            MemberLine(
                kbo=share.kbo,
                name=share.name,
                postcode=h.facts.postcode_on(day),
                region=view.region,
                kind=view.kind,
                joined=h.period.joined if h.is_member else None,
                left=h.period.left if h.is_member else None,
                mandate=view.mandate,
                active=view.active,
                contribution_cents=share.contribution_cents,
                counted=share.counted,
                aid_cents=share.aid_cents,
                communication=(
                    directory.shown_ogm(cluster, h.company_id, year) if h.is_member else None
                ),
            )
        )
    return AnnualFacts(
        cluster=cluster,
        rules=rules.for_year(year),
        summary=summary,
        members=tuple(lines),
        histories=tuple(sorted(histories.values(), key=lambda h: h.kbo)),
        stamp=latest_change(cluster, session=session, year=year),
        chain=chain_end(session, "contribution", cluster.id),
    )


def cluster_rules(cluster: Cluster, *, session: Session) -> ClusterRules:
    """The rule-set copies the cluster keeps (its figures and its program come from them)."""
    return state.rule_copies(cluster.id, session=session)  # type: ignore[arg-type]


def overview_facts(cluster: Cluster, *, session: Session) -> OverviewFacts:
    """Every program year, and any later year that holds entries or costs (no aid there)."""
    rules = cluster_rules(cluster, session=session).first
    found = {
        s.result.year: s for s in cluster_summaries(cluster, session=session, with_shares=False)
    }
    for year in program_years(cluster, rules):
        if year not in found:
            (found[year],) = cluster_summaries(
                cluster, session=session, year=year, with_shares=False
            )
    return OverviewFacts(
        cluster=cluster,
        rules=rules,
        years=tuple(found[y] for y in sorted(found)),
        stamp=latest_change(cluster, session=session),
        chain=chain_end(session, "contribution", cluster.id),
    )
