"""The ledger's writes. Each takes a :class:`~ledger.session.Tx`, checks everything
before it changes anything, and records an audit event.

The checks are what keep the ledger trustworthy: amounts are positive (a correction
is a reversing entry, never a negative one), years lie within the program, locked
years take nothing, and an entry is reversed at most once.

>>> import tempfile, pathlib
>>> from ledger.session import Ledger
>>> ledger = Ledger.open(pathlib.Path(tempfile.mkdtemp()) / "l.sqlite", create=True)
>>> with ledger.write() as tx:
...     add_cluster(tx, name="Demo", rule_set_id="ibn-2026", start_year=2026).name
'Demo'
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from sqlmodel import select

from ledger import identifiers, queries, versions
from ledger.dates import FIRST_YEAR, LAST_YEAR
from ledger.errors import ConflictError, InputError, LedgerError, LockedYearError, NotFoundError
from ledger.kinds import MemberKind
from ledger.money import MAX_CENTS, format_plain, from_cents, to_cents
from ledger.regions import Region, normalise_postcode
from ledger.rules import get_rule_set
from ledger.session import Tx
from ledger.storage.bulk import insert_many
from ledger.storage.tables import (
    Cluster,
    Company,
    Contribution,
    CoordinationCost,
    Membership,
    YearLockEvent,
    utcnow,
)
from ledger.text import clean_text, optional_text


def _check_year(cluster: Cluster, year: int) -> None:
    if year < cluster.start_year:
        raise InputError(
            f"{year} is before {cluster.name} started in {cluster.start_year}; "
            "check the year or the cluster's start year"
        )
    if year > LAST_YEAR:
        raise InputError(f"{year} is not a plausible program year")


def _check_open(tx: Tx, cluster: Cluster, year: int) -> None:
    if queries.is_locked(cluster, year, session=tx.session):
        raise LockedYearError(
            f"{year} of {cluster.name} is locked; reopen it with 'year reopen --reason' first"
        )


def _positive_cents(amount: Decimal, what: str) -> int:
    cents = to_cents(amount)
    if cents < 0:
        raise InputError(
            f"the {what} {amount} is negative; correct an entry with 'contribution reverse' instead"
        )
    if cents == 0:
        raise InputError(f"the {what} is zero; nothing to record")
    return cents


def add_cluster(
    tx: Tx, *, name: str, rule_set_id: str, start_year: int, kbo: str | None = None
) -> Cluster:
    """Create a cluster bound to a rule set.

    Raises:
        InputError, NotFoundError, ConflictError: a bad field, unknown rule set, or the name is taken.
    """
    name = clean_text(name, what="cluster name", max_length=200)
    rules = get_rule_set(rule_set_id)
    if not FIRST_YEAR <= start_year <= LAST_YEAR:
        raise InputError(
            f"start year {start_year} is not plausible; expected {FIRST_YEAR}-{LAST_YEAR}"
        )
    number = identifiers.validate(kbo) if kbo else None
    if tx.session.exec(select(Cluster).where(Cluster.name == name)).first():
        raise ConflictError(f"a cluster named {name!r} already exists")
    cluster = Cluster(name=name, rule_set=rules.id, start_year=start_year, kbo=number)
    tx.save(
        cluster,
        "cluster.add",
        cluster_id=cluster.id,
        details={"name": name, "rule_set": rules.id, "start_year": start_year, "kbo": number},
    )
    return cluster


def upsert_company(
    tx: Tx,
    *,
    kbo: str,
    name: str,
    postcode: str,
    kind: MemberKind = MemberKind.ENTERPRISE,
    region_override: Region | None = None,
) -> tuple[Company, bool]:
    """Add a company or update its details; returns it and whether it is new.

    A known company keeps its region override when none is given: another cluster's
    member list that lacks a region column must not silently move a company out of
    Flanders. Use :func:`update_company` to remove an override.
    """
    number = identifiers.validate(kbo)
    company = queries.find_company(number, session=tx.session)
    if region_override is None and company is not None and company.region_override:
        region_override = Region(company.region_override)
    fields = _company_fields(
        name=name,
        postcode=postcode,
        kind=kind,
        region_override=region_override.value if region_override else None,
    )
    if company is None:
        company = Company(kbo=number, **fields)
        tx.save(
            company,
            "company.add",
            cluster_id=None,
            details={"kbo": number, **fields, "version": 1},
        )
        return company, True
    _change_company(tx, company, fields)
    return company, False


def _company_fields(
    *, name: str, postcode: str, kind: MemberKind | str, region_override: str | None
) -> dict[str, str | None]:
    """A company's details as stored, each one checked."""
    return {
        "name": clean_text(name, what="company name", max_length=500),
        "postcode": normalise_postcode(postcode),
        "kind": MemberKind(kind).value,
        "region_override": region_override,
    }


def _company_what(company: Company) -> str:
    """How a conflict message names a company."""
    return f"{company.name} ({identifiers.format_number(company.kbo)})"


def _change_company(
    tx: Tx,
    company: Company,
    fields: dict[str, str | None],
    *,
    expected_version: int | None = None,
) -> None:
    """Apply the fields that differ, auditing each old and new value; a change raises the
    company's version by one (only over ``expected_version`` when given)."""
    before = {k: getattr(company, k) for k in fields}
    changed = {k: v for k, v in fields.items() if before[k] != v}
    what = _company_what(company)
    if not changed:
        versions.check_version(tx, company, expected_version, what)
        return
    version = versions.next_version(tx, company, expected_version, what)
    for key, value in changed.items():
        setattr(company, key, value)
    company.updated_at = utcnow()
    tx.save(
        company,
        "company.update",
        cluster_id=None,
        details={
            "kbo": company.kbo,
            "before": {k: before[k] for k in changed},
            "after": changed,
            "version": version,
        },
    )


def update_company(
    tx: Tx,
    *,
    kbo: str,
    name: str | None = None,
    postcode: str | None = None,
    kind: MemberKind | None = None,
    region_override: Region | None = None,
    clear_region_override: bool = False,
    expected_version: int | None = None,
) -> Company:
    """Change some of a known company's details; what is not given stays as it is.

    All the changes are one audit event and raise the company's version by one.

    Args:
        region_override: the new override; it wins over ``clear_region_override``.
        expected_version: the version the change is based on (what an edit form showed);
            None when the company is read in this same transaction (the command line).

    Raises:
        NotFoundError: no company has this enterprise number.
        ConflictError: the company is no longer at ``expected_version``: someone else
            changed it since it was read.
    """
    number = identifiers.validate(kbo)
    company = queries.find_company(number, session=tx.session)
    if company is None:
        raise NotFoundError(
            f"no company has enterprise number {identifiers.format_number(number)}; "
            "add it with 'member add'"
        )
    if region_override is not None:
        override = region_override.value
    elif clear_region_override:
        override = None
    else:
        override = company.region_override
    fields = _company_fields(
        name=company.name if name is None else name,
        postcode=company.postcode if postcode is None else postcode,
        kind=company.kind if kind is None else kind,
        region_override=override,
    )
    _change_company(tx, company, fields, expected_version=expected_version)
    return company


def _check_dates_open(tx: Tx, cluster: Cluster, **dates: date | None) -> None:
    for what, value in dates.items():
        if value is not None:
            if not FIRST_YEAR <= value.year <= LAST_YEAR:
                raise InputError(
                    f"the {what} date {value} is not plausible; expected {FIRST_YEAR}-{LAST_YEAR}"
                )
            if queries.is_locked(cluster, value.year, session=tx.session):
                raise LockedYearError(
                    f"the {what} date {value} falls in {value.year}, which is locked for "
                    f"{cluster.name}; reopen it first"
                )


def join(
    tx: Tx,
    cluster: Cluster,
    company: Company,
    *,
    joined: date | None = None,
    left: date | None = None,
    mandate: date | None = None,
) -> Membership:
    """Make a company a member of a cluster.

    Raises:
        ConflictError: it is a member already.
        InputError: it leaves before it joins.
    """
    if left and joined and left < joined:
        raise InputError(f"the leaving date {left} is before the joining date {joined}")
    existing = tx.session.exec(
        select(Membership).where(
            Membership.cluster_id == cluster.id, Membership.company_id == company.id
        )
    ).first()
    if existing is not None:
        raise ConflictError(
            f"{company.name} ({identifiers.format_number(company.kbo)}) is already a member of "
            f"{cluster.name}"
        )
    _check_dates_open(tx, cluster, joining=joined, leaving=left, mandate=mandate)
    membership = Membership(
        cluster_id=cluster.id, company_id=company.id, joined=joined, left=left, mandate=mandate
    )
    tx.save(
        membership,
        "member.join",
        cluster_id=cluster.id,
        details={"kbo": company.kbo, "joined": joined, "left": left, "mandate": mandate},
    )
    return membership


def add_member(
    tx: Tx,
    cluster: Cluster,
    *,
    kbo: str,
    name: str,
    postcode: str,
    kind: MemberKind = MemberKind.ENTERPRISE,
    region_override: Region | None = None,
    joined: date | None = None,
    left: date | None = None,
    mandate: date | None = None,
) -> Membership:
    """Record a company (new or known) and its membership in one step."""
    company, _ = upsert_company(
        tx, kbo=kbo, name=name, postcode=postcode, kind=kind, region_override=region_override
    )
    return join(tx, cluster, company, joined=joined, left=left, mandate=mandate)


def _update_membership(
    tx: Tx,
    cluster: Cluster,
    kbo: str,
    action: str,
    *,
    expected_version: int | None = None,
    **changes: date | None,
) -> Membership:
    """Change a membership's dates; the change raises its version by one (only over
    ``expected_version`` when given)."""
    number = identifiers.validate(kbo)
    membership, company = queries.get_membership(cluster, number, session=tx.session)
    before = {k: getattr(membership, k) for k in changes}
    _check_dates_open(tx, cluster, **{k: v for k, v in {**before, **changes}.items() if v})
    merged = {"joined": membership.joined, "left": membership.left, **changes}
    if merged["joined"] and merged["left"] and merged["left"] < merged["joined"]:
        raise InputError(
            f"the leaving date {merged['left']} is before the joining date {merged['joined']}"
        )
    what = f"the membership of {_company_what(company)} in {cluster.name}"
    version = versions.next_version(tx, membership, expected_version, what)
    for key, value in changes.items():
        setattr(membership, key, value)
    tx.session.add(membership)
    tx.session.flush()
    tx.audit(
        action,
        entity="membership",
        entity_id=membership.id,
        cluster_id=cluster.id,
        details={"kbo": number, "before": before, "after": changes, "version": version},
    )
    return membership


def leave(
    tx: Tx, cluster: Cluster, *, kbo: str, left: date, expected_version: int | None = None
) -> Membership:
    """End a membership on ``left`` (the member still counts for that year).

    Raises:
        ConflictError: the membership is no longer at ``expected_version`` (when given).
    """
    return _update_membership(
        tx, cluster, kbo, "member.leave", expected_version=expected_version, left=left
    )


def record_mandate(
    tx: Tx, cluster: Cluster, *, kbo: str, mandate: date, expected_version: int | None = None
) -> Membership:
    """Record the date a member mandated the cluster organisation.

    Raises:
        ConflictError: the membership is no longer at ``expected_version`` (when given).
    """
    return _update_membership(
        tx, cluster, kbo, "member.mandate", expected_version=expected_version, mandate=mandate
    )


def record_contribution(
    tx: Tx,
    cluster: Cluster,
    *,
    kbo: str,
    year: int,
    amount: Decimal,
    paid_on: date | None = None,
    note: str | None = None,
    source: str | None = None,
) -> Contribution:
    """Record a member's contribution for a year.

    Raises:
        InputError: the amount is not positive or has three decimals; the year is before the start.
        NotFoundError: the company is not a member of the cluster.
        LockedYearError: the year is locked.
    """
    cents = _positive_cents(amount, "amount")
    number = identifiers.validate(kbo)
    _check_year(cluster, year)
    _, company = queries.get_membership(cluster, number, session=tx.session)
    _check_open(tx, cluster, year)
    entry = Contribution(
        cluster_id=cluster.id,
        company_id=company.id,
        year=year,
        amount_cents=cents,
        paid_on=paid_on,
        note=optional_text(note, what="note", max_length=2000),
        source=optional_text(source, what="source", max_length=500),
    )
    tx.save(
        entry,
        "contribution.record",
        cluster_id=cluster.id,
        details={
            "kbo": number,
            "year": year,
            "amount": format_plain(cents),
            "paid_on": paid_on,
            "note": entry.note,
            "source": entry.source,
        },
    )
    return entry


class NewContribution(NamedTuple):
    """One entry of a bulk insert, as :func:`record_contribution` takes it, in cents (a
    tuple: an import makes 100,000 of them)."""

    kbo: str
    year: int
    amount_cents: int
    paid_on: date | None = None
    note: str | None = None
    source: str | None = None
    source_row: int | None = None


def contribution_problems(
    tx: Tx, cluster: Cluster, entries: Sequence[NewContribution]
) -> tuple[dict[str, int], dict[int, tuple[str, LedgerError]]]:
    """Check many entries the way :func:`record_contribution` checks one.

    Years and members are looked up once each, not once per entry, so 100,000 rows
    cost a few queries.

    Returns:
        The company id of each member's enterprise number, and every problem by entry
        index: the field at fault ("amount", "kbo", "year" or "note") and the error.
    """
    problems: dict[int, tuple[str, LedgerError]] = {}
    members = {s.kbo: s.company_id for s in queries.member_standings(cluster, session=tx.session)}
    # Each distinct amount, member, year and note is checked once: an import repeats them.
    amount_errors: dict[int, LedgerError | None] = {}
    year_errors: dict[int, LedgerError | None] = {}
    kbo_errors: dict[str, LedgerError] = {}
    note_errors: dict[str | None, LedgerError | None] = {None: None}
    for index, entry in enumerate(entries):
        cents = entry.amount_cents
        if cents <= 0 or cents > MAX_CENTS:
            if cents not in amount_errors:
                amount_errors[cents] = _problem(_positive_cents, from_cents(cents), "amount")
            if (error := amount_errors[cents]) is not None:
                problems[index] = ("amount", error)
                continue
        if entry.kbo not in members:
            if entry.kbo not in kbo_errors:
                found = _problem(queries.get_membership, cluster, entry.kbo, session=tx.session)
                assert found is not None  # not among the members, so it cannot be found
                kbo_errors[entry.kbo] = found
            problems[index] = ("kbo", kbo_errors[entry.kbo])
            continue
        if entry.year not in year_errors:
            year_errors[entry.year] = _problem(_check_year, cluster, entry.year) or _problem(
                _check_open, tx, cluster, entry.year
            )
        if (error := year_errors[entry.year]) is not None:
            problems[index] = ("year", error)
            continue
        note = entry.note
        if note not in note_errors:
            note_errors[note] = _problem(optional_text, note, what="note", max_length=2000)
        if (error := note_errors[note]) is not None:
            problems[index] = ("note", error)
    return members, problems


def _problem(check: Callable[..., object], *args: object, **kwargs: object) -> LedgerError | None:
    """The error ``check`` raises for these arguments, or None when it passes."""
    try:
        check(*args, **kwargs)
    except LedgerError as exc:
        return exc
    return None


def record_contributions(
    tx: Tx, cluster: Cluster, entries: Sequence[NewContribution], *, batch_id: int
) -> int:
    """Record many entries at once (an import): every check of :func:`record_contribution`,
    one multi-row insert, and one audit event naming the batch, not one per entry.

    The batch is required: it is how the audit trail accounts for each of the entries
    (``ledger.integrity.verify`` counts them against the event).

    Returns:
        How many entries were recorded.

    Raises:
        InputError, NotFoundError, LockedYearError: the first problem, located at the
            entry's source; nothing is written.
    """
    members, problems = contribution_problems(tx, cluster, entries)
    if problems:
        index = min(problems)
        field, error = problems[index]
        where = entries[index].source or f"entry {index + 1}"
        raise type(error)(f"{field}: {error.message}", location=where)
    now, cluster_id = utcnow(), cluster.id  # an ORM attribute costs a call per row
    rows = [
        (
            cluster_id,
            members[e.kbo],
            e.year,
            e.amount_cents,
            e.paid_on,
            e.note.strip() or None if e.note else None,
            e.source[:500] if e.source else None,
            batch_id,
            e.source_row,
            now,
        )
        for e in entries
    ]
    columns = [
        "cluster_id",
        "company_id",
        "year",
        "amount_cents",
        "paid_on",
        "note",
        "source",
        "batch_id",
        "source_row",
        "created_at",
    ]
    columns, sealed = tx.chains.seal_rows("contribution", columns, rows)
    insert_many(tx.session.connection(), Contribution.__table__, columns, sealed)  # type: ignore[attr-defined]
    tx.audit(
        "contribution.record_many",
        entity="import_batch",
        entity_id=batch_id,
        cluster_id=cluster.id,
        details={
            "entries": len(rows),
            "amount": format_plain(sum(row[3] for row in rows)),
            "years": sorted({e.year for e in entries}),
        },
    )
    return len(rows)


def update_membership(
    tx: Tx,
    cluster: Cluster,
    *,
    kbo: str,
    expected_version: int | None = None,
    **dates: date | None,
) -> Membership:
    """Change some of a membership's ``joined``, ``left`` and ``mandate`` dates (a members
    import); only the dates given are checked against locked years.

    Raises:
        ConflictError: the membership is no longer at ``expected_version`` (when given).
    """
    unknown = set(dates) - {"joined", "left", "mandate"}
    if unknown:
        raise TypeError(f"update_membership() got unexpected dates {sorted(unknown)}")
    return _update_membership(
        tx, cluster, kbo, "member.update", expected_version=expected_version, **dates
    )


def reverse_contribution(
    tx: Tx, entry_id: int, *, reason: str, source: str | None = None
) -> Contribution:
    """Cancel an entry with a reversing entry of the opposite amount.

    ``source`` says where the correction came from (a corrections sheet); by default the
    reversal carries the source of the entry it cancels.

    Raises:
        NotFoundError: no such entry.
        ConflictError: it is a reversal itself, or already reversed.
        LockedYearError: its year is locked.
    """
    why = clean_text(reason, what="reason", max_length=2000)
    entry = queries.get_contribution(entry_id, session=tx.session)
    if entry.reverses_id is not None:
        raise ConflictError(
            f"contribution {entry_id} is itself the reversal of {entry.reverses_id}; "
            "a reversal cannot be reversed: record the amount again instead"
        )
    existing = queries.reversal_of(entry, session=tx.session)
    if existing is not None:
        raise ConflictError(f"contribution {entry_id} was already reversed by {existing.id}")
    cluster = tx.session.get(Cluster, entry.cluster_id)
    assert cluster is not None
    _check_open(tx, cluster, entry.year)
    reversal = Contribution(
        cluster_id=entry.cluster_id,
        company_id=entry.company_id,
        year=entry.year,
        amount_cents=-entry.amount_cents,
        paid_on=None,
        note=why,
        source=optional_text(source, what="source", max_length=500) or entry.source,
        reverses_id=entry.id,
    )
    tx.save(
        reversal,
        "contribution.reverse",
        cluster_id=cluster.id,
        details={
            "reverses": entry.id,
            "amount": format_plain(reversal.amount_cents),
            "reason": why,
        },
    )
    return reversal


def set_costs(tx: Tx, cluster: Cluster, *, year: int, amount: Decimal) -> CoordinationCost:
    """Set a year's coordination costs (they bound the aid at the rule set's share)."""
    cents = to_cents(amount)
    if cents < 0:
        raise InputError(f"coordination costs of {amount} are negative; expected 0 or more")
    _check_year(cluster, year)
    _check_open(tx, cluster, year)
    row = tx.session.exec(
        select(CoordinationCost).where(
            CoordinationCost.cluster_id == cluster.id, CoordinationCost.year == year
        )
    ).first()
    before = None if row is None else format_plain(row.amount_cents)
    if row is None:
        row = CoordinationCost(cluster_id=cluster.id, year=year, amount_cents=cents)
    else:
        row.amount_cents = cents
        row.updated_at = utcnow()
    tx.save(
        row,
        "costs.set",
        cluster_id=cluster.id,
        details={"year": year, "before": before, "after": format_plain(cents)},
    )
    return row


def lock_year(tx: Tx, cluster: Cluster, *, year: int) -> YearLockEvent:
    """Close a year: no entries, costs or membership dates in it until reopened."""
    _check_year(cluster, year)
    if queries.is_locked(cluster, year, session=tx.session):
        raise ConflictError(f"{year} of {cluster.name} is already locked")
    return _lock_event(tx, cluster, year, locked=True, reason=None)


def reopen_year(tx: Tx, cluster: Cluster, *, year: int, reason: str) -> YearLockEvent:
    """Reopen a locked year; the reason stays in the lock history and the audit trail."""
    _check_year(cluster, year)
    why = clean_text(reason, what="reason", max_length=2000)
    if not queries.is_locked(cluster, year, session=tx.session):
        raise ConflictError(f"{year} of {cluster.name} is not locked; nothing to reopen")
    return _lock_event(tx, cluster, year, locked=False, reason=why)


def _lock_event(
    tx: Tx, cluster: Cluster, year: int, *, locked: bool, reason: str | None
) -> YearLockEvent:
    event = YearLockEvent(
        cluster_id=cluster.id, year=year, locked=locked, reason=reason, actor=tx.actor
    )
    tx.session.add(event)
    tx.session.flush()
    tx.audit(
        "year.lock" if locked else "year.reopen",
        entity="year_lock_event",
        entity_id=event.id,
        cluster_id=cluster.id,
        details={"year": year, "reason": reason},
    )
    return event
