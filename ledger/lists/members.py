"""The members of a cluster as listed: searched, filtered by what they did in a year.

The filters answer a coordinator's weekly questions about one year:

* ``active``: members whose membership covers at least a day of the year;
* ``left``: members who left before the year began;
* ``mandate`` / ``no-mandate``: the Flemish enterprises active in the year whose mandate
  is held, or not, at the year's reference date (the end of the year, or today while the
  year runs): the ones that count towards the rule set's minimum, and the ones still to
  sign;
* ``unpaid``: members active in the year who paid nothing, or less than the fee expected
  of them (:mod:`ledger.fees`).

A cluster has hundreds of members, not millions: they are read whole, as plain rows, and
searched and filtered here, which lets the search ignore accents on any database.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session

from ledger import fees, queries, state
from ledger.history import Period, mandate_on
from ledger.kinds import MemberKind
from ledger.lists import Listing, fold, page
from ledger.payments import directory
from ledger.regions import Region
from ledger.storage.tables import Cluster

FILTERS = ("all", "active", "left", "mandate", "no-mandate", "unpaid")


@dataclass(frozen=True)
class MemberRow:
    """One member as listed: its facts on the day the list is about, its membership, and
    its year in money."""

    company_id: int
    kbo: str
    name: str
    kind: str  # the kind, postcode and region in force on the list's day (dated facts)
    postcode: str
    region: str  # the one that counts: the override where recorded, else the postcode's
    region_override: str | None
    joined: date | None
    left: date | None
    mandate: date | None  # the day the mandate held on the list's day was given
    # The versions read with the row: an edit form saves only over these.
    version: int
    membership_version: int
    paid_cents: int  # net contributions in the year listed, corrections included
    expected_cents: int | None  # the fee expected that year, when one is set
    active: bool  # the membership covers a day of the year listed
    communication: str | None = None  # the structured communication for the year listed

    @property
    def outstanding_cents(self) -> int | None:
        """What is still to pay of the expected fee (None when no fee is set)."""
        if self.expected_cents is None:
            return None
        return max(self.expected_cents - self.paid_cents, 0)

    def counts_for_mandates(self) -> bool:
        """A Flemish enterprise: the members whose mandates the rule set counts."""
        return self.kind == MemberKind.ENTERPRISE.value and self.region == Region.FLANDERS.value

    def unpaid(self) -> bool:
        """Paid nothing (no fee set), or less than the fee expected."""
        if self.expected_cents is None:
            return self.paid_cents <= 0
        return self.paid_cents < self.expected_cents


def reference_date(year: int, today: date) -> date:
    """The day a year's list is judged at: its last day, or today while it runs."""
    return min(date(year, 12, 31), today)


def member_day(period: Period, year: int, today: date) -> date:
    """The day whose facts a member's row shows for ``year``: the year's reference day
    (its last day, or the leaving day in it; see :mod:`ledger.history`), or today when
    that is still to come."""
    return min(period.reference_day(year), today)


def _matches(row: MemberRow, words: str, digits: str) -> bool:
    if words in fold(row.name) or row.postcode == words:
        return True
    return bool(digits) and digits in row.kbo


def _keep(row: MemberRow, show: str, year: int) -> bool:
    if show == "all":
        return True
    if show == "left":
        return row.left is not None and row.left < date(year, 1, 1)
    if not row.active:
        return False
    if show == "mandate":
        return row.counts_for_mandates() and row.mandate is not None
    if show == "no-mandate":
        return row.counts_for_mandates() and row.mandate is None
    if show == "unpaid":
        return row.unpaid()
    return True  # active


def members(
    cluster: Cluster,
    *,
    session: Session,
    year: int,
    today: date,
    search: str = "",
    show: str = "all",
    limit: int | None = None,
    offset: int = 0,
) -> Listing[MemberRow]:
    """A cluster's members by name, matching a search and a filter, with their year's money.

    Each member's kind, region and mandate are those in force on its day for ``year``
    (:func:`member_day`): a mandate dated next month is not held yet, a company that
    moved to Brussels from March counts as Brussels from then on.

    Args:
        year: the year the filters, the payments and the fees are about.
        today: the date a running year's facts are judged at.
        search: part of the name (accents and case ignored), the postcode, or digits of
            the enterprise number.
        show: one of :data:`FILTERS`.

    Raises:
        ValueError: an unknown filter (a bug in the caller).
    """
    if show not in FILTERS:
        raise ValueError(f"unknown member filter {show!r}")
    paid = queries.contributions_by_company(cluster, session=session, year=year).get(year, {})
    book = fees.fee_book(cluster, year, session=session)
    words = fold(search.strip())
    digits = "".join(ch for ch in words if ch.isdigit() and ch.isascii()) if words else ""
    rows = []
    for h in state.member_histories(cluster, session=session).values():
        day = member_day(h.period, year, today)
        kind = h.facts.kind_on(day).value
        active = h.period.active_in(year)
        row = MemberRow(
            h.company_id,
            h.kbo,
            h.name,
            kind,
            h.facts.postcode_on(day),
            h.facts.region_on(day).value,
            h.facts.override_on(day),
            h.period.joined,
            h.period.left,
            mandate_on(h.mandates, day),
            h.version,
            h.membership_version,
            paid.get(h.company_id, 0),
            book.expected(h.company_id, kind),
            active,
            directory.shown_ogm(cluster, h.company_id, year),
        )
        if (not words or _matches(row, words, digits)) and _keep(row, show, year):
            rows.append(row)
    rows.sort(key=lambda r: (r.name, r.kbo))
    return page(rows, limit, offset)
