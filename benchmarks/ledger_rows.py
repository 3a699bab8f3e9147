"""The rows of a synthetic ledger: companies, memberships, entries, costs and locks.

Why it exists: the benchmarks need ledgers far larger than the sample data, with the
shape of a real programme, identical from run to run for a given seed. These functions
only draw rows from a seeded ``random.Random`` (in a fixed order: reordering the calls
changes every ledger); :mod:`ledger_build` writes them into a ledger file::

    rng, used = random.Random(SEED), set()
    companies = company_rows(rng, 300, used)
    members = membership_rows(rng, cluster_id=1, pool=300)
    entries, reversals = cluster_entries(rng, 1, members, next_id=1)

The shape: clusters under ``spearhead-2020`` from 2016, 300 members each over 10 years
(valid Belgian enterprise numbers; some join late, some leave), two to five
contributions per member and year, 3% reversed (naming the entry they cancel), half of
those re-entered, coordination costs in about nine years of ten, and year locks.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from typing import Any

RULE_SET = "spearhead-2020"
START_YEAR = 2016
YEARS = 10
MEMBERS = 300
SEED = 2016

Row = dict[str, Any]
# Member kinds by cumulative share: 88% enterprises, 6% knowledge institutions, 4% public.
KINDS = (
    (0.88, "enterprise"),
    (0.94, "knowledge_institution"),
    (0.98, "public_body"),
    (1.0, "other"),
)


def enterprise_number(rng: random.Random, used: set[str]) -> str:
    """A fresh valid Belgian enterprise number: 10 digits, first 0 or 1, mod-97 check last."""
    while True:
        first = "0" if rng.random() < 0.9 else "1"
        body = f"{first}{rng.randrange(10**7):07d}"
        if int(body) == 0:
            continue
        number = f"{body}{97 - int(body) % 97:02d}"
        if number not in used:
            used.add(number)
            return number


def random_day(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randrange((last - first).days + 1))


def stamp(day: date) -> datetime:
    """A timezone-aware UTC timestamp on ``day``, as the ledger's tables keep them."""
    return datetime(day.year, day.month, day.day, 9, 30, tzinfo=UTC)


def active_years(joined: date, left: date | None) -> list[int]:
    """The programme years a membership covers at least one day of (as ``queries.active_years``)."""
    return [
        y
        for y in range(START_YEAR, START_YEAR + YEARS)
        if joined <= date(y, 12, 31) and (left is None or left >= date(y, 1, 1))
    ]


def company_rows(rng: random.Random, count: int, used: set[str]) -> list[Row]:
    """Companies: mostly Flemish enterprises, some Brussels and Walloon, a few other kinds."""
    rows = []
    created = stamp(date(START_YEAR - 1, 12, 1))
    for i in range(1, count + 1):
        r = rng.random()
        if r < 0.85:
            postcode = rng.choice((rng.randrange(1500, 4000), rng.randrange(8000, 10000)))
        elif r < 0.93:
            postcode = rng.randrange(1000, 1300)
        else:
            postcode = rng.choice((rng.randrange(1300, 1500), rng.randrange(4000, 8000)))
        override = "flanders" if 1000 <= postcode < 1300 and rng.random() < 0.3 else None
        k = rng.random()
        kind = next(name for limit, name in KINDS if k < limit)
        rows.append(
            {
                "id": i,
                "kbo": enterprise_number(rng, used),
                "name": f"Onderneming {i:05d} BV",
                "postcode": f"{postcode:04d}",
                "region_override": override,
                "kind": kind,
                "created_at": created,
                "updated_at": created,
            }
        )
    return rows


def cluster_rows(rng: random.Random, clusters: int, used: set[str]) -> list[Row]:
    """Clusters ``Cluster 001``, ... under ``RULE_SET``, each with its own enterprise number."""
    return [
        {
            "id": i,
            "name": f"Cluster {i:03d}",
            "rule_set": RULE_SET,
            "start_year": START_YEAR,
            "kbo": enterprise_number(rng, used),
            "created_at": stamp(date(START_YEAR, 1, 1)),
        }
        for i in range(1, clusters + 1)
    ]


def membership_rows(rng: random.Random, cluster_id: int, pool: int) -> list[Row]:
    """``MEMBERS`` companies of the pool: 75% from the start, 8% leaving, 70% with a mandate."""
    rows = []
    for company_id in rng.sample(range(1, pool + 1), MEMBERS):
        if rng.random() < 0.75:
            joined = date(START_YEAR, 1, 1)
        else:
            joined = random_day(rng, date(START_YEAR, 2, 1), date(2024, 12, 31))
        left = None
        if rng.random() < 0.08 and joined.year < 2024:
            left = random_day(rng, date(joined.year + 1, 1, 1), date(2025, 12, 31))
        mandate = joined if rng.random() < 0.7 else None
        rows.append(
            {
                "cluster_id": cluster_id,
                "company_id": company_id,
                "joined": joined,
                "left": left,
                "mandate": mandate,
            }
        )
    return rows


def cluster_entries(
    rng: random.Random, cluster_id: int, memberships: list[Row], next_id: int
) -> tuple[list[Row], int]:
    """One cluster's contributions: 2 to 5 a member-year, 3% reversed, half of those re-entered.

    Members who left sometimes pay once more the year after: recorded, not counted.
    Returns the rows and the number of reversals among them.
    """
    rows: list[Row] = []
    reversals = 0

    def entry(company_id: int, year: int, cents: int, paid: date | None, **extra: Any) -> int:
        nonlocal next_id
        rows.append(
            {
                "id": next_id,
                "cluster_id": cluster_id,
                "company_id": company_id,
                "year": year,
                "amount_cents": cents,
                "paid_on": paid,
                "note": extra.get("note"),
                "source": "benchmark",
                "reverses_id": extra.get("reverses_id"),
                "created_at": stamp(paid or date(year, 12, 31)),
            }
        )
        next_id += 1
        return next_id - 1

    for m in memberships:
        years = active_years(m["joined"], m["left"])
        if m["left"] is not None and m["left"].year + 1 < START_YEAR + YEARS and rng.random() < 0.3:
            years.append(m["left"].year + 1)
        for year in years:
            for _ in range(rng.randint(2, 5)):
                cents = rng.randrange(100_00, 1_000_00)
                paid = random_day(rng, date(year, 1, 1), date(year, 12, 31))
                entry_id = entry(m["company_id"], year, cents, paid)
                if rng.random() < 0.03:
                    reversals += 1
                    extra = {"reverses_id": entry_id, "note": "wrong amount"}
                    entry(m["company_id"], year, -cents, None, **extra)
                    if rng.random() < 0.5:
                        entry(m["company_id"], year, rng.randrange(100_00, 1_000_00), paid)
    return rows, reversals


def cost_rows(rng: random.Random, cluster_id: int) -> list[Row]:
    """Coordination costs for about nine years in ten."""
    return [
        {
            "cluster_id": cluster_id,
            "year": year,
            "amount_cents": rng.randrange(600_000_00, 1_400_000_00),
            "updated_at": stamp(date(year, 12, 31)),
        }
        for year in range(START_YEAR, START_YEAR + YEARS)
        if rng.random() < 0.9
    ]


def lock_rows(cluster_id: int) -> list[Row]:
    """Every year before 2024 locked at the end of the next March."""
    return [
        {
            "cluster_id": cluster_id,
            "year": year,
            "locked": True,
            "reason": None,
            "actor": "benchmark",
            "at": stamp(date(year + 1, 3, 31)),
        }
        for year in range(START_YEAR, 2024)
    ]
