"""Checks on a change to a company's dated facts (kind, postcode, region override)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from ledger.checks.effects import check_every_cluster
from ledger.checks.years import check_plausible_day
from ledger.history import CompanyFacts
from ledger.identifiers import format_number
from ledger.problems import Problem
from ledger.snapshot import CompanyHistory

# A fact not yet stored sorts after every stored one recorded for the same day.
_NEW = 1 << 62


def changed_facts(
    facts: CompanyFacts, changes: dict[str, str | None], valid_from: date
) -> CompanyFacts:
    """The facts as they would be with ``changes`` recorded from ``valid_from``."""
    for n, (field, value) in enumerate(changes.items()):
        facts = facts.with_fact(field, value, valid_from, id=_NEW + n)
    return facts


def check_fact_change(
    company: CompanyHistory, changes: dict[str, str | None], valid_from: date
) -> list[Problem]:
    """A change of some of a company's dated facts, in force from ``valid_from``.

    Refused: an implausible day; a day before the company's first fact (its history
    would have a hole); a change that moves the figures of a locked year in any
    cluster the company is a member of.
    """
    problems = check_plausible_day("--from", valid_from)
    if problems:
        return problems
    first = company.facts.first_day()
    if valid_from < first:
        return [
            Problem(
                "company.from_before_first",
                {
                    "day": valid_from,
                    "company": f"{company.name} ({format_number(company.kbo)})",
                    "first": first,
                },
            )
        ]
    after = changed_facts(company.facts, changes, valid_from)
    words = ", ".join(
        f"{field.replace('_', ' ')} {value or 'none'}" for field, value in changes.items()
    )
    return check_every_cluster(
        (
            (cluster, member, replace(member, facts=after))
            for cluster, member in company.memberships
        ),
        f"{words} from {valid_from.isoformat()}",
    )
