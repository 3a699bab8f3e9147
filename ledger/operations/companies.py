"""Companies: their name (corrected in place) and their dated facts.

A company's kind, postcode and region override decide figures, so a change to them is
a new fact in force from a day (``valid_from``, today by default), and earlier days keep
what they had; a change that would move the figures of a locked year is refused. The
name decides nothing and is corrected in place. Either way the audit trail keeps the
old and the new value, and the company's version goes up by one.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from ledger import identifiers, queries, state, versions
from ledger.checks.companies import check_fact_change
from ledger.history import COMPANY_FIELDS, START, value_on
from ledger.kinds import MemberKind
from ledger.problems import Problem, first_error
from ledger.regions import Region, normalise_postcode
from ledger.session import Tx
from ledger.snapshot import CompanyHistory
from ledger.storage.tables import Company, CompanyFact, utcnow
from ledger.text import clean_text


def company_what(company: Company) -> str:
    """How a message names a company."""
    return f"{company.name} ({identifiers.format_number(company.kbo)})"


def _facts(
    *, postcode: str | None, kind: MemberKind | str | None, region_override: str | None
) -> dict[str, str | None]:
    """Facts as stored, each checked; a None postcode or kind is left out."""
    found: dict[str, str | None] = {"region_override": region_override}
    if postcode is not None:
        found["postcode"] = normalise_postcode(postcode)
    if kind is not None:
        found["kind"] = MemberKind(kind).value
    return found


def _add_company(tx: Tx, number: str, name: str, facts: dict[str, str | None]) -> Company:
    company = Company(kbo=number, name=clean_text(name, what="company name", max_length=500))
    event = tx.save(
        company,
        "company.add",
        cluster_id=None,
        details={"kbo": number, "name": company.name, **facts, "version": 1},
    )
    for field in COMPANY_FIELDS:
        if facts.get(field) is not None:
            tx.add_history(
                CompanyFact(
                    company_id=company.id, field=field, value=facts[field], valid_from=START
                ),
                event,
            )
    return company


def upsert_company(
    tx: Tx,
    *,
    kbo: str,
    name: str,
    postcode: str,
    kind: MemberKind = MemberKind.ENTERPRISE,
    region_override: Region | None = None,
    valid_from: date | None = None,
) -> tuple[Company, bool]:
    """Add a company (its facts hold from the start) or record what changed; returns it
    and whether it is new.

    A known company keeps its region override when none is given: another cluster's
    member list that lacks a region column must not silently move a company out of
    Flanders. Use :func:`update_company` to remove an override.

    Args:
        valid_from: for a known company, the day its changed facts take effect (today).
    """
    number = identifiers.validate(kbo)
    company = queries.find_company(number, session=tx.session)
    override = region_override.value if region_override else None
    facts = _facts(postcode=postcode, kind=kind, region_override=override)
    if company is None:
        return _add_company(tx, number, name, facts), True
    if region_override is None:
        facts.pop("region_override")
    _change(tx, company, name=name, facts=facts, valid_from=valid_from)
    return company, False


def update_company(
    tx: Tx,
    *,
    kbo: str,
    name: str | None = None,
    postcode: str | None = None,
    kind: MemberKind | None = None,
    region_override: Region | None = None,
    clear_region_override: bool = False,
    valid_from: date | None = None,
    expected_version: int | None = None,
) -> Company:
    """Change some of a known company's details; what is not given stays as it is.

    All the changes are one audit event and raise the company's version by one.

    Args:
        region_override: the new override; it wins over ``clear_region_override``.
        valid_from: the day a changed kind, postcode or region takes effect (today).
        expected_version: the version the change is based on (what an edit form showed);
            None when the company is read in this same transaction (the command line).

    Raises:
        NotFoundError: no company has this enterprise number.
        LockedYearError: the change would move the figures of a locked year.
        ConflictError: the company is no longer at ``expected_version``: someone else
            changed it since it was read.
    """
    number = identifiers.validate(kbo)
    company = queries.find_company(number, session=tx.session)
    if company is None:
        facts = {"kbo": identifiers.format_number(number)}
        raise Problem("company.unknown", facts, kind="notfound").error()
    facts = _facts(postcode=postcode, kind=kind, region_override=None)
    if region_override is not None:
        facts["region_override"] = region_override.value
    elif not clear_region_override:
        facts.pop("region_override")
    _change(
        tx,
        company,
        name=name,
        facts=facts,
        valid_from=valid_from,
        expected_version=expected_version,
    )
    return company


def _change(
    tx: Tx,
    company: Company,
    *,
    name: str | None,
    facts: dict[str, str | None],
    valid_from: date | None,
    expected_version: int | None = None,
) -> None:
    """Record what differs: the name in place, each fact from ``valid_from``; one audit
    event for all of it, and a version raised over ``expected_version`` when given."""
    day = valid_from or date.today()
    history = state.company_history(company, session=tx.session)
    changed = {field: value for field, value in facts.items() if _on(history, field, day) != value}
    new_name = None if name is None else clean_text(name, what="company name", max_length=500)
    renamed = new_name is not None and new_name != company.name
    what = company_what(company)
    if not changed and not renamed:
        versions.check_version(tx, company, expected_version, what)
        return
    if changed:
        first_error(check_fact_change(history, changed, day))
    version = versions.next_version(tx, company, expected_version, what)
    details: dict[str, Any] = {"kbo": company.kbo, "version": version}
    if renamed:
        details["before"], details["after"] = {"name": company.name}, {"name": new_name}
        company.name = new_name  # type: ignore[assignment]
    if changed:
        details["facts"] = changed
        details["from"] = day
        details["was"] = {field: _on(history, field, day) for field in changed}
    company.updated_at = utcnow()
    tx.session.add(company)
    tx.session.flush()
    event = tx.audit(
        "company.update",
        entity="company",
        entity_id=company.id,
        cluster_id=None,
        details=details,
    )
    for field, value in changed.items():
        tx.add_history(
            CompanyFact(company_id=company.id, field=field, value=value, valid_from=day), event
        )


def _on(history: CompanyHistory, field: str, day: date) -> str | None:
    return value_on(history.facts.field(field), day)
