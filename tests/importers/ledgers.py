"""A ledger with one cluster and two members, for importer tests that bypass the CLI."""

from __future__ import annotations

from ledger import operations
from ledger.kinds import MemberKind
from ledger.session import Ledger

CLUSTER = "Circular Plastics"


def with_members(ledger: Ledger) -> Ledger:
    with ledger.write() as tx:
        cluster = operations.add_cluster(tx, name=CLUSTER, rule_set_id="ibn-2026", start_year=2026)
        operations.add_member(tx, cluster, kbo="0403170701", name="Alfa NV", postcode="9000")
        operations.add_member(
            tx,
            cluster,
            kbo="0123456749",
            name="KU Kennis",
            postcode="3000",
            kind=MemberKind.KNOWLEDGE_INSTITUTION,
        )
    return ledger
