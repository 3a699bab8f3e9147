"""The structured communication (OGM/VCS) a member quotes when it pays a year's contribution.

A Belgian structured communication is ten digits and a two-digit check: the ten digits
mod 97, or 97 where that is 0, written ``+++ddd/dddd/ddddd+++``. The ledger derives one
per member and program year from three numbers it never changes, so the same member-year
always gets the same communication and no two member-years of a ledger share one:

    digits 1-3   the cluster's number in the ledger (cluster id, 1-999)
    digits 4-8   the company's number in the ledger (company id, 1-99999)
    digits 9-10  the program year's last two digits

A cluster's program spans at most a few years (never a hundred), so within a cluster the
last two digits name the year; the cluster and company numbers are unique in the ledger.
A ledger beyond 999 clusters or 99,999 companies cannot derive communications for the
newer ones, and says so rather than wrapping round (:class:`OgmRangeError`).

Reading a communication back is a lookup among the cluster's own member-years
(:func:`communications`), never a decoding: a communication the ledger did not derive
for this cluster (an invoice number, another cluster's member) matches no one.

>>> derive(cluster_id=3, company_id=42, year=2026)
'003000422689'
>>> display('003000422689')
'+++003/0004/22689+++'
>>> check('+++003/0004/22688+++')
'bad-check'
"""

from __future__ import annotations

from collections.abc import Iterable

from stdnum.be import ogm_vcs
from stdnum.exceptions import InvalidChecksum, ValidationError

from ledger.errors import InputError

MAX_CLUSTER_ID = 999
MAX_COMPANY_ID = 99_999


class OgmRangeError(InputError):
    """The ledger holds too many clusters or companies for a ten-digit communication."""


def derive(*, cluster_id: int, company_id: int, year: int) -> str:
    """The 12 digits (ten and the check) of a member's communication for a year.

    Raises:
        OgmRangeError: a cluster or company number beyond what ten digits hold.
    """
    if not 0 < cluster_id <= MAX_CLUSTER_ID:
        raise OgmRangeError(
            f"cluster {cluster_id} is beyond the {MAX_CLUSTER_ID} clusters a structured "
            "communication can name; use a ledger of its own for this cluster"
        )
    if not 0 < company_id <= MAX_COMPANY_ID:
        raise OgmRangeError(
            f"company {company_id} is beyond the {MAX_COMPANY_ID:,} companies a structured "
            "communication can name; match this member's payments with 'payments assign'"
        )
    digits = _digits(cluster_id, company_id, year)
    ogm_vcs.validate(digits)  # the library's own check, so a derivation bug cannot escape
    return digits


def _digits(cluster_id: int, company_id: int, year: int) -> str:
    """The ten digits and their check (mod 97, 97 for 0), as Febelfin defines it; the
    tests hold every result against python-stdnum's ``be.ogm_vcs``."""
    ten = f"{cluster_id:03d}{company_id:05d}{year % 100:02d}"
    return f"{ten}{int(ten) % 97 or 97:02d}"


def display(digits: str) -> str:
    """``+++ddd/dddd/ddddd+++``, as a payer types it into a bank's form."""
    return f"+++{ogm_vcs.format(digits)}+++"


def check(text: str) -> str | None:
    """What a structured reference from a statement is: ``ok``, ``bad-check`` (twelve
    digits whose check fails: a typing error, never matched) or None (not a structured
    communication at all)."""
    digits = ogm_vcs.compact(text)
    if len(digits) != 12 or not digits.isdigit():
        return None
    try:
        ogm_vcs.validate(digits)
    except InvalidChecksum:
        return "bad-check"
    except ValidationError:
        return None
    return "ok"


def compact(text: str) -> str:
    """The digits alone: ``+++003/0004/22689+++`` -> ``003000422689``."""
    return ogm_vcs.compact(text)


def communications(
    cluster_id: int, company_ids: Iterable[int], years: Iterable[int]
) -> dict[str, tuple[int, int]]:
    """Every communication of a cluster's member-years: digits -> (company id, year).

    Companies beyond :data:`MAX_COMPANY_ID` get none (their payments are matched by
    account or assigned by hand). Read once per statement, for hundreds of member-years,
    so the check digits are computed here rather than through the library each time.
    """
    if not 0 < cluster_id <= MAX_CLUSTER_ID:
        derive(cluster_id=cluster_id, company_id=1, year=0)  # raises OgmRangeError
    years = list(years)
    found: dict[str, tuple[int, int]] = {}
    for company_id in company_ids:
        if not 0 < company_id <= MAX_COMPANY_ID:
            continue
        for year in years:
            found[_digits(cluster_id, company_id, year)] = (company_id, year)
    return found
