"""A cluster's figures per year: the ledger's facts fed to the matching engine.

This is the one place that turns stored rows into :class:`~ledger.matching.YearFacts`
(each year with the facts and the rule set in force in it);
the command line, the terminal UI and the annual report all read their figures
from here, so they can never disagree. Contributions are summed per company and
year in the database, so one cluster-year costs one indexed aggregate however large
the ledger grows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from itertools import groupby
from operator import itemgetter
from typing import TYPE_CHECKING

from ledger import summary_reads as reads
from ledger.cluster_rules import ClusterRules
from ledger.matching import MatchResult, MemberFacts, YearFacts, match_totals, match_year
from ledger.money import format_plain
from ledger.snapshot import MemberHistory
from ledger.summary_reads import ClusterRow
from ledger.summary_totals import Roster, year_totals

if TYPE_CHECKING:  # the models are for the callers that hold them; this module reads on Core
    from sqlalchemy import Connection
    from sqlmodel import Session

    from ledger.storage.tables import Cluster


@dataclass(frozen=True)
class YearSummary:
    cluster: str
    locked: bool
    result: MatchResult


def summary_years(cluster: Cluster | ClusterRow, years_with_data: list[int]) -> list[int]:
    """The years worth showing: from the start through the last year with entries or costs."""
    last = max([cluster.start_year, *years_with_data])
    return list(range(cluster.start_year, last + 1))


def parties(cluster: Cluster, contributors: set[int], *, session: Session) -> list[MemberHistory]:
    """Every member of the cluster, and every company that contributed without being one,
    with its history, in enterprise-number order."""
    conn = session.connection()
    assert cluster.id is not None
    return with_outsiders(
        conn, list(reads.member_histories(conn, cluster.id).values()), contributors
    )


def with_outsiders(
    conn: Connection, members: list[MemberHistory], contributors: set[int]
) -> list[MemberHistory]:
    """The members and every contributor that is none of them, in enterprise-number order."""
    found = {h.company_id: h for h in members}
    # Operations refuse a contribution from a non-member, so this only catches odd old data.
    outsiders = sorted(contributors - set(found))
    if outsiders:
        facts = reads.company_facts(conn, outsiders)
        named = reads.companies(conn, outsiders)
        for company_id in outsiders:
            kbo, name = named[company_id]
            found[company_id] = MemberHistory(company_id, kbo, name, facts[company_id])
    return sorted(found.values(), key=lambda h: h.kbo)


def year_facts(
    cluster: Cluster | ClusterRow,
    year: int,
    histories: list[MemberHistory],
    contributed: dict[int, int],
    costs: dict[int, int],
    deadline: date | None,
) -> YearFacts:
    """Everyone active in the year or contributing in it, with the facts of that year."""
    rows: list[MemberFacts] = []
    for h in histories:  # already in enterprise-number order
        view = h.view(year)
        if view.active or h.company_id in contributed:
            rows.append(
                MemberFacts(
                    h.kbo,
                    h.name,
                    view.kind,
                    view.region,
                    view.active,
                    view.mandate,
                    contributed.get(h.company_id, 0),
                    deadline is not None and h.counts_at(deadline),
                )
            )
    return YearFacts(
        year=year,
        start_year=cluster.start_year,
        costs_cents=costs.get(year),
        members=tuple(rows),
        mandate_deadline=deadline,
    )


def cluster_summaries(
    cluster: Cluster,
    *,
    session: Session,
    year: int | None = None,
    with_shares: bool = True,
) -> list[YearSummary]:
    """Match every year of a cluster (or one year) from the ledger's facts.

    Each year takes the rule set the cluster keeps for it and the members' facts as they
    stood in it (:mod:`ledger.history`), so a later change leaves an earlier year as it was.
    The session's pending changes are flushed first, as a query through it would.

    Args:
        with_shares: also split each year's aid over the members (the per-member view);
            the totals and warnings are the same either way, and without the split they
            come from the sums directly (:mod:`ledger.summary_totals`).
    """
    conn, row = _on_session(cluster, session)
    return summaries_of(conn, row, year=year, with_shares=with_shares)


def year_and_members(
    cluster: Cluster, year: int, *, session: Session
) -> tuple[YearSummary, list[MemberHistory]]:
    """One year's summary with each member's share, and the members' histories it was
    made from (what :func:`parties` gives without contributors), so that the annual
    report reads those histories once rather than again after the summary."""
    conn, row = _on_session(cluster, session)
    (summary,), members = _summaries_and_members(conn, row, year=year, with_shares=True)
    return summary, sorted(members, key=lambda h: h.kbo)


def _on_session(cluster: Cluster, session: Session) -> tuple[Connection, ClusterRow]:
    """The session's connection (its pending changes flushed first, as a query through it
    would) and the cluster as the reads take it."""
    if session.autoflush:
        session.flush()
    assert cluster.id is not None
    return session.connection(), ClusterRow(
        cluster.id, cluster.name, cluster.start_year, cluster.kbo
    )


def summaries_of(
    conn: Connection, cluster: ClusterRow, *, year: int | None = None, with_shares: bool = True
) -> list[YearSummary]:
    """:func:`cluster_summaries` on a plain connection, for a cluster read as a row (what a
    read-only command holds: :meth:`ledger.session.Ledger.connect`)."""
    return _summaries_and_members(conn, cluster, year=year, with_shares=with_shares)[0]


def _summaries_and_members(
    conn: Connection, cluster: ClusterRow, *, year: int | None, with_shares: bool
) -> tuple[list[YearSummary], list[MemberHistory]]:
    rules = reads.rule_copies(conn, cluster.id)
    totals = reads.contributions_by_company(conn, cluster.id, year)
    costs = reads.costs_by_year(conn, cluster.id)
    contributors = {cid for per_year in totals.values() for cid in per_year}
    members = list(reads.member_histories(conn, cluster.id).values())
    histories = with_outsiders(conn, members, contributors)
    locked = reads.locked_years(conn, cluster.id)
    years = [year] if year is not None else summary_years(cluster, [*totals, *costs])
    found = summarise(cluster, rules, totals, costs, histories, locked, years, with_shares)
    return found, members


def summarise(
    cluster: Cluster | ClusterRow,
    rules: ClusterRules,
    totals: dict[int, dict[int, int]],
    costs: dict[int, int],
    histories: list[MemberHistory],
    locked: set[int],
    years: list[int],
    with_shares: bool,
) -> list[YearSummary]:
    """Each year's summary from what was read of the cluster (its parties in enterprise-
    number order, the net cents per year and company)."""
    if with_shares:
        results = [
            match_year(
                rules.for_year(y),
                year_facts(
                    cluster,  # type: ignore[arg-type]
                    y,
                    histories,
                    totals.get(y, {}),
                    costs,
                    rules.mandate_deadline_day(y),
                ),
                with_shares=True,
            )
            for y in years
        ]
    else:
        roster = Roster(histories)
        roster.count(years)
        results = [
            match_totals(
                rules.for_year(y),
                year_totals(
                    rules.for_year(y),
                    year=y,
                    start_year=cluster.start_year,
                    costs_cents=costs.get(y),
                    deadline=rules.mandate_deadline_day(y),
                    roster=roster,
                    contributed=totals.get(y, {}).items(),
                ),
            )
            for y in years
        ]
    return [YearSummary(cluster.name, r.year in locked, r) for r in results]


def every_summary(
    *, session: Session, with_shares: bool = False
) -> list[tuple[ClusterRow, list[YearSummary]]]:
    """Every cluster's summaries (every year), by cluster name, in one pass over the ledger:
    :func:`every_summary_of` on the session's connection."""
    return every_summary_of(session.connection(), with_shares=with_shares)


def every_summary_of(
    conn: Connection, *, with_shares: bool = False
) -> list[tuple[ClusterRow, list[YearSummary]]]:
    """Every cluster's summaries (every year), by cluster name, in one pass over the ledger.

    The same figures as :func:`cluster_summaries` for each cluster, from a handful of
    grouped reads for the whole ledger rather than several queries per cluster: the net
    cents per cluster, year and company arrive as one stream sorted by cluster, and each
    cluster is summarised as its part of the stream ends; the members and their mandates
    stream by cluster too, so only one cluster's sums and members are held at a time.
    """
    clusters = reads.every_cluster(conn)
    rules = reads.every_rule_copies(conn)
    histories_of = reads.every_member_history(conn)
    members = next(histories_of, None)
    costs = reads.every_cost(conn)
    locked = reads.every_locked_year(conn)
    groups = groupby(reads.contribution_sums(conn), key=itemgetter(0))
    group = next(groups, None)
    found: list[tuple[ClusterRow, list[YearSummary]]] = []
    for cluster in clusters:
        if cluster.id not in rules:  # the same refusal as a single cluster's
            reads.rule_copies(conn, cluster.id)
        while group is not None and group[0] < cluster.id:  # a cluster that is gone
            group = next(groups, None)
        totals: dict[int, dict[int, int]] = {}
        if group is not None and group[0] == cluster.id:
            year, per_year = None, {}
            for _, y, company_id, cents in group[1]:
                if y != year:
                    year, per_year = y, totals.setdefault(y, {})
                per_year[company_id] = cents
            group = next(groups, None)
        while members is not None and members[0] < cluster.id:
            members = next(histories_of, None)
        own = []
        if members is not None and members[0] == cluster.id:
            own = members[1]
            members = next(histories_of, None)
        own_costs = costs.get(cluster.id, {})
        contributors = {cid for per_year in totals.values() for cid in per_year}
        histories = with_outsiders(conn, own, contributors)
        years = summary_years(cluster, [*totals, *own_costs])
        found.append(
            (
                cluster,
                summarise(
                    cluster,
                    rules[cluster.id],
                    totals,
                    own_costs,
                    histories,
                    locked.get(cluster.id, set()),
                    years,
                    with_shares,
                ),
            )
        )
    return sorted(found, key=lambda pair: pair[0].name)


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
    if r.mandate_deadline is not None:
        data["mandate_deadline"] = r.mandate_deadline.isoformat()
        data["flemish_enterprises_with_mandate_at_deadline"] = (
            r.flemish_enterprises_with_mandate_at_deadline
        )
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
