"""The rule set a cluster's figures come from, year by year: the copies kept in the ledger.

When a cluster is added, the full text of its rule file is stored beside it (with its
SHA-256); a later version is adopted from a program year on, for open years only. So
the figures of a year never follow a file that someone edits in the data folder. This
module reads the stored copies; :mod:`ledger.operations.clusters` writes them.

>>> from ledger.rules import SHIPPED_DIR, text_hash
>>> text = (SHIPPED_DIR / "ibn-2026.toml").read_text(encoding="utf-8")
>>> rules = ClusterRules((RuleCopy(1, "ibn-2026", 2026, text, text_hash(text)),))
>>> rules.for_year(2027).annual_cap_cents
22500000
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import NamedTuple

from ledger.errors import RuleSetError
from ledger.rules import RuleSet, parse_rule_text, text_hash


class RuleCopy(NamedTuple):
    """A rule set's text as a cluster adopted it, in force from ``from_year``."""

    id: int
    rule_set: str
    from_year: int
    content: str
    sha256: str


@lru_cache(maxsize=128)
def _parsed(sha256: str, content: str, where: str) -> RuleSet:
    """A copy parsed once: summaries of many clusters share the few texts there are."""
    if text_hash(content) != sha256:
        raise RuleSetError(
            "the stored copy of the rule set no longer matches its SHA-256: it was changed "
            "outside the ledger; run 'cluster-ledger verify' and restore a backup",
            location=where,
        )
    return parse_rule_text(content, where)


@dataclass(frozen=True)
class ClusterRules:
    """Every copy a cluster adopted, in the order it adopted them."""

    copies: tuple[RuleCopy, ...]

    def copy_for(self, year: int) -> RuleCopy:
        """The copy in force for ``year``: the latest adopted from that year or before; a
        year before the first copy's takes the first."""
        best = self.copies[0]
        for copy in self.copies:
            if copy.from_year <= year and (copy.from_year, copy.id) >= (best.from_year, best.id):
                best = copy
        return best

    def for_year(self, year: int) -> RuleSet:
        copy = self.copy_for(year)
        return _parsed(copy.sha256, copy.content, f"rule set {copy.rule_set} (copy {copy.id})")

    @property
    def first(self) -> RuleSet:
        """The rule set the cluster was added with: it fixes the program's length."""
        return self.for_year(self.copies[0].from_year)

    def mandate_deadline_day(self, year: int) -> date | None:
        """The day of ``year`` on which the call counts mandates, if its rule set has one."""
        deadline = self.for_year(year).mandate_deadline
        if deadline is None:
            return None
        day = deadline.at.date()  # in the call's own time zone
        return day if day.year == year else None
