"""Checks on a cluster: adding one, and adopting a new version of its rule set."""

from __future__ import annotations

from collections.abc import Iterable

from ledger.checks.years import check_program_year
from ledger.dates import FIRST_YEAR, LAST_YEAR
from ledger.names import lookalike_of, name_problems
from ledger.problems import Problem
from ledger.rules import RuleSet
from ledger.snapshot import ClusterYears


def check_add(
    name: str, rules: RuleSet, start_year: int, kbo: str | None, names: Iterable[str]
) -> list[Problem]:
    """A new cluster: a plausible start, not before its call, a name without invisible
    or bidi characters that neither is nor looks like one taken (``Circular Plastics``
    with a Cyrillic a, a zero-width space or another case is refused, naming the
    cluster it would be mistaken for).

    A missing enterprise number of the cluster organisation is a warning: only a legal
    entity can receive the aid, so it is asked for, but it may come later.
    """
    if not FIRST_YEAR <= start_year <= LAST_YEAR:
        return [
            Problem(
                "cluster.start_implausible",
                {"start_year": start_year, "first": FIRST_YEAR, "last": LAST_YEAR},
            )
        ]
    if rules.call_year is not None and start_year < rules.call_year:
        return [
            Problem(
                "cluster.start_before_call",
                {"start_year": start_year, "rule_set": rules.id, "call_year": rules.call_year},
            )
        ]
    invisible = name_problems(name, field="NAME")
    if invisible:
        return invisible
    taken = list(names)
    if name in set(taken):
        return [Problem("cluster.exists", {"name": name}, kind="conflict")]
    lookalike = lookalike_of(name, taken, field="NAME")
    if lookalike is not None:
        return [lookalike]
    return check_organisation(name, kbo)


def check_organisation(name: str, kbo: str | None) -> list[Problem]:
    """The cluster organisation's enterprise number is known (a warning while it is not)."""
    if kbo is None:
        return [Problem("cluster.kbo_missing", {"name": name}, severity="warning")]
    return []


def check_adopt(
    cluster: ClusterYears, rules: RuleSet, from_year: int, sha256: str
) -> list[Problem]:
    """Adopting ``rules`` (read from a file with that SHA-256) from ``from_year`` on.

    Only open years take a new version: a locked year at or after ``from_year`` is
    named. The rule set must be the same call's (a cluster stays bound to the call that
    approved it), and must differ from the copy already in force.
    """
    current = cluster.rules.copy_for(from_year)
    if rules.id != current.rule_set:
        return [
            Problem(
                "rules.other_call",
                {"cluster": cluster.name, "rule_set": current.rule_set, "found": rules.id},
            )
        ]
    problems = check_program_year(cluster, from_year)
    if problems:
        return problems
    locked = sorted(y for y in cluster.locked if y >= from_year)
    if locked:
        return [
            Problem(
                "rules.adopt_locked",
                {"year": locked[0], "cluster": cluster.name, "from_year": from_year},
                kind="locked",
            )
        ]
    if current.sha256 == sha256 and current.from_year <= from_year:
        return [
            Problem(
                "rules.adopt_same",
                {"cluster": cluster.name, "rule_set": rules.id, "from_year": current.from_year},
                kind="conflict",
            )
        ]
    return []
