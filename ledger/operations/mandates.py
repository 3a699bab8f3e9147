"""Mandates: given to the cluster organisation, withdrawn, or a given date corrected.

Every event is kept (:class:`~ledger.storage.tables.MandateEvent`): a second mandate
is refused while one is held, so a changed date is always said to be a correction (with
its reason) or a withdrawal, never a silent overwrite. Each raises the membership's
version, so a form that showed the old state cannot save over the new one.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from ledger import identifiers, queries, state, versions
from ledger.checks.mandates import check_corrected, check_given, check_withdrawn
from ledger.operations.companies import company_what
from ledger.problems import Problem, first_error
from ledger.session import Tx
from ledger.snapshot import ClusterYears, MemberHistory
from ledger.storage.tables import Cluster, MandateEvent, Membership
from ledger.text import clean_text

Check = Callable[[ClusterYears, MemberHistory, date], list[Problem]]


def _record(
    tx: Tx,
    cluster: Cluster,
    kbo: str,
    *,
    action: str,
    day: date,
    check: Check,
    reason: str | None = None,
    expected_version: int | None = None,
) -> Membership:
    number = identifiers.validate(kbo)
    membership, company = queries.get_membership(cluster, number, session=tx.session)
    history = state.member_history(cluster, number, session=tx.session)
    assert history is not None
    first_error(check(state.cluster_years(cluster, session=tx.session), history, day))
    corrects = history.mandates[-1].given_by if action == "corrected" else None
    what = f"the membership of {company_what(company)} in {cluster.name}"
    version = versions.next_version(tx, membership, expected_version, what)
    details = {"kbo": number, "mandate": action, "date": day, "version": version}
    if corrects is not None:
        details["was"] = history.mandates[-1].given
    if reason is not None:
        details["reason"] = reason
    event = tx.audit(
        {"given": "member.mandate", "withdrawn": "member.mandate_withdraw"}.get(
            action, "member.mandate_correct"
        ),
        entity="membership",
        entity_id=membership.id,
        cluster_id=cluster.id,
        details=details,
    )
    tx.add_history(
        MandateEvent(
            membership_id=membership.id,
            cluster_id=cluster.id,
            action=action,
            on_date=day,
            corrects_id=corrects,
            reason=reason,
        ),
        event,
    )
    return membership


def record_mandate(
    tx: Tx, cluster: Cluster, *, kbo: str, mandate: date, expected_version: int | None = None
) -> Membership:
    """Record that a member mandated the cluster organisation on ``mandate``.

    Raises:
        ConflictError: it holds a mandate already (correct it or withdraw it instead), or
            the membership is no longer at ``expected_version``.
        LockedYearError: the mandate would move the figures of a locked year.
    """
    return _record(
        tx,
        cluster,
        kbo,
        action="given",
        day=mandate,
        check=check_given,
        expected_version=expected_version,
    )


def withdraw_mandate(
    tx: Tx, cluster: Cluster, *, kbo: str, withdrawn: date, expected_version: int | None = None
) -> Membership:
    """Record that the enterprise withdrew its mandate on ``withdrawn``."""
    return _record(
        tx,
        cluster,
        kbo,
        action="withdrawn",
        day=withdrawn,
        check=check_withdrawn,
        expected_version=expected_version,
    )


def correct_mandate(
    tx: Tx,
    cluster: Cluster,
    *,
    kbo: str,
    mandate: date,
    reason: str,
    expected_version: int | None = None,
) -> Membership:
    """Correct the date of the member's latest mandate (it was recorded wrongly)."""
    why = clean_text(reason, what="reason", max_length=2000)
    return _record(
        tx,
        cluster,
        kbo,
        action="corrected",
        day=mandate,
        check=check_corrected,
        reason=why,
        expected_version=expected_version,
    )
