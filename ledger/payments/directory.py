"""What the matching needs to know of a cluster, read once per statement as plain values,
and the structured communications of its member-years.

>>> program_years(2024, 3)
range(2024, 2027)
"""

from __future__ import annotations

from sqlmodel import Session, col, select

from ledger import queries
from ledger.errors import InputError
from ledger.payments import ogm
from ledger.payments.matching import Directory
from ledger.rules import get_rule_set
from ledger.storage.payment_tables import PayerAccount
from ledger.storage.tables import Cluster

# Two digits name the year in a communication: a cluster's years must stay within a century.
YEAR_SPAN = 100


def program_years(start_year: int, max_years: int) -> range:
    return range(start_year, start_year + max_years)


def cluster_years(cluster: Cluster) -> range:
    """The cluster's program years under its rule set."""
    return program_years(cluster.start_year, get_rule_set(cluster.rule_set).max_years)


def check_ogm_year(cluster: Cluster, year: int) -> None:
    """A year a communication can be derived for: from the start, within a century.

    Raises:
        InputError: before the start, or so far after it that two years would share one.
    """
    if not cluster.start_year <= year < cluster.start_year + YEAR_SPAN:
        raise InputError(
            f"{year} is outside {cluster.name}'s years for structured communications "
            f"({cluster.start_year}-{cluster.start_year + YEAR_SPAN - 1})"
        )


def member_ogm(cluster: Cluster, company_id: int, year: int) -> str:
    """The 12 digits of a member's communication for a year (see :mod:`ledger.payments.ogm`)."""
    check_ogm_year(cluster, year)
    assert cluster.id is not None
    return ogm.derive(cluster_id=cluster.id, company_id=company_id, year=year)


def load_directory(cluster: Cluster, *, session: Session) -> tuple[Directory, dict[int, str]]:
    """The cluster's :class:`Directory`, and each member's enterprise number by company id."""
    assert cluster.id is not None
    standings = queries.member_standings(cluster, session=session)
    years = cluster_years(cluster)
    # Stored numbers are already the ten digits: dotted by slicing, as format_number does.
    names = {s.company_id: f"{s.name} ({s.kbo[:4]}.{s.kbo[4:7]}.{s.kbo[7:]})" for s in standings}
    kbos = {s.company_id: s.kbo for s in standings}
    payers: dict[str, set[int]] = {}
    rows = session.exec(
        select(PayerAccount.iban, PayerAccount.company_id).where(
            PayerAccount.cluster_id == cluster.id
        )
    ).all()
    for iban, company_id in rows:
        payers.setdefault(iban, set()).add(company_id)
    directory = Directory(
        ogms=ogm.communications(cluster.id, kbos, years),
        payers={k: frozenset(v) for k, v in payers.items()},
        kbos={kbo: company_id for company_id, kbo in kbos.items()},
        names=names,
        years=years,
    )
    return directory, kbos


def remembered_payers(cluster: Cluster, company_id: int, *, session: Session) -> list[str]:
    """The accounts the ledger has seen pay for a member, oldest first."""
    return list(
        session.exec(
            select(PayerAccount.iban)
            .where(PayerAccount.cluster_id == cluster.id, PayerAccount.company_id == company_id)
            .order_by(col(PayerAccount.id))
        ).all()
    )
