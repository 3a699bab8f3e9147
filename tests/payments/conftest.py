"""A cluster with two members and an account, on SQLite and PostgreSQL, and the
hand-written statement files in ``data/`` (see data/README.md)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from ledger import operations
from ledger.payments.actions import add_account
from ledger.session import Ledger

DATA = Path(__file__).parent / "data"
ACCOUNT = "BE43068999999501"
CLUSTER = "Circular Plastics"
ALFA, BETA = "0403170701", "0123456749"  # company ids 1 and 2: communications 001000012608...

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "sample_data"))


@pytest.fixture
def payments_ledger(ledger: Ledger) -> Ledger:
    """Circular Plastics (ibn-2026, from 2026) with Alfa NV and Beta BV and its account."""
    with ledger.write() as tx:
        cluster = operations.add_cluster(tx, name=CLUSTER, rule_set_id="ibn-2026", start_year=2026)
        operations.add_member(tx, cluster, kbo=ALFA, name="Alfa NV", postcode="9000")
        operations.add_member(tx, cluster, kbo=BETA, name="Beta BV", postcode="3000")
        add_account(tx, cluster, iban=ACCOUNT)
    return ledger


def data(name: str) -> Path:
    return DATA / name
