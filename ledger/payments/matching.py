"""Which member and year a bank movement pays for: a pure function of plain values.

The order is the whole rule, and nothing outside it is booked without the user's say:

1. **An exact structured communication** of this cluster: the member and year it was
   derived for (:mod:`ledger.payments.ogm`). One with a bad check digit is a typing
   error and is never matched; a valid one the cluster never gave (an invoice's, another
   cluster's) is not guessed at either. Both wait in the queue with a note.
2. **The payer's account or enterprise number tied to one member**: an IBAN the ledger
   has seen pay for exactly one member, or the payer's enterprise number being a
   member's. The year is the one a free-text communication names ("bijdrage 2026"),
   else the statement's year; a text naming two years waits in the queue.
3. Anything else waits in the queue.

A debit that gives back an earlier booked credit (the same amount, to the same payer or
quoting the same communication) is its return and becomes a reversing entry; another
debit to a member waits in the queue; the rest (bank costs, the cluster's own spending)
is no contribution and is only listed. A bundle whose details are missing waits in the
queue: its one amount pays for several members.

>>> d = Directory(ogms={"003000422689": (42, 2026)}, names={42: "Alfa NV"}, years=range(2024, 2027))
>>> m = Movement("1", date(2026, 3, 2), None, 50000, structured_ref="003000422689")
>>> decide(m, d, statement_year=2026, booked=[]).rule
'ogm'
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from ledger.payments import ogm
from ledger.payments.statement import Movement

_YEAR = re.compile(r"(?<![0-9])(19[9][0-9]|2[01][0-9][0-9])(?![0-9])")


@dataclass(frozen=True)
class Directory:
    """What the matching knows of a cluster, as plain values.

    Args:
        ogms: every communication the cluster's member-years have: digits -> (company, year).
        payers: each remembered payer IBAN -> the companies it paid for (grows as a
            statement is booked: a payer matched by its communication is known for the
            movements after it).
        kbos: each member's enterprise number -> its company id.
        names: company id -> how to name the member.
        years: the cluster's program years (a year named in free text must be one).
    """

    ogms: Mapping[str, tuple[int, int]] = field(default_factory=dict)
    payers: dict[str, frozenset[int]] = field(default_factory=dict)
    kbos: Mapping[str, int] = field(default_factory=dict)
    names: Mapping[int, str] = field(default_factory=dict)
    years: range | Sequence[int] = ()


@dataclass(frozen=True)
class Booked:
    """A credit already booked (earlier, or in this statement): what a return can give back."""

    match_id: int | None
    contribution_id: int
    company_id: int
    year: int
    amount_cents: int
    payer_iban: str | None
    structured_ref: str | None
    end_to_end_id: str | None
    booked_on: date


@dataclass(frozen=True)
class Decision:
    """What a movement becomes.

    ``kind`` is ``book`` (a contribution of ``company_id`` for ``year``), ``return`` (the
    reversal of ``returns``), ``queue`` (waits for the user; ``code`` and ``facts`` say
    why), ``debit`` (money out that is no contribution) or ``bundle`` (a global amount
    whose details are booked one by one).
    """

    kind: str
    rule: str | None = None
    company_id: int | None = None
    year: int | None = None
    code: str | None = None
    facts: Mapping[str, object] = field(default_factory=dict)
    returns: Booked | None = None


def years_named(text: str | None, years: range | Sequence[int]) -> list[int]:
    """The program years a free-text communication names, each once, in order."""
    if not text:
        return []
    found: list[int] = []
    for match in _YEAR.finditer(text):
        year = int(match.group(1))
        if year in years and year not in found:
            found.append(year)
    return found


def _queue(code: str, **facts: object) -> Decision:
    return Decision("queue", code=code, facts=facts)


def _by_payer(movement: Movement, directory: Directory, statement_year: int) -> Decision:
    """Rule 2: the payer's account or enterprise number, and the year from the text."""
    company = rule = None
    facts: dict[str, object] = {}
    iban = movement.counterparty_iban
    if iban and iban in directory.payers:
        companies = directory.payers[iban]
        if len(companies) > 1:
            names = ", ".join(sorted(directory.names.get(c, str(c)) for c in companies))
            return _queue("queue.shared-payer", iban=iban, members=names)
        (company,) = companies
        rule, facts = "iban", {"iban": iban}
    elif movement.counterparty_kbo and movement.counterparty_kbo in directory.kbos:
        company, rule = directory.kbos[movement.counterparty_kbo], "kbo"
    if company is None:
        return _queue("queue.unknown-payer")
    named = years_named(movement.free_text, directory.years)
    if len(named) > 1:
        return _queue("queue.years", years=", ".join(map(str, named)))
    year, why = (
        (named[0], "named in the communication")
        if named
        else (
            statement_year,
            "the statement's year",
        )
    )
    return Decision(
        "book",
        rule=rule,
        company_id=company,
        year=year,
        facts={**facts, "name": directory.names.get(company, ""), "year": year, "why": why},
    )


def _credit(movement: Movement, directory: Directory, statement_year: int) -> Decision:
    if movement.bundle == "global":
        if movement.bundle_count is not None and movement.bundle_count > 0:
            return Decision("bundle")
        return _queue("queue.bundle", count="several")
    ref = movement.structured_ref
    state = ogm.check(ref) if ref else None
    if state == "bad-check":
        assert ref is not None
        return _queue("queue.bad-check", ref=f"+++{ref[:3]}/{ref[3:7]}/{ref[7:]}+++")
    if state == "ok":
        assert ref is not None
        if ref not in directory.ogms:
            return _queue("queue.foreign-ogm", ref=ogm.display(ref))
        company, year = directory.ogms[ref]
        return Decision(
            "book",
            rule="ogm",
            company_id=company,
            year=year,
            facts={"name": directory.names.get(company, ""), "year": year},
        )
    return _by_payer(movement, directory, statement_year)


def _returned(movement: Movement, booked: Sequence[Booked]) -> Booked | None:
    """The latest booked credit this debit gives back, if any."""
    for credit in reversed(booked):
        if credit.amount_cents != -movement.amount_cents:
            continue
        same = (
            (movement.structured_ref and movement.structured_ref == credit.structured_ref)
            or (movement.counterparty_iban and movement.counterparty_iban == credit.payer_iban)
            or (movement.end_to_end_id and movement.end_to_end_id == credit.end_to_end_id)
        )
        if same:
            return credit
    return None


def _debit(movement: Movement, directory: Directory, booked: Sequence[Booked]) -> Decision:
    if movement.bundle == "global":
        return Decision("debit")
    credit = _returned(movement, booked)
    if credit is not None:
        return Decision(
            "return",
            rule="return",
            company_id=credit.company_id,
            year=credit.year,
            returns=credit,
            facts={"entry": credit.contribution_id},
        )
    ref = movement.structured_ref
    to_member = (ref is not None and ref in directory.ogms) or (
        movement.counterparty_iban is not None and movement.counterparty_iban in directory.payers
    )
    if to_member:
        return _queue("queue.return")
    return Decision("debit")


def decide(
    movement: Movement, directory: Directory, *, statement_year: int, booked: Sequence[Booked]
) -> Decision:
    """What ``movement`` becomes; ``booked`` are the credits a debit may return, oldest
    first (the latest one that fits is taken)."""
    if movement.amount_cents > 0:
        return _credit(movement, directory, statement_year)
    return _debit(movement, directory, booked)
