"""What the matching needs to know of a cluster, read once per statement as plain values,
and the structured communications of its member-years.

>>> program_years(2024, 3)
range(2024, 2027)
"""

from __future__ import annotations

from sqlmodel import Session, col, select

from ledger import state
from ledger.errors import InputError
from ledger.payments import ogm
from ledger.payments.matching import Directory
from ledger.problems import Problem
from ledger.storage.payment_tables import PayerAccount
from ledger.storage.tables import Cluster, Company, Membership

# Two digits name the year in a communication: a cluster's years must stay within a century.
YEAR_SPAN = 100


def program_years(start_year: int, max_years: int) -> range:
    return range(start_year, start_year + max_years)


def cluster_years(cluster: Cluster, *, session: Session) -> range:
    """The cluster's program years under the rule set it keeps (its first copy's length)."""
    assert cluster.id is not None
    rules = state.rule_copies(cluster.id, session=session).first
    return program_years(cluster.start_year, rules.max_years)


def _members(cluster: Cluster, *, session: Session) -> list[tuple[int, str, str]]:
    """(company id, enterprise number, name) of every member, in one plain query."""
    query = (
        select(Company.id, Company.kbo, Company.name)
        .join(Membership, col(Membership.company_id) == Company.id)
        .where(Membership.cluster_id == cluster.id)
    )
    return [tuple(row) for row in session.connection().execute(query).all()]  # type: ignore[misc]


def check_ogm_year(cluster: Cluster, year: int) -> None:
    """A year a communication can be derived for: from the start, within a century.

    Raises:
        InputError: before the start, or so far after it that two years would share one.
    """
    if not cluster.start_year <= year < cluster.start_year + YEAR_SPAN:
        raise Problem(
            "ogm.year-range",
            {
                "year": year,
                "cluster": cluster.name,
                "first": cluster.start_year,
                "last": cluster.start_year + YEAR_SPAN - 1,
            },
        ).error()


def member_ogm(cluster: Cluster, company_id: int, year: int) -> str:
    """The 12 digits of a member's communication for a year (see :mod:`ledger.payments.ogm`)."""
    check_ogm_year(cluster, year)
    assert cluster.id is not None
    return ogm.derive(cluster_id=cluster.id, company_id=company_id, year=year)


def shown_ogm(cluster: Cluster, company_id: int, year: int) -> str | None:
    """A member-year's communication as a payer types it (``+++001/0000/12608+++``), or
    None for a year that has none (before the start, or a century on)."""
    try:
        return ogm.display(member_ogm(cluster, company_id, year))
    except InputError:
        return None


def load_directory(cluster: Cluster, *, session: Session) -> tuple[Directory, dict[int, str]]:
    """The cluster's :class:`Directory`, and each member's enterprise number by company id."""
    assert cluster.id is not None
    members = _members(cluster, session=session)
    years = cluster_years(cluster, session=session)
    # Stored numbers are already the ten digits: dotted by slicing, as format_number does.
    names = {i: f"{name} ({kbo[:4]}.{kbo[4:7]}.{kbo[7:]})" for i, kbo, name in members}
    kbos = {i: kbo for i, kbo, _ in members}
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
