"""Clusters: adding one with a stored copy of its rule set, the cluster organisation's
enterprise number, and adopting a new version of the rule set for open years."""

from __future__ import annotations

from pathlib import Path

from sqlmodel import select

from ledger import identifiers, state
from ledger.checks.clusters import check_add, check_adopt, check_organisation
from ledger.names import normalise
from ledger.problems import Problem, first_error
from ledger.rules import load_rule_file, load_rule_sets, read_rule_text, rule_file, text_hash
from ledger.session import Tx
from ledger.storage.tables import AuditEvent, Cluster, RuleSetCopy
from ledger.text import clean_text


def add_cluster(
    tx: Tx, *, name: str, rule_set_id: str, start_year: int, kbo: str | None = None
) -> Cluster:
    """Create a cluster bound to a rule set, keeping the rule set's full text with it.

    Raises:
        InputError, NotFoundError, ConflictError: a bad field, unknown rule set, or the name is taken.
    """
    name = normalise(clean_text(name, what="cluster name", max_length=200))
    path = rule_file(rule_set_id)
    if path is None:
        known = ", ".join(sorted(load_rule_sets()))
        facts = {"rule_set": rule_set_id, "known": known}
        raise Problem("ruleset.unknown", facts, kind="notfound").error()
    rules = load_rule_file(path)
    text = read_rule_text(path)
    number = identifiers.validate(kbo) if kbo else None
    names = tx.session.exec(select(Cluster.name)).all()
    first_error(check_add(name, rules, start_year, number, names))
    cluster = Cluster(name=name, rule_set=rules.id, start_year=start_year, kbo=number)
    event = tx.save(
        cluster,
        "cluster.add",
        cluster_id=cluster.id,
        details={
            "name": name,
            "rule_set": rules.id,
            "start_year": start_year,
            "kbo": number,
            "rule_set_sha256": text_hash(text),
        },
    )
    _keep_copy(tx, cluster, rules.id, start_year, text, event)
    return cluster


def _keep_copy(
    tx: Tx,
    cluster: Cluster,
    rule_set: str,
    from_year: int,
    text: str,
    event: AuditEvent,
    reason: str | None = None,
) -> RuleSetCopy:
    copy = RuleSetCopy(
        cluster_id=cluster.id,
        rule_set=rule_set,
        from_year=from_year,
        content=text,
        sha256=text_hash(text),
        reason=reason,
    )
    tx.add_history(copy, event)
    return copy


def cluster_notes(cluster: Cluster) -> list[Problem]:
    """What a coordinator should still do about a cluster (a warning each)."""
    return check_organisation(cluster.name, cluster.kbo)


def update_cluster(tx: Tx, cluster: Cluster, *, kbo: str) -> Cluster:
    """Record the cluster organisation's enterprise number (a correction, audited)."""
    number = identifiers.validate(kbo)
    before = cluster.kbo
    if before == number:
        return cluster
    cluster.kbo = number
    tx.save(
        cluster,
        "cluster.update",
        cluster_id=cluster.id,
        details={"before": {"kbo": before}, "after": {"kbo": number}},
    )
    return cluster


def adopt_rules(
    tx: Tx, cluster: Cluster, *, path: Path, from_year: int, reason: str
) -> RuleSetCopy:
    """Adopt the rule set in ``path`` for ``from_year`` and later (open years only).

    Raises:
        RuleSetError: the file does not parse.
        InputError, LockedYearError, ConflictError: another call's rule set, a year
            before the start, a locked year from ``from_year`` on, or the text in force.
    """
    why = clean_text(reason, what="reason", max_length=2000)
    text = read_rule_text(path)
    rules = load_rule_file(path)
    years = state.cluster_years(cluster, session=tx.session)
    first_error(check_adopt(years, rules, from_year, text_hash(text)))
    event = tx.audit(
        "rules.adopt",
        entity="cluster",
        entity_id=cluster.id,
        cluster_id=cluster.id,
        details={
            "rule_set": rules.id,
            "from_year": from_year,
            "sha256": text_hash(text),
            "file": str(path),
            "reason": why,
        },
    )
    return _keep_copy(tx, cluster, rules.id, from_year, text, event, reason=why)
